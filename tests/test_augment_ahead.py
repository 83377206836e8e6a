"""Augmenting one batch ahead on another core changes nothing but the time: same batches, same network."""

import numpy as np
import pytest

import mnist_studio.core.run as run_module
from mnist_studio.core.augment import augment_batch
from mnist_studio.core.augment_ahead import AugmentAhead
from mnist_studio.core.mnist import load_raw
from mnist_studio.core.trainer import TrainConfig, Trainer


@pytest.fixture(scope="module")
def data(mnist_dir):
    return load_raw(mnist_dir)


def test_batches_made_ahead_are_the_ones_made_when_needed(data):
    images = data.x_train[:2000]
    rows = [np.random.default_rng(k).choice(2000, 64, replace=False) for k in range(8)]
    # The reference: each batch altered when it is needed, from one generator, one after another.
    ref_rng = np.random.default_rng(11)
    expected = [augment_batch(images[r], ref_rng) for r in rows]
    ahead = AugmentAhead(images, np.random.default_rng(11), 64, threaded=True)
    got = []
    for k, r in enumerate(rows):
        xb = ahead.batch(r, rows[k + 1] if k + 1 < len(rows) else None)
        if ahead._pending is not None:
            ahead._pending[1].result()  # the worker has filled the other buffer: xb must not be it
        got.append(xb.copy())
        np.testing.assert_array_equal(xb, expected[k])
    ahead.close()
    assert all(np.array_equal(a, b) for a, b in zip(got, expected))


def test_a_batch_asked_for_out_of_turn_is_refused(data):
    images = data.x_train[:500]
    ahead = AugmentAhead(images, np.random.default_rng(0), 32)
    ahead.batch(np.arange(32), np.arange(32, 64))
    with pytest.raises(RuntimeError, match="not the batch asked for"):
        ahead.batch(np.arange(64, 96))
    ahead.close()


def test_a_seeded_augmented_run_trains_the_same_network_with_and_without_the_worker(data, monkeypatch):
    cfg = TrainConfig(
        hidden_size=40, activation="relu", init="he", optimizer="adam", lr=1e-3, batch_size=50,
        epochs=2, train_size=3000, sampling="shuffle", augment=True, eval_every_epoch=False, seed=3,
    )
    monkeypatch.setattr(run_module, "spare_core", lambda: True)  # the worker thread, even on one core
    with_worker = Trainer(cfg, data).run()
    monkeypatch.setattr(run_module, "spare_core", lambda: False)  # every batch altered when needed
    without = Trainer(cfg, data).run()
    assert with_worker.iterations == without.iterations == 120
    np.testing.assert_array_equal(with_worker.losses, without.losses)
    for k in ("W1", "b1", "W2", "b2"):
        np.testing.assert_array_equal(with_worker.params[k], without.params[k])
