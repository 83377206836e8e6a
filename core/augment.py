"""Random changes to training digits (turns, size, slant, shifts, elastic bends, stroke thickness) so the
network also reads digits written by people who are not in MNIST.

Every image gets its own random affine map (rotate, scale, shear, shift) and its own elastic
distortion: Simard, Steinkraus and Platt's (ICDAR 2003) smoothed random displacement field, which
bends strokes the way different hands do. Both are applied in one bilinear resampling, so a digit
is blurred once, not twice. Then its strokes may be made thicker or thinner. Everything works on a
whole mini-batch at once in NumPy (a few milliseconds for 128 digits), cheap enough to run on
every batch while training.

:func:`distort` applies given parameters (tests check it against known pictures);
:func:`augment_batch` draws them at random within :class:`Ranges` and is what training uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

SIDE = 28
_CENTRE = (SIDE - 1) / 2.0  # the middle of the 28x28 field, between pixels 13 and 14
_INV255 = np.float32(1.0 / 255.0)
_GRID = (np.mgrid[0:SIDE, 0:SIDE].reshape(2, SIDE * SIDE) - _CENTRE).astype(np.float32)  # (row, col) - middle


@dataclass(frozen=True)
class Ranges:
    """How far each random change may go; the defaults keep every digit readable as itself."""

    rotate_deg: float = 12.0  # turned by up to this many degrees either way
    scale: tuple = (0.85, 1.12)  # MNIST's digits are 20 px tall; drawn ones come out about that too
    shear: float = 0.25  # slant, like italics: a column moves by up to a quarter of its row offset
    shift_px: float = 1.5  # MNIST centres by centre of mass, so a drawing is never far off centre
    elastic_alpha: float = 34.0  # Simard's values: displacement scale (pixels) ...
    elastic_sigma: float = 4.0  # ... and the smoothing width (pixels) that makes it a gentle bend
    # A digit drawn small with the pad's 20 px pen has strokes 4-6 px wide once scaled to MNIST's
    # 20 px box (MNIST's are 2-3 px): so strokes are often made thicker, by up to max_thicker
    # pixels on each side, and sometimes thinner, by up to max_thinner.
    p_thicker: float = 0.4
    max_thicker: float = 2.0
    p_thinner: float = 0.15
    max_thinner: float = 0.5


DEFAULT_RANGES = Ranges()


# ---- the changes, with given parameters --------------------------------------------------------
def affine_source(angle_deg, scale, shear, shift) -> np.ndarray:
    """For each image, the (2, 784) source (row, column) of every output pixel under its affine map.

    The map turns the picture by angle_deg counter-clockwise as it appears on screen, scales it by
    ``scale`` and slants it by ``shear`` (all about the field's middle), then moves it by ``shift``
    = (rows down, columns right). We resample, so we need where each output pixel comes from: the
    inverse map applied to the output pixel's position.
    """
    angle = np.deg2rad(np.atleast_1d(np.asarray(angle_deg, np.float64)))
    n = angle.size
    scale = np.broadcast_to(np.asarray(scale, np.float64), (n,))
    shear = np.broadcast_to(np.asarray(shear, np.float64), (n,))
    shift = np.broadcast_to(np.asarray(shift, np.float64), (n, 2))
    cos, sin = np.cos(angle), np.sin(angle)
    # In (row, column) coordinates rows point down, so a counter-clockwise turn on screen is
    # row' = cos*row - sin*col, col' = sin*row + cos*col; the slant then adds shear*row to col'.
    # The forward map is turn @ slant * scale; its inverse, written out, is
    # (1/scale) * [[cos, sin], [-shear*cos - sin, cos - shear*sin]].
    inv = np.empty((4, n, 1), np.float32)
    inv[0, :, 0], inv[1, :, 0] = cos / scale, sin / scale
    inv[2, :, 0], inv[3, :, 0] = (-shear * cos - sin) / scale, (cos - shear * sin) / scale
    dr = _GRID[0] - shift[:, :1].astype(np.float32)  # (n, 784) output positions, relative to the middle
    dc = _GRID[1] - shift[:, 1:].astype(np.float32)
    source = np.empty((n, 2, SIDE * SIDE), np.float32)
    np.multiply(inv[0], dr, out=source[:, 0])
    source[:, 0] += inv[1] * dc
    np.multiply(inv[2], dr, out=source[:, 1])
    source[:, 1] += inv[3] * dc
    source += np.float32(_CENTRE)
    return source


@lru_cache(maxsize=8)
def _gaussian_matrix(sigma: float) -> np.ndarray:
    """A 28x28 matrix G such that G @ f @ G smooths f with a Gaussian of width sigma (zero outside)."""
    i = np.arange(SIDE)
    g = np.exp(-0.5 * ((i[:, None] - i[None, :]) / sigma) ** 2) / (np.sqrt(2 * np.pi) * sigma)
    g = g.astype(np.float32)
    g.setflags(write=False)
    return g


def elastic_field(n: int, rng: np.random.Generator, alpha: float, sigma: float) -> np.ndarray:
    """Simard's elastic displacement: (n, 2, 784) row and column offsets, random, smoothed, times alpha.

    Uniform noise in -1..1 at every pixel, smoothed by a Gaussian of width sigma, is a field that
    varies slowly across the digit (a bend, not a jitter); alpha sets how many pixels it moves ink.
    """
    noise = rng.random((n, 2, SIDE, SIDE), dtype=np.float32)
    noise *= np.float32(2.0)
    noise -= np.float32(1.0)
    g = _gaussian_matrix(float(sigma))
    field = g @ noise @ g  # separable smoothing as two small matrix products per field
    field *= np.float32(alpha)
    return field.reshape(n, 2, SIDE * SIDE)


def resample(images: np.ndarray, source: np.ndarray) -> np.ndarray:
    """Bilinear sampling: output pixel k of image i is images[i] at (row, col) source[i, :, k]; 0 off it."""
    n = images.shape[0]
    w = SIDE + 2
    padded = np.zeros((n, w, w), np.float32)  # a ring of zeros: samples off the field read black
    padded[:, 1:-1, 1:-1] = images.reshape(n, SIDE, SIDE)
    src = source + np.float32(1.0)  # into padded coordinates
    np.clip(src, 0.0, SIDE + 0.999, out=src)
    whole = np.floor(src)
    fr, fc = src[:, 0] - whole[:, 0], src[:, 1] - whole[:, 1]  # float32 fractions
    whole = whole.astype(np.intp)
    top = whole[:, 0] * w + whole[:, 1] + (np.arange(n) * (w * w))[:, None]
    flat = padded.ravel()
    upper = flat[top] + (flat[top + 1] - flat[top]) * fc
    lower = flat[top + w] + (flat[top + w + 1] - flat[top + w]) * fc
    return (upper + (lower - upper) * fr).reshape(n, SIDE, SIDE)


def _plus_max_min(img: np.ndarray):
    """Per-pixel max and min over the pixel and its four neighbours (a plus-shaped window)."""
    p = np.pad(img, ((0, 0), (1, 1), (1, 1)))
    stack = np.stack([p[:, 1:-1, 1:-1], p[:, :-2, 1:-1], p[:, 2:, 1:-1], p[:, 1:-1, :-2], p[:, 1:-1, 2:]])
    return stack.max(axis=0), stack.min(axis=0)


def thicken(images: np.ndarray, amount) -> np.ndarray:
    """Strokes made thicker (amount > 0: that many pixels more on each side) or thinner (amount < 0).

    One pixel thicker moves each pixel to the brightest of its four neighbours (grey-scale
    dilation), one thinner to the darkest (erosion); amount 1.5 is one step and half of the next.
    Amount 0 leaves the image as it is.
    """
    out = np.array(images, np.float32)
    amount = np.broadcast_to(np.asarray(amount, np.float32), (out.shape[0],))
    for step in range(int(np.ceil(np.abs(amount).max(initial=0.0)))):
        # how much of this step each image takes
        part = np.clip(np.abs(amount) - step, 0.0, 1.0)[:, None, None]
        hi, lo = _plus_max_min(out)
        target = np.where(amount[:, None, None] > 0, hi, lo)
        out += part * (target - out)
    return out


def distort(images, angle_deg=0.0, scale=1.0, shear=0.0, shift=(0.0, 0.0), displacement=None, thickness=0.0):
    """The images (n, 28, 28) in 0..1 after the given affine map, displacement and thickness change, in 0..1.

    ``displacement`` (n, 2, 784) is added to each output pixel's source position (as
    :func:`elastic_field` makes it); every other parameter is one number or one per image.
    """
    images = np.asarray(images, np.float32)
    n = images.shape[0]
    angle = np.broadcast_to(np.asarray(angle_deg, np.float64), (n,))
    source = affine_source(angle, scale, shear, shift)
    if displacement is not None:
        source += displacement
    out = resample(images, source)
    out = thicken(out, thickness)
    return np.clip(out, 0.0, 1.0, out=out)


# ---- random changes for training ---------------------------------------------------------------
def augment_batch(
    images_u8: np.ndarray,
    rng: np.random.Generator,
    out: np.ndarray | None = None,
    ranges: Ranges = DEFAULT_RANGES,
) -> np.ndarray:
    """Randomly altered copies of a batch of flat uint8 digits, as float32 in 0..1 (into out if given)."""
    n = images_u8.shape[0]
    img = images_u8.reshape(n, SIDE, SIDE).astype(np.float32) * _INV255
    angle = rng.uniform(-ranges.rotate_deg, ranges.rotate_deg, n)
    scale = rng.uniform(*ranges.scale, n)
    shear = rng.uniform(-ranges.shear, ranges.shear, n)
    shift = rng.uniform(-ranges.shift_px, ranges.shift_px, (n, 2))
    field = None
    if ranges.elastic_alpha > 0:
        field = elastic_field(n, rng, ranges.elastic_alpha, ranges.elastic_sigma)
    pick = rng.random(n)
    amount = rng.random(n)
    thinner = (pick >= ranges.p_thicker) & (pick < ranges.p_thicker + ranges.p_thinner)
    thickness = np.where(pick < ranges.p_thicker, ranges.max_thicker * amount, 0.0)
    thickness = np.where(thinner, -ranges.max_thinner * amount, thickness)
    flat = distort(img, angle, scale, shear, shift, field, thickness).reshape(n, SIDE * SIDE)
    if out is None:
        return flat
    out[:n] = flat
    return out[:n]
