"""Each optimizer's first steps against the update rule worked out by hand."""

import numpy as np
import pytest

from mnist_studio.core.optimizers import OPTIMIZERS, make_optimizer


def steps(name, grads, lr=0.1, dtype=np.float64):
    opt = make_optimizer(name, lr)
    params = {"w": np.array([1.0], dtype=dtype)}
    out = []
    for g in grads:
        opt.update(params, {"w": np.array([g], dtype=dtype)})
        out.append(float(params["w"][0]))
    return out


def test_sgd():
    assert steps("sgd", [0.5, 0.5]) == pytest.approx([0.95, 0.90])


def test_momentum():
    # v1 = -0.05, w = 0.95; v2 = 0.9 * -0.05 - 0.05 = -0.095, w = 0.855
    assert steps("momentum", [0.5, 0.5]) == pytest.approx([0.95, 0.855])


def test_nesterov_is_the_books_corrected_form():
    # The corrected update moves w with the previous velocity, then updates the velocity:
    # step 1: v = 0, w = 1 + 0.81 * 0 - 1.9 * 0.1 * 0.5 = 0.905; v = -0.05
    # step 2: w = 0.905 + 0.81 * -0.05 - 0.095 = 0.7695; v = 0.9 * -0.05 - 0.05 = -0.095
    # step 3 (g = 0): w = 0.7695 + 0.81 * -0.095 = 0.69255
    # (the first printing's order gives 0.8645 after step 1)
    assert steps("nesterov", [0.5, 0.5, 0.0]) == pytest.approx([0.905, 0.7695, 0.69255], abs=1e-12)


def test_adagrad():
    # h = 0.25, step = 0.1 * 0.5 / 0.5 = 0.1; then h = 0.5, step = 0.1 * 0.5 / sqrt(0.5)
    assert steps("adagrad", [0.5, 0.5]) == pytest.approx([0.9, 0.9 - 0.1 * 0.5 / np.sqrt(0.5)], rel=1e-6)


def test_adagrad_keeps_epsilon_outside_the_square_root():
    # A tiny gradient tells the forms apart: h = 1e-8, sqrt(h) = 1e-4,
    # step = 0.1 * 1e-4 / (1e-4 + 1e-7) = 0.0999001; with the 1e-7 under the root it would be
    # 0.1 * 1e-4 / sqrt(1.1e-7) = 0.0302.
    assert steps("adagrad", [1e-4]) == pytest.approx([1 - 0.1 / 1.001], abs=1e-9)


def test_rmsprop():
    # h = 0.01 * 0.25, step = 0.1 * 0.5 / 0.05 = 1.0
    assert steps("rmsprop", [0.5]) == pytest.approx([0.0], abs=1e-5)


def test_adam_first_step_is_lr_times_sign():
    # bias-corrected m / sqrt(v) = g / |g| on the first step
    assert steps("adam", [0.5], lr=0.001) == pytest.approx([0.999], abs=1e-8)
    assert steps("adam", [-3.0], lr=0.001) == pytest.approx([1.001], abs=1e-8)


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_float32_weights_stay_float32_and_descend(name):
    opt = make_optimizer(name, 0.01)
    params = {"w": np.array([3.0, -2.0], dtype=np.float32)}
    for _ in range(200):  # minimise w^2: the gradient is 2w
        opt.update(params, {"w": 2 * params["w"]})
    assert params["w"].dtype == np.float32
    assert np.all(np.abs(params["w"]) < [3.0, 2.0])  # every rule moves downhill


def test_unknown_optimizer_is_named():
    with pytest.raises(ValueError, match="sgdd"):
        make_optimizer("sgdd", 0.1)
