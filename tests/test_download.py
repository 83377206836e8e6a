"""The downloader against a local fake mirror: good files arrive verified, bad mirrors are skipped, and
nothing half-written ever keeps a final name.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import logging
import shutil
import threading
from pathlib import Path

import pytest
from mirror_server import GZ_NAMES, MirrorServer

from mnist_studio.core import download as dl
from mnist_studio.core.download import DownloadCancelled, download_mnist
from mnist_studio.core.errors import DownloadError, UserError
from mnist_studio.core.progress import Progress, format_duration


@pytest.fixture
def good(mnist_dir):
    with MirrorServer(mnist_dir) as srv:
        yield srv


def server(mnist_dir, mode, **kw) -> MirrorServer:
    return MirrorServer(mnist_dir, mode, **kw)


def assert_genuine(folder: Path, genuine: dict[str, str], names=GZ_NAMES) -> None:
    for name in names:
        content = gzip.decompress((folder / name).read_bytes())
        assert hashlib.sha256(content).hexdigest() == genuine[name], name


def leftovers(folder: Path) -> list[str]:
    """Files other than the four final names: .part files, temp files."""
    return sorted(p.name for p in folder.iterdir() if p.name not in GZ_NAMES)


def prefill(folder: Path, mnist_dir: Path, names) -> None:
    """Put genuine copies of some files in place, so a test downloads only the small ones."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(mnist_dir / name, folder / name)


BIG = ["train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz"]


# ---------------------------------------------------------------------------------------------
# A good mirror


def test_good_mirror_downloads_all_four_verified(good, tmp_path, genuine):
    folder = tmp_path / "new" / "data"  # created on the way
    assert download_mnist(folder, mirrors=[good.url], progress=False) == folder
    assert_genuine(folder, genuine)
    assert leftovers(folder) == []
    assert sorted(good.seen) == sorted(GZ_NAMES)

    # Everything is there and genuine: a second run asks the mirror for nothing.
    before = len(good.requests)
    download_mnist(folder, mirrors=[good.url], progress=False)
    assert len(good.requests) == before


def test_downloaded_files_load_as_mnist(good, tmp_path):
    from mnist_studio.core.mnist import clear_cache, load_raw

    download_mnist(tmp_path, mirrors=[good.url.rstrip("/")], progress=False)  # no trailing slash is fine
    raw = load_raw(tmp_path)
    assert raw.x_train.shape == (60000, 784) and raw.t_test[0] == 7
    clear_cache()


def test_progress_callback_sees_every_file_grow_to_its_size(good, tmp_path, mnist_dir):
    calls: list[tuple[int, int | None, str]] = []
    download_mnist(tmp_path, mirrors=[good.url], progress=lambda d, t, n: calls.append((d, t, n)))
    names = [n for _, _, n in calls]
    assert list(dict.fromkeys(names)) == list(GZ_NAMES)  # in order, one file after the other
    for name in GZ_NAMES:
        mine = [(d, t) for d, t, n in calls if n == name]
        size = (mnist_dir / name).stat().st_size
        assert mine[-1] == (size, size)
        assert [d for d, _ in mine] == sorted(d for d, _ in mine)


def test_progress_bar_goes_to_stderr(good, tmp_path, mnist_dir, capsys):
    prefill(tmp_path, mnist_dir, BIG + ["train-labels-idx1-ubyte.gz"])
    download_mnist(tmp_path, mirrors=[good.url])
    err = capsys.readouterr().err
    assert "t10k-labels-idx1-ubyte.gz" in err and "100%" in err and "/s" in err


def test_plain_genuine_files_count_as_present(good, tmp_path, mnist_dir):
    prefill(tmp_path, mnist_dir, GZ_NAMES[1:])
    (tmp_path / "train-images-idx3-ubyte").write_bytes(
        gzip.decompress((mnist_dir / GZ_NAMES[0]).read_bytes())
    )
    download_mnist(tmp_path, mirrors=[good.url], progress=False)
    assert good.requests == []


# ---------------------------------------------------------------------------------------------
# Bad mirrors


def test_falls_back_from_404_to_the_next_mirror(good, tmp_path, mnist_dir, genuine):
    with server(mnist_dir, "404") as bad:
        download_mnist(tmp_path, mirrors=[bad.url, good.url], progress=False)
        assert_genuine(tmp_path, genuine)
        # The dead mirror was tried for the first file only: later files start with the one that worked.
        assert len(bad.requests) == 1
    assert leftovers(tmp_path) == []


def test_wrong_data_alone_fails_and_leaves_nothing(tmp_path, mnist_dir):
    prefill(tmp_path, mnist_dir, BIG)
    with server(mnist_dir, "wrong") as bad:
        with pytest.raises(DownloadError) as info:
            download_mnist(tmp_path, mirrors=[bad.url], progress=False)
    message = str(info.value)
    assert "train-labels-idx1-ubyte.gz" in message and bad.url in message
    assert "wrong SHA-256" in message
    assert "--mirror" in message and str(tmp_path) in message and "\n" not in message
    # No file under a final name except the genuine ones we put there, and no .part left.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(BIG)


def test_every_mirror_is_named_in_the_final_error(tmp_path, mnist_dir):
    prefill(tmp_path, mnist_dir, BIG)
    with server(mnist_dir, "404") as a, server(mnist_dir, "html") as b:
        with pytest.raises(DownloadError) as info:
            download_mnist(tmp_path, mirrors=[a.url, b.url], progress=False)
    message = str(info.value)
    assert f"{a.url} (HTTP 404" in message
    assert f"{b.url} (served a web page" in message


def test_html_page_is_not_taken_for_the_file(good, tmp_path, mnist_dir, genuine):
    prefill(tmp_path, mnist_dir, BIG)
    with server(mnist_dir, "html") as bad:
        with pytest.raises(DownloadError, match="web page"):
            download_mnist(tmp_path, mirrors=[bad.url], progress=False)
        assert leftovers(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == sorted(BIG)
        download_mnist(tmp_path, mirrors=[bad.url, good.url], progress=False)
    assert_genuine(tmp_path, genuine)


def test_hang_up_halfway_retries_once_then_moves_on(good, tmp_path, mnist_dir, genuine, caplog):
    prefill(tmp_path, mnist_dir, BIG)
    with server(mnist_dir, "hangup") as bad:
        with pytest.raises(DownloadError, match="connection closed after"):
            download_mnist(tmp_path, mirrors=[bad.url], progress=False)
        assert bad.requested("train-labels-idx1-ubyte.gz") == 2  # the first try and one retry
        assert leftovers(tmp_path) == []
        with caplog.at_level(logging.WARNING, logger="mnist_studio.core.download"):
            download_mnist(tmp_path, mirrors=[bad.url, good.url], progress=False)
    assert_genuine(tmp_path, genuine)
    assert any("trying the next mirror" in r.getMessage() for r in caplog.records)


def test_hang_up_once_resumes_with_a_range_request(tmp_path, mnist_dir, genuine):
    with server(mnist_dir, "hangup_once") as flaky:
        download_mnist(tmp_path, mirrors=[flaky.url], progress=False)
        ranges = [rng for path, rng in flaky.requests if rng]
    assert_genuine(tmp_path, genuine)
    assert len(ranges) == 4 and all(r.startswith("bytes=") for r in ranges)


def test_stalled_mirror_times_out_and_the_next_one_is_used(good, tmp_path, mnist_dir, genuine, caplog):
    prefill(tmp_path, mnist_dir, BIG)
    with server(mnist_dir, "stall") as stuck:
        with caplog.at_level(logging.WARNING, logger="mnist_studio.core.download"):
            download_mnist(tmp_path, mirrors=[stuck.url, good.url], progress=False, timeout=1.0)
    assert_genuine(tmp_path, genuine)
    assert any("stalled" in r.getMessage() for r in caplog.records)
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------------------------------------
# Files already there


def test_truncated_file_under_the_final_name_is_replaced(good, tmp_path, mnist_dir, genuine):
    prefill(tmp_path, mnist_dir, BIG + ["t10k-labels-idx1-ubyte.gz"])
    blob = (mnist_dir / "train-labels-idx1-ubyte.gz").read_bytes()
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(blob[: len(blob) // 2])
    download_mnist(tmp_path, mirrors=[good.url], progress=False)
    assert_genuine(tmp_path, genuine)
    assert good.seen == {"train-labels-idx1-ubyte.gz": 1}


def test_wrong_content_under_the_final_name_is_replaced(good, tmp_path, mnist_dir, genuine):
    prefill(tmp_path, mnist_dir, BIG + ["train-labels-idx1-ubyte.gz"])
    labels = bytearray(gzip.decompress((mnist_dir / "t10k-labels-idx1-ubyte.gz").read_bytes()))
    labels[8] = (labels[8] + 1) % 10  # a single wrong label: same size, valid gzip, wrong checksum
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(bytes(labels)))
    download_mnist(tmp_path, mirrors=[good.url], progress=False)
    assert_genuine(tmp_path, genuine)
    assert good.seen == {"t10k-labels-idx1-ubyte.gz": 1}


def test_nothing_to_do_needs_no_network_and_no_write(tmp_path, mnist_dir):
    prefill(tmp_path, mnist_dir, GZ_NAMES)
    with server(mnist_dir, "404") as dead:
        download_mnist(tmp_path, mirrors=[dead.url], progress=False)
        assert dead.requests == []
    assert leftovers(tmp_path) == []


def test_data_dir_that_cannot_be_created_is_a_clear_error(tmp_path, good):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(DownloadError, match="cannot create the data folder .*--data-dir"):
        download_mnist(blocker / "mnist", mirrors=[good.url], progress=False)
    with pytest.raises(DownloadError, match="is a file, not a folder"):
        download_mnist(blocker, mirrors=[good.url], progress=False)


def test_read_only_data_dir_is_a_clear_error(tmp_path, good, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        probe = folder / "probe"
        try:
            probe.write_bytes(b"")
        except PermissionError:
            pass
        else:
            # Root writes anywhere: make the folder refuse the way a read-only one does.
            probe.unlink()

            def refuse(*args, **kwargs):
                raise PermissionError(13, "Permission denied")

            monkeypatch.setattr(dl.tempfile, "TemporaryFile", refuse)
        with pytest.raises(
            DownloadError, match="cannot write to the data folder .*Permission denied.*--data-dir"
        ):
            download_mnist(folder, mirrors=[good.url], progress=False)
        assert good.requests == []
    finally:
        folder.chmod(0o700)


# ---------------------------------------------------------------------------------------------
# Cancel


def test_cancel_midway_leaves_no_part_and_no_final_file(tmp_path, mnist_dir):
    prefill(
        tmp_path,
        mnist_dir,
        ["train-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"],
    )
    cancel = threading.Event()
    seen = []

    def on_progress(done, total, name):
        seen.append(done)
        if done > 0:
            cancel.set()

    with server(mnist_dir, "slow") as slow:
        with pytest.raises(DownloadCancelled):
            download_mnist(tmp_path, mirrors=[slow.url], progress=on_progress, cancel=cancel)
    assert seen and max(seen) < (mnist_dir / "train-images-idx3-ubyte.gz").stat().st_size
    assert not (tmp_path / "train-images-idx3-ubyte.gz").exists()
    assert leftovers(tmp_path) == []


def test_cancel_interrupts_a_stalled_connection(tmp_path, mnist_dir):
    cancel = threading.Event()
    with server(mnist_dir, "stall", stall_seconds=20) as stuck:
        timer = threading.Timer(0.3, cancel.set)
        timer.start()
        with pytest.raises(DownloadCancelled):
            download_mnist(tmp_path, mirrors=[stuck.url], progress=False, cancel=cancel, timeout=30)
        # We gave up while the server was still holding the response: cancel did not wait it out.
        assert stuck.stalls_finished == 0
    assert list(tmp_path.iterdir()) == []


def test_cancel_before_start_downloads_nothing(good, tmp_path):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(DownloadCancelled):
        download_mnist(tmp_path, mirrors=[good.url], progress=False, cancel=cancel)
    assert good.requests == []


def test_a_local_folder_works_as_a_file_url_mirror(tmp_path, mnist_dir, genuine):
    download_mnist(tmp_path, mirrors=[mnist_dir.as_uri()], progress=False)
    assert_genuine(tmp_path, genuine)


def test_a_mirror_that_is_not_a_url_is_refused_up_front(tmp_path):
    with pytest.raises(DownloadError, match="'example.org/mnist' is not a URL"):
        download_mnist(tmp_path, mirrors=["example.org/mnist"], progress=False)


def test_error_classes():
    assert issubclass(DownloadCancelled, UserError)
    assert issubclass(DownloadError, UserError)
    assert all(m.startswith(("https://", "http://")) and m.endswith("/") for m in dl.MIRRORS)


# ---------------------------------------------------------------------------------------------
# The progress bar (shared with the trainer and the CLI)


class FakeClock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


class TtyStream(io.StringIO):
    def isatty(self):
        return True


def test_progress_plain_lines_at_most_every_two_seconds():
    clock, out = FakeClock(), io.StringIO()
    bar = Progress(100, unit="it", label="train", stream=out, clock=clock)
    for i in range(1, 101):
        clock.t += 0.1  # 10 s in all
        bar.update(i)
    bar.close()
    lines = out.getvalue().splitlines()
    assert 4 <= len(lines) <= 6  # one per 2 s, plus the final line
    assert lines[-1].startswith("train 100% 100/100 it 10.0 it/s in 0:10")
    assert "ETA" in lines[0] and "\r" not in out.getvalue()


def test_progress_tty_redraws_in_place_at_most_ten_times_a_second():
    clock, out = FakeClock(), TtyStream()
    with Progress(1000, stream=out, clock=clock) as bar:
        for i in range(1, 1001):
            clock.t += 0.01  # 10 s, 1000 updates
            bar.update(i)
    text = out.getvalue()
    assert 90 <= text.count("\r") <= 101
    assert text.endswith("\n") and "[" + "#" * 24 + "]" in text


def test_progress_bytes_show_megabytes_rate_and_eta():
    clock, out = FakeClock(), io.StringIO()
    bar = Progress(10 * 2**20, unit="B", label="f.gz", stream=out, clock=clock)
    clock.t += 2.5
    bar.update(5 * 2**20)
    assert bar.line() == "f.gz  50% 5.0/10.0 MB 2.0 MB/s ETA 0:02"
    assert bar.eta() == pytest.approx(2.5)


def test_progress_unknown_total_and_disabled():
    clock, out = FakeClock(), io.StringIO()
    bar = Progress(None, unit="B", stream=out, clock=clock)
    bar.close()
    assert out.getvalue() == ""  # nothing known, nothing printed
    quiet = Progress(10, stream=out, enabled=False, clock=clock)
    clock.t += 5
    quiet.update(5)
    quiet.close()
    assert out.getvalue() == ""
    assert format_duration(3725) == "1:02:05" and format_duration(59.6) == "1:00"
