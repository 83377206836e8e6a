"""The Inside page in the real window (offscreen): Step runs one iteration of a real run and shows its own
numbers, the gradient check runs on that batch, the page follows the pad's network, the pad's drawing and a
clicked test digit, the confusion matrix is the test set's for the opened model and after training, and
File > Export saves the panel shown. References are the lesson's formulas in float64, not the app's code."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QPushButton, QWidget  # noqa: E402

from mnist_studio.core.functions import softmax  # noqa: E402
from mnist_studio.core.network import TwoLayerNet  # noqa: E402
from mnist_studio.core.trainer import TrainConfig  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, mnist_dir):
    from mnist_studio.desktop import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1380, 880)
    w.show()
    qtbot.waitUntil(lambda: w.data is not None, timeout=20000)
    yield w
    w.shutdown()


def float64_net(params, activation):
    as_float64 = {k: np.asarray(v, dtype=np.float64) for k, v in params.items()}
    return TwoLayerNet.from_params(as_float64, activation)


def confusion_by_hand(params, activation, x_u8, t):
    """The 10x10 counts (rows true, columns read) of the lesson's forward pass in float64."""
    read = float64_net(params, activation).predict(x_u8 / 255.0).argmax(axis=1)
    return np.bincount(t.astype(np.int64) * 10 + read, minlength=100).reshape(10, 10)


def show_inside(window, qtbot, panel):
    window.tabs.setCurrentIndex(window.inside.page_index)
    window.inside_page.tabs.setCurrentWidget(panel)
    qtbot.waitExposed(window.inside_page)


def test_the_inside_tab_sits_beside_training_and_shows_the_pads_network(window, qtbot):
    page = window.findChild(QWidget, "insideTab")
    assert page is window.inside_page and window.tabs.widget(0).objectName() == "trainingTab"
    tab = window.tabs.widget(window.inside.page_index)  # the page, in a scroll area for small screens
    assert tab.isAncestorOf(page) and window.tabs.tabText(window.inside.page_index) == "Inside the network"
    for name in ("weightsView", "activationView", "confusionMatrix", "stepButton", "gradientCheckButton"):
        assert page.findChild(QWidget, name) is not None, name
    # idle: the page shows the network the pad reads with, the shipped model
    model = window.source.active()
    assert model.kind == "default"
    show_inside(window, qtbot, page.weights)
    qtbot.waitUntil(lambda: page.weights.units() == model.params["W1"].shape[1], timeout=5000)
    for j in (0, 17, model.params["W1"].shape[1] - 1):
        assert np.array_equal(page.weights.unit_tile(j), model.params["W1"][:, j].reshape(28, 28))


def test_step_when_idle_starts_a_paused_run_and_moves_the_weights_by_minus_lr_times_the_gradient_shown(
    window, qtbot
):
    page, data = window.inside_page, window.data
    assert window.controls.config().optimizer == "sgd" and window.controls.config().lr == pytest.approx(0.1)
    show_inside(window, qtbot, page.weights)
    assert not window.runs.any_running
    QTest.mouseClick(page.findChild(QPushButton, "stepButton"), Qt.LeftButton)
    qtbot.waitUntil(lambda: page.step_view.stats() is not None, timeout=20000)
    run = window.current_run()
    assert window.training.state() == "paused" and run.history.count == 1
    assert window.pause_button.isChecked() and window.pause_button.text() == "Resume"
    assert page.tabs.currentWidget() is page.step_view  # the first step shows its batch
    qtbot.waitUntil(lambda: run.snapshot is not None and run.snapshot.iteration == 1, timeout=5000)
    before = {k: v.copy() for k, v in run.snapshot.params.items()}

    # the second step from the Training tab's button, next to Pause
    window.tabs.setCurrentIndex(0)
    button = window.findChild(QPushButton, "trainingStepButton")
    assert button.isEnabled()
    first = page.step_view.stats()
    QTest.mouseClick(button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.step_view.stats() is not first, timeout=20000)
    qtbot.waitUntil(lambda: run.snapshot.iteration == 2, timeout=5000)
    after = run.snapshot.params
    assert run.history.count == 2 and window.training.state() == "paused"

    stats, shown = page.step_view.stats(), page.step_view.batch_indices()
    assert len(shown) == 100 and list(page.step_view.sheet.shown_indices()) == list(shown)
    x, t = data.x_train[shown] / 255.0, data.t_train[shown]
    reference = float64_net(before, "sigmoid")
    expected = reference.gradient(x, t)
    lr = np.float32(0.1)
    for row, name in enumerate(("W1", "b1", "W2", "b2")):
        # the gradient shown is the lesson's gradient of the weights before the step, on the batch shown ...
        np.testing.assert_allclose(stats.gradients[name], expected[name], rtol=0,
                                   atol=2e-4 * np.abs(expected[name]).max())
        # ... and the new weights are exactly the old ones minus lr x that gradient (float32, as trained)
        assert np.array_equal(after[name], before[name] - stats.gradients[name] * lr)
        shown_norm = float(page.step_view.table.item(row, 0).text())
        assert shown_norm == pytest.approx(np.linalg.norm(expected[name]), rel=1e-3)
    # the guesses before the step, the losses before (the curve's point) and after, on this batch
    assert np.array_equal(stats.guesses_before, reference.predict(x).argmax(axis=1))
    assert stats.loss_before == pytest.approx(reference.loss(x, t), rel=1e-5)
    assert run.history.losses[1] == pytest.approx(stats.loss_before, rel=1e-6)
    assert stats.loss_after == pytest.approx(float64_net(after, "sigmoid").loss(x, t), rel=1e-5)
    assert f"{stats.loss_before:.4f}" in page.step_view.losses.text()
    # the weight pictures show the weights after the step
    show_inside(window, qtbot, page.weights)
    qtbot.waitUntil(
        lambda: np.array_equal(page.weights.unit_tile(3), after["W1"][:, 3].reshape(28, 28)), timeout=5000
    )

    # the gradient check on that batch and these weights: on the diagonal, below 1e-6
    QTest.mouseClick(page.findChild(QPushButton, "gradientCheckButton"), Qt.LeftButton)
    qtbot.waitUntil(lambda: page.gradcheck_view.max_relative_differences() != {}, timeout=30000)
    diffs = page.gradcheck_view.max_relative_differences()
    assert set(diffs) == {"W1", "b1", "W2", "b2"} and max(diffs.values()) < 1e-6
    backprop, numerical = page.gradcheck_view.plotted("W2")
    by_hand = float64_net(after, "sigmoid").gradient(x, t)["W2"].ravel()
    np.testing.assert_allclose(backprop, by_hand, rtol=1e-9)
    np.testing.assert_allclose(numerical, backprop, rtol=1e-4, atol=1e-9)
    assert page.tabs.currentWidget() is page.gradcheck_view and "agree" in page.gradcheck_view.verdict.text()

    # Resume trains on from the steps; while it runs Step is off
    QTest.mouseClick(window.pause_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: run.history.count > 2, timeout=10000)
    assert not page.step_button.isEnabled() and not button.isEnabled()
    window.stop_training()
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=10000)
    assert page.step_button.isEnabled()


def test_step_on_a_run_paused_mid_training_runs_exactly_one_iteration(window, qtbot):
    window.controls.set_config(TrainConfig(iters=100_000))
    window.start_training()
    run = window.current_run()
    qtbot.waitUntil(lambda: run.history.count > 50, timeout=20000)
    QTest.mouseClick(window.pause_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: run.snapshot is not None and run.snapshot.iteration == run.history.count,
                    timeout=5000)  # a pause shows exactly the weights it stopped at
    done = run.history.count
    window.inside.step_action.trigger()  # Training > Step one iteration (F10)
    qtbot.waitUntil(lambda: window.inside_page.step_view.stats() is not None, timeout=10000)
    qtbot.wait(300)
    assert run.history.count == done + 1 and run.snapshot.iteration == done + 1
    assert window.current_run() is run and window.training.state() == "paused"


def test_the_pad_and_a_clicked_test_digit_go_through_the_pads_network(window, qtbot):
    from mnist_studio.desktop.app import _densify

    page = window.inside_page
    show_inside(window, qtbot, page.activations)
    window.tabs.setCurrentIndex(0)
    window.canvas.draw_stroke(_densify([(150, 50), (150, 230)]))  # a 1
    window.reader.predict_now()
    show_inside(window, qtbot, page.activations)
    qtbot.waitUntil(lambda: page.activations.reading() is not None, timeout=5000)
    assert np.allclose(page.activations.reading().probabilities, window.reader.probabilities, atol=1e-5)
    # a click on a sample digit follows that test digit through the network instead
    grid = window.sample_grid
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(grid._cells) > 0, timeout=5000)
    QTest.mouseClick(grid, Qt.LeftButton, pos=grid._cells[2].center().toPoint())
    index = int(grid.indices()[2])
    assert f"#{index}" in window.statusBar().currentMessage()
    model = window.source.active()
    p = {k: np.asarray(v, dtype=np.float64) for k, v in model.params.items()}
    hidden = np.maximum(0, data_row(window, index) @ p["W1"] + p["b1"])  # the shipped model is ReLU
    expected = softmax(hidden @ p["W2"] + p["b2"])
    show_inside(window, qtbot, page.activations)
    qtbot.waitUntil(lambda: np.allclose(page.activations.reading().probabilities, expected, atol=1e-6),
                    timeout=5000)
    # the reader reading the same drawing again (it does with every new model) does not replace it
    window.reader.predict_now()
    qtbot.wait(50)
    assert np.allclose(page.activations.reading().probabilities, expected, atol=1e-6)


def data_row(window, index):
    return window.data.x_test[index].astype(np.float64) / 255.0


def test_confusion_matrix_for_an_opened_model_and_after_training(window, qtbot, tmp_path):
    from mnist_studio.core.modelfile import load_default_model, save_model

    page, data = window.inside_page, window.data
    params, meta = load_default_model()
    # an opened model: a copy of the shipped one with digit 7's output bias lowered (fewer 7s read)
    changed = {k: v.copy() for k, v in params.items()}
    changed["b2"][7] -= 3.0
    save_model(tmp_path / "fewer-sevens.npz", changed, dict(meta))
    assert window.open_model(tmp_path / "fewer-sevens.npz")
    show_inside(window, qtbot, page.mistakes)
    expected = confusion_by_hand(changed, meta["activation"], data.x_test, data.t_test)
    qtbot.waitUntil(lambda: np.array_equal(page.confusion.counts(), expected), timeout=10000)
    shipped = confusion_by_hand(params, meta["activation"], data.x_test, data.t_test)
    assert not np.array_equal(expected, shipped)
    # clicking cell (7, 2) shows exactly the 7s this model reads as 2
    QTest.mouseClick(page.confusion, Qt.LeftButton, pos=page.confusion.cell_rect(7, 2).center().toPoint())
    read = float64_net(changed, meta["activation"]).predict(data.x_test / 255.0).argmax(axis=1)
    wanted = np.flatnonzero((data.t_test == 7) & (read == 2))
    assert len(wanted) and list(page.sheet.all_indices()) == list(wanted)
    # clicking the first of them follows that digit through the network
    QTest.mouseClick(page.sheet.canvas, Qt.LeftButton, pos=page.sheet.canvas.rect().topLeft() + QPoint(8, 8))
    assert page.tabs.currentWidget() is page.activations
    probabilities = float64_net(changed, meta["activation"]).predict(data.x_test[wanted[:1]] / 255.0)[0]
    qtbot.waitUntil(lambda: page.activations.reading() is not None, timeout=5000)
    assert np.allclose(page.activations.reading().probabilities, probabilities, atol=1e-6)
    show_inside(window, qtbot, page.mistakes)

    # a short run (one epoch of the lesson's job): the matrix follows its weights at the epoch's end
    window.controls.set_config(TrainConfig(iters=600))
    window.start_training()
    qtbot.waitUntil(lambda: not window.runs.any_running, timeout=120000)
    trained = window.trained_model()
    assert trained is not None and window.source.active() is trained
    expected = confusion_by_hand(trained.params, "sigmoid", data.x_test, data.t_test)
    qtbot.waitUntil(lambda: np.array_equal(page.confusion.counts(), expected), timeout=10000)
    assert np.trace(expected) / expected.sum() == pytest.approx(window.current_run().test_accuracy, abs=2e-4)


def test_file_export_saves_the_inside_panel_shown(window, qtbot, tmp_path):
    from PIL import Image

    page = window.inside_page
    assert window.inside.export_action in window.menuBar().actions()[0].menu().actions()
    assert window.inside.step_action.shortcut().toString() == "F10"
    show_inside(window, qtbot, page.weights)
    out = window.inside.export_picture(tmp_path / "units.png")
    with Image.open(out) as im:
        assert im.format == "PNG"
        assert im.size[0] >= page.weights.width() and im.size[1] >= page.weights.height()
        pixels = np.asarray(im.convert("RGB"))
    # the unit pictures' diverging colours are in it (red and blue pixels, not a blank grab)
    r, g, b = (pixels[..., i].astype(int) for i in range(3))
    assert ((r - b > 80).sum() > 1000) and ((b - r > 80).sum() > 1000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["units.png"]


def test_gradient_check_of_the_shipped_relu_model_explains_the_kink(window, qtbot):
    """Idle, the check runs on the pad's network (the shipped ReLU model) and 100 random training digits;
    where ReLU's kink makes the two gradients differ, the verdict says why, with the count of sums near 0."""
    page = window.inside_page
    show_inside(window, qtbot, page.weights)
    QTest.mouseClick(page.gradient_check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.gradcheck_view.max_relative_differences() != {}, timeout=60000)
    diffs = page.gradcheck_view.max_relative_differences()
    assert diffs["W2"] < 1e-6 and diffs["b2"] < 1e-6  # no kink between the hidden layer and the scores
    assert ("kink" in page.gradcheck_view.verdict.text()) == (max(diffs.values()) >= 1e-6)
    assert "picked at random" in page.status.text()


def test_bench_gui_measures_the_window_with_the_inside_tab_on_screen(mnist_dir):
    import json
    import os
    import subprocess
    import sys

    args = ["--iters", "300", "--repeat", "1", "--tab", "inside", "--panel", "digit", "--json"]
    proc = subprocess.run(
        [sys.executable, "-m", "mnist_studio.desktop.bench_gui", *args, "--data-dir", str(mnist_dir)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["tab"] == "inside/digit" and out["window_iters_per_second"] > 0
    assert out["ratio"] == pytest.approx(out["window_runs"][0] / out["headless_runs"][0], abs=0.01)
    # the page did its work on screen: following a test digit through each new snapshot
    assert out["inside_busy_ms_per_second"] > 0
    assert "the Inside page's redraws and evaluations" in proc.stdout
