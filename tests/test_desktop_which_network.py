"""Which network reads the test digits: the grid under the curves says whose guesses it shows (the
default model before Start, the network being trained after, the one chosen under the pad), and the pad
and the grid always read with the same network."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel


def grid_guesses_are_those_of(window, model) -> bool:
    """The digits the grid shows are `model`'s own argmax on those test images (computed here)."""
    grid = window.sample_grid
    if grid._pred is None or not len(grid._indices):
        return False
    own = model.probabilities(window.data.x_test[grid._indices]).argmax(axis=1)
    return np.array_equal(own, grid._pred)


def pad_reads_with(window, model) -> bool:
    """A test digit put on the pad gets `model`'s probabilities."""
    reader = window.reader
    if reader.probabilities is None:
        return False
    return np.allclose(reader.probabilities, model.probabilities(reader.mnist_image.reshape(1, 784))[0])


def test_the_grid_names_its_network_and_the_pad_uses_the_same(window, qtbot):
    label = window.findChild(QLabel, "gridModelLabel")
    assert label is not None, "nothing says which network reads the test digits"
    default = window.source.get("default")
    qtbot.waitUntil(lambda: grid_guesses_are_those_of(window, default), timeout=5000)
    assert "default model" in label.text().lower()

    # a test digit on the pad, as a picture: dark ink on white, pad-sized
    digit = (255 - window.data.x_test[0].reshape(28, 28)).astype(np.uint8)
    window.reader.show_picture(np.kron(digit, np.ones((10, 10), dtype=np.uint8)))
    assert pad_reads_with(window, default)

    window.findChild(type(window.controls.iters_spin), "itersSpin").setValue(300)
    QTest.mouseClick(window.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.source.active_kind() == "training", timeout=20000)
    qtbot.waitUntil(lambda: "being trained" in label.text(), timeout=5000)
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=60000)
    trained = window.source.active()
    qtbot.waitUntil(lambda: grid_guesses_are_those_of(window, trained), timeout=5000)
    window.reader.predict_now()
    assert pad_reads_with(window, trained)

    # choosing the default model under the pad switches the grid too, and the label says so
    combo = window.reader.model_combo
    combo.setCurrentIndex(combo.findData("default"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: "default model" in label.text().lower(), timeout=5000)
    assert grid_guesses_are_those_of(window, default)
    window.reader.predict_now()
    assert pad_reads_with(window, default)
