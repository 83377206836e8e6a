"""The Compare page as a teacher uses it, driven by object names: choose an experiment, Start, watch one row
and one curve per run fill in, Stop; save a run, hand it to the pad, export every history."""

from __future__ import annotations

import csv

import numpy as np
import pytest

pytest.importorskip("pytestqt")

import pyqtgraph as pg  # noqa: E402
from PySide6.QtWidgets import QComboBox, QPushButton, QTableWidget, QTabWidget, QWidget  # noqa: E402

pytestmark = pytest.mark.gui


def named(window, cls, name):
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def open_compare(window):
    tabs = named(window, QTabWidget, "viewTabs")
    page = named(window, QWidget, "compareTab")
    tabs.setCurrentWidget(page)
    return page


def choose(window, key):
    combo = named(window, QComboBox, "experimentCombo")
    combo.setCurrentIndex(combo.findData(key))
    return combo


def test_optimizers_start_six_rows_and_six_curves_grow_then_stop(window, qtbot):
    page = open_compare(window)
    choose(window, "optimizers")
    table = named(window, QTableWidget, "compareTable")
    plot = named(window, pg.PlotWidget, "comparePlot")
    assert table.rowCount() == 6
    names = [table.item(r, 1).text() for r in range(6)]
    assert names == ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"]
    assert "adam" in table.item(5, 2).text() and "0.001" in table.item(5, 2).text()

    named(window, QPushButton, "compareStartButton").click()
    assert page.running
    qtbot.waitUntil(lambda: all(page.table.iterations(r) >= 50 for r in range(6)), timeout=60000)
    # the curves redraw at most twice a second: wait for one draw with every run on it
    qtbot.waitUntil(lambda: all(n > 0 for n in page.plots.curve_points().values()), timeout=30000)
    first = page.plots.curve_points()
    assert len(first) == 6
    assert len([i for i in plot.getPlotItem().listDataItems() if i.xData is not None and len(i.xData)]) >= 6
    qtbot.waitUntil(
        lambda: all(n > first[rid] for rid, n in page.plots.curve_points().items()), timeout=60000
    )
    # lock-step: every run has done (nearly) the same iterations
    counts = [page.table.iterations(r) for r in range(6)]
    assert max(counts) - min(counts) <= max(counts) // 2 + 20

    named(window, QPushButton, "compareStopButton").click()
    qtbot.waitUntil(lambda: not page.running, timeout=30000)
    statuses = {table.item(r, 9).text() for r in range(6)}
    assert statuses == {"stopped"}
    assert sum("\u2605" in table.item(r, 1).text() for r in range(6)) == 1  # exactly one best run


def test_clicking_a_row_highlights_its_lines(window, qtbot):
    page = open_compare(window)
    choose(window, "hidden-units")
    page.iters_spin.setValue(60)
    named(window, QPushButton, "compareStartButton").click()
    qtbot.waitUntil(lambda: not page.running, timeout=60000)
    page.table.selectRow(2)
    assert page.plots.highlighted == page.entries[2].run_id
    widths = {rid: lines.loss.opts["pen"].widthF() for rid, lines in page.plots._lines.items()}
    assert widths[page.entries[2].run_id] > max(
        w for rid, w in widths.items() if rid != page.entries[2].run_id
    )


def test_a_finished_run_can_be_saved_used_on_the_pad_and_exported(window, qtbot, tmp_path):
    from mnist_studio.core.modelfile import load_model

    page = open_compare(window)
    choose(window, "learning-rates")
    page.iters_spin.setValue(250)
    named(window, QPushButton, "compareStartButton").click()
    qtbot.waitUntil(lambda: not page.running, timeout=60000)
    table = page.table
    statuses = [table.item(r, 9).text() for r in range(5)]
    assert statuses == ["finished"] * 4 + ["diverged"]  # lr 10 diverges, the others go on to the end
    assert [table.iterations(r) for r in range(4)] == [250] * 4

    assert page.save_model(3, tmp_path / "lr1.npz")
    params, meta = load_model(tmp_path / "lr1.npz")
    np.testing.assert_array_equal(params["W2"], page.entries[3].params["W2"])
    assert meta["training"]["lr"] == 1.0

    assert page.use_on_pad(3)
    assert window.source.active().run_id == page.entries[3].run_id

    assert page.export_csv(tmp_path / "all.csv")
    with open(tmp_path / "all.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["run", "iteration", "seconds", "loss"]
    by_run = {}
    for r in rows[1:]:
        by_run.setdefault(r[0], []).append(r)
    assert len(by_run["lr 0.1"]) == 250
    assert float(by_run["lr 0.1"][-1][2]) >= float(by_run["lr 0.1"][0][2])  # seconds grow


def test_custom_runs_from_the_training_settings(window, qtbot):
    page = open_compare(window)
    assert page.add_current_settings()
    hidden = window.findChild(QWidget, "hiddenSpin")
    hidden.setValue(20)
    assert page.add_current_settings()
    assert page.experiment_key() == "custom" and page.table.rowCount() == 2
    assert "hidden units 20" in page.table.item(1, 2).text()
    page.table.selectRow(0)
    page.remove_selected()
    assert page.table.rowCount() == 1
