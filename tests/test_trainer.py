"""The training loop on real MNIST: the lesson's result, reproducibility, events, pause/stop from another
thread, divergence.
"""

import time

import numpy as np
import pytest

from mnist_studio.core.errors import UserError
from mnist_studio.core.mnist import load_raw
from mnist_studio.core.trainer import EpochDone, Finished, Snapshot, Step, TrainConfig, Trainer, preset_config


@pytest.fixture(scope="module")
def data(mnist_dir):
    return load_raw(mnist_dir)


def wait_for(condition, seconds=30.0):
    """Wait until condition() holds; fail (rather than hang) if it does not within `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the trainer did not get there in time"
        time.sleep(0.01)


def test_the_lessons_job_reaches_94_percent(data):
    """The seed's configuration: 784-50-10 sigmoid, SGD 0.1, batch 100, 10,000 iterations."""
    events = []
    result = Trainer(TrainConfig(seed=0), data, events.append).run()
    assert result.status == "completed" and result.iterations == 10000
    assert result.test_accuracy >= 0.94
    assert len(result.losses) == 10000 and np.all(np.isfinite(result.losses))
    assert result.losses[:100].mean() > 2.0 > 0.5 > result.losses[-100:].mean()
    epochs = [e for e in events if isinstance(e, EpochDone)]
    # an epoch is 60,000 / 100 = 600 iterations: 16 whole epochs, plus the end of the run
    assert [e.iteration for e in epochs] == [600 * k for k in range(1, 17)] + [10000]
    assert epochs[-1].test_accuracy == result.test_accuracy
    assert isinstance(events[-1], Finished)
    assert sum(isinstance(e, Step) for e in events) == 10000


def test_same_seed_same_run_other_seed_other_run(data):
    cfg = TrainConfig(iters=200, eval_every_epoch=False)
    a = Trainer(cfg, data).run().losses
    b = Trainer(cfg, data).run().losses
    c = Trainer(TrainConfig(iters=200, eval_every_epoch=False, seed=1), data).run().losses
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize(
    "optimizer,lr",
    [("momentum", 0.1), ("nesterov", 0.1), ("adagrad", 0.1), ("rmsprop", 0.001), ("adam", 0.001)],
)
def test_every_optimizer_learns(data, optimizer, lr):
    result = Trainer(TrainConfig(optimizer=optimizer, lr=lr, iters=600, seed=0), data).run()
    assert result.test_accuracy > 0.85, optimizer


def test_numerical_method_learns_like_backprop(data):
    """The lesson's slow method gives the same training, to float rounding, as backprop."""
    cfg = dict(iters=20, eval_every_epoch=False, hidden_size=50)
    num = Trainer(TrainConfig(method="numerical", **cfg), data).run()
    bp = Trainer(TrainConfig(method="backprop", **cfg), data).run()
    np.testing.assert_allclose(num.losses, bp.losses, rtol=1e-4)
    assert num.losses[-1] < num.losses[0]


def test_pause_resume_stop_from_another_thread(data, trainer_thread):
    steps = []
    trainer = Trainer(
        TrainConfig(iters=10**6, eval_every_epoch=False),
        data,
        lambda e: steps.append(e) if isinstance(e, Step) else None,
    )
    thread, _ = trainer_thread(trainer)  # stopped at the end even if an assertion fails
    wait_for(lambda: len(steps) >= 50)
    trainer.pause()
    time.sleep(0.1)  # the iteration under way may finish; after that nothing moves
    held = len(steps)
    time.sleep(0.3)
    assert len(steps) == held and trainer.paused
    trainer.resume()
    wait_for(lambda: len(steps) >= held + 50)
    trainer.stop()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert steps[-1].iteration < 10**6


def test_stop_result_and_live_learning_rate(data):
    seen = []

    def on_event(e):
        if isinstance(e, Step):
            seen.append(e.lr)
            if e.iteration == 10:
                trainer.set_lr(0.05)
            if e.iteration == 20:
                trainer.stop()

    trainer = Trainer(TrainConfig(iters=1000, eval_every_epoch=False), data, on_event)
    result = trainer.run()
    assert result.status == "stopped" and result.iterations == 20
    assert seen[:10] == [0.1] * 10 and seen[10:] == [0.05] * 10
    assert result.params is not None


def test_divergence_stops_and_names_the_learning_rate(data):
    events = []
    result = Trainer(
        TrainConfig(activation="relu", init="he", lr=1000, iters=500, eval_every_epoch=False),
        data,
        events.append,
    ).run()
    assert result.status == "diverged" and not result.ok
    assert "1000" in result.message and "smaller learning rate" in result.message
    assert result.params is None  # nothing to save
    assert not any(isinstance(e, Snapshot) for e in events[-2:])


def test_snapshots_are_copies(data):
    snaps = []
    Trainer(
        TrainConfig(iters=50, eval_every_epoch=False, snapshot_seconds=0.0),
        data,
        lambda e: snaps.append(e) if isinstance(e, Snapshot) else None,
    ).run()
    assert len(snaps) >= 2
    assert not np.array_equal(snaps[0].params["W1"], snaps[-1].params["W1"])


def test_target_accuracy_stops_early(data):
    result = Trainer(preset_config("fast", target_accuracy=0.95), data).run()
    assert result.status == "target reached"
    assert result.test_accuracy >= 0.95
    assert result.iterations < preset_config("fast").total_iters()


def test_nonsense_settings_are_refused_with_the_value():
    for bad, needle in [
        (dict(hidden_size=0), "hidden"),
        (dict(lr=-1.0), "learning rate"),
        (dict(batch_size=0), "batch"),
        (dict(optimizer="sgdd"), "sgdd"),
        (dict(iters=10**10), "at most"),
        (dict(method="guess"), "guess"),
        (dict(lr=float("nan")), "nan"),
    ]:
        with pytest.raises(UserError, match=needle):
            TrainConfig(**bad).validate()
