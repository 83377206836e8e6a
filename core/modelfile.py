"""Save and load trained networks as plain-number .npz files that are checked before they are trusted, so
opening a model file can never run code or exhaust memory.

A model file is a NumPy .npz archive (a zip) holding exactly five arrays:

=========  ===========================  ====================================================
member     shape                        contents
=========  ===========================  ====================================================
W1.npy     (784, hidden)                float32 or float64 weights, input -> hidden
b1.npy     (hidden,)                    hidden biases
W2.npy     (hidden, 10)                 weights, hidden -> output
b2.npy     (10,)                        output biases
meta.npy   (n,) uint8                   UTF-8 JSON: ``format`` = "mnist-studio-model",
                                        ``format_version`` = 1, ``activation``
                                        ("sigmoid" or "relu"), architecture, training
                                        settings, accuracy...
=========  ===========================  ====================================================

1 <= hidden <= 4096. The metadata is JSON stored as bytes rather than a Python object array,
because object arrays are pickles and unpickling an untrusted file can run arbitrary code (the
book's ``params.pkl`` is exactly such a file).

Loading treats the file as hostile until proven otherwise, and checks each thing *before* the
step that could hurt: it is a zip; its members are exactly the five names; their declared sizes
add up to at most :data:`MAX_TOTAL_BYTES` and none compresses suspiciously well (a zip bomb);
each .npy header declares a plain number type and the shapes above -- all before a single weight
is read. Only then are the arrays read (never unpickled), checked for NaN and infinity, and the
metadata parsed. Every failure is a :class:`ModelFileError` with one line naming the file.

Saving writes a temporary file in the same folder, flushes it to disk, then renames it over the
target, so a crash never leaves a half-written model behind.
"""

from __future__ import annotations

import importlib.resources
import json
import math
import zipfile
from pathlib import Path

import numpy as np
from numpy.lib import format as npy_format

from .durable import write_atomically
from .errors import ModelFileError

FORMAT_NAME = "mnist-studio-model"
FORMAT_VERSION = 1
SUPPORTED_VERSIONS = frozenset({1})
ACTIVATIONS = ("sigmoid", "relu")

INPUT_SIZE = 784  # 28 x 28 pixels
OUTPUT_SIZE = 10  # digits 0-9
MAX_HIDDEN = 4096

PARAM_NAMES = ("W1", "b1", "W2", "b2")
MEMBER_NAMES = tuple(f"{name}.npy" for name in (*PARAM_NAMES, "meta"))

MAX_TOTAL_BYTES = 200 * 1024 * 1024
"""Largest total unpacked size accepted. The biggest legal model (hidden 4096, float64) is ~26 MB."""
MAX_META_BYTES = 1024 * 1024
MAX_RATIO = 100
"""A member over 1 MiB that unpacks to more than this many times its packed size is refused:
real weights barely compress (about 1.1x), zip bombs compress a thousandfold."""
MAX_HEADER = 10_000  # characters in a .npy header, as numpy's own safe default

DEFAULT_MODEL_NAME = "default_model.npz"


# --- saving ---------------------------------------------------------------------------------------


def save_model(path, params: dict, meta: dict) -> Path:
    """Write a network's weights and meta to ``path`` (.npz); see :func:`_save_model`. A ModelFileError
    has kind cannot_save_model and the path."""
    try:
        return _save_model(path, params, meta)
    except ModelFileError as e:
        if e.kind is None:
            e.kind, e.values = "cannot_save_model", {"path": str(path)}
        raise


def _save_model(path, params: dict, meta: dict) -> Path:
    """Write a network's weights and a JSON-able ``meta`` dict to ``path`` (.npz), atomically; return the
    path.

    ``params`` holds exactly W1, b1, W2, b2 in the shapes the module docstring lists; float32
    and float64 are stored as they are. ``meta`` must say ``activation`` ("sigmoid" or "relu");
    ``format``, ``format_version`` and, if missing, ``architecture`` are filled in. NaN or
    infinite weights are refused: such a model can only ever answer nonsense.
    """
    path = Path(path)
    if path.is_dir():
        raise ModelFileError(f"Cannot save model {path}: it is a folder; give a file name ending in .npz.")
    arrays = _checked_params_for_saving(params, path)
    meta_bytes = _meta_to_json_bytes(meta, arrays, path)
    arrays["meta"] = np.frombuffer(meta_bytes, dtype=np.uint8)

    def write(f) -> None:
        # What np.savez does, spelled out: one uncompressed .npy member per array, with
        # pickling switched off so nothing but plain numbers can ever go in.
        with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_STORED) as zf:
            for name, array in arrays.items():
                with zf.open(f"{name}.npy", "w", force_zip64=True) as member:
                    npy_format.write_array(member, array, allow_pickle=False)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, write, binary=True)
    except OSError as exc:
        raise ModelFileError(f"Cannot save model {path}: {exc.strerror or exc}.") from None
    return path


def _checked_params_for_saving(params, path: Path) -> dict[str, np.ndarray]:
    if not isinstance(params, dict) or set(params) != set(PARAM_NAMES):
        got = sorted(map(str, params)) if isinstance(params, dict) else type(params).__name__
        raise ModelFileError(
            f"Cannot save model {path}: the weights must be exactly W1, b1, W2, b2 (got {got})."
        )
    arrays = {}
    for name in PARAM_NAMES:
        a = np.asarray(params[name])
        if a.dtype not in (np.float32, np.float64):
            if a.dtype.kind in "iuf":
                a = a.astype(np.float64)
            else:
                raise ModelFileError(f"Cannot save model {path}: {name} holds {a.dtype} values, not numbers.")
        arrays[name] = np.ascontiguousarray(a)
    problem = _shape_problem({name: a.shape for name, a in arrays.items()})
    if problem:
        raise ModelFileError(f"Cannot save model {path}: {problem}.")
    for name, a in arrays.items():
        if not np.isfinite(a).all():
            raise ModelFileError(
                f"Cannot save model {path}: refusing to save a model with NaN weights "
                f"({name} contains NaN or infinity; training diverged -- try a smaller learning rate)."
            )
    return arrays


def _meta_to_json_bytes(meta, arrays: dict, path: Path) -> bytes:
    if not isinstance(meta, dict):
        raise ModelFileError(f"Cannot save model {path}: meta must be a dict, not {type(meta).__name__}.")
    meta = dict(meta)
    meta["format"] = FORMAT_NAME
    meta["format_version"] = FORMAT_VERSION
    hidden = arrays["W1"].shape[1]
    meta.setdefault(
        "architecture", {"input_size": INPUT_SIZE, "hidden_size": hidden, "output_size": OUTPUT_SIZE}
    )
    problem = _meta_problem(meta, hidden)
    if problem:
        raise ModelFileError(f"Cannot save model {path}: {problem}.")
    try:
        text = json.dumps(_plain_json(meta), ensure_ascii=False, allow_nan=False, indent=1)
    except (TypeError, ValueError) as exc:
        raise ModelFileError(f"Cannot save model {path}: meta cannot be stored as JSON ({exc}).") from None
    data = text.encode("utf-8")
    if len(data) > MAX_META_BYTES:
        raise ModelFileError(
            f"Cannot save model {path}: meta is {len(data):,} bytes of JSON; the limit is {MAX_META_BYTES:,}."
        )
    return data


def _plain_json(value):
    """``value`` with NumPy scalars and arrays made plain, and NaN/infinity made null (strict JSON has
    neither).
    """
    if isinstance(value, dict):
        return {str(k): _plain_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_json(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain_json(value.tolist())
    if isinstance(value, np.generic):
        return _plain_json(value.item())
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# --- loading -------------------------------------------------------------------------------------


def load_model(path) -> tuple[dict[str, np.ndarray], dict]:
    """Read a model file written by :func:`save_model`; return ``(params, meta)`` after checking everything.

    ``params`` maps W1, b1, W2, b2 to C-ordered, native-byte-order float32 or float64 arrays;
    ``meta`` is the JSON dict. Raises ModelFileError, one line naming the file, for anything wrong.
    """
    path = Path(path)

    def refuse(reason: str, kind: str = "bad_model") -> ModelFileError:
        return ModelFileError(f"Cannot load model {path}: {reason}", kind=kind, path=str(path))

    if not path.exists():
        raise refuse("no such file; check the name and folder.", "file_not_found")
    if path.is_dir():
        raise refuse("it is a folder, not a model file.")
    try:
        with open(path, "rb") as f:
            head = f.read(4)
            if not zipfile.is_zipfile(f):
                raise refuse(_why_not_zip(head))
            f.seek(0)
            with zipfile.ZipFile(f) as zf:
                infos = _checked_members(zf, refuse)
                headers = {name: _read_npy_header(zf, infos[name], name, refuse) for name in MEMBER_NAMES}
                _check_headers(headers, infos, refuse)
                arrays = {
                    name: _read_npy_data(zf, infos[name], headers[name], name, refuse)
                    for name in MEMBER_NAMES
                }
    except ModelFileError:
        raise
    except PermissionError:
        raise refuse("permission denied.") from None
    except MemoryError:
        raise refuse("not enough memory to read it.") from None
    except Exception as exc:  # noqa: BLE001 -- any failure while parsing untrusted bytes means a damaged file
        raise refuse(f"the file is damaged or truncated ({_one_line(exc)}).") from None

    meta = _parse_meta(arrays.pop("meta.npy"), refuse)
    params = {name: arrays[f"{name}.npy"] for name in PARAM_NAMES}
    for name, a in params.items():
        if not np.isfinite(a).all():
            raise refuse(
                f"{name} contains NaN or infinite weights, so the model cannot be used; train it again."
            )
    problem = _meta_problem(meta, params["W1"].shape[1])
    if problem:
        raise refuse(f"{problem}.")
    return params, meta


def _why_not_zip(head: bytes) -> str:
    if not head:
        return "the file is empty (0 bytes)."
    if head[:1] == b"\x80" or head[:1] in (b"(", b"}", b"]"):
        return (
            "it looks like a Python pickle (such as the book's params.pkl), not an MNIST Studio model; "
            "pickles can run code, so they are never loaded."
        )
    if head.startswith(b"PK"):
        return "the file is damaged or truncated (its zip directory is missing)."
    return "not a model file (an MNIST Studio model is an .npz archive)."


def _checked_members(zf: zipfile.ZipFile, refuse) -> dict[str, zipfile.ZipInfo]:
    """The five members' ZipInfo, after checking names, sizes, compression and encryption."""
    infos = zf.infolist()
    names = [info.filename for info in infos]
    if len(names) != len(set(names)):
        raise refuse("it lists the same member twice, so it is not a file MNIST Studio wrote.")
    missing = [n for n in MEMBER_NAMES if n not in names]
    extra = [n for n in names if n not in MEMBER_NAMES]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if extra:
            shown = ", ".join(repr(n)[:60] for n in extra[:5]) + (", ..." if len(extra) > 5 else "")
            parts.append("unexpected " + shown)
        raise refuse(
            f"not an MNIST Studio model ({'; '.join(parts)}); a model holds exactly "
            f"{', '.join(MEMBER_NAMES)}."
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse(f"{info.filename} is encrypted.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refuse(f"{info.filename} uses a compression method MNIST Studio does not read.")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise refuse(
                f"its contents would unpack to more than {MAX_TOTAL_BYTES // 2**20} MB; "
                "no MNIST Studio model is that large."
            )
        if (
            info.compress_type == zipfile.ZIP_DEFLATED
            and info.file_size > 2**20
            and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise refuse(
                f"{info.filename} unpacks to {info.file_size / max(info.compress_size, 1):,.0f} times its "
                "packed size, which real weights never do (a zip bomb?)."
            )
    return {info.filename: info for info in infos}


def _read_npy_header(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, refuse):
    """(shape, fortran_order, dtype, data_offset) from a member's .npy header; reads no data."""
    with zf.open(info) as fp:
        try:
            version = npy_format.read_magic(fp)
            if version == (1, 0):
                shape, fortran, dtype = npy_format.read_array_header_1_0(fp, max_header_size=MAX_HEADER)
            elif version == (2, 0):
                shape, fortran, dtype = npy_format.read_array_header_2_0(fp, max_header_size=MAX_HEADER)
            else:
                raise refuse(f"{name} uses .npy format version {version}, which MNIST Studio does not read.")
        except ModelFileError:
            raise
        except Exception as exc:  # noqa: BLE001 -- a header that does not parse is damage
            raise refuse(f"{name} is not a valid NumPy array ({_one_line(exc)}).") from None
        return shape, fortran, dtype, fp.tell()


def _check_headers(headers: dict, infos: dict, refuse) -> None:
    """Types, shapes and sizes from the headers alone, before any data is read."""
    for member, (shape, _fortran, dtype, _offset) in headers.items():
        name = member[: -len(".npy")]
        if dtype.hasobject:
            raise refuse(f"{name} contains a pickled object; refusing to load it (pickles can run code).")
        if name == "meta":
            if dtype != np.uint8 or len(shape) != 1:
                raise refuse(
                    f"meta is a {dtype} array of shape {shape}; expected UTF-8 JSON bytes (uint8, 1-D)."
                )
            if shape[0] > MAX_META_BYTES:
                raise refuse(f"meta is {shape[0]:,} bytes; the limit is {MAX_META_BYTES:,}.")
        elif not (
            dtype.kind == "f" and dtype.itemsize in (4, 8) and dtype.fields is None and dtype.subdtype is None
        ):
            raise refuse(f"{name} holds {dtype} values; expected float32 or float64.")
    problem = _shape_problem(
        {member[: -len(".npy")]: h[0] for member, h in headers.items() if member != "meta.npy"}
    )
    if problem:
        raise refuse(f"{problem}.")
    for member, (shape, _fortran, dtype, offset) in headers.items():
        expected = offset + math.prod(shape) * dtype.itemsize  # Python ints: no overflow
        if infos[member].file_size != expected:
            raise refuse(
                f"{member} holds {infos[member].file_size - offset:,} bytes of data where its header "
                f"promises {expected - offset:,}; the file is damaged or truncated."
            )


def _shape_problem(shapes: dict[str, tuple]) -> str | None:
    """What is wrong with the four weight shapes for a 784-hidden-10 network, or None."""
    w1, b1, w2, b2 = (tuple(shapes[n]) for n in PARAM_NAMES)
    if len(w1) != 2 or len(w2) != 2 or len(b1) != 1 or len(b2) != 1:
        return f"W1 and W2 must be 2-D and b1, b2 1-D, but their shapes are {w1}, {b1}, {w2}, {b2}"
    if w1[0] != INPUT_SIZE:
        return f"W1 has {w1[0]} inputs, but the network reads 28x28 = {INPUT_SIZE} pixels"
    hidden = w1[1]
    if not 1 <= hidden <= MAX_HIDDEN:
        return f"the hidden layer has {hidden} units; MNIST Studio supports 1 to {MAX_HIDDEN}"
    if b1 != (hidden,):
        return f"b1 has shape {b1}, but W1 has {hidden} hidden units"
    if w2 != (hidden, OUTPUT_SIZE):
        return (
            f"W2 has shape {w2}, expected ({hidden}, {OUTPUT_SIZE}) for {hidden} hidden units and 10 digits"
        )
    if b2 != (OUTPUT_SIZE,):
        return f"b2 has shape {b2}, expected ({OUTPUT_SIZE},) for the 10 digits"
    return None


def _read_npy_data(zf: zipfile.ZipFile, info: zipfile.ZipInfo, header, name: str, refuse) -> np.ndarray:
    shape, _fortran, dtype, _offset = header
    with zf.open(info) as fp:
        array = npy_format.read_array(fp, allow_pickle=False, max_header_size=MAX_HEADER)
    if array.shape != tuple(shape) or array.dtype != dtype:  # cannot differ from the header, but be sure
        raise refuse(f"{name} changed between checking and reading.")
    return np.ascontiguousarray(array, dtype=dtype.newbyteorder("="))


def _parse_meta(raw: np.ndarray, refuse) -> dict:
    try:
        meta = json.loads(raw.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise refuse(f"its metadata is not valid JSON ({_one_line(exc)}).") from None
    if not isinstance(meta, dict):
        raise refuse(f"its metadata is a JSON {type(meta).__name__}, not an object.")
    if meta.get("format") != FORMAT_NAME:
        raise refuse(f"not an MNIST Studio model (its metadata says format {_short(meta.get('format'))}).")
    version = meta.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse(f"its format version {_short(version)} is not a version number.")
    if version not in SUPPORTED_VERSIONS:
        raise refuse(
            f"it was saved by a newer MNIST Studio (model format version {version}; this one reads "
            f"{', '.join(map(str, sorted(SUPPORTED_VERSIONS)))}); update MNIST Studio to open it."
        )
    return meta


def _meta_problem(meta: dict, hidden: int) -> str | None:
    """What is wrong with the metadata's activation and architecture, or None."""
    activation = meta.get("activation")
    if activation not in ACTIVATIONS:
        return f"activation must be 'sigmoid' or 'relu', not {_short(activation)}"
    arch = meta.get("architecture")
    if arch is None:
        return None
    if not isinstance(arch, dict):
        return "its architecture entry is not a JSON object"
    for key, actual in (("input_size", INPUT_SIZE), ("hidden_size", hidden), ("output_size", OUTPUT_SIZE)):
        if key in arch and arch[key] != actual:
            return f"its metadata says {key} {_short(arch[key])}, but the weights have {actual}"
    return None


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


# --- the model that ships with the app -------------------------------------------------------------


def default_model_path() -> Path:
    """Where the installed app keeps its pre-trained model (``mnist_studio/resources/default_model.npz``); it
    may not exist.
    """
    return Path(str(importlib.resources.files("mnist_studio.resources").joinpath(DEFAULT_MODEL_NAME)))


def load_default_model() -> tuple[dict[str, np.ndarray], dict]:
    """Load the pre-trained model that ships with the app, with the same checks as any other file."""
    path = default_model_path()
    if not path.is_file():
        raise ModelFileError(
            f"Cannot load model {path}: the default model is missing from this installation; "
            "reinstall MNIST Studio, or train one with: mnist-studio train"
        )
    return load_model(path)
