"""Turn any grey picture of a digit into a 28x28 MNIST-style image the way MNIST itself was made: crop to the
ink, shrink the longer side to 20 pixels, and put the ink's centre of mass in the middle.

MNIST's recipe (LeCun, Cortes and Burges): each digit was size-normalised, keeping its aspect
ratio, to fit a 20x20 box with anti-aliasing (so it has grey levels), then placed in a 28x28
field so that the centre of mass of its pixels sits at the centre of the field. The network only
ever saw digits made that way, so a drawing must be made the same way before it is shown to it.

Conventions used here (checked against the real MNIST test set in tests/test_preprocess.py):

* Coordinates are pixel *indices*: pixel (r, c) has its centre at (r, c). The centre of mass of a
  28x28 image is ``sum(i * value) / sum(value)`` along each axis (see :func:`center_of_mass`).
* MNIST moved each digit by a whole number of pixels so that this centre of mass lands within
  half a pixel of (14, 14) -- every one of the 10,000 test digits has its centre of mass in
  [13.5, 14.5] on both axes. ((14, 14) is the centre of the pixel just below-right of the
  geometric middle, (13.5, 13.5).) We do the same: integer shift, centre of mass rounded onto (14, 14).
  Whole-pixel shifts keep strokes sharp; a sub-pixel shift would blur them.
* Output: float32, shape (28, 28), values in [0, 1], ink is bright (1.0) on black (0.0), and the
  brightest pixel is exactly 1.0 (MNIST digits almost all reach 255).

Pure NumPy and fast (well under a millisecond for a 280x280 drawing pad), because the drawing pad
calls it on every stroke. Resizing is a pair of small matrix products: area averaging when
shrinking (a thin stroke keeps its ink instead of falling between samples) and bilinear
interpolation when enlarging a tiny drawing. Both sides are scaled by exactly the same factor,
so the aspect ratio is kept to a fraction of a pixel.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .errors import UserError

MNIST_SIDE = 28
"""Side of an MNIST image, in pixels."""

BOX_SIDE = 20
"""MNIST scaled each digit so that the longer side of its ink is this many pixels."""

COM_TARGET = 14.0
"""Where the centre of mass goes, in pixel-index coordinates (row and column), as in MNIST."""

INK_THRESHOLD = 0.1
"""A picture is blank unless some pixel differs from the background by at least this much (0..1 scale).

Smaller differences are paper texture, sensor or JPEG noise: :func:`to_mnist` returns None for
them ("nothing drawn"), and also when nothing rises above the noise seen in the picture's frame.
One clearly inked pixel is *not* blank: like any other mark it is scaled up to the 20-pixel box
and becomes a solid 20x20 blob, because the MNIST recipe scales every drawing, however small, to
the same size. (Once something is drawn, fainter pixels count as ink too: see _noise_floor.)"""


SOLID_FRACTION = 0.1
"""Ink at least this fraction of the strongest ink sets the digit's size; fainter ink only rides along.

On real MNIST digits the box of such ink is the 20-pixel box MNIST made, so this reproduces it."""


class ImageArrayError(UserError, ValueError):
    """The array handed to :func:`to_mnist` is not a grey picture (wrong dimensions, values or type)."""


def to_mnist(gray, *, ink: str | None = None) -> np.ndarray | None:
    """Make a 28x28 float32 MNIST-style image (white ink on black, 0..1) from a grey picture of a digit.

    ``gray`` is a 2-D array of any size: uint8 (or any integer type) with values 0..255, or float
    with values 0..1 (bool counts as 0/1). Dark ink on a light background and light ink on a dark
    background both work; which one it is gets detected (see below), or forced with
    ``ink="dark"`` or ``ink="light"``.

    Returns None when nothing is drawn: the array is empty, uniform, or no pixel differs from the
    background by :data:`INK_THRESHOLD` or more (or by more than the picture's own noise).

    Detection: the background is the median of the picture's outer frame (drawings and scans have
    a clean margin; the frame also works when ink covers most of the picture). Ink then pulls the
    picture's mean away from that background: darker on average means dark ink, lighter means light.
    """
    if ink not in (None, "dark", "light"):
        raise ImageArrayError(f"ink must be 'dark', 'light' or None, not {ink!r}")
    a = _as_unit_float(gray)
    if a.size == 0:
        return None

    frame, background, ink = _background_and_ink(a, ink)
    # How much darker (or lighter) than the paper each pixel is.
    strength = background - a if ink == "dark" else a - background

    # The faint anti-aliased edge of a stroke belongs to it (MNIST's boxes include it), so on a clean
    # background every pixel that differs at all is ink; on a noisy one (a photo) only what rises
    # clearly above the noise seen in the frame is.
    floor = _noise_floor(frame, background)
    row_peak = strength.max(axis=1)
    peak = float(row_peak.max())
    if peak < max(INK_THRESHOLD, floor):
        return None  # nothing stands out from the background: nothing drawn
    floor = min(floor, 0.5 * peak)

    # The digit's size is the box of its *solid* ink: a faint halo (JPEG ringing around strokes, the
    # grey anti-aliased rim) must not shrink the digit.
    col_peak = strength.max(axis=0)
    solid = max(floor, SOLID_FRACTION * peak)
    solid_rows = np.flatnonzero(row_peak >= solid)
    solid_cols = np.flatnonzero(col_peak >= solid)
    longer = int(max(solid_rows[-1] - solid_rows[0], solid_cols[-1] - solid_cols[0])) + 1

    # Crop to that box plus the faint ink touching it (MNIST keeps the faint rim: leaving it out
    # would move the centre of mass), but no further than a tenth of the digit's size.
    margin = 1 + longer // 10
    r0, r1 = _widen(solid_rows, np.flatnonzero(row_peak >= floor), margin)
    c0, c1 = _widen(solid_cols, np.flatnonzero(col_peak >= floor), margin)
    crop = strength[r0:r1, c0:c1]
    crop[crop < floor] = 0.0  # noise inside the box, and the "wrong" side of the background, is not ink

    # Scale so the solid box's longer side becomes exactly 20 px. The shorter side is scaled by the
    # same factor and may end part-way through a pixel, which then gets partial ink: the aspect
    # ratio is kept exactly instead of being rounded to whole pixels.
    h, w = crop.shape
    small = _resample_matrix(h, longer) @ crop @ _resample_matrix(w, longer).T

    out = _place_centred(small)
    peak = float(out.max())
    if peak <= 0.0:  # only a pathological picture puts all its ink outside the frame
        return None
    out *= 1.0 / peak  # the strongest ink becomes pure white, as in MNIST
    return out


def ink_strength(gray, *, judge: np.ndarray | None = None) -> np.ndarray:
    """How far each pixel stands out from the paper towards the ink (float32, 0..1), its noise set to 0.

    The paper's level, the ink's side and the noise floor are found as :func:`to_mnist` finds them,
    from the picture's frame; pixels nearer the paper than that floor, or on its other side, are 0.
    ``judge`` (uint8) is the full-size picture when ``gray`` is a shrunk copy of it: its frame is
    judged instead, because averaging makes a photo's paper grain look quieter than it is, and the
    grain that is left would then count as ink.
    """
    a = _as_unit_float(gray)
    if a.size == 0:
        raise ImageArrayError("the picture has no pixels")
    if judge is None:
        frame = _frame(a)
    else:
        frame = _frame(np.asarray(judge)).astype(np.float32) * np.float32(1 / 255)
    background = float(np.median(frame))
    strength = background - a if float(a.mean()) < background else a - background
    floor = min(_noise_floor(frame, background), 0.5 * float(strength.max()))
    strength[strength < floor] = 0.0
    return strength.astype(np.float32, copy=False)


def center_of_mass(img) -> tuple[float, float] | None:
    """Return the (row, column) of an image's centre of mass in pixel-index coordinates, or None if it is all
    zero.

    Pixel (r, c) has its centre at (r, c), so a single lit pixel at (14, 14) has its centre of mass
    at (14.0, 14.0); MNIST digits have theirs within half a pixel of (14, 14).
    """
    a = np.asarray(img, dtype=np.float64)
    if a.ndim != 2:
        raise ImageArrayError(f"center_of_mass needs a 2-D image, got shape {a.shape}")
    total = float(a.sum())
    if a.size == 0 or total <= 0.0:
        return None
    row = float(a.sum(axis=1) @ np.arange(a.shape[0])) / total
    col = float(a.sum(axis=0) @ np.arange(a.shape[1])) / total
    return row, col


# --- helpers -------------------------------------------------------------------------------


def _as_unit_float(gray) -> np.ndarray:
    """Return ``gray`` as a float32 2-D array in 0..1, refusing anything that is not a grey picture."""
    a = np.asarray(gray)
    if a.ndim != 2:
        raise ImageArrayError(
            f"a grey picture must be a 2-D array (rows x columns), got shape {a.shape}; "
            "convert colour images to grey first"
        )
    if a.size == 0:
        return a.astype(np.float32)
    if a.dtype == np.uint8:
        # The common case (drawing pad, image files): no range check needed.
        return a.astype(np.float32) * np.float32(1 / 255)
    if a.dtype == np.bool_:
        return a.astype(np.float32)
    if np.issubdtype(a.dtype, np.integer):
        lo, hi = int(a.min()), int(a.max())
        if lo < 0 or hi > 255:
            raise ImageArrayError(
                f"integer pixel values must be 0..255, got {lo}..{hi}; rescale the image to 8 bits"
            )
        return a.astype(np.float32) * np.float32(1 / 255)
    if np.issubdtype(a.dtype, np.floating):
        f = a.astype(np.float32)
        lo, hi = float(f.min()), float(f.max())
        if not (np.isfinite(lo) and np.isfinite(hi)):
            raise ImageArrayError("the picture contains NaN or infinite pixel values")
        # A little overshoot (from someone else's resampling) is clipped; 0..255 floats are refused
        # rather than guessed at, because clipping them would silently turn the picture white.
        if lo < -0.01 or hi > 1.01:
            raise ImageArrayError(
                f"float pixel values must be 0..1, got {lo:g}..{hi:g}; divide 0..255 images by 255"
            )
        np.clip(f, 0.0, 1.0, out=f)
        return f
    raise ImageArrayError(f"pixel values must be numbers, got dtype {a.dtype}")


def _background_and_ink(a: np.ndarray, ink: str | None) -> tuple[np.ndarray, float, str]:
    """(frame pixels, background level, "dark" or "light") of a non-empty 0..1 picture; see to_mnist."""
    frame = _frame(a)
    background = float(np.median(frame))
    if ink is None:
        ink = "dark" if float(a.mean()) < background else "light"
    return frame, background, ink


def _frame(a: np.ndarray) -> np.ndarray:
    """The outermost rows and columns of a picture, as one flat array (each pixel once)."""
    if a.shape[0] <= 2 or a.shape[1] <= 2:
        return a.ravel()
    return np.concatenate((a[0], a[-1], a[1:-1, 0], a[1:-1, -1]))


def _noise_floor(frame: np.ndarray, background: float) -> float:
    """The smallest difference from the background that counts as ink, judged from the frame's own noise.

    A clean picture (a drawing pad, an MNIST digit) gives half a grey level: any difference is ink.
    A photo's paper texture and sensor noise raise it to well above the largest noise spike
    (4 x the 90th percentile is about 6.6 standard deviations of Gaussian noise). The percentile
    ignores a digit that touches the frame in a few places; the 0.5 cap keeps a frame that is
    mostly ink from hiding the digit.
    """
    noise = 4.0 * float(np.percentile(np.abs(frame - background), 90))
    return max(_ONE_LEVEL, min(noise, 0.5))


_ONE_LEVEL = 0.5 / 255  # half a grey level of an 8-bit picture


def _widen(solid: np.ndarray, faint: np.ndarray, margin: int) -> tuple[int, int]:
    """Start and end (exclusive) of the solid ink's span, widened to the faint ink by at most margin."""
    start = max(int(faint[0]), int(solid[0]) - margin)
    stop = min(int(faint[-1]), int(solid[-1]) + margin) + 1
    return start, stop


@lru_cache(maxsize=512)
def _resample_matrix(n: int, longer: int) -> np.ndarray:
    """A matrix that resizes a length-``n`` side by the factor ``20 / longer`` (m x n, m = ceil(n * factor)).

    ``n`` may exceed ``longer`` when a faint halo surrounds the digit (see SOLID_FRACTION).

    Shrinking (``longer >= 20``): each output pixel is the average of the input it covers, partly
    covered input pixels counted by the fraction covered: area averaging, like MNIST's
    anti-aliasing, so a thin stroke keeps its ink instead of falling between samples. At factor 1
    this is the identity. Enlarging: bilinear interpolation between input pixel centres. Either
    way an output pixel that the scaled side only partly covers gets that fraction of the ink.
    """
    scale = BOX_SIDE / longer
    extent = n * scale  # length of the scaled side, in output pixels
    m = max(1, int(np.ceil(extent - 1e-9)))
    k = np.arange(m)[:, None]
    if longer >= BOX_SIDE:
        step = longer / BOX_SIDE  # input pixels per output pixel
        j = np.arange(n)[None, :]
        # Output pixel k covers input [k*step, (k+1)*step); input pixel j covers [j, j+1).
        overlap = np.minimum((k + 1) * step, j + 1) - np.maximum(k * step, j)
        mat = np.clip(overlap, 0.0, None) / step
    else:
        x = np.clip((k[:, 0] + 0.5) / scale - 0.5, 0.0, n - 1)  # output centres, in input coordinates
        left = np.floor(x).astype(int)
        right = np.minimum(left + 1, n - 1)
        frac = x - left
        mat = np.zeros((m, n))
        np.add.at(mat, (np.arange(m), left), 1.0 - frac)
        np.add.at(mat, (np.arange(m), right), frac)
        mat *= np.clip(extent - k, 0.0, 1.0)  # the last pixel may be only partly covered
    mat = mat.astype(np.float32)
    mat.setflags(write=False)
    return mat


def _place_centred(small: np.ndarray) -> np.ndarray:
    """Paste ``small`` into a black float32 28x28 field, shifted by whole pixels so its centre of mass lands
    on (14, 14).
    """
    com = center_of_mass(small)
    assert com is not None  # caller guarantees some ink
    # floor(x + 0.5) rounds halves the same way every time (Python's round() rounds to even). A
    # symmetric stroke sits exactly on a half pixel; rounding the centre to 1e-6 first stops float
    # noise (13.4999999 vs 13.5000001) from moving the same stroke by a whole pixel.
    top = int(np.floor(COM_TARGET - round(com[0], 6) + 0.5))
    left = int(np.floor(COM_TARGET - round(com[1], 6) + 0.5))
    out = np.zeros((MNIST_SIDE, MNIST_SIDE), dtype=np.float32)
    # Clip to the frame: a lopsided digit (a heavy blob with a long thin tail) may overhang it.
    r0, c0 = max(top, 0), max(left, 0)
    r1 = min(top + small.shape[0], MNIST_SIDE)
    c1 = min(left + small.shape[1], MNIST_SIDE)
    if r1 > r0 and c1 > c0:
        out[r0:r1, c0:c1] = small[r0 - top : r1 - top, c0 - left : c1 - left]
    return out
