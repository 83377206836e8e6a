"""MNIST files: the real data reads as the well-known 60,000 + 10,000 digits, and damaged or hostile files are
refused with a one-line DataError.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import struct
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mirror_server import GENUINE_SHA256, shared_mnist_dir

from mnist_studio.core import mnist
from mnist_studio.core.errors import DataError, UserError
from mnist_studio.core.mnist import (
    FILES,
    SHA256,
    find_file,
    load_mnist,
    load_raw,
    missing_files,
    read_idx_images,
    read_idx_labels,
)
from mnist_studio.core.paths import user_data_root

# Published class counts of the 10,000 test digits (e.g. in the MNIST literature / torchvision docs).
TEST_CLASS_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def idx_images(
    images: np.ndarray, count: int | None = None, magic: int = 2051, rows: int = 28, cols: int = 28
) -> bytes:
    """An image IDX file written by hand from the format's definition (independent of the reader)."""
    n = len(images) if count is None else count
    return struct.pack(">IIII", magic, n, rows, cols) + np.asarray(images, dtype=np.uint8).tobytes()


def idx_labels(labels, count: int | None = None, magic: int = 2049) -> bytes:
    n = len(labels) if count is None else count
    return struct.pack(">II", magic, n) + bytes(bytearray(labels))


def write(path: Path, data: bytes, gz: bool = False) -> Path:
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


@pytest.fixture(scope="module")
def raw(mnist_dir):
    return load_raw(mnist_dir)


# ---------------------------------------------------------------------------------------------
# The real data


def test_sha256_table_matches_the_published_sums():
    # The loader's built-in table against the sums published with the data (copied into the tests).
    assert {name + ".gz": digest for name, digest in SHA256.items()} == GENUINE_SHA256
    assert set(SHA256) == set(FILES.values())


def test_real_files_hash_to_the_published_sums(mnist_dir):
    # Also holds for a folder `mnist-studio download` filled, which has no SHA256SUMS file.
    for name, digest in GENUINE_SHA256.items():
        assert hashlib.sha256(gzip.decompress((mnist_dir / name).read_bytes())).hexdigest() == digest, name


def test_tests_find_the_mnist_that_download_put_in_the_user_folder(mnist_dir, tmp_path, monkeypatch):
    # A fresh machine after `mnist-studio download`: no MNIST_STUDIO_DATA, the files in the user data folder.
    monkeypatch.delenv("MNIST_STUDIO_DATA", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = user_data_root() / "mnist"
    assert str(folder).startswith(str(tmp_path))
    folder.mkdir(parents=True)
    assert shared_mnist_dir() is None
    for name in GENUINE_SHA256:
        (folder / name).symlink_to(mnist_dir / name)
    assert shared_mnist_dir() == folder


def test_real_data_shapes_and_dtypes(raw):
    assert raw.x_train.shape == (60000, 784) and raw.x_train.dtype == np.uint8
    assert raw.t_train.shape == (60000,) and raw.t_train.dtype == np.uint8
    assert raw.x_test.shape == (10000, 784) and raw.x_test.dtype == np.uint8
    assert raw.t_test.shape == (10000,) and raw.t_test.dtype == np.uint8


def test_real_data_known_facts(raw):
    assert raw.t_train[0] == 5  # the famous first training digit is a 5
    assert raw.t_test[0] == 7  # and the first test digit a 7
    assert list(raw.t_train[:10]) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert raw.t_train.min() == 0 and raw.t_train.max() == 9
    assert np.bincount(raw.t_train, minlength=10).sum() == 60000
    assert np.bincount(raw.t_test, minlength=10).tolist() == TEST_CLASS_COUNTS
    # Pixels span the whole byte range; the corners of every digit are background.
    assert raw.x_train.min() == 0 and raw.x_train.max() == 255
    assert raw.x_train.reshape(-1, 28, 28)[:, 0, 0].max() == 0


def test_decoded_bytes_are_the_genuine_content(raw):
    # The arrays are exactly the published files' data after their headers.
    header = struct.pack(">IIII", 2051, 10000, 28, 28)
    assert hashlib.sha256(header + raw.x_test.tobytes()).hexdigest() == SHA256["t10k-images-idx3-ubyte"]
    header = struct.pack(">II", 2049, 60000)
    assert hashlib.sha256(header + raw.t_train.tobytes()).hexdigest() == SHA256["train-labels-idx1-ubyte"]


def test_load_raw_is_cached_and_read_only(mnist_dir):
    first = load_raw(mnist_dir)
    again = load_raw(mnist_dir)
    assert again is first
    with pytest.raises(ValueError):
        again.x_train[0, 0] = 1


def test_load_raw_uses_the_environment_folder(mnist_dir, monkeypatch):
    monkeypatch.setenv("MNIST_STUDIO_DATA", str(mnist_dir))
    assert load_raw() is load_raw(mnist_dir)


def test_load_mnist_defaults_match_the_book(raw):
    (x_train, t_train), (x_test, t_test) = load_mnist()
    assert x_train.shape == (60000, 784) and x_train.dtype == np.float32
    assert x_test.shape == (10000, 784) and x_test.dtype == np.float32
    assert t_train.dtype == np.uint8 and t_train.shape == (60000,)
    assert x_train.min() == 0.0 and x_train.max() == 1.0
    # Same arithmetic as the book: float32 pixels divided by 255.0.
    np.testing.assert_array_equal(x_test[0], raw.x_test[0].astype(np.float32) / np.float32(255.0))
    # Fresh, writable arrays: the caller may change them without touching the shared copy.
    t_train[0] = 9
    assert raw.t_train[0] == 5


def test_load_mnist_unnormalized_unflattened_one_hot(raw):
    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=False, flatten=False, one_hot_label=True)
    assert x_train.shape == (60000, 1, 28, 28) and x_train.dtype == np.uint8
    assert x_test.shape == (10000, 1, 28, 28)
    np.testing.assert_array_equal(x_train[3, 0], raw.x_train[3].reshape(28, 28))
    # One-hot rows as the book builds them: np.zeros((n, 10)) (float64) with a single 1.
    assert t_train.shape == (60000, 10) and t_train.dtype == np.float64
    assert t_test.shape == (10000, 10)
    assert (t_train.sum(axis=1) == 1).all()
    assert t_train[0].tolist() == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0]
    np.testing.assert_array_equal(t_test.argmax(axis=1), raw.t_test)
    x_train[0, 0, 0, 0] = 7
    assert raw.x_train[0, 0] == 0


def test_load_mnist_normalized_unflattened(raw):
    (x_train, _), _ = load_mnist(normalize=True, flatten=False)
    assert x_train.shape == (60000, 1, 28, 28) and x_train.dtype == np.float32


def test_plain_files_read_like_gzipped_ones(mnist_dir, tmp_path, raw):
    for base in FILES.values():
        (tmp_path / base).write_bytes(gzip.decompress((mnist_dir / (base + ".gz")).read_bytes()))
    plain = load_raw(tmp_path)
    assert plain is not raw
    np.testing.assert_array_equal(plain.x_test, raw.x_test)
    np.testing.assert_array_equal(plain.t_train, raw.t_train)
    assert find_file(tmp_path, "train_img") == tmp_path / "train-images-idx3-ubyte"
    mnist.clear_cache()


def test_find_file_prefers_gz_over_plain(tmp_path):
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(b"x")
    assert find_file(tmp_path, "test_label") == tmp_path / "t10k-labels-idx1-ubyte"
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"x")
    assert find_file(tmp_path, "test_label") == tmp_path / "t10k-labels-idx1-ubyte.gz"
    assert find_file(tmp_path, "train_img") is None


def test_cache_notices_a_changed_file(mnist_dir, tmp_path):
    for base in FILES.values():
        shutil.copy(mnist_dir / (base + ".gz"), tmp_path / (base + ".gz"))
    first = load_raw(tmp_path)
    labels = first.t_test.copy()
    labels[0] = 3
    write(tmp_path / "t10k-labels-idx1-ubyte.gz", idx_labels(labels), gz=True)
    second = load_raw(tmp_path)
    assert second is not first and second.t_test[0] == 3
    assert not any(p.name not in {b + ".gz" for b in FILES.values()} for p in tmp_path.iterdir())
    mnist.clear_cache()


# ---------------------------------------------------------------------------------------------
# Missing data


def test_missing_folder_says_how_to_get_the_data(tmp_path):
    folder = tmp_path / "nowhere"
    with pytest.raises(DataError) as info:
        load_raw(folder)
    message = str(info.value)
    assert "mnist-studio download" in message
    assert str(folder) in message
    assert "train-images-idx3-ubyte.gz" in message and "MNIST_STUDIO_DATA" in message
    assert "\n" not in message
    assert not folder.exists()  # loading never creates anything


def test_partly_missing_names_the_missing_files(mnist_dir, tmp_path):
    shutil.copy(mnist_dir / "t10k-labels-idx1-ubyte.gz", tmp_path)
    assert missing_files(tmp_path) == [
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
    ]
    with pytest.raises(DataError, match="missing train-images-idx3-ubyte.gz.*mnist-studio download"):
        load_raw(tmp_path)


def test_data_error_is_a_user_error():
    assert issubclass(DataError, UserError)


# ---------------------------------------------------------------------------------------------
# Damaged and hostile files


def test_small_valid_files_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(3, 28, 28), dtype=np.uint8)
    for gz in (False, True):
        path = write(tmp_path / ("imgs.gz" if gz else "imgs"), idx_images(images), gz)
        np.testing.assert_array_equal(read_idx_images(path), images)
        path = write(tmp_path / ("lbls.gz" if gz else "lbls"), idx_labels([0, 9, 4]), gz)
        assert read_idx_labels(path).tolist() == [0, 9, 4]


@pytest.mark.parametrize("gz", [False, True])
def test_wrong_magic_is_refused_with_advice(tmp_path, gz):
    path = write(tmp_path / ("x.gz" if gz else "x"), idx_images(np.zeros((2, 28, 28)), magic=1234), gz)
    with pytest.raises(DataError) as info:
        read_idx_images(path)
    message = str(info.value)
    assert str(path) in message and "magic 1234, expected 2051" in message
    assert "mnist-studio download" in message and "\n" not in message


def test_label_file_is_not_an_image_file(tmp_path):
    path = write(tmp_path / "l", idx_labels([1, 2]))
    with pytest.raises(DataError, match="not an MNIST image file"):
        read_idx_images(path)
    path = write(tmp_path / "i", idx_images(np.zeros((1, 28, 28))))
    with pytest.raises(DataError, match="not an MNIST label file"):
        read_idx_labels(path)


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_files_are_refused(tmp_path, gz, mnist_dir):
    data = idx_images(np.full((5, 28, 28), 7))
    path = write(tmp_path / ("t.gz" if gz else "t"), data[:-100], gz)
    with pytest.raises(DataError, match="truncated"):
        read_idx_images(path)
    # A real download cut off halfway: the gzip stream itself ends early.
    cut = tmp_path / "train-labels-idx1-ubyte.gz"
    blob = (mnist_dir / "train-labels-idx1-ubyte.gz").read_bytes()
    cut.write_bytes(blob[: len(blob) // 2])
    with pytest.raises(DataError, match="train-labels-idx1-ubyte.gz"):
        read_idx_labels(cut)


@pytest.mark.parametrize("gz", [False, True])
def test_a_file_one_byte_short_is_refused_as_truncated(tmp_path, gz):
    """The length check has no off-by-one: one missing byte gives the one-line message, not a reshape error or
    9,999 labels.
    """
    images = idx_images(np.full((3, 28, 28), 7))
    path = write(tmp_path / ("i.gz" if gz else "i"), images[:-1], gz)
    with pytest.raises(DataError, match="truncated") as info:
        read_idx_images(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)
    labels = idx_labels(list(range(10)) * 1000)  # 10,000 labels
    path = write(tmp_path / ("l.gz" if gz else "l"), labels[:-1], gz)
    with pytest.raises(DataError, match="truncated"):
        read_idx_labels(path)


@pytest.mark.parametrize("gz", [False, True])
def test_extra_bytes_after_the_data_are_refused(tmp_path, gz):
    path = write(tmp_path / ("e.gz" if gz else "e"), idx_labels([1, 2, 3]) + b"\x00", gz)
    with pytest.raises(DataError, match="longer than its header says"):
        read_idx_labels(path)


def test_wrong_image_size_is_refused(tmp_path):
    path = write(tmp_path / "s", idx_images(np.zeros((2, 32, 32)), rows=32, cols=32))
    with pytest.raises(DataError, match="32x32, expected 28x28"):
        read_idx_images(path)


def peak_allocated(reader, path, refusal: str) -> int:
    """Bytes allocated at the peak while reader(path) refuses the file with a DataError matching `refusal`."""
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match=refusal):
            reader(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("kind", ["images", "labels"])
def test_huge_header_is_refused_before_allocating(tmp_path, gz, kind):
    if kind == "images":
        data = struct.pack(">IIII", 2051, 2**31, 28, 28) + bytes(784 * 3)
        reader = read_idx_images
    else:
        data = struct.pack(">II", 2049, 2**31) + bytes(3)
        reader = read_idx_labels
    path = write(tmp_path / ("h.gz" if gz else "h"), data, gz)
    assert peak_allocated(reader, path, "2147483648") < 50 * 2**20


def test_plausible_count_with_little_data_allocates_little(tmp_path):
    # 99,999 images claimed in a tiny gzip: refused without reserving room for 78 MB first.
    path = write(tmp_path / "p.gz", struct.pack(">IIII", 2051, 99_999, 28, 28) + bytes(784), gz=True)
    assert peak_allocated(read_idx_images, path, "truncated") < 20 * 2**20


def test_not_gzip_despite_gz_name(tmp_path):
    path = write(tmp_path / "train-images-idx3-ubyte.gz", b"<html><body>Moved</body></html>")
    with pytest.raises(DataError, match="not a gzip file despite its .gz name"):
        read_idx_images(path)
    # Even a genuine plain IDX file is refused under a .gz name: the name promises gzip.
    path = write(tmp_path / "l.gz", idx_labels([1, 2]))
    with pytest.raises(DataError, match="not a gzip file"):
        read_idx_labels(path)


def test_labels_outside_0_to_9_are_refused(tmp_path):
    path = write(tmp_path / "l.gz", idx_labels([3, 1, 10, 2]), gz=True)
    with pytest.raises(DataError, match="label 10 at position 2 is not a digit 0-9"):
        read_idx_labels(path)


def test_empty_and_zero_count_files_are_refused(tmp_path):
    with pytest.raises(DataError, match="empty file"):
        read_idx_labels(write(tmp_path / "z", b""))
    with pytest.raises(DataError, match="empty file"):
        read_idx_labels(write(tmp_path / "z.gz", b"", gz=True))
    with pytest.raises(DataError, match="contains no labels"):
        read_idx_labels(write(tmp_path / "n", idx_labels([])))


def test_unreadable_paths_are_data_errors(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        read_idx_images(tmp_path / "absent")
    with pytest.raises(DataError, match="is a folder"):
        read_idx_images(tmp_path)


def _write_set(
    folder: Path, n_train: int, n_train_labels: int, n_test: int = 2, n_test_labels: int = 2
) -> None:
    write(folder / "train-images-idx3-ubyte.gz", idx_images(np.zeros((n_train, 28, 28))), gz=True)
    write(folder / "train-labels-idx1-ubyte.gz", idx_labels([1] * n_train_labels), gz=True)
    write(folder / "t10k-images-idx3-ubyte", idx_images(np.zeros((n_test, 28, 28))))
    write(folder / "t10k-labels-idx1-ubyte", idx_labels([2] * n_test_labels))


def test_image_and_label_counts_must_match(tmp_path):
    _write_set(tmp_path, n_train=3, n_train_labels=4)
    with pytest.raises(DataError, match="has 3 images but train-labels-idx1-ubyte.gz has 4 labels"):
        load_raw(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    _write_set(other, 3, 3, n_test=2, n_test_labels=1)
    with pytest.raises(DataError, match="has 2 images but t10k-labels-idx1-ubyte has 1 labels"):
        load_raw(other)


def test_small_consistent_set_loads(tmp_path):
    _write_set(tmp_path, 3, 3)
    data = load_raw(tmp_path)
    assert data.x_train.shape == (3, 784) and data.t_test.tolist() == [2, 2]
    mnist.clear_cache()


# ---------------------------------------------------------------------------------------------
# Fuzzing: whatever the bytes, the readers either succeed or raise DataError


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def _headers():
    magic = st.sampled_from([2051, 2049, 0, 2052, 0x1F8B0800, 2**32 - 1]) | st.integers(0, 2**32 - 1)
    count = st.sampled_from([0, 1, 2, 3, 100_000, 100_001, 2**31, 2**32 - 1]) | st.integers(0, 2**32 - 1)
    side = st.sampled_from([28, 0, 1, 27, 29, 2**32 - 1]) | st.integers(0, 2**32 - 1)
    return st.tuples(magic, count, side, side)


@st.composite
def idx_like(draw):
    """Bytes that are often nearly valid: a mutated header, then a body of a plausible or random length."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=300))
    magic, count, rows, cols = draw(_headers())
    ndims = draw(st.sampled_from([1, 3]))
    header = struct.pack(">II", magic, count) + (struct.pack(">II", rows, cols) if ndims == 3 else b"")
    item = 784 if ndims == 3 else 1
    body_len = draw(st.sampled_from([0, 1, item, 2 * item, 3 * item - 1]) | st.integers(0, 3000))
    if body_len < 64:
        body = draw(st.binary(min_size=body_len, max_size=body_len))
    else:  # long bodies: one repeated byte, mostly valid as a label (0-9), sometimes not
        body = bytes([draw(st.integers(0, 12))]) * body_len
    data = header + body
    cut = draw(st.integers(0, len(data)))
    return data[:cut] if draw(st.booleans()) else data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=idx_like(), gz=st.sampled_from(["plain", "gz", "fake-gz", "gz-cut"]))
def test_fuzz_readers_only_raise_data_error(fuzz_dir, data, gz):
    path = fuzz_dir / ("f.gz" if gz != "plain" else "f")
    if gz == "gz":
        path.write_bytes(gzip.compress(data))
    elif gz == "gz-cut":
        blob = gzip.compress(data)
        path.write_bytes(blob[: max(2, len(blob) - 5)])
    else:
        path.write_bytes(data)
    for reader in (read_idx_images, read_idx_labels):
        try:
            out = reader(path)
        except DataError as e:
            assert "\n" not in str(e) and str(path) in str(e)
        else:
            # accepted only when it holds exactly the count its header declares
            assert out.dtype == np.uint8 and len(out) == struct.unpack(">I", data[4:8])[0] >= 1
            if reader is read_idx_images:
                assert out.shape[1:] == (28, 28)
            else:
                assert out.max() <= 9
