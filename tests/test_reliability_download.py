"""`mnist-studio download` as a user runs it, against misbehaving mirrors on 127.0.0.1: every fault ends with
the four verified files, or with a non-zero exit and one line on stderr, and never with a partial or wrong
file under a final name.

Each case runs the real command in a subprocess (bounded by a timeout) and then looks at what is
left in the data folder. Only the two small label files are fetched (genuine copies of the two
image files are put in place first), except where a big file is needed to interrupt a transfer.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mirror_server import GZ_NAMES, MirrorServer

CLI = [sys.executable, "-m", "mnist_studio.core.cli", "download"]
IMAGES = ["train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz"]
LABELS = ["train-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]


def download(folder: Path, *mirrors: str, extra=(), timeout: float = 60) -> subprocess.CompletedProcess:
    args = [*CLI, "--data-dir", str(folder), *extra]
    for m in mirrors:
        args += ["--mirror", m]
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)


def with_images(folder: Path, mnist_dir: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in IMAGES:
        shutil.copy(mnist_dir / name, folder / name)
    return folder


def assert_verified(folder: Path, genuine: dict[str, str]) -> None:
    """Exactly the four final names, each a gzip of the genuine content; nothing else at all."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(GZ_NAMES)
    for name in GZ_NAMES:
        digest = hashlib.sha256(gzip.decompress((folder / name).read_bytes())).hexdigest()
        assert digest == genuine[name], name


def assert_one_line_failure(proc: subprocess.CompletedProcess, *needles: str) -> str:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert line.startswith("mnist-studio: error: could not download ")
    for needle in needles:
        assert needle in line, line
    return line


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens: connection refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


# (mirror mode, words the one-line error must contain, extra options)
FAULTS = [
    ("404", "HTTP 404", ()),
    ("html", "served a web page", ()),
    ("wrong", "wrong SHA-256", ()),
    ("hangup", "connection closed after", ()),
    ("stall", "stalled: no data for 1 s", ("--timeout", "1")),
]


@pytest.mark.parametrize("mode, words, extra", FAULTS, ids=[f[0] for f in FAULTS])
def test_a_bad_mirror_alone_is_one_line_and_leaves_only_genuine_files(
    tmp_path, mnist_dir, mode, words, extra
):
    folder = with_images(tmp_path / "data", mnist_dir)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with MirrorServer(mnist_dir, mode, stall_seconds=20) as bad:
        proc = download(folder, bad.url, extra=("--quiet", *extra))
    line = assert_one_line_failure(
        proc, "train-labels-idx1-ubyte.gz", bad.url, words, "--mirror", str(folder)
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert "\n" not in line
    # Nothing new under any name (no .part either), and the genuine files are untouched.
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.parametrize("mode, words, extra", FAULTS, ids=[f[0] for f in FAULTS])
def test_a_bad_mirror_then_a_good_one_gives_the_four_verified_files(
    tmp_path, mnist_dir, genuine, mode, words, extra
):
    folder = with_images(tmp_path / "data", mnist_dir)
    with MirrorServer(mnist_dir, mode, stall_seconds=20) as bad, MirrorServer(mnist_dir) as good:
        proc = download(folder, bad.url, good.url, extra=extra)
        assert good.requested("train-labels-idx1-ubyte.gz") == 1
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"MNIST is ready in {folder}"
    assert "Traceback" not in proc.stderr
    # What went wrong is a note, one line per failed attempt, naming the mirror and the next step.
    notes = [line for line in proc.stderr.splitlines() if line.startswith("mnist-studio: note:")]
    assert notes and all(bad.url in n for n in notes)
    assert "trying the next mirror" in notes[-1] and words in notes[-1]
    assert_verified(folder, genuine)


def test_every_kind_of_bad_mirror_in_a_row_then_a_good_one(tmp_path, mnist_dir, genuine):
    """Refused, 404, web page, wrong bytes, hang-up, stall, and only then a working mirror: still the genuine
    files.
    """
    folder = with_images(tmp_path / "data", mnist_dir)
    modes = ["404", "html", "wrong", "hangup", "stall"]
    servers = [MirrorServer(mnist_dir, m, stall_seconds=20) for m in modes]
    good = MirrorServer(mnist_dir)
    for s in [*servers, good]:
        s.__enter__()
    try:
        proc = download(
            folder, closed_port_url(), *(s.url for s in servers), good.url, extra=("--timeout", "1")
        )
    finally:
        for s in [*servers, good]:
            s.close()
    assert proc.returncode == 0, proc.stderr
    assert_verified(folder, genuine)


def test_no_mirror_reachable(tmp_path, mnist_dir):
    folder = with_images(tmp_path / "data", mnist_dir)
    dead = closed_port_url()
    proc = download(folder, dead, extra=("--quiet",))
    assert_one_line_failure(proc, dead, "refused")
    assert sorted(p.name for p in folder.iterdir()) == sorted(IMAGES)


def test_failure_with_notes_still_ends_with_the_one_error_line(tmp_path, mnist_dir):
    """Without --quiet the failed attempts are notes as they happen; the error is the last line, said once."""
    folder = with_images(tmp_path / "data", mnist_dir)
    with MirrorServer(mnist_dir, "hangup") as bad:
        proc = download(folder, bad.url)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("mnist-studio: error:")]
    assert errors == [lines[-1]]
    assert any("trying once more" in line for line in lines)  # a dropped connection is retried once
    assert sorted(p.name for p in folder.iterdir()) == sorted(IMAGES)


def test_the_read_timeout_is_30_seconds_at_most():
    import inspect

    from mnist_studio.core.cli import build_parser
    from mnist_studio.core.download import download_mnist

    assert build_parser().parse_args(["download"]).timeout <= 30
    assert inspect.signature(download_mnist).parameters["timeout"].default <= 30


def test_a_dropped_connection_resumes_where_it_stopped(tmp_path, mnist_dir, genuine):
    folder = tmp_path / "data"
    with MirrorServer(mnist_dir, "hangup_once") as flaky:
        proc = download(folder, flaky.url, extra=("--quiet",))
        ranges = {path.rsplit("/", 1)[-1]: rng for path, rng in flaky.requests if rng}
    assert proc.returncode == 0, proc.stderr
    assert_verified(folder, genuine)
    # Each file was asked for again from the byte where the first try stopped (half of it).
    for name in GZ_NAMES:
        half = (mnist_dir / name).stat().st_size // 2
        assert ranges[name] == f"bytes={half}-"


# ---------------------------------------------------------------------------------------------
# What the data folder already holds


def _damaged_copies(mnist_dir: Path) -> dict[str, bytes]:
    labels = (mnist_dir / "train-labels-idx1-ubyte.gz").read_bytes()
    content = bytearray(gzip.decompress((mnist_dir / "t10k-labels-idx1-ubyte.gz").read_bytes()))
    content[100] = (content[100] + 1) % 10  # one wrong label: valid gzip, right size, wrong checksum
    return {
        "train-labels-idx1-ubyte.gz": labels[: len(labels) // 2],  # truncated
        "t10k-labels-idx1-ubyte.gz": gzip.compress(bytes(content)),  # wrong
    }


def test_truncated_and_wrong_files_in_the_folder_are_replaced(tmp_path, mnist_dir, genuine):
    folder = with_images(tmp_path / "data", mnist_dir)
    for name, blob in _damaged_copies(mnist_dir).items():
        (folder / name).write_bytes(blob)
    (folder / ".train-labels-idx1-ubyte.gz.part").write_bytes(b"left over from a killed run")
    with MirrorServer(mnist_dir) as good:
        proc = download(folder, good.url)
        assert sorted(good.seen) == sorted(LABELS)  # only the damaged files were fetched again
    assert proc.returncode == 0, proc.stderr
    assert "damaged" in proc.stderr
    assert_verified(folder, genuine)


def test_a_wrong_file_in_the_folder_is_not_replaced_by_wrong_bytes(tmp_path, mnist_dir):
    """A wrong mirror cannot "repair" a damaged file: the download fails, and nothing it sent is kept."""
    folder = with_images(tmp_path / "data", mnist_dir)
    damaged = _damaged_copies(mnist_dir)
    for name, blob in damaged.items():
        (folder / name).write_bytes(blob)
    with MirrorServer(mnist_dir, "wrong") as bad:
        proc = download(folder, bad.url, extra=("--quiet",))
    assert_one_line_failure(proc, "wrong SHA-256")
    for name, blob in damaged.items():
        assert (
            folder / name
        ).read_bytes() == blob  # the user's file is left as it was, not swapped for other wrong bytes
    assert sorted(p.name for p in folder.iterdir()) == sorted(IMAGES + LABELS)


# ---------------------------------------------------------------------------------------------
# The command interrupted


def _default_ctrl_c() -> None:
    """In the child: Ctrl-C as a terminal gives it. A test run started in the background (`cmd &`) has
    SIGINT ignored, the child would inherit that, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_slow(folder: Path, mirror: MirrorServer) -> tuple[subprocess.Popen, Path]:
    proc = subprocess.Popen(
        [*CLI, "--data-dir", str(folder), "--mirror", mirror.url, "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_ctrl_c if os.name == "posix" else None,
    )
    part = folder / ".train-images-idx3-ubyte.gz.part"
    deadline = time.monotonic() + 30
    while not (part.exists() and part.stat().st_size > 50_000):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the download never got going"
        time.sleep(0.02)
    return proc, part


def test_ctrl_c_midway_leaves_nothing_half_written(tmp_path, mnist_dir):
    folder = tmp_path / "data"
    with MirrorServer(mnist_dir, "slow", slow_pause=0.01) as slow:
        proc, part = _start_slow(folder, slow)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.strip() == "mnist-studio: interrupted"
    assert list(folder.iterdir()) == []  # the .part was removed, no final name was ever given


def test_killed_midway_then_run_again(tmp_path, mnist_dir, genuine):
    """A hard kill cannot clean up, but a half file only ever has the hidden .part name, and the next run
    starts it over.
    """
    folder = tmp_path / "data"
    with MirrorServer(mnist_dir, "slow", slow_pause=0.01) as slow:
        proc, part = _start_slow(folder, slow)
        proc.kill()
        proc.communicate(timeout=30)
    assert [p.name for p in folder.iterdir()] == [part.name]
    assert part.stat().st_size < (mnist_dir / "train-images-idx3-ubyte.gz").stat().st_size

    from mnist_studio.core.errors import DataError
    from mnist_studio.core.mnist import load_raw

    with pytest.raises(DataError):
        load_raw(folder)  # the loader does not take the hidden half file for data
    with MirrorServer(mnist_dir) as good:
        again = download(folder, good.url, extra=("--quiet",))
    assert again.returncode == 0, again.stderr
    assert_verified(folder, genuine)
