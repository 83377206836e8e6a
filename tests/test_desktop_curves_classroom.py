"""The curves as a class watches them: each live learning-rate change is marked on the loss curve with
the new rate, a numerical-gradient run fills the x axis as far as it really gets, and the method's note
gives the speed measured, not a constant."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def lr_marks(window) -> list[pg.InfiniteLine]:
    items = window.plots.loss_plot.getPlotItem().items
    return sorted((i for i in items if isinstance(i, pg.InfiniteLine)), key=lambda m: m.value())


def test_each_live_learning_rate_change_is_marked_with_the_new_rate(window, qtbot):
    window.controls.iters_spin.setValue(1_000_000)
    QTest.mouseClick(window.start_button, Qt.LeftButton)
    run = window.current_run()
    for rate in (0.05, 0.02):
        qtbot.waitUntil(lambda: run.last_batch is not None and run.history.count > 50, timeout=10000)
        window.controls.lr_spin.setValue(rate)
        qtbot.waitUntil(lambda r=rate: run.last_batch.lr == pytest.approx(r), timeout=5000)
        seen = run.history.count
        qtbot.waitUntil(lambda s=seen: run.history.count > s + 50, timeout=10000)
    window.stop_training()
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=5000)
    window.plots.refresh(final=True)

    marks = lr_marks(window)
    assert [m.label.textItem.toPlainText() for m in marks] == ["lr 0.05", "lr 0.02"]
    h = run.history
    for mark, (old, new) in zip(marks, [(0.1, 0.05), (0.05, 0.02)]):
        at = int(mark.value())
        # the line stands at the first iteration trained with the new rate
        assert h.lr_at(at) == pytest.approx(new) and h.lr_at(at - 1) == pytest.approx(old)

    window.reset_training()
    assert lr_marks(window) == []


def test_a_numerical_run_fills_its_axis_and_the_note_gives_its_measured_speed(window, qtbot):
    c = window.controls
    c.method_combo.setCurrentIndex(c.method_combo.findData("numerical"))
    c.hidden_spin.setValue(10)
    c.batch_spin.setValue(20)
    c.iters_spin.setValue(10_000)
    assert "iterations a second" not in c.method_note.text()  # nothing measured yet: no made-up figure
    QTest.mouseClick(window.start_button, Qt.LeftButton)
    run = window.current_run()
    qtbot.waitUntil(lambda: run.history.rate.rate is not None and run.history.count >= 30, timeout=60000)
    qtbot.waitUntil(lambda: "iterations a second" in c.method_note.text(), timeout=5000)
    window.stop_training()
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=30000)
    window.plots.refresh(final=True)

    done = run.history.count
    extent = window.plots.x_extent()
    # the axis spans what was trained, not the 10,000 planned: the curve fills most of the plot
    assert done <= extent <= 2.6 * max(done, 10)
    # the note's figure is the rate measured for this run (two significant figures)
    from mnist_studio.desktop.controls import speed_text

    measured = c.numerical_speed
    assert measured[0] == 10 and f"{speed_text(measured[1])} iterations a second" in c.method_note.text()
    assert measured[1] == pytest.approx(run.history.rate.rate, rel=0.5)
    # with more hidden units the note scales the figure by the number of weights (each is nudged in turn)
    c.hidden_spin.setValue(20)
    expected = measured[1] * (784 * 10 + 10 + 100 + 10) / (784 * 20 + 20 + 200 + 10)
    assert f"about {speed_text(expected)} iterations a second with 20 hidden units" in c.method_note.text()


def test_the_iteration_note_says_how_shuffled_epochs_pick_digits(window):
    c = window.controls
    c.sampling_combo.setCurrentIndex(c.sampling_combo.findData("shuffle"))
    note = window.training_panel.lesson_hint.text()
    assert "random training digits" not in note and "shuffled order" in note
    c.sampling_combo.setCurrentIndex(c.sampling_combo.findData("replacement"))
    assert "100 random training digits" in window.training_panel.lesson_hint.text()
