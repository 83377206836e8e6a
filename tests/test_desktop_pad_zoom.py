"""The pad on a projector: zoom and presentation mode show it larger, its pen and drawing with it, and the
network reads the same picture at any size (a digit drawn across the same part of the pad gives the same
28x28 input); a drawing on the pad survives a zoom change, crisp on a scaled screen."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from drawn_digits import TEMPLATES  # noqa: E402
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from test_desktop_pad import CENTRE, CORNER, default_model_or_skip, densify, draw_digit  # noqa: E402

from mnist_studio.core.preprocess import to_mnist  # noqa: E402
from mnist_studio.desktop.draw_pad import qimage_to_array  # noqa: E402

pytestmark = pytest.mark.gui

#: The largest difference allowed between the 28x28 inputs (0..1) of the same relative drawing on the
#: pad at its usual size and 1.5x larger: the strokes land on the same pad coordinates up to rounding.
#: A pen that did not grow with the pad (1.5x thinner for the network) differs by 0.5 and more, a pen
#: 1.3x wider (the old presentation pen) by 0.1 to 0.15, a drawing read at the wrong scale by 1.
INPUT_TOLERANCE = 0.02


@pytest.fixture
def pad(qtbot):
    from mnist_studio.desktop.draw_pad import DrawCanvas

    canvas = DrawCanvas()
    qtbot.addWidget(canvas)
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


def draw_relative(pad, digit, box) -> None:
    """Draw `digit` in `box` (fractions of the pad) with mouse events at the same fractions of the pad at
    any size, as a hand draws the same digit on a larger pad (events at fractional pixels, as on a
    scaled screen, so that rounding to whole pixels does not move the strokes)."""
    left, top, w, h = box
    k = pad.width() / 280
    for stroke in TEMPLATES[digit]:
        points = densify([((left + x * w) * 280, (top + y * h) * 280) for x, y in stroke])
        events = [QEvent.Type.MouseButtonPress] + [QEvent.Type.MouseMove] * (len(points) - 2)
        for kind, (x, y) in zip(events + [QEvent.Type.MouseButtonRelease], points, strict=True):
            pos = QPointF(x * k, y * k)
            button = Qt.NoButton if kind == QEvent.Type.MouseMove else Qt.LeftButton
            held = Qt.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.LeftButton
            event = QMouseEvent(kind, pos, pad.mapToGlobal(pos), button, held, Qt.NoModifier)
            QApplication.sendEvent(pad, event)


def ink_rows(pad, column: int) -> np.ndarray:
    """The on-screen rows where the pad shows ink in one column of its screen picture."""
    shot = qimage_to_array(pad.grab().toImage())
    return np.nonzero(shot[:, column] < 128)[0]


def test_the_pad_shows_larger_and_its_pen_with_it(pad):
    pad.draw_stroke([(60, 140), (220, 140)])  # a 20 px wide line across the middle, pad coordinates
    rows = ink_rows(pad, 140)
    assert pad.width() == pad.height() == 280
    pad.set_view_scale(1.5)
    assert pad.width() == pad.height() == 420 and pad.view_scale() == 1.5
    assert pad.grab().size().width() == 420
    big_rows = ink_rows(pad, 210)
    # the line is where it was, on a pad half as large again, and half as thick again on screen
    assert abs(big_rows.mean() - 1.5 * rows.mean()) <= 1.0
    assert len(big_rows) == pytest.approx(1.5 * len(rows), abs=2)
    assert pad.to_array().shape == (280, 280)  # the network's copy keeps the pad's own size
    pad.clear()
    assert (pad.to_array() == 255).all() and (qimage_to_array(pad.image()) == 255).all()
    assert pad.image().width() == 420


@pytest.mark.parametrize("box", [CENTRE, CORNER], ids=["large", "small-corner"])
@pytest.mark.parametrize("digit", [7, 0, 4])
def test_a_digit_drawn_on_a_larger_pad_reads_the_same(pad, digit, box):
    from mnist_studio.core.network import TwoLayerNet

    params, meta = default_model_or_skip()
    net = TwoLayerNet.from_params(params, meta.get("activation", "sigmoid"))
    draw_relative(pad, digit, box)
    usual = to_mnist(pad.for_network())
    pad.clear()
    pad.set_view_scale(1.5)
    assert pad.width() == 420
    draw_relative(pad, digit, box)
    larger = to_mnist(pad.for_network())
    difference = float(np.abs(larger - usual).max())
    assert difference <= INPUT_TOLERANCE, f"the 28x28 input differs by up to {difference:.2f}"
    read = [int(np.argmax(net.predict(img.reshape(1, 784)))) for img in (usual, larger)]
    assert read == [digit, digit]


def test_a_picture_fills_the_larger_pad_and_is_read_as_put(pad):
    picture = np.full((280, 280), 255, np.uint8)
    picture[100:180, 120:160] = 0  # a dark bar, pad coordinates
    pad.set_view_scale(1.5)
    pad.set_picture(picture)
    assert np.abs(pad.to_array().astype(int) - picture).max() <= 1  # what the network reads
    shot = qimage_to_array(pad.grab().toImage())
    assert shot[155:265, 185:235].max() < 60  # the bar on screen, at 1.5x its place
    assert shot[20:130, 20:130].min() > 200 and shot[290:400, 290:400].min() > 200


def test_a_drawing_survives_zoom_changes_in_the_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_STUDIO_DATA", str(tmp_path / "no-mnist"))
    from mnist_studio.desktop import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.resize(1900, 1040)  # a large screen's room: the pad has room to grow with the zoom
    try:
        canvas = w.canvas
        draw_digit(canvas, 7, CENTRE)
        drawn, read = canvas.to_array(), canvas.for_network()
        w.reader.predict_now()
        answer = w.reader.prediction()
        w.view_scale.set_zoom(1.3, remember=False)
        qtbot.waitUntil(lambda: canvas.width() == round(280 * 1.3), timeout=3000)
        assert not canvas.is_empty()
        assert (canvas.to_array() == drawn).all() and (canvas.for_network() == read).all()
        # on screen the same ink, 1.3x as large each way
        shot = qimage_to_array(canvas.grab().toImage())[4:-4, 4:-4]
        inside = drawn[3:-3, 3:-3]
        assert (shot < 128).sum() == pytest.approx(1.3**2 * (inside < 128).sum(), rel=0.1)
        w.reader.predict_now()
        assert w.reader.prediction() == answer
        w.view_scale.set_zoom(1.0, remember=False)
        qtbot.waitUntil(lambda: canvas.width() == 280, timeout=3000)
        assert (canvas.to_array() == drawn).all()
        # a mouse stroke on the zoomed-back pad lands where the pointer is
        QTest.mouseClick(canvas, Qt.RightButton, Qt.NoModifier, QPoint(10, 10))
        assert canvas.is_empty()
    finally:
        w.view_scale.reset_application()
        w.shutdown()


def test_the_pad_size_and_pen_for_a_screen():
    from mnist_studio.desktop.window_layout import pad_pen_width, pad_view_scale

    assert pad_view_scale(1.38, 900, 280) == 1.38  # room to spare: the interface's factor
    assert pad_view_scale(1.5, 350, 280) == 1.25  # 350 px of room: as large as fits
    assert pad_view_scale(1.15, 250, 280) == 1.0  # a cramped screen: as designed, its column scrolls
    assert pad_view_scale(0.7, 900, 280) == 0.7  # zoomed out: smaller with everything else
    assert pad_pen_width(1.38, presentation=False) == 20.0
    assert pad_pen_width(1.38, presentation=True) == 20.0  # the pad's growth widens the ink on screen
    assert pad_pen_width(1.0, presentation=True) == 26.0  # no room to grow: a wider pen, 1.3x
    assert pad_pen_width(1.15, presentation=True) * 1.15 == pytest.approx(26.0)


HIDPI_SCRIPT = textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication
    from mnist_studio.desktop.draw_pad import DrawCanvas, qimage_to_array
    app = QApplication([])
    pad = DrawCanvas()
    pad.show()
    pad.draw_stroke([(40 + 5 * k, 40 + 4 * k) for k in range(40)])
    pad.set_view_scale(1.5)
    app.processEvents()
    shot = qimage_to_array(pad.grab().toImage())
    # pixel-doubled ink has every aligned 2x2 block of one grey; crisp ink has edges inside blocks
    inner = shot[4:-4, 4:-4].astype(int)
    h, w = inner.shape[0] // 2, inner.shape[1] // 2
    spread = inner[: 2 * h, : 2 * w].reshape(h, 2, w, 2)
    spread = spread.max(axis=(1, 3)) - spread.min(axis=(1, 3))
    print(pad.image().width(), shot.shape[1], int((spread > 40).sum()), *pad.to_array().shape)
    """
)


def test_the_larger_pad_is_crisp_on_a_scaled_screen():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2")
    proc = subprocess.run(
        [sys.executable, "-c", HIDPI_SCRIPT], capture_output=True, text=True, timeout=60, env=env
    )
    assert proc.returncode == 0, proc.stderr
    image_w, shot_w, sharp_blocks, array_h, array_w = map(int, proc.stdout.split())
    assert image_w == shot_w == 840  # 420 px on screen at 2 device pixels each
    assert sharp_blocks > 50, "the ink is pixel-doubled, not drawn at the screen's pixel ratio"
    assert (array_h, array_w) == (280, 280)
