"""Fetch the four MNIST files from public mirrors, trusting none of them: every file is checked against a
known SHA-256 before it gets its final name.

For each file: try each mirror in turn, stream into a hidden `.NAME.part` file in the data folder,
decompress it and compare the SHA-256 of the content with the published sum, and only then rename
it to its final name. A mirror that fails (HTTP error, a web page instead of the file, a dropped or
stalled connection, wrong bytes) is logged in one line and the next one is tried. A half-written
file never carries a final name, and a cancel stops within about a second, leaving nothing behind.
Only the standard library (urllib) is used, so downloading works in any Python.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import tempfile
import threading
import zlib
from pathlib import Path
from typing import Callable

from .durable import fsync_folder
from .errors import DownloadError, UserError
from .mnist import FILES, SHA256, SIZES
from .paths import resolve_data_dir
from .progress import Progress
from .transfer import Hangup, LocalWriteError, MirrorFailed, Transfer, short_reason

# Public mirrors of the original gzipped files, tried in this order. Any base URL that serves the
# four .gz names works as a mirror, including a local folder as file:///path/to/folder/.
MIRRORS: list[str] = [
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
]

# seconds between checks for cancel while a transfer runs
_POLL = 0.1

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, "int | None", str], None]


class DownloadCancelled(UserError):
    """The user cancelled the download; nothing half-written was left behind."""


# ---------------------------------------------------------------------------------------------
# Checking a file


def verify_gz(path: Path, base: str) -> str | None:
    """None if `path` is a gzip of exactly the genuine `base` file, else a short reason why not.

    Streams the decompression (a few MB at a time), so memory stays small, and stops as soon as the
    content is longer than the genuine file.
    """
    expected_size = SIZES[base]
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as raw:
            if raw.read(2) != b"\x1f\x8b":
                return "not a gzip file"
            raw.seek(0)
            with gzip.GzipFile(fileobj=raw, mode="rb") as f:
                while True:
                    chunk = f.read(1 << 20)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > expected_size:
                        return f"content longer than the genuine {expected_size} bytes"
                    digest.update(chunk)
    except (EOFError, gzip.BadGzipFile, zlib.error):
        return "damaged or truncated gzip data"
    except OSError as e:
        return f"cannot read ({e.strerror or e})"
    if size != expected_size:
        return f"content is {size} bytes, the genuine file has {expected_size}"
    if digest.hexdigest() != SHA256[base]:
        return f"wrong SHA-256 ({digest.hexdigest()[:12]}..., expected {SHA256[base][:12]}...)"
    return None


def _plain_ok(path: Path, base: str) -> bool:
    """True if an un-gzipped copy of `base` is present and genuine (then there is nothing to fetch)."""
    try:
        if path.stat().st_size != SIZES[base]:
            return False
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest() == SHA256[base]
    except OSError:
        return False


# ---------------------------------------------------------------------------------------------
# The public entry point


def download_mnist(
    data_dir: str | os.PathLike | None = None,
    mirrors: list[str] | None = None,
    progress: bool | ProgressCallback | None = True,
    cancel: threading.Event | None = None,
    timeout: float = 30.0,
) -> Path:
    """Make sure the four verified MNIST .gz files are in data_dir, downloading what is missing or damaged.

    data_dir  folder to fill (default: the resolved data folder); created if needed.
    mirrors   base URLs to try in order (default MIRRORS); each serves the four .gz files.
    progress  True: a progress bar on stderr; False/None: quiet; or a callable
              progress(done_bytes, total_bytes_or_None, filename), called from this thread
              about 10 times a second (done_bytes restarts from 0 when a mirror is retried).
    cancel    set this Event (from another thread) to stop within ~1 s; raises DownloadCancelled.
    timeout   seconds to wait for a connection or for the next bytes before giving up on a mirror.

    Files already present and genuine (as .gz, or as the plain un-gzipped file) are kept. Returns
    data_dir. Raises DownloadError (one line: the file, each mirror tried with its error, what to
    do) when no mirror delivers a genuine copy.
    """
    folder = resolve_data_dir(data_dir)
    mirror_list = [m if m.endswith("/") else m + "/" for m in (mirrors or MIRRORS)]
    if not mirror_list:
        raise DownloadError("no mirror to download MNIST from; pass --mirror URL")
    for m in mirror_list:
        if not m.lower().startswith(("http://", "https://", "file://")):
            raise DownloadError(
                f"mirror {m.rstrip('/')!r} is not a URL; give one like https://host/mnist/ (or file:///folder/)"
            )
    timeout = float(timeout)

    _make_folder(folder)
    writable_checked = False
    for base in FILES.values():
        _check_cancel(cancel, None)
        name = base + ".gz"
        final = folder / name
        if final.exists():
            problem = verify_gz(final, base)
            if problem is None:
                continue
            log.warning("%s is damaged (%s); downloading it again", final, problem)
        elif _plain_ok(folder / base, base):
            continue
        if not writable_checked:
            _check_writable(folder)
            writable_checked = True
        used = _fetch_one(folder, base, mirror_list, progress, cancel, timeout)
        # Start the next file with the mirror that just worked; failed ones are kept as fallbacks.
        mirror_list.remove(used)
        mirror_list.insert(0, used)
    return folder


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise DownloadError(
            f"{folder} is a file, not a folder; choose another data folder with --data-dir or "
            "MNIST_STUDIO_DATA"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DownloadError(
            f"cannot create the data folder {folder} ({e.strerror or e}); "
            "choose a folder you can write to with --data-dir or MNIST_STUDIO_DATA",
            kind="folder_not_writable", folder=str(folder),
        ) from None


def _check_writable(folder: Path) -> None:
    # Ask the file system itself (os.access is wrong for ACLs, network drives and root).
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".mnist-studio-write-test"):
            pass
    except OSError as e:
        raise DownloadError(
            f"cannot write to the data folder {folder} ({e.strerror or e}); "
            "choose a folder you can write to with --data-dir or MNIST_STUDIO_DATA",
            kind="folder_not_writable", folder=str(folder),
        ) from None


def _check_cancel(cancel: threading.Event | None, part: Path | None) -> None:
    if cancel is not None and cancel.is_set():
        if part is not None:
            _remove(part)
        raise DownloadCancelled("download cancelled; nothing half-written was kept")


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as e:
        log.warning("could not remove %s (%s)", path, e.strerror or e)


def _fetch_one(folder, base, mirrors, progress, cancel, timeout) -> str:
    """Download, verify and install `base`.gz from the first mirror that delivers it; return that mirror."""
    name = base + ".gz"
    final = folder / name
    part = folder / f".{name}.part"
    failures: list[tuple[str, str]] = []
    try:
        for i, mirror in enumerate(mirrors):
            url = mirror + name
            then = "trying the next mirror" if i + 1 < len(mirrors) else "no mirror left"
            offset = 0
            retried = False
            while True:
                _check_cancel(cancel, part)
                try:
                    _run_transfer(url, part, offset, name, progress, cancel, timeout)
                except Hangup as e:
                    if not retried:
                        # A dropped connection is often a one-off: one more try on the same mirror,
                        # continuing where it stopped if the server accepts byte ranges.
                        retried = True
                        offset = _part_size(part) if e.resumable else 0
                        log.warning("%s: %s; trying once more", url, e)
                        continue
                    failures.append((mirror, str(e)))
                    log.warning("%s: %s; %s", url, e, then)
                    break
                except MirrorFailed as e:
                    failures.append((mirror, str(e)))
                    log.warning("%s: %s; %s", url, e, then)
                    break
                problem = verify_gz(part, base)
                if problem is not None:
                    failures.append((mirror, problem))
                    log.warning("%s: %s; %s", url, problem, then)
                    break
                _check_cancel(cancel, part)
                os.replace(part, final)
                fsync_folder(folder)
                log.info("%s: verified, saved as %s", url, final)
                return mirror
    finally:
        _remove(part)
    tried = "; ".join(f"{m} ({err})" for m, err in failures)
    raise DownloadError(
        f"could not download {name}: tried {tried}. Check your internet connection, pass --mirror URL "
        f"with a working mirror, or copy the four MNIST .gz files into {folder} by hand",
        kind="download_failed", file=name, folder=str(folder),
    )


def _run_transfer(url, part, offset, name, progress, cancel, timeout) -> Transfer:
    """Run one transfer in a worker thread, reporting progress and watching for cancel from this thread."""
    transfer = Transfer(url, part, timeout, offset)
    bar = Progress(None, unit="B", label=name, initial=offset) if progress is True else None
    callback = progress if callable(progress) else None
    last_reported = None

    def report() -> None:
        nonlocal last_reported
        state = (transfer.done, transfer.total)
        if state == last_reported:
            return
        last_reported = state
        if bar is not None:
            bar.total = transfer.total or None
            bar.update(transfer.done)
        if callback is not None:
            callback(transfer.done, transfer.total, name)

    transfer.start()
    try:
        while transfer.is_alive():
            transfer.join(_POLL)
            if cancel is not None and cancel.is_set():
                transfer.abort()
                transfer.join(1.0)
                _check_cancel(cancel, part)
            report()
        report()
    except BaseException:
        # KeyboardInterrupt or a failing callback: stop the worker before leaving.
        transfer.abort()
        transfer.join(1.0)
        raise
    finally:
        if bar is not None:
            bar.close()
    if transfer.error is not None:
        if isinstance(transfer.error, Hangup):
            transfer.error.resumable = transfer.resumable
        if isinstance(transfer.error, LocalWriteError):
            raise DownloadError(
                f"{transfer.error}; free some disk space or choose another folder with --data-dir or "
                "MNIST_STUDIO_DATA"
            )
        if isinstance(transfer.error, MirrorFailed):
            raise transfer.error
        if isinstance(transfer.error, OSError):
            raise MirrorFailed(short_reason(transfer.error))
        raise MirrorFailed(f"{type(transfer.error).__name__}: {short_reason(transfer.error)}")
    return transfer


def _part_size(part: Path) -> int:
    try:
        return part.stat().st_size
    except OSError:
        return 0
