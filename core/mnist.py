"""MNIST on disk: four IDX files (a tiny big-endian header, then raw uint8 pixels or labels), read and checked
into NumPy arrays.

An IDX file starts with a 4-byte "magic" number (0x00000803 = 2051 for images, 0x00000801 = 2049
for labels), then one 4-byte big-endian size per dimension (count, and rows, cols for images),
then the data itself, one byte per pixel or label. Each file may be stored plain or gzipped.

Everything read here is treated as untrusted data: the header is checked before anything is
allocated from it, and every problem becomes a one-line `DataError` that says what to do.
"""

from __future__ import annotations

import gzip
import os
import struct
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import DataError
from .paths import resolve_data_dir

# Key (as in the book's dataset/mnist.py) -> base file name, without ".gz".
FILES: dict[str, str] = {
    "train_img": "train-images-idx3-ubyte",
    "train_label": "train-labels-idx1-ubyte",
    "test_img": "t10k-images-idx3-ubyte",
    "test_label": "t10k-labels-idx1-ubyte",
}

# SHA-256 of each file's *decompressed* content: the same whichever mirror or gzip level it came from.
SHA256: dict[str, str] = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}

# Decompressed size in bytes of each genuine file (header + data); lets a verifier stop early.
SIZES: dict[str, int] = {
    "train-images-idx3-ubyte": 16 + 60000 * 784,
    "train-labels-idx1-ubyte": 8 + 60000,
    "t10k-images-idx3-ubyte": 16 + 10000 * 784,
    "t10k-labels-idx1-ubyte": 8 + 10000,
}

IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
ROWS = COLS = 28
# Real MNIST has 60,000 + 10,000 items; anything far above that is a damaged or hostile header,
# refused before we allocate memory for it.
MAX_ITEMS = 100_000

_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20
_FIX = "delete it and run `mnist-studio download`"


@dataclass(frozen=True)
class MnistRaw:
    """The whole data set as read from disk: flattened uint8 images (n, 784) and uint8 labels (n,).

    The arrays are shared by everyone who loads the same folder, so they are read-only;
    take a copy (or use `load_mnist`) before changing them.
    """

    x_train: np.ndarray
    t_train: np.ndarray
    x_test: np.ndarray
    t_test: np.ndarray


# ---------------------------------------------------------------------------------------------
# Reading one file


def _open_checked(path: Path):
    """Open `path` for binary reading, transparently un-gzipping it; refuse a '.gz' that is not gzip."""
    try:
        raw = open(path, "rb")
    except FileNotFoundError:
        raise DataError(f"{path}: file not found; run `mnist-studio download`") from None
    except IsADirectoryError:
        raise DataError(
            f"{path}: is a folder, not an MNIST file; remove it and run `mnist-studio download`"
        ) from None
    except PermissionError:
        raise DataError(
            f"{path}: permission denied; make the file readable or copy MNIST to a folder you can read"
        ) from None
    except OSError as e:
        raise DataError(f"{path}: cannot open ({e.strerror or e}); {_FIX}") from None
    try:
        start = raw.read(2)
        raw.seek(0)
    except OSError as e:
        raw.close()
        raise DataError(f"{path}: cannot read ({e.strerror or e}); {_FIX}") from None
    if start == _GZIP_MAGIC:
        # Decide by content, not by name: a plain file that happens to be gzipped is still readable.
        return gzip.GzipFile(fileobj=raw, mode="rb"), raw, True
    if path.name.endswith(".gz"):
        raw.close()
        raise DataError(
            f"{path}: not a gzip file despite its .gz name (a web page or a damaged download?); {_FIX}"
        )
    return raw, raw, False


def _read_upto(f, n: int, path: Path) -> bytearray:
    """Read at most n bytes in bounded chunks, so memory grows with the data actually present, not with what a
    header claims.
    """
    buf = bytearray()
    try:
        while len(buf) < n:
            chunk = f.read(min(_CHUNK, n - len(buf)))
            if not chunk:
                break
            buf += chunk
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        # EOFError: the gzip stream ends mid-way (a truncated download).
        raise DataError(f"{path}: damaged gzip data ({_short(e)}); {_FIX}") from None
    except OSError as e:
        raise DataError(f"{path}: cannot read ({e.strerror or _short(e)}); {_FIX}") from None
    return buf


def _check_no_more(f, path: Path, expected: int) -> None:
    """Refuse a file with bytes after the data the header declares (it is not what it says it is)."""
    try:
        extra = f.read(1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        raise DataError(f"{path}: damaged gzip data ({_short(e)}); {_FIX}") from None
    except OSError as e:
        raise DataError(f"{path}: cannot read ({e.strerror or _short(e)}); {_FIX}") from None
    if extra:
        raise DataError(f"{path}: longer than its header says ({expected} bytes of data expected); {_FIX}")


def _short(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__


def _read_idx(path: str | os.PathLike, magic_expected: int, kind: str) -> tuple[np.ndarray, tuple[int, ...]]:
    """Read an IDX file of `kind` ('image' or 'label'), checking header and length; return (flat uint8 data,
    shape).
    """
    path = Path(path)
    ndims = 3 if magic_expected == IMAGE_MAGIC else 1
    header_len = 4 + 4 * ndims
    f, raw, is_gz = _open_checked(path)
    try:
        header = _read_upto(f, header_len, path)
        if not header:
            raise DataError(f"{path}: empty file; {_FIX}")
        # The magic number first: it tells "wrong kind of file" apart from "damaged file".
        if len(header) >= 4:
            (magic,) = struct.unpack(">I", bytes(header[:4]))
            if magic != magic_expected:
                raise DataError(
                    f"{path}: not an MNIST {kind} file (magic {magic}, expected {magic_expected}); {_FIX}"
                )
        if len(header) < header_len:
            raise DataError(f"{path}: too short for an MNIST {kind} header ({len(header)} bytes); {_FIX}")
        _, *dims = struct.unpack(f">{1 + ndims}I", bytes(header))
        count = dims[0]
        if count == 0:
            raise DataError(f"{path}: contains no {kind}s; {_FIX}")
        if count > MAX_ITEMS:
            raise DataError(
                f"{path}: header claims {count} {kind}s, more than any MNIST file (at most {MAX_ITEMS}); "
                f"{_FIX}"
            )
        if ndims == 3 and (dims[1], dims[2]) != (ROWS, COLS):
            raise DataError(f"{path}: images are {dims[1]}x{dims[2]}, expected {ROWS}x{COLS}; {_FIX}")
        n_bytes = count * (ROWS * COLS if ndims == 3 else 1)
        if not is_gz:
            # A plain file's length is known up front: compare before reading anything big.
            size = os.fstat(raw.fileno()).st_size
            if size != header_len + n_bytes:
                state = "truncated" if size < header_len + n_bytes else "longer than its header says"
                raise DataError(
                    f"{path}: {state}: header says {count} {kind}s ({header_len + n_bytes} bytes), "
                    f"file has {size} bytes; {_FIX}"
                )
        data = _read_upto(f, n_bytes, path)
        if len(data) < n_bytes:
            raise DataError(
                f"{path}: truncated: header says {count} {kind}s ({n_bytes} bytes of data), "
                f"only {len(data)} are there; {_FIX}"
            )
        _check_no_more(f, path, n_bytes)
    finally:
        f.close()
        raw.close()
    array = np.frombuffer(data, dtype=np.uint8)
    shape = (count, ROWS, COLS) if ndims == 3 else (count,)
    return array, shape


def read_idx_images(path: str | os.PathLike) -> np.ndarray:
    """Read an MNIST image file (plain or .gz) into a uint8 array of shape (n, 28, 28); DataError if it is not
    one.
    """
    data, shape = _read_idx(path, IMAGE_MAGIC, "image")
    return data.reshape(shape)


def read_idx_labels(path: str | os.PathLike) -> np.ndarray:
    """Read an MNIST label file (plain or .gz) into a uint8 array of shape (n,) with values 0..9; DataError if
    not.
    """
    labels, _ = _read_idx(path, LABEL_MAGIC, "label")
    top = int(labels.max())
    if top > 9:
        bad = int(np.argmax(labels > 9))
        raise DataError(f"{Path(path)}: label {top} at position {bad} is not a digit 0-9; {_FIX}")
    return labels


# ---------------------------------------------------------------------------------------------
# The data folder


def find_file(data_dir: str | os.PathLike, key: str) -> Path | None:
    """The file for `key` ('train_img', ...) in data_dir, or None.

    The gzipped form is preferred when both exist, because that is the form `mnist-studio download`
    writes and verifies: a download always repairs what loading reads. A plain (gunzipped) file is
    used when there is no .gz beside it.
    """
    base = FILES[key]
    folder = Path(data_dir)
    for name in (base + ".gz", base):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def missing_files(data_dir: str | os.PathLike) -> list[str]:
    """The .gz file names (the form the download fetches) of which neither the .gz nor the plain file is in
    data_dir.
    """
    return [FILES[key] + ".gz" for key in FILES if find_file(data_dir, key) is None]


def _not_found_message(folder: Path, missing: list[str]) -> str:
    names = ", ".join(FILES[k] + ".gz" for k in FILES)
    what = (
        "MNIST not found"
        if len(missing) == len(FILES)
        else f"MNIST incomplete (missing {', '.join(missing)})"
    )
    return (
        f'{what} in {folder}: run "mnist-studio download" (about 11 MB), or put the four files '
        f"({names}) there, or point MNIST_STUDIO_DATA / --data-dir at a folder that has them."
    )


_cache: dict[tuple, MnistRaw] = {}
_cache_lock = threading.Lock()
_CACHE_SIZE = 2  # the real folder plus one other (e.g. a test's); each entry is ~55 MB


def load_raw(data_dir: str | os.PathLike | None = None) -> MnistRaw:
    """Read and check all four MNIST files in data_dir (default: the resolved data folder).

    Results are kept in memory, keyed by the files' paths, sizes and modification times, so a second
    call (from the GUI and the trainer, say) costs nothing. Nothing is ever written to data_dir,
    which may be read-only.
    """
    folder = resolve_data_dir(data_dir)
    if not folder.is_dir():
        if folder.exists():
            raise DataError(
                f"{folder}: is a file, not a folder; "
                "point --data-dir / MNIST_STUDIO_DATA at the MNIST folder",
                kind="not_a_folder",
                folder=str(folder),
            )
        all_files = [FILES[k] + ".gz" for k in FILES]
        raise DataError(_not_found_message(folder, all_files), kind="not_found", folder=str(folder))
    missing = missing_files(folder)
    if missing:
        kind = "not_found" if len(missing) == len(FILES) else "missing_files"
        raise DataError(
            _not_found_message(folder, missing), kind=kind, folder=str(folder), files=list(missing)
        )

    paths = {key: find_file(folder, key) for key in FILES}
    key = (str(folder.resolve()),) + tuple(_stamp(p) for p in paths.values())
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        # Decoding under the lock: two threads asking at once decode once, not twice.
        raw = _decode(paths)
        _cache[key] = raw
        while len(_cache) > _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        return raw


def _stamp(path: Path) -> tuple:
    st = path.stat()
    return (str(path), st.st_size, st.st_mtime_ns)


def _read(reader, path: Path) -> np.ndarray:
    """reader(path); its DataError says which file it is about (kind bad_file), for the window."""
    try:
        return reader(path)
    except DataError as e:
        if e.kind is None:
            e.kind, e.values = "bad_file", {"path": str(path)}
        raise


def _decode(paths: dict[str, Path]) -> MnistRaw:
    x_train = _read(read_idx_images, paths["train_img"])
    t_train = _read(read_idx_labels, paths["train_label"])
    x_test = _read(read_idx_images, paths["test_img"])
    t_test = _read(read_idx_labels, paths["test_label"])
    for images, labels, img_key, lbl_key in (
        (x_train, t_train, "train_img", "train_label"),
        (x_test, t_test, "test_img", "test_label"),
    ):
        if len(images) != len(labels):
            raise DataError(
                f"{paths[img_key]} has {len(images)} images but {paths[lbl_key].name} has {len(labels)} "
                "labels; "
                "they do not belong together: delete both and run `mnist-studio download`",
                kind="mismatched_files", images=str(paths[img_key]), labels=str(paths[lbl_key]),
            )
    arrays = [
        x_train.reshape(len(x_train), ROWS * COLS),
        t_train,
        x_test.reshape(len(x_test), ROWS * COLS),
        t_test,
    ]
    for a in arrays:
        a.flags.writeable = False
    return MnistRaw(*arrays)


def clear_cache() -> None:
    """Forget every data set held in memory (tests use it; the app never needs to)."""
    with _cache_lock:
        _cache.clear()


# ---------------------------------------------------------------------------------------------
# The book's interface


def _one_hot(labels: np.ndarray) -> np.ndarray:
    # float64 like the book's np.zeros((X.size, 10)), so results match the lesson exactly.
    table = np.zeros((labels.size, 10))
    table[np.arange(labels.size), labels] = 1
    return table


def load_mnist(normalize: bool = True, flatten: bool = True, one_hot_label: bool = False, data_dir=None):
    """The book's `load_mnist`: returns ((x_train, t_train), (x_test, t_test)) as fresh arrays.

    normalize      images as float32 in 0.0..1.0 (pixel / 255.0); else uint8 0..255
    flatten        images as (n, 784); else (n, 1, 28, 28)
    one_hot_label  labels as (n, 10) float64 rows with a single 1.0; else uint8 digits (n,)
    """
    raw = load_raw(data_dir)
    out = []
    for x, t in ((raw.x_train, raw.t_train), (raw.x_test, raw.t_test)):
        if normalize:
            x = x.astype(np.float32)
            x /= 255.0
        else:
            x = x.copy()
        t = _one_hot(t) if one_hot_label else t.copy()
        if not flatten:
            x = x.reshape(-1, 1, ROWS, COLS)
        out.append((x, t))
    return out[0], out[1]
