"""The drawing pad, driven by synthetic mouse events as a student's hand would: the default model reads a
1, a 0 and a 7, large in the middle or small in a corner; a cleared pad shows nothing."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from drawn_digits import TEMPLATES  # noqa: E402
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

pytestmark = pytest.mark.gui

CENTRE = (0.25, 0.12, 0.5, 0.74)  # (left, top, width, height) as fractions of the pad
CORNER = (0.62, 0.6, 0.3, 0.34)  # small, bottom right


def default_model_or_skip():
    from mnist_studio.core.errors import ModelFileError
    from mnist_studio.core.modelfile import load_default_model

    try:
        return load_default_model()
    except ModelFileError as e:
        pytest.skip(f"no default model to read with yet: {e}")


def densify(points, step=3.0):
    """Points every `step` px along a polyline: what the mouse reports along a stroke."""
    out = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = max(1, int(np.hypot(x1 - x0, y1 - y0) / step))
        out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(1, n + 1)]
    return out


def mouse_stroke(widget, points):
    """Press the left button at the first point, move through the others with it held, release at the last."""
    first, last = points[0], points[-1]
    QTest.mousePress(widget, Qt.LeftButton, Qt.NoModifier, QPoint(round(first[0]), round(first[1])))
    for x, y in points[1:]:
        pos = QPointF(x, y)
        move = QMouseEvent(
            QEvent.Type.MouseMove, pos, widget.mapToGlobal(pos), Qt.NoButton, Qt.LeftButton, Qt.NoModifier
        )
        QApplication.sendEvent(widget, move)
    QTest.mouseRelease(widget, Qt.LeftButton, Qt.NoModifier, QPoint(round(last[0]), round(last[1])))


def draw_digit(canvas, digit, box):
    left, top, w, h = box
    side = canvas.width()
    for stroke in TEMPLATES[digit]:
        pts = [((left + x * w) * side, (top + y * h) * side) for x, y in stroke]
        mouse_stroke(canvas, densify(pts))


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """The window on an empty data folder: the pad must work without MNIST."""
    monkeypatch.setenv("MNIST_STUDIO_DATA", str(tmp_path / "no-mnist"))
    from mnist_studio.desktop import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown()


@pytest.mark.parametrize("box", [CENTRE, CORNER], ids=["centre", "small-corner"])
@pytest.mark.parametrize("digit", [1, 0, 7])
def test_default_model_reads_a_drawn_digit(window, qtbot, digit, box):
    default_model_or_skip()
    assert window.source.active_kind() == "default"
    draw_digit(window.canvas, digit, box)
    qtbot.waitUntil(lambda: window.reader.prediction_label.text() != "", timeout=2000)
    label = window.findChild(type(window.reader.prediction_label), "predictionLabel")
    assert label.text() == str(digit), (
        f"drew {digit}, read {label.text()} (probabilities {np.round(window.reader.probabilities, 2)})"
    )
    # The bar chart shows the same answer, and the ten bars are a probability distribution.
    heights = np.asarray(window.reader.bars.opts["height"])
    assert int(np.argmax(heights)) == digit
    assert heights.sum() == pytest.approx(1.0, abs=1e-4)
    # The 28x28 preview is what MNIST digits look like: white ink on black, centred by mass.
    img = window.reader.mnist_image
    assert img.shape == (28, 28) and img.max() == pytest.approx(1.0)
    rows, cols = np.nonzero(img > 0.1)
    assert 9 <= rows.mean() <= 19 and 9 <= cols.mean() <= 19


def test_clear_button_right_click_and_escape_empty_the_pad(window, qtbot):
    label = window.findChild(type(window.reader.prediction_label), "predictionLabel")
    clear = window.findChild(type(window.reader.clear_button), "clearCanvasButton")
    canvas = window.findChild(type(window.canvas), "drawCanvas")
    assert canvas.size().width() == 280 and canvas.size().height() == 280
    assert label.text() == ""  # an empty pad shows no digit

    def draw_and_check():
        draw_digit(canvas, 7, CENTRE)
        assert not canvas.is_empty()
        assert (canvas.to_array() < 128).sum() > 500  # real ink on the pad

    default = window.source.active() is not None
    draw_and_check()
    if default:
        qtbot.waitUntil(lambda: label.text() != "", timeout=2000)
    QTest.mouseClick(clear, Qt.LeftButton)
    assert canvas.is_empty() and label.text() == "" and window.reader.probabilities is None
    assert (canvas.to_array() == 255).all()

    draw_and_check()
    QTest.mouseClick(canvas, Qt.RightButton, Qt.NoModifier, QPoint(140, 140))
    assert canvas.is_empty() and label.text() == ""

    draw_and_check()
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key_Escape)
    assert canvas.is_empty() and label.text() == ""


def test_strokes_are_smooth_and_antialiased(window):
    """A fast diagonal drag (mouse events 25 px apart) still leaves one unbroken stroke with grey edges."""
    canvas = window.canvas
    pts = [(40 + 25 * k, 40 + 25 * k) for k in range(9)]
    mouse_stroke(canvas, pts)
    a = canvas.to_array()
    # unbroken: every point along the diagonal is inked
    for t in np.linspace(40, 240, 60):
        assert a[int(t), int(t)] < 64, f"gap in the stroke at {t:.0f}"
    # anti-aliased: the edge has grey levels, not only black and white
    assert ((a > 20) & (a < 235)).sum() > 100
    # round pen of about 20 px: the stroke is ~20 px across, measured perpendicular to it
    across = [a[140 + d, 140 - d] < 128 for d in range(-20, 21)]
    assert 14 <= sum(across) <= 26


def test_tiny_dot_or_nothing(window, qtbot):
    """A click without movement is a dot (ink), and reading it never crashes; a clean pad reads nothing."""
    QTest.mouseClick(window.canvas, Qt.LeftButton, Qt.NoModifier, QPoint(140, 140))
    assert not window.canvas.is_empty()
    window.reader.predict_now()
    window.canvas.clear()
    window.reader.predict_now()
    assert window.reader.prediction() is None


def test_a_guess_is_called_a_guess(window, qtbot):
    """Softmax must share 100% among the ten digits, so an untrained network still "answers": the reader
    says it is unsure exactly when its answer has less than half the probability."""
    from mnist_studio.core.network import TwoLayerNet
    from mnist_studio.desktop.reader import UNSURE_BELOW

    default_model_or_skip()
    draw_digit(window.canvas, 7, CENTRE)
    window.reader.predict_now()
    probs = window.reader.probabilities
    assert window.reader.prediction() == 7 and probs.max() >= UNSURE_BELOW
    assert not window.reader.unsure
    sure_text = window.reader.confidence_label.text()

    # The lesson's network before any training: 0.01 x randn weights give every digit about 10%.
    untrained = TwoLayerNet(seed=0)
    window.source.set_opened(untrained.params, {"activation": "sigmoid"}, "untrained.npz")
    window.reader.predict_now()
    probs = window.reader.probabilities
    assert probs.max() < 0.2  # an independent fact about the untrained network: it is guessing
    assert window.reader.unsure
    warning = window.reader.tr("Unsure: it must pick one of the ten digits, even for a scribble.")
    assert warning in window.reader.confidence_label.text() and warning not in sure_text
