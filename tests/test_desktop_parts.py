"""The window's parts on their own: the curves of a run's history, the worker's batching of trainer events,
which model reads the pad, the pad's pixels, the self-test's data."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtGui import QColor, QImage  # noqa: E402

pytestmark = pytest.mark.gui


# ---- the curves ---------------------------------------------------------------------------------
def test_round_axis_bounds():
    from mnist_studio.desktop.plots import nice_ceil

    assert [nice_ceil(v) for v in (2.302, 2.6, 0.7, 9.1, 1.0, 0.013)] == [2.5, 3.0, 0.8, 10.0, 1.0, 0.015]


def test_loss_plot_holds_a_million_points(qtbot):
    """A million-iteration run fits: the arrays are allocated once and the curves show all points."""
    from mnist_studio.core.history import History
    from mnist_studio.desktop.plots import TrainingPlots

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(800, 500)
    plots.show()
    history = History(1_000_000, run_id=7)
    plots.show_history(history)
    losses = np.linspace(2.3, 0.1, 1_000_000, dtype=np.float32)
    for s in range(0, 1_000_000, 100_000):
        history.add_losses(s + 1, losses[s : s + 100_000])
    plots.refresh()
    qtbot.wait(50)
    assert plots.point_count() == plots.point_count(7) == 1_000_000
    # the curves are views of the history's arrays, not copies
    x, y = plots.curve_set(7).raw.getOriginalDataset()
    assert np.shares_memory(y, history.losses)
    # pyqtgraph draws a decimated copy: a few points per pixel, not a million
    shown = plots.curve_set(7).raw.getData()[0]
    assert shown is not None and len(shown) < 20_000
    plots.set_log_scale(True)
    plots.refresh()
    qtbot.wait(50)


# ---- the worker --------------------------------------------------------------------------------
def tiny_data(n_train=1000, n_test=200):
    from mnist_studio.desktop.app import _tiny_dataset

    return _tiny_dataset(n_train, n_test)


def test_worker_batches_every_step_into_few_signals(qtbot):
    """Thousands of steps a second arrive as at most 10 batches a second (at most ~30 allowed), and none is
    lost."""
    from PySide6.QtCore import QEventLoop

    from mnist_studio.core.trainer import TrainConfig
    from mnist_studio.desktop.run_controller import RunController
    from mnist_studio.desktop.training import BATCH_INTERVAL

    assert BATCH_INTERVAL >= 1 / 30
    cfg = TrainConfig(hidden_size=10, batch_size=10, iters=20000, snapshot_seconds=0.1)
    session = RunController(3, cfg, tiny_data(), "#000000")
    batches, results = [], []
    session.batch.connect(batches.append)
    session.finished.connect(results.append)
    session.start()
    loop = QEventLoop()
    session.ended.connect(loop.quit)
    if session.running:
        loop.exec()
    assert not session.running and session.thread is None
    result = results[-1]
    assert result.iterations == 20000
    losses = np.concatenate([b.losses for b in batches])
    np.testing.assert_array_equal(losses, result.losses)  # every step, once, in order
    firsts = [b.first_iteration for b in batches if len(b.losses)]
    assert firsts[0] == 1 and all(
        b.first_iteration + len(b.losses) == n.first_iteration
        for b, n in zip(batches, batches[1:])
        if len(b.losses)
    )
    # far fewer signals than steps, and no faster than one per interval of training (plus the last)
    assert len(batches) <= result.seconds / BATCH_INTERVAL + 2
    assert len(batches) < 20000 / 20
    snapshots = [b.snapshot for b in batches if b.snapshot is not None]
    assert snapshots and all(s.params["W1"] is not result.params["W1"] for s in snapshots)  # copies
    # the run's history holds the same losses and the trainer's per-epoch accuracies, under its id
    h = session.history
    assert h.run_id == 3 and all(b.run_id == 3 for b in batches)
    np.testing.assert_array_equal(h.losses, result.losses)
    assert [(e.iteration, e.test) for e in h.epochs] == [
        (e.iteration, e.test_accuracy) for e in result.epochs
    ]
    assert h.lr_changes == [(1, 0.1)]  # the rate never changed


def test_bad_settings_do_not_start_a_thread(qtbot):
    from mnist_studio.core.errors import UserError
    from mnist_studio.core.trainer import TrainConfig
    from mnist_studio.desktop.run_controller import RunSet

    runs = RunSet()
    with pytest.raises(UserError, match="learning rate"):
        runs.start(TrainConfig(lr=-1.0), tiny_data())
    assert not runs.any_running and runs.runs() == []


def test_shutdown_mid_run_joins_the_thread(qtbot):
    from mnist_studio.core.trainer import TrainConfig
    from mnist_studio.desktop.run_controller import RunSet

    session = RunSet().start(TrainConfig(hidden_size=10, batch_size=10, iters=10**7), tiny_data())
    qtbot.wait(200)
    thread = session.thread
    assert thread.isRunning()
    session.pause()
    assert session.shutdown(2000)  # stops even a paused run
    assert thread.isFinished() and not session.running


# ---- which model reads the pad ---------------------------------------------------------------
def fake_params(hidden=8, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.standard_normal((784, hidden)).astype(np.float32) * 0.01,
        "b1": np.zeros(hidden, np.float32),
        "W2": rng.standard_normal((hidden, 10)).astype(np.float32) * 0.01,
        "b2": np.zeros(10, np.float32),
    }


def test_newest_source_wins_and_falls_back(qtbot):
    from mnist_studio.desktop.models import ModelSource

    src = ModelSource()
    assert src.active() is None
    src.set_default(fake_params(seed=1), {"activation": "relu", "test_accuracy": 0.98})
    assert src.active_kind() == "default" and src.active().test_accuracy == 0.98
    src.set_run(1, fake_params(seed=2), "sigmoid", 100, None, follow=True)
    assert src.active_kind() == "training" and src.active().run_id == 1
    src.set_opened(fake_params(seed=3), {"activation": "sigmoid"}, "/x/mine.npz")
    assert src.active_kind() == "opened" and src.active().name == "mine.npz"
    # newer weights, user's choice kept
    src.set_run(1, fake_params(seed=4), "sigmoid", 200, 0.9, follow=False)
    assert src.active_kind() == "opened"
    src.choose("run-1")
    assert src.active().test_accuracy == 0.9 and "200" in src.active().detail
    np.testing.assert_array_equal(src.active().params["W1"], fake_params(seed=4)["W1"])
    src.set_run(2, fake_params(seed=5), "sigmoid", 10, None, follow=False)  # a second run's weights beside it
    assert [m.key for m in src.available()] == ["run-1", "run-2", "opened", "default"]
    assert src.run_model(2).run_id == 2 and src.get("training") is src.run_model(2)
    src.drop_run(1)
    assert src.active_kind() == "opened"
    src.drop_run(2)
    assert [m.kind for m in src.available()] == ["opened", "default"]


def test_model_probabilities_match_the_lessons_network():
    from mnist_studio.core.network import TwoLayerNet
    from mnist_studio.desktop.models import net_from_params

    params = fake_params(hidden=16)
    x = np.random.default_rng(0).integers(0, 256, (5, 784)).astype(np.uint8)
    ours = net_from_params(params, "sigmoid").predict(x.astype(np.float32) / 255)
    lesson = TwoLayerNet.from_params(params, "sigmoid").predict(x.astype(np.float32) / 255)
    np.testing.assert_allclose(ours, lesson, rtol=1e-6)


# ---- the pad's pixels ---------------------------------------------------------------------------
def test_qimage_rows_are_read_without_their_padding(qtbot):
    """A QImage row is padded to 4 bytes; a 281-px-wide image must still read as 281 columns."""
    from mnist_studio.desktop.draw_pad import qimage_to_array

    img = QImage(281, 3, QImage.Format_Grayscale8)
    img.fill(255)
    for x in range(281):
        v = (x * 7) % 256
        img.setPixelColor(x, 1, QColor(v, v, v))  # a grey pattern in the middle row
    assert img.bytesPerLine() == 284
    a = qimage_to_array(img)
    assert a.shape == (3, 281)
    assert (a[0] == 255).all() and (a[2] == 255).all()
    np.testing.assert_array_equal(a[1], (np.arange(281) * 7) % 256)


def test_broken_pyside_is_refused_with_a_clear_line(monkeypatch):
    import sys

    import PySide6

    from mnist_studio.desktop import app

    monkeypatch.setattr(PySide6, "__version__", "6.12.0")
    monkeypatch.setattr(sys, "version_info", (3, 11, 7))
    message = app.broken_qt_binding()
    assert "6.12.0" in message and "!=6.12.0" in message and "\n" not in message
    monkeypatch.setattr(sys, "version_info", (3, 12, 0))
    assert app.broken_qt_binding() is None
