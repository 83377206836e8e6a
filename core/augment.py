"""Light random changes to training digits (a little rotation, scaling, slant, shift and stroke thickness) so the network also reads digits drawn by people who are not in MNIST.

Every change is one small affine map per image plus an optional thickening or thinning of the
strokes, applied to a whole mini-batch at once with bilinear sampling in NumPy.
"""

from __future__ import annotations

import numpy as np

SIDE = 28
_CENTRE = (SIDE - 1) / 2.0

#: The ranges of the random changes (degrees, scale factor, shear, pixels); small on purpose:
#: MNIST digits are centred by their centre of mass, and so are drawn digits after preprocessing.
ROTATE_DEG = 12.0
SCALE = (0.85, 1.12)
SHEAR = 0.25
SHIFT_PX = 1.5
P_THICKER, P_THINNER = 0.3, 0.15


def _warp(images: np.ndarray, matrices: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    """Resample each 28x28 image at src = M @ (dst - centre - shift) + centre, bilinear, zero outside."""
    n = images.shape[0]
    padded = np.zeros((n, SIDE + 2, SIDE + 2), np.float32)
    padded[:, 1:-1, 1:-1] = images
    r, c = np.mgrid[0:SIDE, 0:SIDE].astype(np.float32)
    dst = np.stack([r.ravel() - _CENTRE, c.ravel() - _CENTRE])  # (2, 784)
    dst = dst[None] - shifts[:, :, None]  # (n, 2, 784)
    src = np.einsum("nij,njk->nik", matrices, dst) + _CENTRE + 1.0  # +1: padding offset
    np.clip(src, 0.0, SIDE + 0.999, out=src)
    r0 = np.floor(src[:, 0]).astype(np.intp)
    c0 = np.floor(src[:, 1]).astype(np.intp)
    fr = src[:, 0] - r0
    fc = src[:, 1] - c0
    r1 = np.minimum(r0 + 1, SIDE + 1)
    c1 = np.minimum(c0 + 1, SIDE + 1)
    flat = padded.reshape(n, -1)
    w = SIDE + 2
    base = np.arange(n)[:, None] * flat.shape[1]
    f = flat.ravel()
    top = f[base + r0 * w + c0] * (1 - fc) + f[base + r0 * w + c1] * fc
    bot = f[base + r1 * w + c0] * (1 - fc) + f[base + r1 * w + c1] * fc
    return (top * (1 - fr) + bot * fr).reshape(n, SIDE, SIDE)


def _neighbour_max_min(img: np.ndarray):
    """Per-pixel max and min over the pixel and its four neighbours (a plus-shaped window)."""
    p = np.pad(img, ((0, 0), (1, 1), (1, 1)))
    stack = np.stack([p[:, 1:-1, 1:-1], p[:, :-2, 1:-1], p[:, 2:, 1:-1], p[:, 1:-1, :-2], p[:, 1:-1, 2:]])
    return stack.max(axis=0), stack.min(axis=0)


def augment_batch(images_u8: np.ndarray, rng: np.random.Generator, out: np.ndarray | None = None) -> np.ndarray:
    """Randomly altered copies of a batch of flat uint8 MNIST images, as float32 in 0..1 (written to out if given)."""
    n = images_u8.shape[0]
    img = images_u8.reshape(n, SIDE, SIDE).astype(np.float32) / 255.0

    angle = np.deg2rad(rng.uniform(-ROTATE_DEG, ROTATE_DEG, n))
    scale = rng.uniform(*SCALE, n)
    shear = rng.uniform(-SHEAR, SHEAR, n)
    cos, sin = np.cos(angle), np.sin(angle)
    # forward map = rotate @ shear @ scale; we need its inverse to look up source pixels
    fwd = np.empty((n, 2, 2))
    fwd[:, 0, 0], fwd[:, 0, 1] = cos, -sin
    fwd[:, 1, 0], fwd[:, 1, 1] = sin, cos
    sh = np.zeros((n, 2, 2))
    sh[:, 0, 0] = sh[:, 1, 1] = 1.0
    sh[:, 1, 0] = shear  # column moves with row: a slant, like italics
    fwd = fwd @ sh * scale[:, None, None]
    inv = np.linalg.inv(fwd).astype(np.float32)
    shifts = rng.uniform(-SHIFT_PX, SHIFT_PX, (n, 2)).astype(np.float32)
    img = _warp(img, inv, shifts)

    thick = rng.random(n)
    hi, lo = _neighbour_max_min(img)
    thicker = thick < P_THICKER
    thinner = (thick >= P_THICKER) & (thick < P_THICKER + P_THINNER)
    img[thicker] = hi[thicker]
    img[thinner] = 0.5 * (img[thinner] + lo[thinner])

    flat = img.reshape(n, SIDE * SIDE)
    if out is None:
        return np.clip(flat, 0.0, 1.0)
    np.clip(flat, 0.0, 1.0, out=out[:n])
    return out[:n]
