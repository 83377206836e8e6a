"""Weight decay and dropout as the book's chapter 6 writes them: their gradients pass the numerical check
(the lesson's element loop), the fast kernel gives the readable network's numbers, dropout is off (scaled)
at test time, and a run can train on part of the training set.
"""

from types import SimpleNamespace

import numpy as np
import pytest

from mnist_studio.core.errors import UserError
from mnist_studio.core.kernels import BackpropStep
from mnist_studio.core.network import PARAM_NAMES, TwoLayerNet
from mnist_studio.core.regularization import inference_params, weight_decay_loss
from mnist_studio.core.run import Run
from mnist_studio.core.trainer import TrainConfig, Trainer


def small_net(activation="sigmoid", weight_decay=0.0, dropout=0.0, seed=0):
    # Xavier-sized weights make the hidden units differ enough for every gradient entry to matter.
    return TwoLayerNet(
        12, 6, 4, activation=activation, init="xavier", seed=seed, weight_decay=weight_decay, dropout=dropout
    )


def batch(n=7, seed=1):
    rng = np.random.default_rng(seed)
    return rng.random((n, 12)), rng.integers(0, 4, n)


def max_rel(a, b):
    return float(np.abs(a - b).max() / np.abs(b).max())


def test_weight_decay_term_is_half_lambda_times_the_squared_weights():
    params = {"W1": np.ones((2, 2)), "b1": np.full(2, 5.0), "W2": np.full((2, 2), 2.0), "b2": np.ones(2)}
    # 0.5 * 0.1 * (4 * 1 + 4 * 4) = 1.0; the biases are not decayed
    assert weight_decay_loss(params, 0.1) == pytest.approx(1.0)
    assert weight_decay_loss(params, 0.0) == 0.0


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("weight_decay, dropout", [(0.1, 0.0), (0.0, 0.3), (0.05, 0.5)])
def test_backprop_with_weight_decay_and_dropout_passes_the_numerical_check(activation, weight_decay, dropout):
    net = small_net(activation, weight_decay, dropout)
    x, t = batch()
    mask = np.random.default_rng(2).random((7, 6)) > dropout if dropout else None
    if mask is not None:
        assert 0 < mask.sum() < mask.size  # some units off, some on: the mask really matters
    numerical = net.numerical_gradient(x, t, mask)  # the lesson's element loop, one weight at a time
    backprop = net.gradient(x, t, mask)
    for k in PARAM_NAMES:
        assert max_rel(backprop[k], numerical[k]) < 1e-6, k


def test_weight_decay_adds_lambda_w_to_the_weights_gradients_only():
    x, t = batch()
    plain, decayed = small_net(), small_net(weight_decay=0.2)
    g0, g1 = plain.gradient(x, t), decayed.gradient(x, t)
    for k in ("W1", "W2"):
        np.testing.assert_allclose(g1[k] - g0[k], 0.2 * plain.params[k], atol=1e-12)
    for k in ("b1", "b2"):
        np.testing.assert_array_equal(g1[k], g0[k])


def test_dropped_units_get_no_gradient_into_their_weights():
    x, t = batch()
    net = small_net(dropout=0.5)
    mask = np.zeros((7, 6), bool)
    mask[:, :3] = True  # units 3-5 off for every image
    g = net.gradient(x, t, mask)
    assert np.all(g["W1"][:, 3:] == 0) and np.all(g["W2"][3:] == 0) and np.all(g["b1"][3:] == 0)
    assert np.all(g["W2"][:3] != 0)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_the_fast_kernel_gives_the_readable_numbers_with_weight_decay_and_dropout(activation):
    net = small_net(activation, weight_decay=0.1, dropout=0.4)
    x, t = batch(n=9)
    params = {k: v.copy() for k, v in net.params.items()}
    step = BackpropStep(params, 9, activation, weight_decay=0.1, dropout=0.4, rng=np.random.default_rng(5))
    loss, grads = step(x, t)
    mask = step.mask.copy()
    assert 0 < mask.sum() < mask.size
    assert loss == pytest.approx(net.loss(x, t, mask), rel=1e-12)
    reference = net.gradient(x, t, mask)
    for k in PARAM_NAMES:
        np.testing.assert_allclose(grads[k], reference[k], rtol=1e-10, atol=1e-14)
    # SGD's fused step asks for -lr * gradient: the decay term must be scaled too
    loss, scaled = step(x, t, scale=-0.5)
    reference = net.gradient(x, t, step.mask.copy())
    for k in PARAM_NAMES:
        np.testing.assert_allclose(scaled[k], -0.5 * reference[k], rtol=1e-10, atol=1e-14)


def test_dropout_at_test_time_scales_the_hidden_outputs_by_one_minus_the_ratio():
    # one input, one hidden unit, two outputs, by hand: a1 = 0 -> sigmoid 0.5; kept fraction 0.75 -> 0.375
    net = TwoLayerNet(1, 1, 2, dropout=0.25, seed=0)
    net.params = {"W1": np.zeros((1, 1)), "b1": np.zeros(1), "W2": np.array([[2.0, 0.0]]), "b2": np.zeros(2)}
    scores = np.array([0.375 * 2.0, 0.0])
    expected = np.exp(scores) / np.exp(scores).sum()
    np.testing.assert_allclose(net.predict(np.zeros((1, 1)))[0], expected)
    # the same network with the factor folded into W2 predicts the same, with no dropout setting at all
    folded = TwoLayerNet.from_params(inference_params(net.params, 0.25))
    np.testing.assert_allclose(folded.predict(np.zeros((1, 1)))[0], expected)


def fake_data(n_train=1000, seed=0):
    rng = np.random.default_rng(seed)
    images = (rng.random((n_train, 784)) < 0.2) * rng.integers(1, 256, (n_train, 784))
    return SimpleNamespace(
        x_train=images.astype(np.uint8),
        t_train=rng.integers(0, 10, n_train),
        x_test=images[:200].astype(np.uint8),
        t_test=rng.integers(0, 10, 200),
    )


def test_a_run_trains_on_the_first_n_images_or_a_seeded_random_subset():
    data = fake_data()
    first = Run(TrainConfig(train_size=300, iters=5), data)
    np.testing.assert_array_equal(first.x_train, data.x_train[:300])
    assert first.per_epoch == 3  # 300 images, batches of 100
    a = Run(TrainConfig(train_size=300, train_subset="random", seed=4), data)
    b = Run(TrainConfig(train_size=300, train_subset="random", seed=4), data)
    c = Run(TrainConfig(train_size=300, train_subset="random", seed=5), data)
    np.testing.assert_array_equal(a.x_train, b.x_train)
    assert a.x_train.shape == (300, 784) and not np.array_equal(a.t_train, c.t_train)
    # every row of the subset is a real training image, none twice
    rows = {bytes(r) for r in a.x_train}
    assert len(rows) == 300 and rows <= {bytes(r) for r in data.x_train}


def test_batches_come_only_from_the_chosen_images():
    data = fake_data()
    seen = []
    trainer = Trainer(TrainConfig(train_size=250, iters=20, eval_every_epoch=False), data)
    orig = Run.train_batch

    def spy(run, rows, labels, i, **kwargs):
        seen.append(rows.copy())
        return orig(run, rows, labels, i, **kwargs)

    Run.train_batch = spy
    try:
        trainer.run()
    finally:
        Run.train_batch = orig
    assert max(r.max() for r in seen) < 250


def test_a_run_without_regularization_is_the_lessons_run_unchanged():
    data = fake_data()
    plain = Trainer(TrainConfig(iters=30), data).run()
    explicit = Trainer(TrainConfig(iters=30, weight_decay=0.0, dropout=0.0, train_size=None), data).run()
    np.testing.assert_array_equal(plain.losses, explicit.losses)


def test_training_with_weight_decay_keeps_the_weights_smaller():
    data = fake_data()
    plain = Trainer(TrainConfig(iters=200, lr=0.5, eval_every_epoch=False), data).run()
    decayed = Trainer(TrainConfig(iters=200, lr=0.5, weight_decay=0.5, eval_every_epoch=False), data).run()
    for k in ("W1", "W2"):
        assert np.linalg.norm(decayed.params[k]) < np.linalg.norm(plain.params[k])


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("weight_decay", -0.1, "weight decay"),
        ("dropout", 1.0, "dropout"),
        ("train_size", 0, "training-set size"),
        ("train_subset", "last", "first or random"),
    ],
)
def test_bad_regularization_settings_are_refused_with_a_clear_message(field, value, words):
    with pytest.raises(UserError, match=words):
        TrainConfig(**{field: value}).validate()


def test_the_numerical_method_refuses_dropout_rather_than_ignoring_it():
    with pytest.raises(UserError, match="backprop"):
        TrainConfig(method="numerical", dropout=0.2).validate()
