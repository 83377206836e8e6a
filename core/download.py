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
import socket
import tempfile
import threading
import urllib.error
import urllib.request
import zlib
from pathlib import Path
from typing import Callable

from .durable import fsync_folder
from .errors import DownloadError, UserError
from .mnist import FILES, SHA256, SIZES
from .paths import resolve_data_dir
from .progress import Progress

# Public mirrors of the original gzipped files, tried in this order. Any base URL that serves the
# four .gz names works as a mirror, including a local folder as file:///path/to/folder/.
MIRRORS: list[str] = [
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
]

# The biggest genuine file is ~9.9 MB gzipped; anything far larger is not MNIST. Stops a
# misbehaving server from filling the disk.
MAX_DOWNLOAD_BYTES = 64 << 20
_CHUNK = 64 << 10
_POLL = 0.1  # seconds between checks for cancel while a transfer runs
_USER_AGENT = "mnist-studio/0.1 (Python urllib)"

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, "int | None", str], None]


class DownloadCancelled(UserError):
    """The user cancelled the download; nothing half-written was left behind."""


class _MirrorFailed(Exception):
    """One mirror could not deliver one file; the message is a short reason for the final report."""


class _Hangup(_MirrorFailed):
    """The connection ended before the whole file arrived (worth one more try on the same mirror)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.resumable = False  # set when the server said it accepts byte ranges


class _LocalWriteError(Exception):
    """Writing into the data folder failed (disk full, ...): no other mirror can help with that."""


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
# One transfer, run in a worker thread so the caller can cancel it at any moment


class _Transfer(threading.Thread):
    """Streams one URL into `part` (appending from `offset` with an HTTP Range request if > 0)."""

    def __init__(self, url: str, part: Path, timeout: float, offset: int = 0) -> None:
        super().__init__(name=f"mnist-download {url}", daemon=True)
        self.url = url
        self.part = part
        self.timeout = timeout
        self.offset = offset
        self.done = offset  # bytes of the whole file present in `part`
        self.total: int | None = None
        self.error: BaseException | None = None
        self.resumable = False  # the server said it accepts byte ranges
        self._halt = threading.Event()
        self._response = None
        self._lock = threading.Lock()

    def abort(self) -> None:
        """Make the transfer stop now, even if it is blocked waiting for data."""
        self._halt.set()
        with self._lock:
            response = self._response
        if response is None:
            return
        try:
            # Shutting the socket down wakes a blocked recv() at once; close() alone may not.
            # A second socket object on the same descriptor (works on Windows handles too),
            # detached afterwards so the descriptor is closed once, by its owner.
            sock = socket.socket(fileno=response.fileno())
            try:
                sock.shutdown(socket.SHUT_RDWR)
            finally:
                sock.detach()
        except (OSError, ValueError, AttributeError):
            pass

    def run(self) -> None:
        try:
            self._run()
        except BaseException as e:  # reported to the caller's thread, which decides what it means
            self.error = e
        finally:
            with self._lock:
                response, self._response = self._response, None
            if response is not None:
                try:
                    response.close()
                except Exception:
                    pass

    def _run(self) -> None:
        headers = {"User-Agent": _USER_AGENT, "Accept-Encoding": "identity"}
        if self.offset:
            headers["Range"] = f"bytes={self.offset}-"
        request = urllib.request.Request(self.url, headers=headers)
        try:
            response = urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as e:
            e.close()
            raise _MirrorFailed(f"HTTP {e.code} {e.reason}".strip()) from None
        except urllib.error.URLError as e:
            raise _MirrorFailed(_reason(e.reason)) from None
        with self._lock:
            self._response = response
        if self._halt.is_set():
            return

        self.resumable = response.headers.get("Accept-Ranges", "").lower() == "bytes"
        ctype = response.headers.get("Content-Type", "").lower()
        if "html" in ctype:
            raise _MirrorFailed("served a web page, not the file")
        length = response.headers.get("Content-Length")
        length = int(length) if length and length.isdigit() else None
        start = 0
        if self.offset:
            if response.status == 206 and response.headers.get("Content-Range", "").startswith(
                f"bytes {self.offset}-"
            ):
                start = self.offset
            else:
                start = 0  # the server ignored the Range: start over
        self.done = start
        self.total = start + length if length is not None else None
        if self.total is not None and self.total > MAX_DOWNLOAD_BYTES:
            raise _MirrorFailed(f"file too large ({self.total} bytes)")

        try:
            out = open(self.part, "r+b" if start else "wb")
        except OSError as e:
            raise _LocalWriteError(f"cannot write {self.part} ({e.strerror or e})") from None
        with out as f:
            f.seek(start)
            f.truncate()
            first = start == 0
            while not self._halt.is_set():
                try:
                    chunk = response.read(_CHUNK)
                except socket.timeout:
                    raise _MirrorFailed(f"stalled: no data for {self.timeout:g} s") from None
                except (OSError, ConnectionError) as e:
                    if self._halt.is_set():
                        return
                    raise _Hangup(f"connection lost after {self.done} bytes ({_reason(e)})") from None
                except Exception as e:  # http.client.IncompleteRead and friends
                    if self._halt.is_set():
                        return
                    raise _Hangup(f"connection lost after {self.done} bytes ({type(e).__name__})") from None
                if not chunk:
                    break
                if first:
                    first = False
                    if chunk[:2] != b"\x1f\x8b":
                        kind = "a web page" if chunk.lstrip()[:1] == b"<" else "not gzip data"
                        raise _MirrorFailed(f"served {kind}, not the file")
                try:
                    f.write(chunk)
                except OSError as e:
                    raise _LocalWriteError(f"cannot write {self.part} ({e.strerror or e})") from None
                self.done += len(chunk)
                if self.done > MAX_DOWNLOAD_BYTES:
                    raise _MirrorFailed(f"file too large (over {MAX_DOWNLOAD_BYTES} bytes)")
            if self._halt.is_set():
                return
            if self.total is not None and self.done < self.total:
                raise _Hangup(f"connection closed after {self.done} of {self.total} bytes")
            if self.done == 0:
                raise _MirrorFailed("served an empty file")
            try:
                f.flush()
                os.fsync(f.fileno())
            except OSError as e:
                raise _LocalWriteError(f"cannot write {self.part} ({e.strerror or e})") from None


def _reason(reason) -> str:
    if isinstance(reason, socket.timeout) or isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    text = str(reason).strip()
    return text.splitlines()[0] if text else type(reason).__name__


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
            "choose a folder you can write to with --data-dir or MNIST_STUDIO_DATA"
        ) from None


def _check_writable(folder: Path) -> None:
    # Ask the file system itself (os.access is wrong for ACLs, network drives and root).
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".mnist-studio-write-test"):
            pass
    except OSError as e:
        raise DownloadError(
            f"cannot write to the data folder {folder} ({e.strerror or e}); "
            "choose a folder you can write to with --data-dir or MNIST_STUDIO_DATA"
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
                except _Hangup as e:
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
                except _MirrorFailed as e:
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
        f"with a working mirror, or copy the four MNIST .gz files into {folder} by hand"
    )


def _run_transfer(url, part, offset, name, progress, cancel, timeout) -> _Transfer:
    """Run one transfer in a worker thread, reporting progress and watching for cancel from this thread."""
    transfer = _Transfer(url, part, timeout, offset)
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
        if isinstance(transfer.error, _Hangup):
            transfer.error.resumable = transfer.resumable
        if isinstance(transfer.error, _LocalWriteError):
            raise DownloadError(
                f"{transfer.error}; free some disk space or choose another folder with --data-dir or "
                "MNIST_STUDIO_DATA"
            )
        if isinstance(transfer.error, _MirrorFailed):
            raise transfer.error
        if isinstance(transfer.error, OSError):
            raise _MirrorFailed(_reason(transfer.error))
        raise _MirrorFailed(f"{type(transfer.error).__name__}: {_reason(transfer.error)}")
    return transfer


def _part_size(part: Path) -> int:
    try:
        return part.stat().st_size
    except OSError:
        return 0
