"""Pixels that are blank in every training image: their weights never change, so training can leave them out
of the products.

A weight from input pixel p moves by (learning rate) x (pixel p's value) x (its hidden unit's
error), summed over the batch; if pixel p is 0 in every training image, that is 0 for ever, with
every optimizer here. MNIST's training set has 67 such pixels (corners and edges), 8.5% of the
784, so the trainer multiplies 717 columns instead of 784 and gets the very same network. The
test set may have ink there; the full weight matrix, with those rows at their first values,
is what predicts.
"""

from __future__ import annotations

import threading
import weakref

import numpy as np

#: Leave blank pixels out only if at least this share of them is blank (else the copy is not worth it).
MIN_BLANK_SHARE = 0.02

_lock = threading.Lock()
_last: list = []  # [weak reference to the images, pixels, columns]: the one most recently asked for


def inked_pixels(images_u8: np.ndarray) -> np.ndarray:
    """The column numbers of the pixels that are not 0 in at least one image (rows are images)."""
    return np.flatnonzero(np.bitwise_or.reduce(images_u8, axis=0))


def keep_columns(images: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """images[:, columns] as a new array, copied one run of neighbouring columns at a time.

    The same numbers as the fancy index, 3-8 times sooner: MNIST's inked pixels form 14 runs,
    so this is 14 block copies rather than 47 million single-byte picks.
    """
    out = np.empty((images.shape[0], len(columns)), images.dtype)
    breaks = np.flatnonzero(np.diff(columns) != 1) + 1
    start = 0
    for run in np.split(columns, breaks):
        out[:, start : start + len(run)] = images[:, run[0] : run[-1] + 1]
        start += len(run)
    return out


def without_blank_pixels(images_u8: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """(pixels, images[:, pixels]) for the pixels with ink somewhere; (None, images) if too few are blank to
    bother.

    The result for the most recent images is kept (about 43 MB for MNIST), so pressing Start
    again, or the bench's repeated runs, do not copy the training set again.
    """
    with _lock:
        if _last and _last[0]() is images_u8:
            return _last[1], _last[2]
        pixels = inked_pixels(images_u8)
        if len(pixels) > (1 - MIN_BLANK_SHARE) * images_u8.shape[1]:
            result = (None, images_u8)
        else:
            result = (pixels, keep_columns(images_u8, pixels))
        _last[:] = [weakref.ref(images_u8), *result]
        return result
