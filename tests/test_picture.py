"""core.picture.fit_on_paper: any picture lands on the pad scaled to fit with its aspect ratio kept, centred,
as black ink on white paper whichever way round it came, and reads as the same digit afterwards.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from mnist_studio.core.picture import fit_on_paper
from mnist_studio.core.preprocess import ImageArrayError, to_mnist


def bar_picture(height=200, width=100, paper=255, ink=0):
    """Paper with an ink bar: rows 50-149, columns 40-59 (for the default size)."""
    a = np.full((height, width), paper, np.uint8)
    a[height // 4 : 3 * height // 4, 2 * width // 5 : 3 * width // 5] = ink
    return a


def ink_box(pad, below=128):
    rows = np.flatnonzero((pad < below).any(axis=1))
    cols = np.flatnonzero((pad < below).any(axis=0))
    return rows[0], rows[-1], cols[0], cols[-1]


def test_tall_picture_fills_the_height_keeps_its_aspect_and_is_centred():
    out = fit_on_paper(bar_picture(200, 100), 280)
    assert out.shape == (280, 280) and out.dtype == np.uint8
    # 200x100 becomes 280x140, placed at columns 70-209; the bar (rows 50-149, columns 40-59)
    # scales by 1.4 to rows 70-209 and columns 70 + 56 .. 70 + 83.
    assert ink_box(out) == (70, 209, 126, 153)
    assert out[:, :70].min() == 255 and out[:, 210:].min() == 255  # paper either side


def test_wide_small_picture_is_enlarged_to_fit_the_width():
    a = np.full((7, 14), 255, np.uint8)
    a[2:5, 5:9] = 0
    out = fit_on_paper(a, 280)  # x20: 140 rows placed at rows 70-209
    assert out[:70].min() == 255 and out[210:].min() == 255
    r0, r1, c0, c1 = ink_box(out)
    assert abs((r0 + r1) / 2 - (70 + 3.5 * 20)) <= 2 and abs((c0 + c1) / 2 - 7 * 20) <= 2


def test_light_ink_on_dark_gives_exactly_what_dark_ink_on_light_gives():
    dark_on_light = bar_picture()
    np.testing.assert_array_equal(fit_on_paper(255 - dark_on_light), fit_on_paper(dark_on_light))


def test_grey_ink_on_grey_paper_becomes_black_on_white():
    out = fit_on_paper(bar_picture(paper=200, ink=100))
    assert out.min() == 0 and out.max() == 255
    assert (out[100:200, 140] == 0).all() and out[0, 0] == 255


@pytest.mark.parametrize("value", [0, 128, 255])
def test_a_blank_picture_gives_none(value):
    assert fit_on_paper(np.full((50, 80), value, np.uint8)) is None
    faint = np.full((50, 80), 200, np.uint8)
    faint[20:30, 30:50] = 195  # 5 grey levels: paper texture, not ink
    assert fit_on_paper(faint) is None
    assert fit_on_paper(np.zeros((0, 0), np.uint8)) is None


def test_what_is_not_a_grey_picture_is_refused():
    with pytest.raises(ImageArrayError):
        fit_on_paper(np.zeros((10, 10, 3), np.uint8))
    with pytest.raises(ImageArrayError):
        fit_on_paper(np.zeros((10, 10), np.float64))


def test_the_largest_picture_is_shrunk_first_so_it_costs_pad_sized_arrays():
    big = bar_picture(4096, 4096)  # the largest read_gray accepts: 16 MB
    tracemalloc.start()
    try:
        out = fit_on_paper(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out.shape == (280, 280)
    assert peak < 4 * 2**20  # a few 280x280 float arrays, never a 4096x4096 one (64 MB as float32)


def test_mnist_digits_read_the_same_after_going_on_the_pad(mnist_dir):
    """The default model gives the pad copy of each of 200 real test digits the answer it gives the digit
    itself, wherever it is sure.
    """
    from mnist_studio.core.mnist import find_file, read_idx_images
    from mnist_studio.core.modelfile import load_default_model
    from mnist_studio.core.network import TwoLayerNet

    params, meta = load_default_model()
    net = TwoLayerNet.from_params(params, meta["activation"])
    digits = read_idx_images(find_file(mnist_dir, "test_img"))[:200]
    direct = np.stack([to_mnist(d) for d in digits])
    dark = np.stack([to_mnist(fit_on_paper(255 - d)) for d in digits])  # saved dark on white, opened
    light = np.stack([to_mnist(fit_on_paper(d)) for d in digits])  # saved as MNIST has them
    np.testing.assert_allclose(dark, light, atol=0.01)  # either way round (up to resampling rounding)

    def probabilities(x):
        return np.asarray(net.predict(x.reshape(len(x), 784).astype(params["W1"].dtype)))

    # Every answer the model is sure of stays the same; a digit it hesitates over (two answers
    # both near 50%) may tip either way after the resampling, but only a few do.
    p_direct, p_dark = probabilities(direct), probabilities(dark)
    sure = p_direct.max(axis=1) >= 0.9
    assert sure.mean() > 0.9
    np.testing.assert_array_equal(p_dark.argmax(axis=1)[sure], p_direct.argmax(axis=1)[sure])
    assert np.mean(p_dark.argmax(axis=1) == p_direct.argmax(axis=1)) >= 0.98
