"""Several runs on one batch source: they see the very same batches, their events name them, a run's history
is right, and a paused trainer can take single steps.
"""

import threading
from types import SimpleNamespace

import numpy as np
import pytest

from mnist_studio.core.batches import BATCH_BLOCK, BatchSource
from mnist_studio.core.errors import UserError
from mnist_studio.core.kernels import BackpropStep
from mnist_studio.core.network import TwoLayerNet
from mnist_studio.core.optimizers import SGD
from mnist_studio.core.run import Run, RunStatus
from mnist_studio.core.trainer import EpochDone, Finished, Snapshot, Step, TrainConfig, Trainer


def tiny_data(n=1000, seed=7):
    """MNIST-like uint8 images (some ink on a blank page) with labels that depend on the ink, so there is
    something to learn.
    """
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, n + 200)
    images = (rng.random((n + 200, 784)) < 0.1) * rng.integers(1, 256, (n + 200, 784))
    for d in range(10):  # each digit inks its own band of pixels
        images[labels == d, 70 * d : 70 * d + 60] = 200
    images[:, 700:] = 0  # the bottom rows stay blank, as MNIST's border does (the kernels then skip them)
    images = images.astype(np.uint8)
    return SimpleNamespace(x_train=images[:n], t_train=labels[:n], x_test=images[n:], t_test=labels[n:])


@pytest.fixture
def batches_by_run(monkeypatch):
    """The row numbers each run's kernel trains on, in order, keyed by the kernel (one per run)."""
    seen = {}
    train_on = BackpropStep.train_on

    def recording(self, images, index, labels, **kw):
        seen.setdefault(id(self), []).append(np.array(index))
        return train_on(self, images, index, labels, **kw)

    monkeypatch.setattr(BackpropStep, "train_on", recording)
    return seen


# ---- the batch source ------------------------------------------------------------------------------
def test_batches_with_replacement_are_the_seeded_blocks():
    """Batch i is row i % 64 of block i // 64, each block one draw of (64, batch) integers from the seeded
    generator.
    """
    labels = np.arange(500) % 10
    source = BatchSource(labels, 30, np.random.default_rng(3), "replacement")
    ref = np.random.default_rng(3)
    blocks = [ref.integers(0, 500, (BATCH_BLOCK, 30)) for _ in range(3)]
    reader = source.reader()
    for i in range(3 * BATCH_BLOCK):
        rows, t = reader.next()
        np.testing.assert_array_equal(rows, blocks[i // BATCH_BLOCK][i % BATCH_BLOCK])
        np.testing.assert_array_equal(t, labels[rows])


def test_a_slow_reader_gets_the_same_batches_and_old_blocks_are_let_go():
    source = BatchSource(
        np.zeros(1000, np.intp), 100, np.random.default_rng(0), "shuffle"
    )  # an epoch: 10 batches
    fast, slow = source.reader(), source.reader()
    ahead = [fast.next()[0].copy() for _ in range(35)]
    behind = [slow.next()[0].copy() for _ in range(35)]
    for a, b in zip(ahead, behind):
        np.testing.assert_array_equal(a, b)
    for epoch in range(3):
        assert sorted(np.concatenate(behind[10 * epoch : 10 * epoch + 10])) == list(range(1000))
    # both readers are in epoch 3: epochs 0-2 are no longer kept
    assert sorted(source._blocks) == [3]
    fast.close()
    for _ in range(10):
        slow.next()
    assert sorted(source._blocks) == [4]  # a closed reader holds nothing back


def test_a_reader_alone_is_not_held_back_by_nothing():
    source = BatchSource(np.zeros(100, np.intp), 10, np.random.default_rng(0), "replacement")
    reader = source.reader()
    for _ in range(10 * BATCH_BLOCK):
        reader.next()
    assert len(source._blocks) <= 1


# ---- runs side by side ------------------------------------------------------------------------------
def test_two_runs_trained_at_once_see_the_same_batches_and_name_themselves(batches_by_run):
    data = tiny_data()
    events = []
    lock = threading.Lock()

    def on_event(e):
        with lock:
            events.append(e)

    sgd = TrainConfig(iters=150, eval_every_epoch=True, hidden_size=20, snapshot_seconds=0.0)
    # another seed too: its own first weights, but the batches are the shared source's
    adam = TrainConfig(iters=150, hidden_size=20, optimizer="adam", lr=0.01, snapshot_seconds=0.0, seed=1)
    trainer = Trainer.many([sgd, adam], data, on_event, run_ids=[7, 9])
    first = trainer.run()

    a, b = batches_by_run.values()
    assert len(a) == len(b) == 150
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert len({tuple(x) for x in a}) == 150  # a fresh random batch each step

    for run_id in (7, 9):
        mine = [e for e in events if e.run_id == run_id]
        assert [e.iteration for e in mine if isinstance(e, Step)] == list(range(1, 151))
        assert [e.iteration for e in mine if isinstance(e, EpochDone)] == [10 * k for k in range(1, 16)]
        assert any(isinstance(e, Snapshot) for e in mine)
        assert isinstance(mine[-1], Finished) and mine[-1].result.status == RunStatus.COMPLETED
    assert {e.run_id for e in events} == {7, 9}
    sgd_result, adam_result = trainer.results
    assert (
        first is sgd_result
        and sgd_result.config.optimizer == "sgd"
        and adam_result.config.optimizer == "adam"
    )
    assert not np.array_equal(sgd_result.losses, adam_result.losses)  # same batches, different learning


def test_runs_with_the_same_architecture_and_seed_start_from_the_same_weights():
    data = tiny_data()
    cfgs = [
        TrainConfig(iters=5, hidden_size=20, seed=3, optimizer=o, eval_every_epoch=False)
        for o in ("sgd", "adam")
    ]
    cfgs.append(TrainConfig(iters=5, hidden_size=20, seed=4, eval_every_epoch=False))
    trainer = Trainer.many(cfgs, data)
    trainer.run()
    first_losses = [r.losses[0] for r in trainer.results]  # the loss of batch 0 before any update
    assert first_losses[0] == first_losses[1] != first_losses[2]


def test_runs_trained_together_learn_as_they_would_alone():
    """Lock-step changes nothing about a run: each run's losses are those of the same run trained on its
    own.
    """
    data = tiny_data()
    a = TrainConfig(iters=100, eval_every_epoch=False, hidden_size=20)
    b = TrainConfig(iters=60, eval_every_epoch=False, hidden_size=30, lr=0.3)
    together = Trainer.many([a, b], data)
    together.run()
    alone_a, alone_b = Trainer(a, data).run(), Trainer(b, data).run()
    np.testing.assert_array_equal(together.results[0].losses, alone_a.losses)
    np.testing.assert_array_equal(together.results[1].losses, alone_b.losses)
    assert together.results[1].iterations == 60 and together.results[1].status == "completed"


def test_runs_that_cannot_share_batches_are_refused():
    with pytest.raises(UserError, match="same batch size"):
        Trainer.many([TrainConfig(batch_size=100), TrainConfig(batch_size=50)], tiny_data())
    with pytest.raises(UserError, match="own id"):
        Trainer.many([TrainConfig(), TrainConfig()], tiny_data(), run_ids=[1, 1])


# ---- one run's history and controls ---------------------------------------------------------------
def test_each_epochs_accuracy_is_that_of_the_weights_at_that_epoch(batches_by_run):
    """Replaying the recorded batches through the readable network and SGD gives, at every epoch's end, the
    accuracy the trainer reported.
    """
    data = tiny_data()
    start = TwoLayerNet(784, 20, 10, 0.01, seed=4, dtype=np.float32)
    ref = TwoLayerNet.from_params({k: v.astype(np.float64) for k, v in start.params.items()})
    result = Trainer(
        TrainConfig(iters=50, hidden_size=20, lr=0.5, snapshot_seconds=1e9), data, net=start
    ).run()
    (seen,) = batches_by_run.values()
    sgd, expected = SGD(0.5), []
    x_test = data.x_test / 255.0
    for i, index in enumerate(seen, start=1):
        sgd.update(ref.params, ref.gradient(data.x_train[index] / 255.0, data.t_train[index]))
        if i % 10 == 0:
            expected.append(ref.accuracy(x_test, data.t_test))
    reported = [e.test_accuracy for e in result.epochs]
    assert len(reported) == 5 and reported[0] != reported[-1]  # it learned between epochs
    np.testing.assert_allclose(reported, expected, atol=1.01 / len(x_test))  # float32 may flip one image


def test_step_once_while_paused_runs_exactly_one_iteration(trainer_thread):
    steps = []
    got = threading.Semaphore(0)

    def on_event(e):
        if isinstance(e, Step):
            steps.append(e.iteration)
            got.release()

    trainer = Trainer(TrainConfig(iters=10**6, eval_every_epoch=False, hidden_size=10), tiny_data(), on_event)
    trainer.pause()  # paused before it starts: nothing runs until asked
    thread, box = trainer_thread(trainer)
    assert not got.acquire(timeout=0.3) and steps == []
    for n in (1, 2, 3):
        trainer.step_once()
        assert got.acquire(timeout=30)
        assert not got.acquire(timeout=0.2)  # and no more
        assert steps == list(range(1, n + 1)) and trainer.paused
    trainer.stop()
    thread.join(30)
    assert box["result"].status == RunStatus.STOPPED and box["result"].iterations == 3


def test_status_words_are_what_the_command_line_prints():
    assert [s.value for s in RunStatus] == [
        "running",
        "paused",
        "completed",
        "stopped",
        "diverged",
        "target reached",
    ]
    assert RunStatus.TARGET_REACHED == "target reached" and f"{RunStatus.STOPPED}" == "stopped"


def test_run_step_is_the_lessons_train_step():
    """Run.step on float batches: the readable gradient and update, the batch's loss returned."""
    data = tiny_data()
    run = Run(TrainConfig(hidden_size=20, lr=0.1), data)
    net = TwoLayerNet.from_params({k: v.astype(np.float64) for k, v in run.params.items()})
    x, t = data.x_train[:50] / 255.0, data.t_train[:50]
    loss = run.step(x.astype(np.float32), t)
    expected_loss = net.loss(x, t)
    SGD(0.1).update(net.params, net.gradient(x, t))
    assert loss == pytest.approx(expected_loss, rel=1e-5)
    for k in net.params:
        np.testing.assert_allclose(run.params[k], net.params[k], rtol=1e-4, atol=1e-7)


def test_free_running_trainers_on_one_source_see_the_same_batches(batches_by_run):
    """Two trainers in their own threads, at their own pace, read one source: the same batches, in order."""
    data = tiny_data()
    cfg = TrainConfig(iters=200, eval_every_epoch=False, hidden_size=20)
    source = BatchSource(data.t_train, cfg.batch_size, np.random.default_rng(5), cfg.sampling)
    trainers = [Trainer(cfg, data, batches=source, run_id=n) for n in (1, 2)]
    threads = [threading.Thread(target=t.run) for t in trainers]
    # the far ends of "its own pace": the first run is over before the second begins
    for t in threads:
        t.start()
        t.join(60)
    assert all(t.results and t.results[0].iterations == 200 for t in trainers)
    a, b = batches_by_run.values()
    assert len(a) == len(b) == 200
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    with pytest.raises(UserError, match="shared source"):
        Trainer(TrainConfig(batch_size=50), data, batches=source)
