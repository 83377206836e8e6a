"""A fake MNIST mirror on 127.0.0.1 for tests: serves the real .gz files, or misbehaves in one chosen way.

Modes (per server, changeable between requests through `server.mode`):
  ok           serve the files (with Content-Length; honours "Range: bytes=N-")
  404          every file is "404 Not Found"
  html         "200 OK" with an HTML page (what captive portals and moved sites do)
  wrong        a valid gzip of the wrong bytes (the genuine content with one byte changed)
  hangup       promise the full Content-Length, send half, then close the connection
  hangup_once  like hangup for the first request of each file, then like ok (to test a retry/resume)
  stall        send the headers, then nothing (bounded: gives up after `stall_seconds` or on close)
  slow         send the file in small pieces with short pauses (to cancel a download midway)
"""

from __future__ import annotations

import gzip
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MODES = ("ok", "404", "html", "wrong", "hangup", "hangup_once", "stall", "slow")
GZ_NAMES = (
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
)


# SHA-256 of each decompressed MNIST file, copied from the SHA256SUMS published beside the data
# (not from the code under test): the tests' own reference for "genuine".
GENUINE_SHA256 = {
    "t10k-images-idx3-ubyte.gz": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte.gz": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    "train-images-idx3-ubyte.gz": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte.gz": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
}


def shared_mnist_dir() -> Path | None:
    """The folder with the real MNIST .gz files: $MNIST_STUDIO_DATA, else where `download` puts them."""
    from mnist_studio.core.paths import user_data_root

    candidates = []
    env = os.environ.get("MNIST_STUDIO_DATA")
    if env:
        candidates.append(Path(env).expanduser())
    candidates.append(user_data_root() / "mnist")  # where `mnist-studio download` puts it by default
    for folder in candidates:
        if all((folder / name).is_file() for name in GZ_NAMES):
            return folder
    return None


_wrong_cache: dict[str, bytes] = {}
_wrong_lock = threading.Lock()


def wrong_gzip(path: Path) -> bytes:
    """A well-formed gzip of the file's genuine content with one byte flipped in the middle: only a checksum
    can tell.
    """
    key = str(path)
    with _wrong_lock:
        if key not in _wrong_cache:
            content = bytearray(gzip.decompress(path.read_bytes()))
            content[len(content) // 2] ^= 0xFF
            _wrong_cache[key] = gzip.compress(bytes(content), compresslevel=1)
        return _wrong_cache[key]


class _Handler(BaseHTTPRequestHandler):
    server: "MirrorServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def do_GET(self):  # noqa: N802 (the http.server API)
        srv = self.server
        name = self.path.rsplit("/", 1)[-1]
        with srv.lock:
            srv.requests.append((self.path, self.headers.get("Range")))
            seen = srv.seen.get(name, 0)
            srv.seen[name] = seen + 1
        mode = srv.mode
        file = srv.directory / name
        if mode == "404" or name not in GZ_NAMES or not file.is_file():
            return self._simple(404, b"not found", "text/plain")
        if mode == "html":
            page = b"<!DOCTYPE html><html><body><h1>Welcome to our new site!</h1></body></html>"
            return self._simple(200, page, "text/html; charset=utf-8")
        body = wrong_gzip(file) if mode == "wrong" else file.read_bytes()
        if mode == "stall":
            self.send_response(200)
            self.send_header("Content-Type", "application/x-gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.flush()
            srv.closing.wait(srv.stall_seconds)
            with srv.lock:
                srv.stalls_finished += 1
            self.close_connection = True
            return
        if mode == "hangup" or (mode == "hangup_once" and seen == 0):
            self.send_response(200)
            self.send_header("Content-Type", "application/x-gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Accept-Ranges", "bytes")
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self._hang_up()
            return
        start = 0
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes=") and rng.endswith("-") and rng[6:-1].isdigit():
            start = int(rng[6:-1])
        if start >= len(body) > 0 and rng:
            return self._simple(416, b"range not satisfiable", "text/plain")
        self.send_response(206 if start else 200)
        self.send_header("Content-Type", "application/x-gzip")
        self.send_header("Content-Length", str(len(body) - start))
        self.send_header("Accept-Ranges", "bytes")
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        self.end_headers()
        if mode == "slow":
            piece = 16 << 10
            for i in range(start, len(body), piece):
                if srv.closing.is_set():
                    break
                try:
                    self.wfile.write(body[i : i + piece])
                    self.wfile.flush()
                except OSError:
                    break
                time.sleep(srv.slow_pause)
            self.close_connection = True
            return
        try:
            self.wfile.write(body[start:])
        except OSError:
            self.close_connection = True

    def _simple(self, code: int, body: bytes, ctype: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _hang_up(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class MirrorServer(ThreadingHTTPServer):
    """A local mirror in a background thread; use as a context manager. `url` ends with '/'."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, directory: Path | str, mode: str = "ok", stall_seconds: float = 5.0, slow_pause: float = 0.02
    ):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {MODES}")
        super().__init__(("127.0.0.1", 0), _Handler)
        self.directory = Path(directory)
        self.mode = mode
        self.stall_seconds = stall_seconds
        self.slow_pause = slow_pause
        self.requests: list[tuple[str, str | None]] = []
        self.seen: dict[str, int] = {}
        self.stalls_finished = 0  # stalled responses that have ended (by timeout or close)
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def requested(self, name: str) -> int:
        """How many requests asked for `name`."""
        with self.lock:
            return self.seen.get(name, 0)

    def __enter__(self) -> "MirrorServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.closing.set()  # releases stalled and slow handlers
        if self._thread.is_alive():
            self.shutdown()
            self._thread.join(5)
        self.server_close()
