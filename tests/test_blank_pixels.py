"""Training leaves out the pixels that are blank in every training image, and gets the same network as when it
multiplies all 784.
"""

from types import SimpleNamespace

import numpy as np
import pytest

from mnist_studio.core import run as run_module
from mnist_studio.core.blank_pixels import inked_pixels, keep_columns, without_blank_pixels
from mnist_studio.core.mnist import load_raw
from mnist_studio.core.network import PARAM_NAMES, TwoLayerNet
from mnist_studio.core.trainer import Snapshot, TrainConfig, Trainer


def framed_digits(n, seed=0, border=3):
    """uint8 28x28 images with ink only inside a frame `border` pixels wide, like MNIST's blank edges, and
    labels.
    """
    rng = np.random.default_rng(seed)
    images = np.zeros((n, 28, 28), np.uint8)
    inside = images[:, border:-border, border:-border]
    inside[...] = (rng.random(inside.shape) < 0.25) * rng.integers(1, 256, inside.shape)
    return images.reshape(n, 784), rng.integers(0, 10, n)


def test_keep_columns_equals_picking_the_columns():
    rng = np.random.default_rng(1)
    images = rng.integers(0, 256, (50, 784), dtype=np.uint8)
    for columns in (
        np.arange(784),
        np.array([0, 1, 2, 7, 8, 500, 783]),
        np.sort(rng.choice(784, 300, replace=False)),
    ):
        np.testing.assert_array_equal(keep_columns(images, columns), images[:, columns])


def test_mnist_has_67_pixels_blank_in_every_training_image(mnist_dir):
    x_train = load_raw(mnist_dir).x_train
    pixels = inked_pixels(x_train)
    assert len(pixels) == 717
    blank = np.setdiff1d(np.arange(784), pixels)
    assert not x_train[:, blank].any() and x_train[:, pixels].any(axis=0).all()
    assert {0, 27, 28 * 27, 783} <= set(blank.tolist())  # the corners


def test_the_copy_is_made_once_per_training_set():
    images, _ = framed_digits(200)
    pixels, columns = without_blank_pixels(images)
    assert len(pixels) == 22 * 22
    np.testing.assert_array_equal(columns, images[:, pixels])
    again = without_blank_pixels(images)
    assert again[0] is pixels and again[1] is columns
    other, _ = framed_digits(200, seed=1)
    assert without_blank_pixels(other)[1] is not columns


def test_images_with_ink_everywhere_are_used_whole():
    images = np.random.default_rng(2).integers(1, 256, (100, 784), dtype=np.uint8)
    pixels, columns = without_blank_pixels(images)
    assert pixels is None and columns is images


def run(data, monkeypatch, leave_out_blank, **config):
    """Train from fixed starting weights, with or without leaving blank pixels out; returns (result,
    snapshots, start).
    """
    if not leave_out_blank:
        monkeypatch.setattr(run_module, "without_blank_pixels", lambda images: (None, images))
    start = TwoLayerNet(784, 32, 10, 0.01, seed=3, dtype=np.float32)
    first = {k: v.copy() for k, v in start.params.items()}
    snaps = []
    cfg = TrainConfig(hidden_size=32, batch_size=50, epochs=3, snapshot_seconds=0.0, **config)
    result = Trainer(
        cfg, data, lambda ev: snaps.append(ev) if isinstance(ev, Snapshot) else None, net=start
    ).run()
    monkeypatch.undo()
    return result, snaps, first


@pytest.mark.parametrize(
    "config", [{}, {"optimizer": "adam", "lr": 3e-3, "activation": "relu", "init": "he"}]
)
def test_leaving_blank_pixels_out_trains_the_same_network(monkeypatch, config):
    x, t = framed_digits(1000, seed=4)
    xt, tt = framed_digits(300, seed=5, border=1)  # test images may have ink where training images never do
    data = SimpleNamespace(x_train=x, t_train=t, x_test=xt, t_test=tt)
    fast, fast_snaps, first = run(data, monkeypatch, True, **config)
    whole, whole_snaps, _ = run(data, monkeypatch, False, **config)

    blank = np.setdiff1d(np.arange(784), inked_pixels(x))
    assert len(blank) == 784 - 22 * 22
    np.testing.assert_array_equal(
        fast.params["W1"][blank], first["W1"][blank]
    )  # never trained, never changed
    assert not np.array_equal(fast.params["W1"], first["W1"])
    for k in PARAM_NAMES:  # the same weights, up to float32 rounding of sums taken in another order
        moved, whole_moved = fast.params[k] - first[k], whole.params[k] - first[k]
        assert np.abs(moved - whole_moved).max() < 1e-3 * np.abs(whole_moved).max(), k
    np.testing.assert_allclose(fast.losses, whole.losses, rtol=1e-4)
    assert [e.test_accuracy for e in fast.epochs] == [e.test_accuracy for e in whole.epochs]
    # the copies of the weights sent out during training are whole and current too
    assert len(fast_snaps) == len(whole_snaps) > 3
    for a, b in zip(fast_snaps, whole_snaps):
        assert a.iteration == b.iteration
        np.testing.assert_allclose(a.params["W1"], b.params["W1"], rtol=0, atol=1e-5)
