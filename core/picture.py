"""Put any grey picture of a digit on a square drawing pad as the pad draws: scaled to fit with its aspect
ratio kept, centred, dark ink on white paper.

The window's pad holds black ink on white paper, and a picture opened from a file goes onto it so
that the user sees it, can draw over it, and the network reads it exactly like a drawing. Pictures
come either way round (a scan is dark on light, an MNIST digit light on dark), so the ink is found
as :func:`core.preprocess.to_mnist` finds it, then the paper is made white (255) and the strongest
ink black (0). The picture is shrunk *before* anything else, so even the largest picture
:func:`core.imagefile.read_gray` accepts (4096x4096) costs only a few pad-sized arrays.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from .preprocess import INK_THRESHOLD, ImageArrayError, ink_strength

PAPER = 255
INK = 0


def read_picture(path, side: int = 280) -> np.ndarray | None:
    """A picture file made ready for the pad, as the window opens it and `mnist-studio predict` reads it.

    read_gray (which refuses damaged, empty and huge files from their header), then fit_on_paper.
    Both the window and the command line read a picture through this one function, so a photo
    reads the same in both. None when the picture is blank.
    """
    from .imagefile import read_gray

    return fit_on_paper(read_gray(path), side)


def fit_on_paper(gray, side: int = 280) -> np.ndarray | None:
    """A (side, side) uint8 picture: ``gray`` scaled to fit, centred, as dark ink (0) on white paper (255).

    ``gray`` is a 2-D uint8 array (as read_gray returns) of any size. The longer side becomes
    ``side`` pixels (area averaging when shrinking, bilinear when enlarging: no overshoot to spoil the black);
    the rest of the square
    is paper. Returns None when the picture shows nothing: no pixel differs from its background by
    :data:`core.preprocess.INK_THRESHOLD` or more.
    """
    a = np.asarray(gray)
    if a.ndim != 2 or a.dtype != np.uint8:
        raise ImageArrayError(
            f"a picture for the pad must be a 2-D uint8 array, got {a.dtype} of shape {a.shape}"
        )
    if a.size == 0:
        return None
    side = int(side)
    h, w = a.shape
    scale = side / max(h, w)
    new_w = min(side, max(1, round(w * scale)))
    new_h = min(side, max(1, round(h * scale)))
    resample = Image.Resampling.BOX if scale < 1 else Image.Resampling.BILINEAR
    small = np.asarray(
        Image.fromarray(np.ascontiguousarray(a)).resize((new_w, new_h), resample), dtype=np.float32
    )
    small *= np.float32(1 / 255)

    # How much each pixel stands out from the paper, with the paper's own grain (judged from the
    # full picture's frame, as to_mnist judges it) set to 0: once the picture sits on the pad's clean
    # white, that grain would no longer look like noise, and would be read as ink.
    strength = ink_strength(small, judge=a)
    peak = float(strength.max())
    if peak < INK_THRESHOLD:
        return None
    # The paper becomes white and the strongest ink black.
    strength *= np.float32(1 / peak)
    out = np.full((side, side), PAPER, dtype=np.uint8)
    top, left = (side - new_h) // 2, (side - new_w) // 2
    out[top : top + new_h, left : left + new_w] = np.rint(PAPER - (PAPER - INK) * strength).astype(np.uint8)
    return out
