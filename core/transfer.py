"""One file fetched over HTTP (or file://) into a `.part` file, in a worker thread one can abandon at once.

It resumes with a byte range, and refuses whatever is plainly not the file (a web page, an endless
or empty stream).

download.py chooses the mirrors and checks what arrives; this module only moves the bytes and says,
in one short reason, why a mirror could not deliver.
"""

from __future__ import annotations

import os
import socket
import threading
import urllib.error
import urllib.request
from pathlib import Path

# The biggest genuine file is ~9.9 MB gzipped; anything far larger is not MNIST. Stops a
# misbehaving server from filling the disk.
MAX_DOWNLOAD_BYTES = 64 << 20
_CHUNK = 64 << 10
_USER_AGENT = "mnist-studio/0.1 (Python urllib)"


class MirrorFailed(Exception):
    """One mirror could not deliver one file; the message is a short reason for the final report."""


class Hangup(MirrorFailed):
    """The connection ended before the whole file arrived (worth one more try on the same mirror)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.resumable = False  # set when the server said it accepts byte ranges


class LocalWriteError(Exception):
    """Writing into the data folder failed (disk full, ...): no other mirror can help with that."""


class Transfer(threading.Thread):
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
            raise MirrorFailed(f"HTTP {e.code} {e.reason}".strip()) from None
        except urllib.error.URLError as e:
            raise MirrorFailed(short_reason(e.reason)) from None
        with self._lock:
            self._response = response
        if self._halt.is_set():
            return

        self.resumable = response.headers.get("Accept-Ranges", "").lower() == "bytes"
        ctype = response.headers.get("Content-Type", "").lower()
        if "html" in ctype:
            raise MirrorFailed("served a web page, not the file")
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
            raise MirrorFailed(f"file too large ({self.total} bytes)")

        try:
            out = open(self.part, "r+b" if start else "wb")
        except OSError as e:
            raise LocalWriteError(f"cannot write {self.part} ({e.strerror or e})") from None
        with out as f:
            f.seek(start)
            f.truncate()
            first = start == 0
            while not self._halt.is_set():
                try:
                    chunk = response.read(_CHUNK)
                except socket.timeout:
                    raise MirrorFailed(f"stalled: no data for {self.timeout:g} s") from None
                except (OSError, ConnectionError) as e:
                    if self._halt.is_set():
                        return
                    raise Hangup(f"connection lost after {self.done} bytes ({short_reason(e)})") from None
                except Exception as e:  # http.client.IncompleteRead and friends
                    if self._halt.is_set():
                        return
                    raise Hangup(f"connection lost after {self.done} bytes ({type(e).__name__})") from None
                if not chunk:
                    break
                if first:
                    first = False
                    if chunk[:2] != b"\x1f\x8b":
                        kind = "a web page" if chunk.lstrip()[:1] == b"<" else "not gzip data"
                        raise MirrorFailed(f"served {kind}, not the file")
                try:
                    f.write(chunk)
                except OSError as e:
                    raise LocalWriteError(f"cannot write {self.part} ({e.strerror or e})") from None
                self.done += len(chunk)
                if self.done > MAX_DOWNLOAD_BYTES:
                    raise MirrorFailed(f"file too large (over {MAX_DOWNLOAD_BYTES} bytes)")
            if self._halt.is_set():
                return
            if self.total is not None and self.done < self.total:
                raise Hangup(f"connection closed after {self.done} of {self.total} bytes")
            if self.done == 0:
                raise MirrorFailed("served an empty file")
            try:
                f.flush()
                os.fsync(f.fileno())
            except OSError as e:
                raise LocalWriteError(f"cannot write {self.part} ({e.strerror or e})") from None


def short_reason(reason) -> str:
    if isinstance(reason, socket.timeout) or isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    text = str(reason).strip()
    return text.splitlines()[0] if text else type(reason).__name__
