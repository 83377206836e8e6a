"""How many of the ten digits (tests/drawn_digits.py's strokes) the pad's reader gets right when they are
drawn small on the pad.

    python tests/small_drawings.py [--height 0.16] [--model FILE.npz ...]

Each digit is drawn through the pad's own stroke API, with the pad's pen, at the given fraction of
the pad's height (and 0.8 of that wide), in the pad's middle, then read as the window reads it.
Prints "n/10 read" per model (the default model unless --model is given).
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from drawn_digits import TEMPLATES  # noqa: E402


def densify(points, step=3.0):
    """Points every `step` px along a polyline: what the mouse reports along a stroke."""
    out = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = max(1, int(np.hypot(x1 - x0, y1 - y0) / step))
        out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(1, n + 1)]
    return out


def draw_on(canvas, digit: int, height: float) -> None:
    """Draw `digit` on the pad, `height` of the pad tall, centred, through the pad's own stroke API."""
    side = canvas.width()
    h = height
    w = 0.8 * height
    left, top = 0.5 - w / 2, 0.5 - h / 2
    for stroke in TEMPLATES[digit]:
        pts = [((left + x * w) * side, (top + y * h) * side) for x, y in stroke]
        canvas.draw_stroke(densify(pts))


def read_small(network, height: float) -> list[int | None]:
    """The digit the reader gives for each of 0-9 drawn at `height`, or None when it reads nothing."""
    from PySide6.QtWidgets import QApplication

    from mnist_studio.core.preprocess import to_mnist
    from mnist_studio.desktop.draw_pad import DrawCanvas

    _app = QApplication.instance() or QApplication([])
    out = []
    for digit in range(10):
        canvas = DrawCanvas()
        draw_on(canvas, digit, height)
        img = to_mnist(canvas.for_network())  # as the window's reader reads the pad
        out.append(None if img is None else int(np.argmax(network.predict(img.reshape(1, 784)))))
        canvas.deleteLater()
    return out


def main(argv=None) -> int:
    from mnist_studio.core.modelfile import default_model_path, load_model
    from mnist_studio.core.network import TwoLayerNet

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--height",
        type=float,
        default=0.16,
        help="the digit's height as a fraction of the pad's (default 0.16)",
    )
    p.add_argument(
        "--model", action="append", help="model file(s) to read with (default: the app's default model)"
    )
    args = p.parse_args(argv)
    for path in args.model or [str(default_model_path())]:
        params, meta = load_model(path)
        net = TwoLayerNet.from_params(params, meta.get("activation", "sigmoid"))
        read = read_small(net, args.height)
        right = sum(r == d for d, r in enumerate(read))
        print(
            f"{os.path.basename(path)}: {right}/10 read at {args.height:.0%} of the pad's height "
            f"(read as {read})"
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main())
