"""Facts about turning a drawing into an MNIST-style 28x28 image: the same digit anywhere, any size, any
colours gives the same picture, made the way MNIST's own digits were.
"""

from __future__ import annotations

import gzip

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mnist_studio.core.errors import UserError
from mnist_studio.core.preprocess import (
    BOX_SIDE,
    COM_TARGET,
    ImageArrayError,
    center_of_mass,
    to_mnist,
)

# --- synthetic digits, drawn with numpy ------------------------------------------------------


def _segment_distance(yy, xx, p, q):
    """Distance from every pixel centre to the line segment p-q (points as (row, col))."""
    p, q = np.asarray(p, float), np.asarray(q, float)
    d = q - p
    t = np.clip(((yy - p[0]) * d[0] + (xx - p[1]) * d[1]) / max(d @ d, 1e-12), 0.0, 1.0)
    return np.hypot(yy - (p[0] + t * d[0]), xx - (p[1] + t * d[1]))


def draw_digit(kind, *, shape=(280, 280), top, left, size, dark=True):
    """A uint8 picture of a thick digit whose glyph box is `size` px tall, its top-left at (top, left).

    Strokes scale with the glyph, so a small drawing is the same shape as a big one.
    """
    yy, xx = np.mgrid[0 : shape[0], 0 : shape[1]].astype(float)
    # Glyph coordinates u (down) and v (right) in 0..1 over the glyph's box (width 0.6 of its height).
    u = (yy - top) / size
    v = (xx - left) / (0.6 * size)
    half_width = 0.06  # stroke half-width, as a fraction of the glyph height
    if kind == "1":
        dist = _segment_distance(u, v * 0.6, (0.0, 0.35), (1.0, 0.35))
    elif kind == "7":
        dist = np.minimum(
            _segment_distance(u, v * 0.6, (0.0, 0.0), (0.0, 0.6)),
            _segment_distance(u, v * 0.6, (0.0, 0.6), (1.0, 0.15)),
        )
    elif kind == "0":
        # Ring: distance from an ellipse of semi-axes 0.5 (rows) and 0.3 (columns).
        ru, rv = (u - 0.5) / 0.5, (v * 0.6 - 0.3) / 0.3
        dist = np.abs(np.hypot(ru, rv) - 1.0) * 0.4
    else:
        raise ValueError(kind)
    ink = dist <= half_width
    img = np.where(ink, 0, 255) if dark else np.where(ink, 255, 0)
    return img.astype(np.uint8)


def correlation(a, b):
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


def aligned_correlation(a, b):
    """Correlation of a and b, allowing b to move by one pixel in each direction.

    MNIST (and to_mnist) shift digits by whole pixels, so a digit whose centre of mass falls near
    a half pixel can land one pixel either way: the same digit, one pixel apart. That slack is
    MNIST's own, and is all this allows.
    """
    return max(correlation(a, np.roll(b, (dy, dx), axis=(0, 1))) for dy in (-1, 0, 1) for dx in (-1, 0, 1))


def ink_bbox(img28):
    rows = np.flatnonzero(img28.max(axis=1) > 0)
    cols = np.flatnonzero(img28.max(axis=0) > 0)
    return rows[0], rows[-1], cols[0], cols[-1]


DIGITS = ["1", "7", "0"]


# --- the MNIST recipe --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", DIGITS)
def test_same_digit_anywhere_and_any_size_gives_the_same_picture(kind):
    # Glyph boxes are size tall and 0.6*size wide; strokes reach up to 0.075*size beyond them.
    centred = to_mnist(draw_digit(kind, top=40, left=80, size=200))
    big_off_centre = to_mnist(draw_digit(kind, top=60, left=16, size=200))
    small_in_corner = to_mnist(draw_digit(kind, top=4, left=250, size=40))
    tiny_in_corner = to_mnist(draw_digit(kind, top=255, left=3, size=20))
    mid_sized_bottom = to_mnist(draw_digit(kind, top=170, left=150, size=100))
    # Moving the drawing without resizing it changes nothing at all.
    assert np.allclose(centred, big_off_centre, atol=1e-5)
    for other in (small_in_corner, tiny_in_corner, mid_sized_bottom):
        assert aligned_correlation(centred, other) > 0.9


@pytest.mark.parametrize("kind", DIGITS)
@pytest.mark.parametrize("size", [12, 30, 100, 250])
def test_output_is_mnist_shaped_with_centre_of_mass_on_14_14(kind, size):
    out = to_mnist(draw_digit(kind, top=10, left=12, size=size))
    assert out.shape == (28, 28) and out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() == pytest.approx(1.0)
    # MNIST convention (measured on the real test set below): integer shift, centre of mass
    # within half a pixel of (14, 14) in pixel-index coordinates.
    row, col = center_of_mass(out)
    assert abs(row - COM_TARGET) <= 0.5 + 1e-6 and abs(col - COM_TARGET) <= 0.5 + 1e-6


@pytest.mark.parametrize("kind", DIGITS)
@pytest.mark.parametrize("size", [12, 30, 100, 250])
def test_longer_side_of_the_ink_is_20_pixels_and_aspect_ratio_is_kept(kind, size):
    src = draw_digit(kind, top=10, left=12, size=size)
    out = to_mnist(src)
    r0, r1, c0, c1 = ink_bbox(out)
    height, width = r1 - r0 + 1, c1 - c0 + 1
    assert max(height, width) == BOX_SIDE
    # Aspect ratio of the source ink box, kept to within a pixel of rounding.
    sr, sc = np.nonzero(src == 0)
    src_aspect = (sc.max() - sc.min() + 1) / (sr.max() - sr.min() + 1)
    assert abs(width - BOX_SIDE * src_aspect) <= 1.0


def test_a_tall_thin_one_stays_thin():
    img = np.full((280, 280), 255, np.uint8)
    img[40:240, 130:146] = 0  # 200 tall, 16 wide: 20 x 1.6 after scaling
    out = to_mnist(img)
    r0, r1, c0, c1 = ink_bbox(out)
    assert r1 - r0 + 1 == 20
    assert c1 - c0 + 1 <= 3


def test_a_faint_halo_or_a_faint_smudge_does_not_shrink_the_digit():
    clean = draw_digit("7", top=40, left=80, size=200)
    smudged = clean.copy()
    ink = clean == 0
    halo = np.zeros_like(ink)  # a grey rim 4 px wide around the strokes, like JPEG ringing
    for dy in range(-4, 5):
        for dx in range(-4, 5):
            halo |= np.roll(ink, (dy, dx), axis=(0, 1))
    smudged[halo & ~ink] = 240
    smudged[270:275, 5:10] = 245  # a faint smudge far from the digit
    out = to_mnist(smudged)
    solid = out >= 0.5
    rows, cols = np.flatnonzero(solid.any(axis=1)), np.flatnonzero(solid.any(axis=0))
    assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 == BOX_SIDE
    assert aligned_correlation(out, to_mnist(clean)) > 0.95


@pytest.mark.parametrize("kind", DIGITS)
def test_dark_on_light_and_light_on_dark_give_the_same_picture(kind):
    dark = draw_digit(kind, top=30, left=60, size=180, dark=True)
    light = draw_digit(kind, top=30, left=60, size=180, dark=False)
    assert np.array_equal(light, 255 - dark)
    a, b = to_mnist(dark), to_mnist(light)
    assert np.allclose(a, b, atol=1e-6)
    # Float 0..1 input means the same as uint8 0..255 input.
    assert np.allclose(to_mnist(dark / 255.0), a, atol=1e-5)
    assert np.allclose(to_mnist(dark.astype(np.int64)), a, atol=1e-6)


def test_ink_override_wins_over_detection():
    img = draw_digit("7", top=30, left=60, size=180, dark=True)
    assert np.allclose(to_mnist(img, ink="dark"), to_mnist(img))
    # Forcing the wrong colour: nothing in this picture is lighter than its white paper.
    assert to_mnist(img, ink="light") is None
    with pytest.raises(ImageArrayError):
        to_mnist(img, ink="blue")


def test_bold_digit_covering_most_of_the_picture_is_still_read_the_right_way_round():
    # More ink than paper: a majority vote over all pixels would take the ink for the background,
    # but the frame is still paper.
    img = np.full((100, 100), 255, np.uint8)
    img[3:97, 3:97] = 0
    img[30:70, 40:60] = 255  # a hole: a fat "0"
    out = to_mnist(img)
    assert out is not None
    r0, r1, c0, c1 = ink_bbox(out)
    assert (r1 - r0 + 1, c1 - c0 + 1) == (20, 20)
    assert out[r0 + 1, c0 + 1] == 1.0  # the ring is ink
    assert out[(r0 + r1) // 2, (c0 + c1) // 2] == 0.0  # the hole is not


def test_dark_ink_on_grey_noisy_paper_matches_the_clean_drawing():
    clean = draw_digit("0", top=40, left=90, size=200)
    rng = np.random.default_rng(0)
    paper = 0.75 + rng.normal(0, 0.02, clean.shape)  # a photo: grey paper with sensor noise
    photo = np.where(clean == 0, 0.15, paper)
    photo = np.clip(photo + rng.normal(0, 0.02, clean.shape), 0, 1)
    assert aligned_correlation(to_mnist(photo), to_mnist(clean)) > 0.95


# --- nothing drawn -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "picture",
    [
        np.zeros((280, 280), np.uint8),  # all black
        np.full((280, 280), 255, np.uint8),  # all white
        np.full((280, 280), 128, np.uint8),  # uniform grey
        np.ones((50, 70)),  # float white
        np.zeros((1, 1)),
        np.zeros((0, 0)),
        np.zeros((0, 5), np.uint8),
        np.zeros((5, 0)),
        np.full((3000, 10), 17, np.uint8),
    ],
    ids=["black", "white", "grey", "float-white", "1x1", "0x0", "0x5", "5x0", "3000x10-uniform"],
)
def test_blank_pictures_mean_nothing_drawn(picture):
    assert to_mnist(picture) is None


@pytest.mark.parametrize("level", [0.0, 0.5, 1.0])
def test_faint_noise_alone_is_nothing_drawn(level):
    rng = np.random.default_rng(1)
    noisy = np.clip(level + rng.uniform(-0.04, 0.04, (280, 280)), 0, 1)
    assert to_mnist(noisy) is None


def test_a_one_pixel_dot_becomes_a_solid_blob():
    # Decision (documented in preprocess.INK_THRESHOLD): a clearly inked pixel is a drawing, and
    # like every drawing it is scaled up to the 20-pixel box.
    img = np.full((280, 280), 255, np.uint8)
    img[100, 200] = 0
    out = to_mnist(img)
    assert out is not None
    r0, r1, c0, c1 = ink_bbox(out)
    assert (r1 - r0 + 1, c1 - c0 + 1) == (20, 20)
    assert np.all(out[r0 : r1 + 1, c0 : c1 + 1] == 1.0)
    # A 20x20 square has its centre of mass on a half pixel: whole-pixel shifts put it at 14.5.
    assert center_of_mass(out) == pytest.approx((14.5, 14.5))


# --- any shape, bad input ----------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(1, 1), (1, 2), (2, 1), (3000, 10), (10, 3000), (1, 500), (7, 3)])
def test_odd_shapes_with_ink_do_not_crash(shape):
    img = np.zeros(shape, np.uint8)
    img[shape[0] // 2, : max(1, shape[1] // 2)] = 255
    out = to_mnist(img)
    assert out is None or (out.shape == (28, 28) and np.isfinite(out).all())


def test_a_long_thin_line_keeps_its_shape():
    img = np.zeros((3000, 10), np.uint8)
    img[100:2900, 4:6] = 255
    out = to_mnist(img)
    r0, r1, c0, c1 = ink_bbox(out)
    assert r1 - r0 + 1 == 20 and c1 - c0 + 1 == 1


@pytest.mark.parametrize(
    "bad",
    [
        np.zeros((28, 28, 3), np.uint8),  # colour
        np.zeros(784),  # flat
        np.float64(0.5),
        np.full((28, 28), 200.0),  # 0..255 as floats
        np.full((28, 28), np.nan),
        np.full((28, 28), 300, np.int32),
        np.full((28, 28), "x"),
    ],
    ids=["rgb", "1d", "scalar", "float-0-255", "nan", "int-300", "strings"],
)
def test_arrays_that_are_not_grey_pictures_are_refused_with_a_user_error(bad):
    with pytest.raises(UserError) as info:
        to_mnist(bad)
    assert "\n" not in str(info.value)


@settings(max_examples=60, deadline=None)
@given(
    arrays(
        np.uint8,
        st.tuples(st.integers(0, 40), st.integers(0, 40)),
        elements=st.integers(0, 255),
    )
)
def test_any_uint8_picture_gives_none_or_a_valid_mnist_image(img):
    out = to_mnist(img)
    if out is not None:
        assert out.shape == (28, 28) and out.dtype == np.float32
        assert np.isfinite(out).all() and out.min() >= 0.0 and out.max() == pytest.approx(1.0)


# --- centre of mass ------------------------------------------------------------------------------


def test_center_of_mass_uses_pixel_index_coordinates():
    img = np.zeros((28, 28))
    img[3, 7] = 1.0
    assert center_of_mass(img) == (3.0, 7.0)
    img[5, 7] = 1.0
    assert center_of_mass(img) == (4.0, 7.0)
    img[5, 7] = 3.0  # weights count: (3*1 + 5*3) / 4
    assert center_of_mass(img) == (4.5, 7.0)
    assert center_of_mass(np.zeros((28, 28))) is None


# --- the independent reference: real MNIST digits are already in this format ----------------------


def _mnist_test_images(mnist_dir, count):
    with gzip.open(mnist_dir / "t10k-images-idx3-ubyte.gz", "rb") as f:
        raw = f.read(16 + count * 784)
    return np.frombuffer(raw, np.uint8, offset=16).reshape(count, 28, 28)


def test_real_mnist_digits_put_their_centre_of_mass_within_half_a_pixel_of_14(mnist_dir):
    # The convention this module copies, checked on the source itself.
    images = _mnist_test_images(mnist_dir, 10000).astype(np.float64)
    idx = np.arange(28)
    mass = images.sum(axis=(1, 2))
    rows = (images.sum(axis=2) @ idx) / mass
    cols = (images.sum(axis=1) @ idx) / mass
    for com in (rows, cols):
        assert com.min() >= 13.5 - 1e-9 and com.max() <= 14.5 + 1e-9


def test_real_mnist_digits_come_back_almost_unchanged(mnist_dir):
    images = _mnist_test_images(mnist_dir, 3000)
    diffs, com_shift = [], []
    for img in images:
        out = to_mnist(img)
        assert out is not None
        original = img / 255.0
        diffs.append(np.abs(out - original).mean())
        com_shift.append(np.abs(np.subtract(center_of_mass(out), center_of_mass(original))).max())
        row, col = center_of_mass(out)
        assert abs(row - COM_TARGET) <= 0.5 + 1e-6 and abs(col - COM_TARGET) <= 0.5 + 1e-6
    diffs, com_shift = np.array(diffs), np.array(com_shift)
    # MNIST digits already fill a 20-pixel box and sit on their centre of mass, so almost every
    # digit comes back identical (up to stretching its brightest pixel from 254/255 to 1.0).
    assert diffs.mean() < 0.002
    assert np.mean(diffs < 0.005) > 0.99
    assert np.mean(com_shift < 0.01) > 0.99
