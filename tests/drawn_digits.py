"""Digits drawn the way a person draws them on the pad: pen strokes (polylines) in a 0..1 box, rendered with a
round pen.

Not MNIST: an independent check that the default model reads what people draw. Each digit has
a stroke template; variants move, scale, slant and thicken it, as different hands would.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw


def _arc(cx, cy, rx, ry, a0, a1, n=24):
    t = np.deg2rad(np.linspace(a0, a1, n))
    return list(zip(cx + rx * np.cos(t), cy - ry * np.sin(t)))


# Strokes in a unit box, y growing downwards; angles counter-clockwise from 3 o'clock.
TEMPLATES = {
    0: [_arc(0.5, 0.5, 0.3, 0.45, 90, 450)],
    1: [[(0.42, 0.2), (0.55, 0.05), (0.55, 0.95)]],
    2: [_arc(0.5, 0.3, 0.3, 0.25, 160, -30) + [(0.15, 0.95), (0.85, 0.95)]],
    3: [_arc(0.48, 0.28, 0.3, 0.23, 150, -90) + _arc(0.48, 0.72, 0.33, 0.23, 90, -150)],
    4: [[(0.6, 0.05), (0.12, 0.65), (0.88, 0.65)], [(0.65, 0.35), (0.65, 0.95)]],
    5: [[(0.8, 0.05), (0.25, 0.05), (0.2, 0.45)] + _arc(0.48, 0.67, 0.32, 0.28, 140, -150)],
    6: [[(0.72, 0.05)] + _arc(0.5, 0.7, 0.3, 0.25, 150, -210)],
    7: [[(0.15, 0.07), (0.85, 0.07), (0.4, 0.95)]],
    8: [_arc(0.5, 0.27, 0.25, 0.22, -90, 270) + _arc(0.5, 0.72, 0.3, 0.23, 90, -270)],
    9: [_arc(0.5, 0.3, 0.28, 0.25, 0, 360), [(0.78, 0.3), (0.7, 0.95)]],
}
TEMPLATES[6] = [[(0.7, 0.05), (0.4, 0.3), (0.22, 0.65)] + _arc(0.5, 0.7, 0.28, 0.25, 180, -180)]


def draw_digit(
    digit: int, size: int = 280, box=(0.2, 0.15, 0.6, 0.7), slant: float = 0.0, width: int = 20
) -> np.ndarray:
    """A uint8 picture (white paper, black ink) of `digit` drawn in box = (left, top, width, height) as
    fractions of the pad.
    """
    img = Image.new("L", (size, size), 255)
    pen = ImageDraw.Draw(img)
    left, top, w, h = box
    for stroke in TEMPLATES[digit]:
        pts = [((left + (x + slant * (0.5 - y)) * w) * size, (top + y * h) * size) for x, y in stroke]
        pen.line(pts, fill=0, width=width, joint="curve")
        r = width / 2
        for px, py in (pts[0], pts[-1]):  # round caps, like a real pen
            pen.ellipse((px - r, py - r, px + r, py + r), fill=0)
    return np.asarray(img)


#: Where and how the variants are drawn: (box, slant, width).
VARIANTS = [
    ((0.2, 0.15, 0.6, 0.7), 0.0, 20),  # centred, as intended
    ((0.05, 0.05, 0.9, 0.9), 0.0, 26),  # large, filling the pad
    ((0.62, 0.62, 0.3, 0.32), 0.0, 12),  # small, in a corner
    ((0.1, 0.3, 0.45, 0.6), 0.25, 18),  # off-centre and slanted
    ((0.3, 0.1, 0.5, 0.8), -0.15, 30),  # thick, leaning back
]


def all_drawings():
    """(digit, picture) for every digit and variant."""
    return [(d, draw_digit(d, box=b, slant=s, width=w)) for d in range(10) for b, s, w in VARIANTS]
