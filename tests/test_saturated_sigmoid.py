"""Large weights (what Adam at learning rate 0.1 grows) saturate the sigmoid units: a training step must then
still give normal floats, never subnormal ones, and never overflow."""

from __future__ import annotations

import numpy as np

from mnist_studio.core.kernels import BackpropStep
from mnist_studio.core.network import TwoLayerNet

TINY = np.finfo(np.float32).tiny  # the smallest normal float32; below it (and above 0) a float is subnormal


def subnormal_count(a: np.ndarray) -> int:
    a = np.abs(a)
    return int(((a > 0) & (a < TINY)).sum())


def saturated_case(seed=0, n=100, pixels=717, hidden=50):
    """MNIST-like sparse uint8 images and weights large enough that |x W1| reaches 60-150 for many units."""
    rng = np.random.default_rng(seed)
    images = np.where(rng.random((n, pixels)) < 0.2, rng.integers(128, 256, (n, pixels)), 0).astype(np.uint8)
    params = {
        "W1": rng.normal(0, 8.0, (pixels, hidden)).astype(np.float32),
        "b1": rng.normal(0, 1.0, hidden).astype(np.float32),
        "W2": rng.normal(0, 3.0, (hidden, 10)).astype(np.float32),
        "b2": np.zeros(10, np.float32),
    }
    labels = rng.integers(0, 10, n).astype(np.intp)
    return images, params, labels


def test_a_saturated_step_has_no_subnormal_numbers_and_no_overflow():
    images, params, labels = saturated_case()
    step = BackpropStep(params, len(labels), "sigmoid")
    with np.errstate(over="raise"):  # an exp that overflows to inf is an error here
        step.train_on(images, np.arange(len(labels)), labels)
    hidden = (np.abs(images / 255.0 @ params["W1"].astype(np.float64) + params["b1"]) > 60).mean()
    assert hidden > 0.3  # the case is what it claims: most hidden units are deep in saturation
    for name, a in (("z1", step.z1), ("slope", step.a1), ("dL/da1", step.d_hidden), *step.grads.items()):
        assert subnormal_count(a) == 0, f"{subnormal_count(a)} subnormal numbers in {name}"


def test_a_saturated_step_still_gives_the_readable_gradient():
    images, params, labels = saturated_case(seed=1)
    step = BackpropStep({k: v.copy() for k, v in params.items()}, len(labels), "sigmoid")
    with np.errstate(over="ignore", under="ignore"):
        loss, grads = step.train_on(images, np.arange(len(labels)), labels)
        net = TwoLayerNet.from_params({k: v.astype(np.float64) for k, v in params.items()}, "sigmoid")
        x = images / 255.0
        reference = net.gradient(x, labels)
        expected_loss = net.loss(x, labels)
    assert abs(loss - expected_loss) < 1e-3 * max(1.0, expected_loss)
    for key, g in reference.items():
        # float32 against float64, on the scale of the largest entry (saturated units add ~0 either way)
        np.testing.assert_allclose(
            grads[key], g, rtol=0, atol=1e-4 * float(np.abs(g).max()) + 1e-12, err_msg=key
        )
