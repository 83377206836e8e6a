"""The default model's recipe with one change to its augmentation, for the variants in the README's table
("How the recipe was chosen"): train one with the usual command, then measure it with other_writers.py.

The changes are experiments, not options of the app, so they are made here, from outside, by
replacing one function or setting of core/augment.py for this process only; everything else is
`mnist-studio train`. Each variant draws its extra random numbers after the usual ones, from the
same seeded generator, so a variant and seed always give the same network.

    MNIST_STUDIO_DATA=... python benchmarks/recipe_variants.py VARIANT -- train --preset default [--seed N]
        [--epochs E] [--hidden H] --out X.npz
    python benchmarks/other_writers.py --model X.npz

Variants: blur, uneven-ink, broad-bend, no-scale-shift, shrink-0.75.
"""

from __future__ import annotations

import sys
from dataclasses import replace

import numpy as np

import mnist_studio.core.augment_ahead as augment_ahead
from mnist_studio.core import augment
from mnist_studio.core.cli import main as cli_main

_augment_batch = augment.augment_batch
_elastic_field = augment.elastic_field
_I = np.arange(augment.SIDE)


def _to_peak_one(images: np.ndarray) -> np.ndarray:
    """Each image scaled so its brightest pixel is 1, as the reader's to_mnist leaves every drawing."""
    peak = images.reshape(len(images), -1).max(axis=1)
    return images / np.maximum(peak, 1e-6)[:, None, None]


def blurred(images_u8, rng, out=None, ranges=augment.DEFAULT_RANGES):
    """30% of digits blurred by a Gaussian of width 0.4-1.2 px (a soft pen, a photo)."""
    flat = _augment_batch(images_u8, rng, out=out, ranges=ranges)
    n = flat.shape[0]
    pick = np.flatnonzero(rng.random(n) < 0.3)
    sigma = rng.uniform(0.4, 1.2, n)
    if pick.size:
        s = sigma[pick][:, None, None]
        g = np.exp(-0.5 * ((_I[None, :, None] - _I[None, None, :]) / s) ** 2).astype(np.float32)
        g /= g.sum(axis=2, keepdims=True)
        b = g @ flat[pick].reshape(-1, 28, 28) @ np.swapaxes(g, 1, 2)
        flat[pick] = _to_peak_one(b).reshape(pick.size, 784)
    return flat


def uneven_ink(images_u8, rng, out=None, ranges=augment.DEFAULT_RANGES):
    """Half the digits darkened in places by 20-80% (a smooth random field): ink of uneven strength."""
    flat = _augment_batch(images_u8, rng, out=out, ranges=ranges)
    n = flat.shape[0]
    pick = np.flatnonzero(rng.random(n) < 0.5)
    depth = rng.uniform(0.2, 0.8, n).astype(np.float32)
    noise = rng.random((n, 28, 28), dtype=np.float32)
    if pick.size:
        g = augment._gaussian_matrix(3.0)
        f = g @ noise[pick] @ g
        lo = f.reshape(pick.size, -1).min(axis=1)[:, None, None]
        hi = f.reshape(pick.size, -1).max(axis=1)[:, None, None]
        f = (f - lo) / np.maximum(hi - lo, 1e-6)
        img = flat[pick].reshape(-1, 28, 28) * (1 - depth[pick][:, None, None] * f)
        flat[pick] = _to_peak_one(img).reshape(pick.size, 784)
    return flat


def broad_bend(n, rng, alpha, sigma):
    """Simard's elastic field plus a second, broad one (width 8 px, times 75) that bends whole strokes."""
    return _elastic_field(n, rng, alpha, sigma) + _elastic_field(n, rng, 75.0, 8.0)


def _with_ranges(**changes):
    ranges = replace(augment.DEFAULT_RANGES, **changes)

    def apply():
        augment.DEFAULT_RANGES = ranges
        augment.augment_batch.__defaults__ = (None, ranges)

    return apply


VARIANTS = {
    "blur": lambda: setattr(augment_ahead, "augment_batch", blurred),
    "uneven-ink": lambda: setattr(augment_ahead, "augment_batch", uneven_ink),
    "broad-bend": lambda: setattr(augment, "elastic_field", broad_bend),
    "no-scale-shift": _with_ranges(scale=(1.0, 1.0), shift_px=0.0),
    "shrink-0.75": _with_ranges(scale=(0.75, 1.12)),
}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2 or argv[0] not in VARIANTS or argv[1] != "--":
        known = not argv or argv[0] in VARIANTS
        what = "VARIANT -- train ... expected" if known else f"unknown variant {argv[0]!r}"
        print(f"recipe_variants: {what}; variants: {', '.join(VARIANTS)}", file=sys.stderr)
        print(__doc__.split("\n\n")[2], file=sys.stderr)
        return 2
    VARIANTS[argv[0]]()
    return cli_main(argv[2:])


if __name__ == "__main__":
    sys.exit(main())
