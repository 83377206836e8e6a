"""A single step asked for while paused is laid open by the trainer itself: the batch it drew, the gradient it
gave the optimizer and how far each weight moved, checked against the lesson's formulas in float64."""

import threading

import numpy as np
import pytest
from test_runs import tiny_data

from mnist_studio.core.network import TwoLayerNet
from mnist_studio.core.trainer import Snapshot, Step, StepDetail, TrainConfig, Trainer


def _paused_trainer(trainer_thread, config, data):
    """A trainer paused before its first iteration, and the list its events go to (with a semaphore per
    StepDetail)."""
    events, got = [], threading.Semaphore(0)

    def on_event(e):
        events.append(e)
        if isinstance(e, StepDetail):
            got.release()

    trainer = Trainer(config, data, on_event)
    trainer.pause()
    trainer_thread(trainer)
    return trainer, events, got


def _step(trainer, events, got):
    """One Step; returns (weights before, the StepDetail, weights after, the Step event)."""
    start = len(events)
    trainer.step_once()
    assert got.acquire(timeout=30)
    detail = [e for e in events[start:] if isinstance(e, StepDetail)][-1]
    # the weights it was paused at: the snapshot a pause makes of them, before the step
    before = [e for e in events if isinstance(e, Snapshot) and e.iteration == detail.iteration - 1][-1]
    deadline = 100
    while not any(isinstance(e, Snapshot) and e.iteration == detail.iteration for e in events[start:]):
        deadline -= 1
        assert deadline, "no snapshot after the step"
        threading.Event().wait(0.05)
    after = [e for e in events[start:] if isinstance(e, Snapshot) and e.iteration == detail.iteration][-1]
    step = [e for e in events[start:] if isinstance(e, Step)][-1]
    return before, detail, after, step


def _reference(params, activation):
    """The readable network, in float64, with a copy of these weights."""
    return TwoLayerNet.from_params({k: v.astype(np.float64) for k, v in params.items()}, activation)


def test_one_sgd_step_moves_each_weight_by_minus_lr_times_the_gradient_it_reports(trainer_thread):
    data = tiny_data()
    cfg = TrainConfig(hidden_size=20, lr=0.1, iters=1000, eval_every_epoch=False)
    trainer, events, got = _paused_trainer(trainer_thread, cfg, data)
    for n in (1, 2):
        before, detail, after, step = _step(trainer, events, got)
        assert detail.iteration == step.iteration == n and before.iteration == n - 1
        rows = detail.rows
        assert len(rows) == 100 and np.array_equal(detail.labels, data.t_train[rows])
        x, t = data.x_train[rows] / 255.0, data.t_train[rows]
        ref = _reference(before.params, "sigmoid")
        expected = ref.gradient(x, t)
        stats = detail.stats
        for k in ("W1", "b1", "W2", "b2"):
            # the gradient shown is the lesson's gradient of these weights on this batch (float32 training)
            scale = np.abs(expected[k]).max()
            np.testing.assert_allclose(stats.gradients[k], expected[k], rtol=0, atol=2e-4 * scale)
            # and the weights moved by exactly -lr x that gradient: the new float32 weights are, bit for bit,
            # the old ones minus lr times the gradient shown, computed in float32 as training does
            lr32 = np.float32(0.1)
            assert stats.gradients[k].dtype == np.float32
            assert np.array_equal(after.params[k], before.params[k] - stats.gradients[k] * lr32)
            moved = after.params[k].astype(np.float64) - before.params[k].astype(np.float64)
            assert np.array_equal(stats.updates[k], moved)
        # the blank bottom rows (never inked) have gradient 0 and do not move
        assert not stats.gradients["W1"][700:].any() and not stats.updates["W1"][700:].any()
        assert stats.loss_before == step.loss == pytest.approx(ref.loss(x, t), rel=1e-5)
        assert stats.loss_after == pytest.approx(_reference(after.params, "sigmoid").loss(x, t), rel=1e-5)
        assert stats.loss_after < stats.loss_before  # one step downhill on its own batch
        assert np.array_equal(stats.guesses_before, ref.predict(x).argmax(axis=1))
    trainer.stop()


def test_adam_step_reports_the_plain_gradient_and_the_moves_adam_made(trainer_thread):
    data = tiny_data()
    cfg = TrainConfig(hidden_size=12, optimizer="adam", lr=0.01, activation="relu", init="he", iters=50,
                      eval_every_epoch=False)
    trainer, events, got = _paused_trainer(trainer_thread, cfg, data)
    before, detail, after, _ = _step(trainer, events, got)
    x, t = data.x_train[detail.rows] / 255.0, data.t_train[detail.rows]
    expected = _reference(before.params, "relu").gradient(x, t)
    for k in expected:
        np.testing.assert_allclose(detail.stats.gradients[k], expected[k], rtol=0,
                                   atol=2e-4 * np.abs(expected[k]).max())
        # Adam's first step moves every weight with a gradient by about lr, whatever the gradient's size
        moved = detail.stats.updates[k][np.abs(expected[k]) > 1e-2]
        assert moved.size and np.allclose(np.abs(moved), 0.01, rtol=1e-3)
    assert detail.optimizer == "adam" and detail.pixels is None
    trainer.stop()


def test_a_run_that_is_not_stepped_reports_no_detail_and_pausing_shows_the_weights_it_stopped_at(
    trainer_thread,
):
    data = tiny_data()
    events = []
    trainer = Trainer(TrainConfig(hidden_size=10, iters=300, eval_every_epoch=False, snapshot_seconds=60),
                      data, events.append)
    thread, box = trainer_thread(trainer)
    thread.join(60)
    assert not any(isinstance(e, StepDetail) for e in events)
    # paused mid-run: a snapshot of exactly the weights it stopped at comes before it waits
    events.clear()
    trainer = Trainer(TrainConfig(hidden_size=10, iters=10**6, eval_every_epoch=False, snapshot_seconds=60),
                      data, events.append)
    thread, box = trainer_thread(trainer)
    while not any(isinstance(e, Step) and e.iteration >= 50 for e in list(events)):
        threading.Event().wait(0.01)
    trainer.pause()
    deadline = 200
    while not any(isinstance(e, Snapshot) and e.iteration > 1 for e in list(events)):
        deadline -= 1
        assert deadline, "no snapshot when paused"
        threading.Event().wait(0.05)
    snap = [e for e in events if isinstance(e, Snapshot)][-1]
    steps = [e.iteration for e in events if isinstance(e, Step)]
    assert snap.iteration == steps[-1]  # no iteration ran after the weights shown
    trainer.stop()
    thread.join(30)
    assert box["result"].iterations == snap.iteration
