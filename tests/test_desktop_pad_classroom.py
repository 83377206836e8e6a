"""The pad as a class uses it: the placeholder never shows through a drawing, the ink is crisp on a scaled
(high-DPI) screen, and small digits read as well as large ones."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt  # noqa: E402
from PySide6.QtGui import QRegion  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from small_drawings import draw_on, read_small  # noqa: E402

pytestmark = pytest.mark.gui


class PaintSpy(QObject):
    """Collects the region of every paint event a widget receives."""

    def __init__(self, widget):
        super().__init__()
        self.region = QRegion()
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.region = self.region.united(event.region())
        return False


@pytest.fixture
def pad(qtbot):
    from mnist_studio.desktop.draw_pad import DrawCanvas

    canvas = DrawCanvas()
    qtbot.addWidget(canvas)
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


def _placeholder_rect(canvas) -> QRect:
    """Where "Draw a digit here" is written: the middle of the pad."""
    fm = canvas.fontMetrics()
    w = fm.horizontalAdvance("Draw a digit here")
    c = canvas.rect().center()
    return QRect(c.x() - w // 2, c.y() - 4, w, 8)


@pytest.mark.parametrize("how", ["right-click", "escape"])
def test_placeholder_is_wiped_when_drawing_starts_after_a_clear(pad, qtbot, how):
    pad.setFocus()
    pad.draw_stroke([(140, 40), (140, 240)])
    if how == "right-click":
        QTest.mouseClick(pad, Qt.RightButton, Qt.NoModifier, QPoint(140, 140))
    else:
        QTest.keyClick(pad, Qt.Key_Escape)
    assert pad.is_empty()
    qtbot.wait(20)  # the placeholder is painted
    spy = PaintSpy(pad)
    # A stroke far from the middle: the text in the middle must still be repainted away.
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, QPoint(30, 30))
    QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, QPoint(30, 30))
    qtbot.waitUntil(lambda: not spy.region.isEmpty(), timeout=2000)
    qtbot.wait(20)
    assert spy.region.contains(_placeholder_rect(pad)), (
        "the placeholder text was left on screen behind the ink"
    )


HIDPI_SCRIPT = textwrap.dedent(
    """
    import numpy as np
    from PySide6.QtWidgets import QApplication
    from mnist_studio.desktop.draw_pad import DrawCanvas, qimage_to_array
    app = QApplication([])
    pad = DrawCanvas()
    pad.show()
    app.processEvents()
    pad.draw_stroke([(40 + 5 * k, 40 + 4 * k) for k in range(40)])
    app.processEvents()
    shot = qimage_to_array(pad.grab().toImage())
    img = pad.image()
    print(pad.devicePixelRatioF(), img.width(), img.height(), img.devicePixelRatio(), *shot.shape)
    # pixel-doubled ink has every aligned 2x2 block of one grey; crisp ink has edges inside blocks
    inner = shot[4:-4, 4:-4].astype(int)
    h, w = inner.shape[0] // 2, inner.shape[1] // 2
    blocks = inner[: 2 * h, : 2 * w].reshape(h, 2, w, 2)
    spread = blocks.max(axis=(1, 3)) - blocks.min(axis=(1, 3))
    print(int((spread > 40).sum()), pad.to_array().shape[0], pad.to_array().shape[1])
    """
)


def test_the_pad_draws_at_the_screens_pixel_ratio():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2")
    proc = subprocess.run(
        [sys.executable, "-c", HIDPI_SCRIPT], capture_output=True, text=True, timeout=60, env=env
    )
    assert proc.returncode == 0, proc.stderr
    first, second = proc.stdout.split("\n")[:2]
    dpr, w, h, image_dpr, shot_h, shot_w = map(float, first.split())
    assert dpr == 2.0 and image_dpr == 2.0
    assert (w, h) == (560, 560) and (shot_w, shot_h) == (560, 560)  # 2 image pixels per pad pixel
    sharp_blocks, array_h, array_w = map(int, second.split())
    assert sharp_blocks > 50, "the ink is pixel-doubled, not drawn at 2x"
    assert (array_h, array_w) == (280, 280)  # the network still reads the pad at its own 280x280


@pytest.mark.parametrize("height", [0.16, 0.12])
def test_small_drawings_read_as_well_as_large_ones(qtbot, height):
    from mnist_studio.core.modelfile import load_default_model
    from mnist_studio.core.network import TwoLayerNet

    params, meta = load_default_model()
    net = TwoLayerNet.from_params(params, meta.get("activation", "sigmoid"))
    small = read_small(net, height)
    large = read_small(net, 0.7)
    assert large == list(range(10))
    right = sum(r == d for d, r in enumerate(small))
    assert right >= 9, f"only {right}/10 read when drawn at {height:.0%} of the pad: {small}"


def test_small_drawings_keep_the_pads_ink_but_give_the_network_thinner_strokes(pad):
    draw_on(pad, 8, 0.16)
    shown = pad.to_array() < 128
    seen = pad.for_network() < 128
    # the pad shows the pen as drawn; the network gets the same strokes with a pen in proportion
    assert shown.sum() > 1.8 * seen.sum() > 0
    assert (seen & ~shown).sum() == 0  # thinner strokes lie inside the drawn ones
