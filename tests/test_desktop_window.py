"""The window as a student uses it: Start draws the loss, Pause holds it, Stop ends it, a short run fills
the progress bar, the learning rate changes live, closing mid-training is clean, missing data brings the
download offer, a bad model file gives a message."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QProgressBar, QPushButton, QSpinBox, QWidget  # noqa: E402

pytestmark = pytest.mark.gui

NAMES = {
    "startButton": QPushButton,
    "pauseButton": QPushButton,
    "stopButton": QPushButton,
    "resetButton": QPushButton,
    "itersSpin": QSpinBox,
    "lrSpin": QDoubleSpinBox,
    "hiddenSpin": QSpinBox,
    "batchSpin": QSpinBox,
    "methodCombo": QComboBox,
    "progressBar": QProgressBar,
    "lossPlot": pg.PlotWidget,
    "sampleGrid": QWidget,
    "drawCanvas": QWidget,
    "clearCanvasButton": QPushButton,
    "predictionLabel": QLabel,
    "probabilityChart": pg.PlotWidget,
}


def child(window, name):
    w = window.findChild(NAMES.get(name, QWidget), name)
    assert w is not None, f"no widget named {name}"
    return w


def start(window, qtbot, iters):
    child(window, "itersSpin").setValue(iters)
    QTest.mouseClick(child(window, "startButton"), Qt.LeftButton)
    assert window.runs.any_running, window.message_bar.text()


def points(window) -> int:
    return window.plots.point_count()


def test_every_named_widget_is_there_with_the_lessons_defaults(window):
    for name in NAMES:
        child(window, name)
    assert child(window, "hiddenSpin").value() == 50
    assert child(window, "lrSpin").value() == pytest.approx(0.1)
    assert child(window, "batchSpin").value() == 100
    assert child(window, "itersSpin").value() == 10000
    assert child(window, "methodCombo").currentData() == "backprop"
    cfg = window.controls.config()
    assert (cfg.activation, cfg.init, cfg.weight_init_std, cfg.optimizer) == (
        "sigmoid",
        "std",
        pytest.approx(0.01),
        "sgd",
    )
    # every control explains itself
    for name in (
        "startButton",
        "pauseButton",
        "stopButton",
        "resetButton",
        "itersSpin",
        "lrSpin",
        "hiddenSpin",
        "batchSpin",
        "methodCombo",
        "lossPlot",
        "drawCanvas",
        "clearCanvasButton",
        "probabilityChart",
    ):
        assert len(child(window, name).toolTip()) > 20, f"{name} has no useful tooltip"
    # ranges exclude nonsense
    assert child(window, "hiddenSpin").minimum() >= 1 and child(window, "batchSpin").minimum() >= 1
    assert child(window, "itersSpin").minimum() >= 1 and child(window, "lrSpin").minimum() > 0
    # the numerical method comes with its note
    child(window, "methodCombo").setCurrentIndex(child(window, "methodCombo").findData("numerical"))
    from mnist_studio.desktop.controls import METHOD_NOTES

    assert window.controls.method_note.text() == METHOD_NOTES["numerical"]


def test_the_training_view_is_a_tab_and_training_does_not_repaint_the_sample_digits(window, qtbot):
    """The views sit in tabs, Training first; while a run trains, the sample
    grid is repainted only when its guesses change (at most about once a second), not with every batch of
    losses: a repaint of the page runs Python on the window's thread, which the training thread waits for."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QTabWidget

    tabs = window.findChild(QTabWidget, "viewTabs")
    page = window.findChild(QWidget, "trainingTab")
    # Training first; Inside the network, Compare beside it
    assert tabs is not None and tabs.widget(0) is page
    assert tabs.tabBar().isVisible() == (tabs.count() > 1)  # other views (Compare, ...) add tabs
    assert page.isAncestorOf(window.plots) and page.isAncestorOf(window.reader)

    paints = []

    class Count(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint:
                paints.append(obj)
            return False

    counter = Count()
    window.sample_grid.installEventFilter(counter)
    start(window, qtbot, 1_000_000)
    try:
        qtbot.waitUntil(lambda: window.current_run().batches >= 30, timeout=30000)
    finally:
        window.stop_training()
        qtbot.waitUntil(lambda: not window.runs.any_running, timeout=5000)
    window.sample_grid.removeEventFilter(counter)
    assert len(paints) <= window.current_run().batches / 3, (len(paints), window.current_run().batches)


def test_start_adds_points_pause_holds_them_stop_ends(window, qtbot):
    start(window, qtbot, 1_000_000)
    qtbot.waitUntil(lambda: points(window) > 0, timeout=10000)
    qtbot.waitUntil(lambda: points(window) > 50, timeout=10000)

    QTest.mouseClick(child(window, "pauseButton"), Qt.LeftButton)
    assert child(window, "pauseButton").isChecked() and window.current_run().paused
    qtbot.wait(400)  # the last step and the last redraw land
    held = (points(window), window.current_run().history.count, child(window, "progressBar").value())
    qtbot.wait(700)
    assert (points(window), window.current_run().history.count, child(window, "progressBar").value()) == held
    assert held[0] == held[1]  # everything received is on the plot

    QTest.mouseClick(child(window, "pauseButton"), Qt.LeftButton)
    assert not child(window, "pauseButton").isChecked() and not window.current_run().paused
    qtbot.waitUntil(lambda: points(window) > held[0], timeout=10000)

    QTest.mouseClick(child(window, "stopButton"), Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=5000)
    assert window.current_run().result is not None and window.current_run().result.status == "stopped"
    assert child(window, "startButton").isEnabled() and not child(window, "stopButton").isEnabled()
    # the plot holds exactly the iterations the run did, losses in a sensible range
    history = window.current_run().history
    losses, smooth = history.losses, history.smoothed
    assert len(losses) == window.current_run().result.iterations == points(window)
    np.testing.assert_array_equal(losses, window.current_run().result.losses)
    assert 0 < losses.min() and losses[:20].mean() == pytest.approx(2.3, abs=0.15)  # ln(10): guessing
    assert smooth[-1] < smooth[0]


def test_short_run_fills_the_progress_bar_and_the_accuracy(window, qtbot):
    start(window, qtbot, 700)
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=30000)
    bar = child(window, "progressBar")
    assert bar.maximum() == 700 and bar.value() == bar.maximum()
    assert points(window) == 700
    result = window.current_run().result
    assert result.status == "completed" and result.iterations == 700
    epochs = window.current_run().history.epochs
    assert [e.iteration for e in epochs] == [600, 700]  # after epoch 1 and at the end
    assert 0.70 < epochs[-1].test < 1  # the lesson's network is at ~85% test accuracy after 700 steps
    assert epochs[-1].test == result.test_accuracy
    # the pad now reads with the trained network, whose newest weights are the final ones
    assert window.source.active_kind() == "training"
    final = window.source.active().params
    for k in ("W1", "b1", "W2", "b2"):
        np.testing.assert_array_equal(final[k], result.params[k])
    # a second run keeps the first faintly for comparison
    first = window.current_run().run_id
    start(window, qtbot, 300)
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=30000)
    faint = window.plots.curve_set(first)
    assert faint is not None and faint.faint and faint.shown_points() == 700 and points(window) == 300
    assert window.plots.run_ids() == [first, window.current_run().run_id]


def test_learning_rate_applies_live_other_settings_wait(window, qtbot):
    start(window, qtbot, 1_000_000)
    qtbot.waitUntil(lambda: window.current_run().last_batch is not None, timeout=10000)
    assert window.current_run().last_batch.lr == pytest.approx(0.1)
    child(window, "lrSpin").setValue(0.05)
    qtbot.waitUntil(lambda: window.current_run().last_batch.lr == pytest.approx(0.05), timeout=5000)
    assert not window.run_controls.pending_label.isVisibleTo(window)
    child(window, "hiddenSpin").setValue(80)
    assert window.run_controls.pending_label.isVisibleTo(window)
    assert window.current_run().config.hidden_size == 50  # the running job is unchanged
    window.stop_training()
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=5000)
    assert not window.run_controls.pending_label.isVisibleTo(window)


def test_two_runs_train_at_once_each_with_its_own_history(window, qtbot):
    """Two runs started through the window's RunSet train side by side, each in its own thread; every batch
    arrives under its run's id, and each history holds exactly the losses its own trainer computed (the same
    as that configuration trained headless)."""
    from mnist_studio.core.trainer import TrainConfig, Trainer

    configs = [TrainConfig(iters=300, seed=1), TrainConfig(iters=400, seed=2, hidden_size=30, lr=0.3)]
    arrived = {}
    window.runs.batch.connect(lambda run_id, b: arrived.setdefault(run_id, []).append(b))
    runs = []
    try:
        runs = [window.runs.start(cfg, window.data) for cfg in configs]
        assert all(r.running for r in runs) and runs[0].thread is not runs[1].thread  # both at once
        qtbot.waitUntil(lambda: not window.runs.any_running, timeout=60000)
    finally:
        for r in runs:
            r.shutdown(5000)
    ids = [r.run_id for r in runs]
    assert len(set(ids)) == 2 and sorted(arrived) == sorted(ids)
    for run, cfg in zip(runs, configs):
        assert all(b.run_id == run.run_id for b in arrived[run.run_id])
        h = run.history
        assert h.run_id == run.run_id and h.count == cfg.iters == run.result.iterations
        np.testing.assert_array_equal(np.concatenate([b.losses for b in arrived[run.run_id]]), h.losses)
        alone = Trainer(cfg, window.data).run()  # the same job with nothing else running
        # Equal up to float32 rounding: the BLAS thread limit a trainer sets is process-wide, so the run that
        # ends first hands the other back the library's default, which sums in another order.
        np.testing.assert_allclose(h.losses, alone.losses, rtol=1e-5)
        assert [e.test for e in h.epochs] == pytest.approx([e.test_accuracy for e in alone.epochs], abs=1e-9)
    assert not np.array_equal(runs[0].history.losses[:300], runs[1].history.losses[:300])
    # no panel shows them: the window's own curves and pad are untouched
    assert window.plots.run_ids() == [] and window.trained_model() is None


def test_reset_forgets_the_run(window, qtbot):
    start(window, qtbot, 200)
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=30000)
    assert window.trained_model() is not None and points(window) == 200
    QTest.mouseClick(child(window, "resetButton"), Qt.LeftButton)
    assert points(window) == 0 and window.trained_model() is None
    assert child(window, "progressBar").value() == 0


def test_divergence_is_a_message_not_a_crash(window, qtbot):
    child(window, "lrSpin").setValue(10.0)
    window.controls.optimizer_combo.setCurrentIndex(window.controls.optimizer_combo.findData("adam"))
    window.controls.activation_combo.setCurrentIndex(window.controls.activation_combo.findData("relu"))
    window.controls.init_combo.setCurrentIndex(window.controls.init_combo.findData("he"))
    start(window, qtbot, 3000)
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=30000)
    if window.current_run().result.status != "diverged":
        pytest.skip("this combination did not diverge with this trainer")
    assert window.message_bar.level() == "error"
    # the rate that blew up (10) and a ten times smaller one to try, as numbers in the message
    assert re.search(r"\b10\b", window.message_bar.text()) and re.search(r"\b1\b", window.message_bar.text())
    assert window.trained_model() is None  # NaN weights never read the pad
    assert child(window, "startButton").isEnabled()


def test_closing_mid_training_stops_and_joins_the_thread(window, qtbot, qtlog):
    start(window, qtbot, 1_000_000)
    qtbot.waitUntil(lambda: points(window) > 0, timeout=10000)
    thread = window.current_run().thread
    assert thread.isRunning()
    window.close()
    assert not window.runs.any_running
    assert thread.isFinished()
    assert not any("QThread" in rec.message for rec in qtlog.records)


CLOSE_SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from mnist_studio.desktop.app import make_app
    from mnist_studio.desktop import MainWindow
    app = make_app()
    w = MainWindow()
    w.show()
    def go():
        if w.data is None:
            QTimer.singleShot(50, go); return
        w.controls.iters_spin.setValue(1000000)
        assert w.start_training()
        QTimer.singleShot(1500, w.close)   # close mid-training, like a user would
    QTimer.singleShot(0, go)
    app.exec()
    print("running after close:", w.runs.any_running, flush=True)
    """
)


def test_closing_mid_training_exits_cleanly_in_a_real_process(tmp_path, mnist_dir):
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config")
    )
    proc = subprocess.run(
        [sys.executable, "-c", CLOSE_SCRIPT], capture_output=True, text=True, timeout=120, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert "running after close: False" in proc.stdout
    assert "QThread: Destroyed while thread is still running" not in proc.stderr
    assert "Traceback" not in proc.stderr


def test_no_data_shows_the_download_offer_and_the_pad_still_works(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_STUDIO_DATA", str(tmp_path / "empty"))
    (tmp_path / "empty").mkdir()
    from mnist_studio.desktop import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    banner = w.findChild(QWidget, "dataBanner")
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=10000)
    download = w.findChild(QPushButton, "downloadButton")
    assert download.isVisible() and "11" in download.text()  # the size of the download
    assert w.findChild(QPushButton, "chooseFolderButton").isVisible()
    assert str(tmp_path / "empty") in w.data_banner.label.text()
    assert not child(w, "startButton").isEnabled()
    assert "MNIST" in child(w, "startButton").toolTip()
    # the pad still reads (with the default model, when there is one)
    w.canvas.draw_stroke([(150, 40), (150, 240)])
    w.reader.predict_now()
    if w.source.active() is not None:
        assert child(w, "predictionLabel").text() != ""


def test_download_from_a_mirror_then_train(qtbot, tmp_path, monkeypatch, mnist_dir):
    """The Download button fetches the files (here from a local mirror) with a progress dialog, then
    training can start."""
    from mirror_server import MirrorServer

    folder = tmp_path / "fresh"
    monkeypatch.setenv("MNIST_STUDIO_DATA", str(folder))
    from mnist_studio.desktop import MainWindow

    with MirrorServer(mnist_dir) as mirror:
        w = MainWindow()
        qtbot.addWidget(w)
        w.show()
        qtbot.waitUntil(lambda: w.data_banner.isVisible(), timeout=10000)
        w.download_mirrors = [mirror.url]
        QTest.mouseClick(w.findChild(QPushButton, "downloadButton"), Qt.LeftButton)
        assert w.findChild(QWidget, "downloadDialog") is not None
        qtbot.waitUntil(lambda: w.data is not None, timeout=60000)
    assert not w.data_banner.isVisible()
    assert w.findChild(QWidget, "downloadDialog") is None
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == sorted(
        [
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz",
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
        ]
    )
    assert child(w, "startButton").isEnabled()
    w.shutdown()


def test_download_cancel_leaves_the_offer(qtbot, tmp_path, monkeypatch, mnist_dir):
    from mirror_server import MirrorServer

    monkeypatch.setenv("MNIST_STUDIO_DATA", str(tmp_path / "fresh"))
    from mnist_studio.desktop import MainWindow

    with MirrorServer(mnist_dir, mode="stall", stall_seconds=20) as mirror:
        w = MainWindow()
        qtbot.addWidget(w)
        w.show()
        qtbot.waitUntil(lambda: w.data_banner.isVisible(), timeout=10000)
        w.download_mirrors = [mirror.url]
        w.start_download()
        dialog = w.findChild(QWidget, "downloadDialog")
        qtbot.wait(300)
        (cancel,) = dialog.findChildren(QPushButton)  # the progress dialog's one button
        QTest.mouseClick(cancel, Qt.LeftButton)
        qtbot.waitUntil(lambda: not w.data_service.downloading, timeout=10000)
        qtbot.waitUntil(lambda: w.findChild(QWidget, "downloadDialog") is None, timeout=5000)
    assert w.data is None and w.data_banner.isVisible()
    assert w.findChild(QPushButton, "downloadButton").isEnabled()
    assert w.message_bar.level() != "error" or not w.message_bar.text()


def test_bad_model_file_gives_a_message_and_the_app_goes_on(window, qtbot, tmp_path):
    bad = tmp_path / "not-a-model.npz"
    bad.write_bytes(b"this is not a zip file at all" * 10)
    before = window.source.active_kind()
    assert window.open_model(bad) is False
    assert window.message_bar.level() == "error"
    assert "not-a-model.npz" in window.message_bar.text()
    assert window.source.active_kind() == before  # nothing changed
    # still works: a short run completes
    start(window, qtbot, 100)
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=30000)
    assert window.current_run().result.status == "completed"


def test_save_open_and_export(window, qtbot, tmp_path):
    from mnist_studio.core.modelfile import load_model

    start(window, qtbot, 650)
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=30000)
    path = tmp_path / "my-net.npz"
    assert window.save_model(path)
    params, meta = load_model(path)
    assert meta["activation"] == "sigmoid" and params["W1"].shape == (784, 50)
    assert meta["test_accuracy"] == pytest.approx(window.current_run().result.test_accuracy)
    np.testing.assert_array_equal(params["W2"], window.current_run().result.params["W2"])
    assert [p.name for p in tmp_path.iterdir()] == ["my-net.npz"]  # no temp files left behind

    assert window.open_model(path)
    assert window.source.active_kind() == "opened"
    assert "my-net.npz" in window.reader.model_label.text()

    csv_path = tmp_path / "loss.csv"
    assert window.export_csv(csv_path)
    rows = list(csv.reader(csv_path.open()))
    assert rows[0] == ["iteration", "loss", "smoothed_loss", "test_accuracy", "train_accuracy"]
    assert len(rows) == 651 and rows[1][0] == "1" and rows[-1][0] == "650"
    losses = window.current_run().history.losses
    assert float(rows[1][1]) == pytest.approx(losses[0], rel=1e-5)
    assert rows[600][3] != "" and rows[599][3] == ""  # accuracy at the end of epoch 1 (iteration 600)


def test_settings_persist_between_runs(qtbot, mnist_dir):
    from mnist_studio.desktop import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    child(w, "lrSpin").setValue(0.25)
    child(w, "hiddenSpin").setValue(64)
    w.plots.log_check.setChecked(True)
    w.show()
    w.close()
    from PySide6.QtCore import QSettings

    saved = QSettings()
    assert len(saved.value("window/geometry")) > 0 and len(saved.value("window/state")) > 0  # the layout too
    w2 = MainWindow()
    qtbot.addWidget(w2)
    assert child(w2, "lrSpin").value() == pytest.approx(0.25)
    assert child(w2, "hiddenSpin").value() == 64
    assert w2.plots.log_check.isChecked()


def test_presets(window):
    combo = window.findChild(QComboBox, "presetCombo")
    fast = combo.findData("fast")
    combo.setCurrentIndex(fast)
    combo.activated.emit(fast)
    cfg = window.controls.config()
    assert (cfg.hidden_size, cfg.activation, cfg.optimizer, cfg.sampling) == (256, "relu", "adam", "shuffle")
    child(window, "hiddenSpin").setValue(300)
    assert combo.currentData() == "custom"
    seed = combo.findData("seed")
    combo.setCurrentIndex(seed)
    combo.activated.emit(seed)
    from mnist_studio.core.trainer import TrainConfig

    assert window.controls.config() == TrainConfig()


def test_sample_grid_shows_guesses_and_mistakes(window, qtbot):
    grid = child(window, "sampleGrid")
    qtbot.waitUntil(lambda: grid.predictions() is not None or window.source.active() is None, timeout=5000)
    if window.source.active() is None:
        pytest.skip("no model to guess with")
    assert len(grid.indices()) >= 24
    before = grid.indices()
    QTest.mouseClick(window.new_samples_button, Qt.LeftButton)
    assert not np.array_equal(before, grid.indices())
    window.mistakes_check.setChecked(True)
    qtbot.waitUntil(lambda: grid.predictions() is not None and len(grid.indices()) > 0, timeout=5000)
    assert (grid.predictions() != grid.labels()).all()
    assert str(len(grid.indices())) in window.sample_summary.text()


def test_self_test_command(tmp_path):
    from mnist_studio.core.modelfile import default_model_path

    if not default_model_path().is_file():
        pytest.skip("no default model yet")
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from mnist_studio.desktop.launcher import main; sys.exit(main(['--self-test']))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1].startswith("self-test ok (")
    # the self-test leaves the user's settings alone
    assert not list(Path(tmp_path / "config").glob("**/*.conf"))
