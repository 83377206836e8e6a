"""Facts about model files: what is saved comes back exactly, and a hostile or broken file -- a pickle, a zip
bomb, an enormous header, NaN weights -- is refused with one line naming it, before it can run code or take
memory.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import struct
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest
from numpy.lib import format as npy_format

from mnist_studio.core import modelfile
from mnist_studio.core.errors import ModelFileError, UserError
from mnist_studio.core.modelfile import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_TOTAL_BYTES,
    default_model_path,
    load_default_model,
    load_model,
    save_model,
)

# --- helpers -------------------------------------------------------------------------------------


def make_params(hidden=50, dtype=np.float32, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "W1": (0.01 * rng.standard_normal((784, hidden))).astype(dtype),
        "b1": rng.standard_normal(hidden).astype(dtype),
        "W2": (0.01 * rng.standard_normal((hidden, 10))).astype(dtype),
        "b2": rng.standard_normal(10).astype(dtype),
    }


META = {
    "activation": "sigmoid",
    "architecture": {"input_size": 784, "hidden_size": 50, "output_size": 10},
    "training": {"lr": 0.1, "batch_size": 100, "iters": 10000, "optimizer": "sgd"},
    "test_accuracy": 0.9456,
    "note": "Zürich ✓",
}


def meta_bytes(meta):
    return np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)


def good_meta(**changes):
    return {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "activation": "sigmoid"} | changes


def npy_bytes(array, allow_pickle=False):
    buf = io.BytesIO()
    npy_format.write_array(buf, np.asarray(array), allow_pickle=allow_pickle)
    return buf.getvalue()


def handmade_npy(descr, shape, data=b"", version=1):
    """A .npy member with a header saying anything at all, followed by `data`."""
    header = repr({"descr": descr, "fortran_order": False, "shape": shape}).encode("latin1")
    prefix = 10 if version == 1 else 12
    header += b" " * (-(prefix + len(header) + 1) % 64) + b"\n"
    size = struct.pack("<H" if version == 1 else "<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + size + header + data


def write_zip(path, members: dict, compression=zipfile.ZIP_STORED):
    """A zip with exactly these members (name -> bytes), written without any of save_model's checks."""
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def members_from(params=None, **replace):
    """The five members of a good model (params given or made up), some replaced (bytes) or removed (None)."""
    params = make_params() if params is None else params
    members = {f"{k}.npy": npy_bytes(v) for k, v in params.items()}
    members["meta.npy"] = npy_bytes(meta_bytes(good_meta()))
    for name, data in replace.items():
        if data is None:
            members.pop(f"{name}.npy")
        else:
            members[f"{name}.npy"] = data
    return members


def refused(path, *words):
    """Load `path`, expect a ModelFileError naming it in one line and containing `words`; return the
    message.
    """
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    message = str(info.value)
    assert isinstance(info.value, UserError)
    assert Path(path).name in message
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return message


# --- round trip --------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_what_is_saved_comes_back_exactly(tmp_path, dtype):
    params = make_params(dtype=dtype)
    path = save_model(tmp_path / "model.npz", params, META)
    assert path == tmp_path / "model.npz"
    loaded, meta = load_model(path)
    assert set(loaded) == {"W1", "b1", "W2", "b2"}
    for name in params:
        assert loaded[name].dtype == dtype
        assert np.array_equal(loaded[name], params[name])
    assert meta["format"] == FORMAT_NAME and meta["format_version"] == 1
    assert {k: meta[k] for k in META} == META


def test_the_file_is_a_plain_npz_any_numpy_reads_without_pickles(tmp_path):
    path = save_model(
        tmp_path / "model.npz", make_params(hidden=7), META | {"architecture": {"hidden_size": 7}}
    )
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == sorted(["W1.npy", "b1.npy", "W2.npy", "b2.npy", "meta.npy"])
    with np.load(path, allow_pickle=False) as npz:  # the independent reader
        assert npz["meta"].dtype == np.uint8
        meta = json.loads(npz["meta"].tobytes().decode("utf-8"))
        assert meta["activation"] == "sigmoid"
        assert npz["W1"].shape == (784, 7) and npz["W2"].shape == (7, 10)


def test_architecture_is_filled_in_and_numpy_values_become_plain_json(tmp_path):
    meta = {
        "activation": "relu",
        "test_accuracy": np.float32(0.5),
        "losses": np.array([1.0, 0.5]),
        "bad": float("nan"),
    }
    path = save_model(tmp_path / "m.npz", make_params(hidden=3), meta)
    _, loaded = load_model(path)
    assert loaded["architecture"] == {"input_size": 784, "hidden_size": 3, "output_size": 10}
    assert loaded["test_accuracy"] == 0.5 and loaded["losses"] == [1.0, 0.5]
    assert loaded["bad"] is None  # strict JSON has no NaN


def test_hidden_layer_sizes_at_the_limits(tmp_path):
    for hidden in (1, 4096):
        path = save_model(tmp_path / f"h{hidden}.npz", make_params(hidden=hidden), {"activation": "relu"})
        params, _ = load_model(path)
        assert params["W1"].shape == (784, hidden)


# --- saving safely ---------------------------------------------------------------------------------------


def test_nan_weights_are_not_saved_and_the_old_file_survives(tmp_path):
    path = save_model(tmp_path / "model.npz", make_params(), META)
    before = path.read_bytes()
    bad = make_params()
    bad["W2"][3, 4] = np.nan
    with pytest.raises(ModelFileError, match="refusing to save a model with NaN weights") as info:
        save_model(path, bad, META)
    assert "model.npz" in str(info.value)
    bad["W2"][3, 4] = np.inf
    with pytest.raises(ModelFileError, match="NaN"):
        save_model(tmp_path / "new.npz", bad, META)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.npz"]  # no new file, no temp file


def test_a_failure_while_writing_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = save_model(tmp_path / "model.npz", make_params(), META)
    before = path.read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)  # the last step of the atomic write (core.durable)
    with pytest.raises(ModelFileError, match="No space left") as info:
        save_model(path, make_params(seed=1), META)
    assert "model.npz" in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.npz"]


@pytest.mark.parametrize(
    "params, meta, words",
    [
        ({k: v for k, v in make_params().items() if k != "b2"}, META, "exactly W1, b1, W2, b2"),
        (make_params() | {"W1": np.zeros((785, 50))}, META, "785 inputs"),
        (make_params() | {"W2": np.zeros((50, 11))}, META, "W2 has shape"),
        (make_params() | {"W1": np.array([["a"] * 50] * 784)}, META, "not numbers"),
        (make_params(), {k: v for k, v in META.items() if k != "activation"}, "activation"),
        (make_params(), META | {"activation": "tanh"}, "activation"),
        (make_params(), META | {"architecture": {"hidden_size": 64}}, "hidden_size"),
        (make_params(), META | {"callback": print}, "JSON"),
        (make_params(), ["not", "a", "dict"], "meta must be a dict"),
    ],
    ids=[
        "missing-b2",
        "wrong-input",
        "wrong-output",
        "strings",
        "no-activation",
        "tanh",
        "arch-mismatch",
        "not-json",
        "meta-list",
    ],
)
def test_saving_refuses_what_loading_would_refuse(tmp_path, params, meta, words):
    with pytest.raises(ModelFileError, match=words) as info:
        save_model(tmp_path / "model.npz", params, meta)
    assert "model.npz" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_saving_into_a_new_folder_creates_it(tmp_path):
    path = save_model(tmp_path / "models" / "a" / "model.npz", make_params(), META)
    assert load_model(path)[1]["activation"] == "sigmoid"


# --- pickles never run
# ---------------------------------------------------------------------------------------


class Payload:
    """Unpickling this creates `marker`: proof that a loader ran code from the file."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_the_payload_really_runs_when_unpickled(tmp_path):
    # The control for the tests below: if unpickling happened, the marker would appear.
    control = tmp_path / "control-marker"
    pickle.loads(pickle.dumps(Payload(control))).close()
    assert control.exists()


def test_npz_with_a_pickled_object_array_is_refused_and_never_unpickled(tmp_path):
    marker = tmp_path / "marker"
    evil = np.empty(1, dtype=object)
    evil[0] = Payload(marker)
    path = tmp_path / "evil.npz"
    params = make_params()
    np.savez(path, W1=params["W1"], b1=params["b1"], W2=params["W2"], b2=params["b2"], meta=evil)
    refused(path, "contains a pickled object; refusing to load it")
    assert not marker.exists()


def test_pickled_weights_are_refused_too(tmp_path):
    marker = tmp_path / "marker"
    evil = np.empty((784, 50), dtype=object)
    evil[0, 0] = Payload(marker)
    path = write_zip(tmp_path / "evil.npz", members_from(W1=npy_bytes(evil, allow_pickle=True)))
    refused(path, "W1 contains a pickled object")
    assert not marker.exists()


def test_the_books_pickle_file_renamed_npz_is_refused(tmp_path):
    marker = tmp_path / "marker"
    path = tmp_path / "params.npz"
    with open(path, "wb") as f:
        pickle.dump({"W1": Payload(marker), "b1": np.zeros(50)}, f)
    refused(path, "pickle")
    assert not marker.exists()


def test_the_seeds_meta_as_an_object_array_is_refused(tmp_path):
    # What a naive np.savez(..., meta={...}) produces: a 0-d object array holding a dict.
    path = tmp_path / "naive.npz"
    np.savez(path, **make_params(), meta={"activation": "sigmoid"})
    refused(path, "pickled object")


# --- wrong contents
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, words",
    [
        ({"W1": None}, "missing W1.npy"),
        ({"meta": None}, "missing meta.npy"),
        ({"extra": npy_bytes(np.zeros(3))}, "unexpected 'extra.npy'"),
        ({"W1": npy_bytes(np.zeros((785, 50)))}, "785 inputs"),
        ({"W1": npy_bytes(np.zeros((784, 50, 1)))}, "must be 2-D"),
        ({"b1": npy_bytes(np.zeros(49))}, "b1 has shape (49,)"),
        ({"W2": npy_bytes(np.zeros((50, 9)))}, "W2 has shape (50, 9)"),
        ({"b2": npy_bytes(np.zeros(11))}, "b2 has shape (11,)"),
        (
            {
                "W1": npy_bytes(np.zeros((784, 0))),
                "b1": npy_bytes(np.zeros(0)),
                "W2": npy_bytes(np.zeros((0, 10))),
            },
            "0 units",
        ),
        ({"W1": npy_bytes(np.zeros((784, 50), np.int32))}, "int32"),
        ({"W1": npy_bytes(np.zeros((784, 50), np.float16))}, "float16"),
        ({"b2": npy_bytes(np.zeros(10, np.complex128))}, "complex128"),
        ({"meta": npy_bytes(np.zeros(10, np.float64))}, "UTF-8 JSON bytes"),
    ],
    ids=[
        "no-W1",
        "no-meta",
        "extra",
        "785",
        "3-D",
        "b1",
        "W2",
        "b2",
        "hidden-0",
        "int",
        "half",
        "complex",
        "meta-float",
    ],
)
def test_wrong_members_or_shapes_are_refused(tmp_path, change, words):
    path = write_zip(tmp_path / "model.npz", members_from(**change))
    refused(path, words)


def test_renamed_members_are_refused(tmp_path):
    members = members_from()
    members["w1.npy"] = members.pop("W1.npy")
    refused(write_zip(tmp_path / "lower.npz", members), "missing W1.npy", "unexpected 'w1.npy'")
    members = members_from()
    members["model/W1.npy"] = members.pop("W1.npy")
    refused(write_zip(tmp_path / "nested.npz", members), "missing W1.npy")


def test_a_duplicated_member_is_refused(tmp_path):
    path = tmp_path / "dup.npz"
    with pytest.warns(UserWarning):  # zipfile itself warns about the duplicate name
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in members_from().items():
                zf.writestr(name, data)
            zf.writestr("W1.npy", npy_bytes(np.ones((784, 50))))
    refused(path, "twice")


def test_nan_weights_in_a_file_are_refused(tmp_path):
    params = make_params()
    params["b1"][7] = np.nan
    refused(write_zip(tmp_path / "nan.npz", members_from(params=params)), "b1 contains NaN")
    params = make_params()
    params["W1"][0, 0] = -np.inf
    refused(write_zip(tmp_path / "inf.npz", members_from(params=params)), "W1 contains NaN or infinite")


@pytest.mark.parametrize(
    "raw, words",
    [
        (b"\xff\xfe not json", "not valid JSON"),
        (b"{'single': 'quotes'}", "not valid JSON"),
        (b"[1, 2, 3]", "JSON list"),
        (json.dumps({"format_version": 1, "activation": "sigmoid"}).encode(), "not an MNIST Studio model"),
        (json.dumps(good_meta(format="keras")).encode(), "format 'keras'"),
        (json.dumps(good_meta(format_version=2)).encode(), "newer MNIST Studio"),
        (json.dumps(good_meta(format_version="1")).encode(), "not a version number"),
        (json.dumps(good_meta(activation="tanh")).encode(), "activation"),
        (json.dumps(good_meta(architecture={"hidden_size": 64})).encode(), "hidden_size 64"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ],
    ids=[
        "bytes",
        "python-literal",
        "list",
        "no-format",
        "other-format",
        "v2",
        "str-version",
        "tanh",
        "arch",
        "deep-nesting",
    ],
)
def test_bad_metadata_is_refused(tmp_path, raw, words):
    members = members_from(meta=npy_bytes(np.frombuffer(raw, np.uint8)))
    refused(write_zip(tmp_path / "model.npz", members), words)


# --- damaged files, not model files
# -----------------------------------------------------------------------------


def test_truncated_files_are_refused(tmp_path):
    whole = save_model(tmp_path / "whole.npz", make_params(), META).read_bytes()
    for cut_at in (len(whole) // 2, len(whole) - 1, 100):
        path = tmp_path / f"cut{cut_at}.npz"
        path.write_bytes(whole[:cut_at])
        refused(path)


def test_flipped_bits_in_the_weights_are_caught_by_the_checksum(tmp_path):
    data = bytearray(save_model(tmp_path / "whole.npz", make_params(), META).read_bytes())
    data[len(data) // 3] ^= 0xFF  # inside W1's data
    path = tmp_path / "flipped.npz"
    path.write_bytes(bytes(data))
    refused(path, "damaged")


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("notes.npz", b"just some text\n", "not a model file"),
        ("empty.npz", b"", "empty"),
        ("picture.npz", b"\x89PNG\r\n\x1a\n" + bytes(100), "not a model file"),
        ("array.npz", npy_bytes(np.zeros(3)), "not a model file"),
    ],
)
def test_files_that_are_not_zips_are_refused(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    refused(path, words)


def test_missing_file_and_folder(tmp_path):
    refused(tmp_path / "nowhere.npz", "no such file")
    (tmp_path / "folder.npz").mkdir()
    refused(tmp_path / "folder.npz", "folder")


def test_a_mismatch_between_header_and_data_size_is_refused(tmp_path):
    w1 = handmade_npy("<f8", (784, 50), bytes(784 * 50 * 8 - 8))  # one number short
    refused(write_zip(tmp_path / "short.npz", members_from(W1=w1)), "damaged or truncated")
    w1 = handmade_npy("<f8", (784, 50), bytes(784 * 50 * 8 + 8))  # one number too many
    refused(write_zip(tmp_path / "long.npz", members_from(W1=w1)), "damaged or truncated")


def test_a_header_that_is_not_a_numpy_header_is_refused(tmp_path):
    refused(
        write_zip(tmp_path / "a.npz", members_from(W1=b"not an npy file at all")),
        "W1.npy is not a valid NumPy array",
    )
    evil_header = (
        b"\x93NUMPY\x01\x00" + struct.pack("<H", 60) + b"__import__('os').system('touch x')".ljust(59) + b"\n"
    )
    refused(write_zip(tmp_path / "b.npz", members_from(W1=evil_header)), "not a valid NumPy array")
    assert not (Path.cwd() / "x").exists()


# --- resource bombs
# -----------------------------------------------------------------------------------------------


def test_an_enormous_declared_shape_is_refused_without_allocating(tmp_path):
    # The header promises 784 x 1e9 float64s = 6 TB; the file is a few hundred bytes.
    w1 = handmade_npy("<f8", (784, 10**9))
    path = write_zip(tmp_path / "huge.npz", members_from(W1=w1))
    tracemalloc.start()
    try:
        refused(path, "1000000000 units")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 2**20


@pytest.mark.parametrize("version", [1, 2])
def test_enormous_shapes_in_every_member_are_refused(tmp_path, version):
    for member, shape in [
        ("b1", (2**62,)),
        ("W2", (50, 10**12)),
        ("meta", (10**15,)),
        ("b2", (10, 10, 10, 10)),
    ]:
        descr = "|u1" if member == "meta" else "<f4"
        path = write_zip(
            tmp_path / f"{member}.npz", members_from(**{member: handmade_npy(descr, shape, version=version)})
        )
        refused(path)


def test_a_zip_bomb_is_refused_from_its_declared_size(tmp_path):
    # 300 MB of zeros squeezed into a few hundred KB, as the W1 member.
    path = tmp_path / "bomb.npz"
    members = members_from()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in members.items():
            if name != "W1.npy":
                zf.writestr(name, data)
        with zf.open("W1.npy", "w", force_zip64=True) as member:
            member.write(handmade_npy("<f8", (784, 47832)))
            zeros = bytes(4 * 2**20)
            for _ in range(75):
                member.write(zeros)
    assert path.stat().st_size < 2 * 2**20
    tracemalloc.start()
    try:
        refused(path, f"more than {MAX_TOTAL_BYTES // 2**20} MB")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 2**20


def test_a_member_that_compresses_a_thousandfold_is_refused(tmp_path):
    # Within the size limit, but 25 MB of zeros packed into ~25 KB: no real weights do that.
    params = make_params(hidden=4096, dtype=np.float64)
    params["W1"][:] = 0.0
    path = write_zip(tmp_path / "squeezed.npz", members_from(params=params), compression=zipfile.ZIP_DEFLATED)
    refused(path, "W1.npy unpacks to", "zip bomb")


def test_an_honestly_compressed_model_is_accepted(tmp_path):
    path = tmp_path / "compressed.npz"
    params = make_params()
    np.savez_compressed(path, **params, meta=meta_bytes(good_meta()))
    loaded, meta = load_model(path)
    assert np.array_equal(loaded["W1"], params["W1"]) and meta["activation"] == "sigmoid"


def test_big_endian_and_fortran_order_weights_load_as_ordinary_arrays(tmp_path):
    params = make_params(dtype=np.float64)
    stored = {k: np.asfortranarray(v.astype(">f8")) for k, v in params.items()}
    loaded, _ = load_model(write_zip(tmp_path / "be.npz", members_from(params=stored)))
    for name in params:
        assert loaded[name].dtype == np.float64 and loaded[name].dtype.isnative
        assert loaded[name].flags.c_contiguous
        assert np.array_equal(loaded[name], params[name])


# --- the default model
# ---------------------------------------------------------------------------------------------


def test_default_model_path_is_inside_the_installed_resources():
    path = default_model_path()
    assert path.name == "default_model.npz"
    assert path.parent.name == "resources"
    assert (path.parent / "__init__.py").exists()


def test_a_missing_default_model_is_a_clear_error(tmp_path, monkeypatch):
    missing = tmp_path / "default_model.npz"
    monkeypatch.setattr(modelfile, "default_model_path", lambda: missing)
    with pytest.raises(ModelFileError, match="default model is missing") as info:
        load_default_model()
    assert "default_model.npz" in str(info.value)


def test_the_shipped_default_model_loads_if_present():
    if not default_model_path().exists():
        pytest.skip("no default model has been trained into resources/ yet")
    params, meta = load_default_model()
    assert params["W1"].shape[0] == 784 and params["W2"].shape[1] == 10
    assert meta["activation"] in ("sigmoid", "relu")
