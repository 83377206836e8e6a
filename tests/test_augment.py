"""Training-time augmentation: each change does what it says on known pictures; random batches stay digits."""

import numpy as np
import pytest

from mnist_studio.core.augment import (
    DEFAULT_RANGES,
    Ranges,
    augment_batch,
    distort,
    elastic_field,
    thicken,
)
from mnist_studio.core.mnist import load_raw
from mnist_studio.core.preprocess import center_of_mass


@pytest.fixture(scope="module")
def digits(mnist_dir):
    """The first 256 MNIST training digits (flat uint8) and the same as 0..1 pictures."""
    data = load_raw(mnist_dir)
    u8 = data.x_train[:256]
    return u8, u8.reshape(-1, 28, 28).astype(np.float32) / 255.0


def an_L():
    """A lopsided picture (an L with a dot) whose every turn and mirror image differs."""
    img = np.zeros((1, 28, 28), np.float32)
    img[0, 6:20, 9] = 1.0
    img[0, 19, 9:17] = 0.6
    img[0, 8, 15] = 0.3
    return img


def test_identity_parameters_give_the_input_back(digits):
    _, pics = digits
    out = distort(pics[:20])
    np.testing.assert_allclose(out, pics[:20], atol=1e-6)
    np.testing.assert_allclose(thicken(pics[:20], 0.0), pics[:20], atol=0)


@pytest.mark.parametrize("rows, cols", [(1, 0), (0, 1), (-1, 0), (2, -3)])
def test_a_whole_pixel_shift_is_np_roll(rows, cols):
    img = an_L()
    out = distort(img, shift=(rows, cols))
    np.testing.assert_allclose(out[0], np.roll(img[0], (rows, cols), axis=(0, 1)), atol=1e-6)


def test_a_quarter_turn_is_np_rot90():
    img = an_L()
    np.testing.assert_allclose(distort(img, 90.0)[0], np.rot90(img[0]), atol=1e-5)  # counter-clockwise
    np.testing.assert_allclose(distort(img, -90.0)[0], np.rot90(img[0], -1), atol=1e-5)


def test_shear_slants_a_vertical_stroke():
    # shear s moves a pixel's column by s times its row offset from the middle: with s = 1 a
    # vertical stroke through column 14 becomes the diagonal column = row + 0.5 (the middle is 13.5).
    img = np.zeros((1, 28, 28), np.float32)
    img[0, 8:20, 14] = 1.0
    out = distort(img, shear=1.0)[0]
    for r in range(10, 18):
        assert out[r].argmax() == r or out[r].argmax() == r + 1
        assert out[r].sum() == pytest.approx(1.0, abs=1e-5)  # one pixel's worth of ink per row


def test_scale_doubles_the_size_of_a_digit(digits):
    _, pics = digits
    def height(img):
        rows = np.flatnonzero(img.max(axis=1) > 0.5)
        return rows[-1] - rows[0] + 1
    small = distort(pics[1:2], scale=0.5)[0]  # a 0, 20 px tall
    assert height(small) == pytest.approx(height(pics[1]) / 2, abs=1.5)


def test_a_uniform_displacement_field_moves_the_picture():
    # output(p) = input(p + d): a field of +1 row everywhere reads from one row down, so the picture moves up
    img = an_L()
    field = np.zeros((1, 2, 784), np.float32)
    field[0, 0] = 1.0
    np.testing.assert_allclose(distort(img, displacement=field)[0], np.roll(img[0], -1, axis=0), atol=1e-6)


def test_elastic_field_is_a_smooth_bend_of_a_pixel_or_two():
    rng = np.random.default_rng(0)
    field = elastic_field(200, rng, DEFAULT_RANGES.elastic_alpha, DEFAULT_RANGES.elastic_sigma)
    field = field.reshape(200, 2, 28, 28)
    assert 0.5 < field.std() < 3.0  # pixels of movement, not tenths and not half the digit
    # smooth: neighbouring pixels move almost alike (unsmoothed noise differs by more than its own size)
    step = np.abs(np.diff(field, axis=3)).mean()
    assert step < 0.25 * np.abs(field).mean()
    assert np.all(elastic_field(3, rng, 0.0, 4.0) == 0)  # alpha 0: no movement


def test_thicker_and_thinner_strokes():
    img = np.zeros((1, 28, 28), np.float32)
    img[0, 5:23, 13:16] = 1.0  # a stroke 3 px wide
    thick = thicken(img, 1.0)[0]
    assert thick[14].sum() == 5.0  # one more pixel each side
    thin = thicken(img, -1.0)[0]
    assert thin[14].sum() == 1.0  # one pixel fewer each side
    half = thicken(img, 0.5)[0]
    np.testing.assert_allclose(half[14, 12:17], [0.5, 1, 1, 1, 0.5])
    np.testing.assert_allclose(thicken(img, 1.5)[0, 14, 10:19], [0, 0.5, 1, 1, 1, 1, 1, 0.5, 0])
    assert thicken(img, 2.0)[0, 14].sum() == 7.0
    # one image per amount, in one call: each gets its own
    both = thicken(np.concatenate([img, img]), [1.0, -1.0])
    np.testing.assert_array_equal(both[0], thick)
    np.testing.assert_array_equal(both[1], thin)


def test_augmented_batches_stay_digits(digits):
    u8, pics = digits
    out = augment_batch(u8, np.random.default_rng(0))
    assert out.shape == (256, 784) and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() <= 1.0
    assert not np.allclose(out, pics.reshape(256, 784), atol=0.05)  # it did change them
    ink_ratio = out.sum(axis=1) / pics.reshape(256, 784).sum(axis=1)
    # ink is roughly kept: a 2 px thicker stroke (the most Ranges allows) at most triples a thin one
    assert 0.8 < np.median(ink_ratio) < 1.3 and ink_ratio.min() > 0.4 and ink_ratio.max() < 3.5
    # digits stay near the middle of the field, as MNIST's and the pad's are
    offsets = [np.hypot(*(np.array(center_of_mass(im)) - 13.5)) for im in out.reshape(-1, 28, 28)]
    assert np.median(offsets) < 2.0 and max(offsets) < 5.0


def test_augment_batch_reads_uint8_as_0_to_255(digits):
    # Pixels must be divided by 255: left as 0..255, every inked pixel would clip to exactly 1.0.
    u8, _ = digits
    plain = Ranges(elastic_alpha=0.0, p_thicker=0, p_thinner=0)
    out = augment_batch(u8, np.random.default_rng(1), ranges=plain)
    assert np.mean(out[out > 0] == 1.0) < 0.05  # undivided, nearly all of them would be
    assert out.max() > 0.9  # ... and divided once: strokes are still white


def test_augment_batch_is_seeded_and_fills_out(digits):
    u8, _ = digits
    a = augment_batch(u8[:64], np.random.default_rng(5))
    buf = np.full((100, 784), -1.0, np.float32)
    b = augment_batch(u8[:64], np.random.default_rng(5), out=buf)
    np.testing.assert_array_equal(a, b)
    assert np.shares_memory(b, buf)
    assert np.all(buf[64:] == -1.0)
    assert not np.array_equal(a, augment_batch(u8[:64], np.random.default_rng(6)))
