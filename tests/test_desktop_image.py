"""Opening a picture file in the window (File > Open image, Ctrl+I, or dropping it on the pad): a real
MNIST digit, either way round, lands on the pad and is read as its true label; a damaged, empty, fake or
huge file is one message naming it, the pad and the answer stay as they were, and the window goes on
working."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import textwrap
import zlib

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PIL import Image  # noqa: E402
from PySide6.QtCore import (  # noqa: E402
    QMimeData,
    QPoint,
    QPointF,
    Qt,
    QtMsgType,
    QUrl,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

pytestmark = pytest.mark.gui

HARMLESS = ("This plugin does not support propagateSizeHints()",)  # the offscreen platform, not our code


def qt_problems(qtlog) -> list[str]:
    bad = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
    return [r.message for r in qtlog.records if r.type in bad and r.message not in HARMLESS]


@pytest.fixture
def window(qtbot, mnist_dir, qtlog):
    from mnist_studio.desktop import MainWindow

    w = MainWindow(data_dir=mnist_dir)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.data is not None, timeout=20000)
    assert w.source.active() is not None and w.source.active_kind() == "default"
    yield w
    assert w.shutdown(5000)
    w.close()
    assert qt_problems(qtlog) == []


def mnist_digit(window, index: int) -> tuple[np.ndarray, int]:
    """Test digit number index as MNIST stores it (28x28, white ink on black) and its label."""
    return np.asarray(window.data.x_test[index]).reshape(28, 28), int(window.data.t_test[index])


def save_dark_on_white_png(digit: np.ndarray, path, size=(140, 140)):
    Image.fromarray(255 - digit).resize(size, Image.Resampling.BICUBIC).save(path)
    return path


def save_light_on_dark_jpeg(digit: np.ndarray, path, size=(140, 140)):
    Image.fromarray(digit).convert("RGB").resize(size, Image.Resampling.BICUBIC).save(path, quality=85)
    return path


def png_rows(path, width: int, height: int, row: bytes, bit_depth: int = 1):
    """A valid grey PNG of any size written row by row, so a 20000x20000 one costs the test almost no
    memory."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    comp = zlib.compressobj(9)
    idat = bytearray()
    line = b"\x00" + row
    for _ in range(height):
        idat += comp.compress(line)
    idat += comp.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", bytes(idat)) + chunk(b"IEND", b"")
    )
    return path


def huge_png(path, side: int = 20000):
    """A white side x side 1-bit PNG: 400 megapixels that decode to 400 MB, about 60 KB on disk."""
    return png_rows(path, side, side, b"\xff" * ((side + 7) // 8))


def pad(window) -> np.ndarray:
    return window.canvas.to_array()


def draw_a_one(window) -> None:
    window.canvas.draw_stroke([(140, 40), (140, 240)])


# --- pictures that open ----------------------------------------------------------------------------


def test_mnist_digits_saved_as_dark_on_white_png_are_read_as_their_labels(window, tmp_path):
    for index in range(6):
        digit, label = mnist_digit(window, index)
        path = save_dark_on_white_png(digit, tmp_path / f"digit-{index}.png")
        assert window.open_image(path) is True
        assert window.reader.prediction_label.text() == str(label), f"test digit {index}"
        assert window.message_bar.level() == "info" and path.name in window.message_bar.text()
        # The picture is on the pad as the pad's own ink: white paper all round, black strokes.
        a = pad(window)
        assert not window.canvas.is_empty()
        assert a.min() == 0 and a[0].min() == 255 and a[-1].min() == 255 and a[:, 0].min() == 255
        assert window.reader.mnist_image is not None and window.reader.mnist_image.shape == (28, 28)
        assert window.reader.probabilities is not None and window.reader.probabilities.argmax() == label


def test_light_on_dark_jpegs_are_read_as_their_labels_and_shown_dark_on_white(window, tmp_path):
    for index in range(6, 12):
        digit, label = mnist_digit(window, index)
        path = save_light_on_dark_jpeg(digit, tmp_path / f"digit-{index}.jpg", size=(140, 112))  # not square
        assert window.open_image(path) is True
        assert window.reader.prediction() == label, f"test digit {index}"
        a = pad(window)
        assert a[0].min() >= 250 and a[-1].min() >= 250  # paper, not the photo's black background
        assert (a < 60).mean() > 0.02  # dark strokes


def test_the_picture_can_be_drawn_over_and_cleared(window, tmp_path):
    digit, label = mnist_digit(window, 0)  # a 7
    assert window.open_image(save_dark_on_white_png(digit, tmp_path / "seven.png"))
    before = pad(window).copy()
    window.canvas.draw_stroke([(30, 250), (250, 250)])  # a line under it: the pad reads the new drawing
    assert (pad(window) < before).any()
    assert window.reader.prediction() is not None
    window.reader.clear_button.click()
    assert window.canvas.is_empty() and window.reader.prediction() is None
    draw_a_one(window)
    assert window.reader.prediction() == 1


def test_open_image_menu_entry_with_ctrl_i(window, tmp_path, monkeypatch):
    from mnist_studio.desktop import file_flows

    digit, label = mnist_digit(window, 1)
    path = save_dark_on_white_png(digit, tmp_path / "two.png")
    asked = []

    def fake_dialog(parent, title, folder, filters):
        asked.append(filters)
        return str(path), filters.split(";;")[0]

    monkeypatch.setattr(file_flows.QFileDialog, "getOpenFileName", staticmethod(fake_dialog))
    action = window.actions.open_image
    assert action.shortcut() == QKeySequence("Ctrl+I")
    assert action in window.menuBar().actions()[0].menu().actions()  # the File menu
    action.trigger()
    assert asked and "*.png" in asked[0] and "*.jpg" in asked[0]
    assert window.reader.prediction() == label


def test_a_picture_file_dropped_on_the_pad_is_opened(window, tmp_path):
    digit, label = mnist_digit(window, 2)
    path = save_dark_on_white_png(digit, tmp_path / "dropped.png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(140, 140), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window.canvas, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(140, 140), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window.canvas, drop)
    assert window.reader.prediction() == label
    assert "dropped.png" in window.message_bar.text()

    text = QMimeData()
    text.setText("just some text")
    refused = QDragEnterEvent(QPoint(140, 140), Qt.CopyAction, text, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window.canvas, refused)
    assert not refused.isAccepted()


# --- files that cannot be used -------------------------------------------------------------------------


def _corrupt_png(path):
    noise = np.random.default_rng(0).integers(0, 256, (64, 64), dtype=np.uint8)  # incompressible
    Image.fromarray(noise).save(path)
    data = bytearray(path.read_bytes())
    data[100:400] = b"\x00" * 300  # pixel data overwritten; the signature and header are intact
    path.write_bytes(bytes(data))


def _zero_size_png(path):
    png_rows(path, 0, 0, b"")  # a header saying 0 x 0 pixels


BAD_FILES = {
    "corrupt.png": _corrupt_png,
    "zero-bytes.png": lambda p: p.write_bytes(b""),
    "zero-size.png": _zero_size_png,
    "notes.png": lambda p: p.write_text("these are my notes, not a picture\n" * 20),
    "huge.png": huge_png,
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_file_that_cannot_be_used_is_one_message_and_nothing_changes(window, tmp_path, qtlog, name):
    digit, label = mnist_digit(window, 3)
    assert window.open_image(save_dark_on_white_png(digit, tmp_path / "before.png"))
    shown, probabilities, drawn = (
        window.reader.prediction_label.text(),
        window.reader.probabilities.copy(),
        pad(window).copy(),
    )
    assert shown == str(label)

    bad = tmp_path / name
    BAD_FILES[name](bad)
    assert window.open_image(bad) is False

    message = window.message_bar.text()
    assert window.message_bar.level() == "error" and window.message_bar.isVisible()
    assert name in message and "\n" not in message and "Traceback" not in message
    assert window.reader.prediction_label.text() == shown
    np.testing.assert_array_equal(window.reader.probabilities, probabilities)
    np.testing.assert_array_equal(pad(window), drawn)
    assert QApplication.activeModalWidget() is None  # a message strip, never a dialog

    # and the window goes on working: the pad still reads a drawing, a good picture still opens
    window.reader.clear_button.click()
    draw_a_one(window)
    assert window.reader.prediction() == 1
    assert window.open_image(tmp_path / "before.png") and window.reader.prediction() == label
    assert qt_problems(qtlog) == []


def test_a_blank_picture_is_a_warning_and_leaves_the_pad_alone(window, tmp_path):
    draw_a_one(window)
    blank = tmp_path / "blank.png"
    Image.new("L", (200, 100), 128).save(blank)
    assert window.open_image(blank) is False
    assert window.message_bar.level() == "warning" and "blank.png" in window.message_bar.text()
    assert window.reader.prediction() == 1


HUGE_IN_A_FRESH_APP = """
import resource, sys
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
small, huge, settings = sys.argv[1:4]
QSettings.setDefaultFormat(QSettings.IniFormat)
QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, settings)
app = QApplication([])
QCoreApplication.setOrganizationName("MNIST Studio tests")
QCoreApplication.setApplicationName("MNIST Studio tests")
from mnist_studio.desktop import MainWindow
w = MainWindow(data_dir=settings)  # no MNIST there: nothing big is loaded
w.show()
assert w.open_image(small), w.message_bar.text()  # Pillow, the PNG decoder and the pad warmed up
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
assert not w.open_image(huge)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("message", w.message_bar.text())
print("peak_kb", before, after)
w.shutdown(5000)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="uses the resource module")
def test_a_huge_picture_costs_almost_no_memory(tmp_path):
    """Peak memory of a fresh app process before and after opening a 20000x20000 PNG (400 MB if decoded)."""
    small = Image.new("L", (140, 140), 255)
    small.paste(0, (60, 20, 80, 120))
    small.save(tmp_path / "small.png")
    huge = huge_png(tmp_path / "huge.png")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(HUGE_IN_A_FRESH_APP),
            str(tmp_path / "small.png"),
            str(huge),
            str(tmp_path / "qt"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert "huge.png" in lines["message"] and "shrink it first" in lines["message"]
    before_kb, after_kb = map(int, lines["peak_kb"].split())
    assert (after_kb - before_kb) / 1024 < 100
