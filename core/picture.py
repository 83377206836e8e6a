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

from .preprocess import INK_THRESHOLD, ImageArrayError, paper_and_ink

PAPER = 255
INK = 0


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

    background, ink = paper_and_ink(small)
    strength = background - small if ink == "dark" else small - background
    peak = float(strength.max())
    if peak < INK_THRESHOLD:
        return None
    # The paper becomes white and the strongest ink black; paler-than-paper specks are paper too.
    np.clip(strength * np.float32(1 / peak), 0.0, 1.0, out=strength)
    out = np.full((side, side), PAPER, dtype=np.uint8)
    top, left = (side - new_h) // 2, (side - new_w) // 2
    out[top : top + new_h, left : left + new_w] = np.rint(PAPER - (PAPER - INK) * strength).astype(np.uint8)
    return out
