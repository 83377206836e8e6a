"""The fast paths give the lesson's numbers: float32 backprop with reused buffers, in-place optimizers, the
fast numerical gradient, chunked prediction, and the trainer's speed settings.
"""

from types import SimpleNamespace

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from mnist_studio.core import kernels
from mnist_studio.core.functions import numerical_gradient
from mnist_studio.core.kernels import (
    BackpropStep,
    InPlaceAdam,
    InPlaceSGD,
    fast_optimizer,
    numerical_gradient_fast,
    predict_labels,
)
from mnist_studio.core.network import PARAM_NAMES, TwoLayerNet
from mnist_studio.core.optimizers import SGD, Adam, Momentum
from mnist_studio.core.trainer import TrainConfig, Trainer, preset_config


def digits(n, seed=0):
    """MNIST-like uint8 images: mostly blank pixels, some ink, and their labels."""
    rng = np.random.default_rng(seed)
    ink = rng.random((n, 784)) < 0.2
    images = (ink * rng.integers(1, 256, (n, 784))).astype(np.uint8)
    return images, rng.integers(0, 10, n)


def max_rel(a, b):
    return float(np.abs(a - b).max() / np.abs(b).max())


# ---- backprop -----------------------------------------------------------------------------------
@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_float64_fast_step_equals_the_readable_gradient(activation):
    net = TwoLayerNet(784, 30, 10, activation=activation, init="he", seed=1)
    images, labels = digits(64)
    x = images / 255.0
    step = BackpropStep(net.params, 64, activation)
    loss, grads = step(x, labels)
    ref = net.gradient(x, labels)
    assert loss == pytest.approx(net.loss(x, labels), rel=1e-13)
    for k in PARAM_NAMES:
        np.testing.assert_allclose(grads[k], ref[k], rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_float32_fast_step_is_close_to_the_float64_gradient(activation):
    net64 = TwoLayerNet(784, 50, 10, activation=activation, init="he", seed=2)
    net32 = TwoLayerNet.from_params({k: v.astype(np.float32) for k, v in net64.params.items()}, activation)
    images, labels = digits(100, seed=1)
    step = BackpropStep(net32.params, 100, activation)
    x = step.load_batch_uint8(images, np.arange(100))
    assert x.dtype == np.float32
    np.testing.assert_allclose(x, images / 255.0, rtol=1e-6)
    loss, grads = step(x, labels)
    ref = net64.gradient(images / 255.0, labels)
    assert loss == pytest.approx(net64.loss(images / 255.0, labels), rel=1e-5)
    for k in PARAM_NAMES:
        assert grads[k].dtype == np.float32
        assert max_rel(grads[k], ref[k]) < 1e-5, k


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("dtype,tol", [(np.float64, 1e-10), (np.float32, 1e-5)])
def test_training_on_uint8_rows_equals_the_readable_gradient(dtype, tol, activation):
    """train_on divides by 255 after the products instead of before: the same gradient."""
    net64 = TwoLayerNet(784, 40, 10, activation=activation, init="he", seed=7)
    net = TwoLayerNet.from_params({k: v.astype(dtype) for k, v in net64.params.items()}, activation)
    images, labels = digits(500, seed=6)
    index = np.random.default_rng(0).integers(0, 500, 64)
    loss, grads = BackpropStep(net.params, 64, activation).train_on(images, index, labels[index])
    ref = net64.gradient(images[index] / 255.0, labels[index])
    assert loss == pytest.approx(net64.loss(images[index] / 255.0, labels[index]), rel=tol)
    for k in PARAM_NAMES:
        assert grads[k].dtype == dtype
        assert max_rel(grads[k], ref[k]) < tol, k


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_a_scaled_step_gives_the_gradient_times_the_scale(activation):
    """SGD asks for -lr * gradient (scale=-lr): the weight change the lesson's update makes."""
    net = TwoLayerNet(784, 30, 10, activation=activation, init="he", seed=8)
    images, labels = digits(300, seed=9)
    index = np.arange(100, 164)
    loss, changes = BackpropStep(net.params, 64, activation).train_on(
        images, index, labels[index], scale=-0.1
    )
    ref = net.gradient(images[index] / 255.0, labels[index])
    assert loss == pytest.approx(net.loss(images[index] / 255.0, labels[index]), rel=1e-12)
    for k in PARAM_NAMES:
        np.testing.assert_allclose(changes[k], -0.1 * ref[k], rtol=1e-10, atol=1e-16)


def test_a_smaller_last_batch_uses_part_of_the_buffers():
    net = TwoLayerNet(784, 20, 10, seed=3)
    images, labels = digits(37, seed=2)
    x = images / 255.0
    loss, grads = BackpropStep(net.params, 100)(x, labels)
    ref = net.gradient(x, labels)
    assert loss == pytest.approx(net.loss(x, labels), rel=1e-13)
    for k in PARAM_NAMES:
        np.testing.assert_allclose(grads[k], ref[k], rtol=1e-10, atol=1e-15)


# ---- optimizers ---------------------------------------------------------------------------------
def run_updates(opt, steps=30, seed=0, zero_rows=0):
    rng = np.random.default_rng(seed)
    params = {k: rng.standard_normal(s).astype(np.float32) for k, s in (("W1", (40, 8)), ("b1", (8,)))}
    for _ in range(steps):
        grads = {k: (1e-2 * rng.standard_normal(v.shape)).astype(np.float32) for k, v in params.items()}
        grads["W1"][:zero_rows] = 0  # like pixels that are blank in every image of the batch
        opt.update(params, grads)
    return params


def test_in_place_sgd_gives_the_readable_sgd_numbers_bit_for_bit():
    a, b = run_updates(SGD(0.1)), run_updates(InPlaceSGD(0.1))
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])


def test_in_place_adam_gives_the_readable_adam_numbers():
    a, b = run_updates(Adam(2e-3), steps=60), run_updates(InPlaceAdam(2e-3), steps=60)
    for k in a:
        np.testing.assert_allclose(b[k], a[k], rtol=1e-7, atol=0)


def test_in_place_adam_never_keeps_subnormal_numbers():
    """A weight whose gradient stays 0 has its momentum decay by 0.9 a step; it must not linger as a (100x
    slower) subnormal float.
    """
    opt = InPlaceAdam(2e-3)
    run_updates(opt, steps=1, seed=1)  # gradients everywhere first, then zeros
    rng = np.random.default_rng(5)
    params = {k: rng.standard_normal(v.shape).astype(np.float32) for k, v in opt.m.items()}
    for _ in range(900):
        grads = {k: np.zeros_like(v) for k, v in params.items()}
        opt.update(params, grads)
    tiny = np.finfo(np.float32).tiny
    for m in opt.m.values():
        assert not np.any((m != 0) & (np.abs(m) < tiny))
        assert np.abs(m).max() < 1e-26  # what is left is far too small to move a weight


def test_fast_optimizer_falls_back_to_the_readable_ones():
    assert isinstance(fast_optimizer("adam", 1e-3), InPlaceAdam)
    assert isinstance(fast_optimizer("sgd", 0.1), InPlaceSGD)
    assert type(fast_optimizer("momentum", 0.1)) is Momentum
    assert fast_optimizer("adam", 3e-3).lr == 3e-3


# ---- numerical gradient -------------------------------------------------------------------------
@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_fast_numerical_gradient_equals_the_lessons_element_loop(activation):
    net = TwoLayerNet(784, 4, 10, activation=activation, init="he", seed=4)
    images, labels = digits(8, seed=3)
    x = images / 255.0
    loop = {k: numerical_gradient(lambda _: net.loss(x, labels), net.params[k]) for k in PARAM_NAMES}
    fast, loss = numerical_gradient_fast(net.params, x, labels, activation, return_loss=True)
    assert loss == pytest.approx(net.loss(x, labels), rel=1e-12)
    for k in PARAM_NAMES:
        assert fast[k].shape == net.params[k].shape
        assert max_rel(fast[k], loop[k]) < 1e-8, k
    # and it is the gradient: backprop agrees to the accuracy of a central difference
    bp = net.gradient(x, labels)
    for k in PARAM_NAMES:
        assert max_rel(fast[k], bp[k]) < 1e-6, k


# ---- prediction ---------------------------------------------------------------------------------
@pytest.mark.parametrize("activation,dtype", [("sigmoid", np.float64), ("relu", np.float32)])
def test_chunked_prediction_equals_the_readable_predict(activation, dtype):
    net = TwoLayerNet(784, 16, 10, 1.0, activation=activation, seed=6, dtype=dtype)
    images, _ = digits(2345, seed=5)
    expected = np.argmax(net.predict(images.astype(dtype) / dtype(255)), axis=1)
    np.testing.assert_array_equal(predict_labels(net.params, images, activation, chunk=1000), expected)


# ---- the trainer's speed settings ---------------------------------------------------------------
def tiny_data(n=1000):
    x, t = digits(n, seed=7)
    xt, tt = digits(200, seed=8)
    return SimpleNamespace(x_train=x, t_train=t, x_test=xt, t_test=tt)


@pytest.fixture
def drawn_batches(monkeypatch):
    """The row numbers of every batch the trainer trains on, in order (recorded as BackpropStep.train_on is
    called).
    """
    seen = []
    train_on = BackpropStep.train_on

    def recording(self, images, index, labels, **kw):
        seen.append(np.array(index))
        return train_on(self, images, index, labels, **kw)

    monkeypatch.setattr(BackpropStep, "train_on", recording)
    return seen


def test_shuffled_epochs_visit_every_image_once(drawn_batches):
    seen = drawn_batches
    cfg = TrainConfig(batch_size=100, epochs=2, sampling="shuffle", eval_every_epoch=False)
    Trainer(cfg, tiny_data()).run()
    assert len(seen) == 20
    for epoch in (seen[:10], seen[10:]):
        assert sorted(np.concatenate(epoch)) == list(range(1000))
    assert not np.array_equal(np.concatenate(seen[:10]), np.concatenate(seen[10:]))  # a new order each epoch


def test_the_trainers_sgd_is_the_lessons_loop(drawn_batches):
    """The trainer's float32 loop (scaled gradients added in place) follows the lesson's float64 loop.

    The batches the trainer draws are recorded, then replayed through the readable network and
    the readable SGD from the same starting weights: after 60 steps the weights still agree to
    float32 precision, and so do the changes the 60 updates made: no step skipped, doubled or scaled wrongly.
    """
    seen = drawn_batches
    data = tiny_data()
    start = TwoLayerNet(784, 50, 10, 0.01, seed=11, dtype=np.float32)
    before = {k: v.astype(np.float64) for k, v in start.params.items()}
    ref = TwoLayerNet.from_params({k: v.copy() for k, v in before.items()}, "sigmoid")
    result = Trainer(TrainConfig(iters=60, eval_every_epoch=False), data, net=start).run()
    assert len(seen) == 60 and len({tuple(i) for i in seen}) == 60  # a fresh random batch each step

    sgd, losses = SGD(0.1), []
    for index in seen:
        x, t = data.x_train[index] / 255.0, data.t_train[index]
        losses.append(ref.loss(x, t))
        sgd.update(ref.params, ref.gradient(x, t))
    np.testing.assert_allclose(result.losses, losses, rtol=1e-5)
    for k in PARAM_NAMES:  # what the 60 updates added up to, on both sides
        moved, ref_moved = result.params[k] - before[k], ref.params[k] - before[k]
        assert np.abs(ref_moved).max() > 0
        assert max_rel(moved, ref_moved) < 1e-3, k


def test_training_leaves_the_blas_thread_count_as_it_found_it():
    before = [i["num_threads"] for i in threadpool_info()]
    Trainer(TrainConfig(iters=5, blas_threads=1), tiny_data()).run()
    assert [i["num_threads"] for i in threadpool_info()] == before


def test_evaluation_time_is_part_of_the_reported_seconds():
    r = Trainer(TrainConfig(batch_size=100, epochs=3), tiny_data()).run()
    assert len(r.epochs) == 3
    assert 0 < r.eval_seconds < r.seconds


def test_numerical_training_uses_the_fast_gradient(monkeypatch):
    calls = []
    real = kernels.numerical_gradient_fast

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("mnist_studio.core.run.numerical_gradient_fast", counting)
    r = Trainer(
        TrainConfig(hidden_size=5, method="numerical", iters=3, eval_every_epoch=False), tiny_data()
    ).run()
    assert len(calls) == 3 and r.status == "completed"


def test_the_fast_preset_is_what_the_bench_measures():
    cfg = preset_config("fast")
    assert (cfg.hidden_size, cfg.activation, cfg.optimizer, cfg.sampling, cfg.lr_decay) == (
        256,
        "relu",
        "adam",
        "shuffle",
        "cosine",
    )
    assert cfg.validate() is cfg
