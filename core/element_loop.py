"""How long the lesson's own numerical gradient would take: its loop nudges one weight at a time and
computes the whole batch's loss twice per weight, so timing a small sample of weights and scaling up
to all of them (39,760 for 784-50-10) gives its time per iteration without waiting days for it.
"""

from __future__ import annotations

import time

import numpy as np
from threadpoolctl import threadpool_limits

from .network import NUMERICAL_H, PARAM_NAMES, TwoLayerNet

SECONDS_PER_DAY = 86400.0


def element_loop_seconds(
    params: dict, x, t, activation: str = "sigmoid", sample: int = 40, seed: int = 0
) -> float:
    """Seconds one iteration of the lesson's element-by-element numerical gradient takes on batch (x, t):
    2 loss evaluations for each of `sample` random weights, timed, then scaled to every weight.
    """
    net = TwoLayerNet.from_params({k: np.asarray(v, np.float64) for k, v in params.items()}, activation)
    x = np.asarray(x, np.float64)
    rng = np.random.default_rng(seed)
    sizes = [net.params[k].size for k in PARAM_NAMES]
    total = sum(sizes)
    picks = rng.integers(0, total, sample)
    bounds = np.cumsum(sizes)
    with threadpool_limits(1, user_api="blas"):  # as the training runs: one BLAS thread, steady timings
        t0 = time.perf_counter()
        _nudge_each(net, x, t, picks, bounds)
        per_weight = (time.perf_counter() - t0) / sample
    return per_weight * total


def _nudge_each(net, x, t, picks, bounds) -> None:
    """The lesson's loop body for each picked weight (a flat index over W1, b1, W2, b2)."""
    for flat in picks:
        k = int(np.searchsorted(bounds, flat, side="right"))
        arr = net.params[PARAM_NAMES[k]].reshape(-1)
        i = int(flat - (bounds[k - 1] if k else 0))
        old = arr[i]
        arr[i] = old + NUMERICAL_H  # exactly the lesson's loop body: f(x + h), f(x - h), restore
        net.loss(x, t)
        arr[i] = old - NUMERICAL_H
        net.loss(x, t)
        arr[i] = old


def days_for(iterations: int, seconds_per_iteration: float) -> float:
    """Days that many iterations would take at this many seconds each."""
    return iterations * seconds_per_iteration / SECONDS_PER_DAY


def lesson_loop_estimate(data, seed: int = 0, batch: int = 100, sample: int = 40) -> float:
    """Seconds per iteration of the lesson's loop for a fresh lesson network on the first `batch` training
    images (the time hardly depends on which images or weights)."""
    net = TwoLayerNet(seed=np.random.default_rng(seed).spawn(4)[0])
    return element_loop_seconds(net.params, data.x_train[:batch] / 255.0, data.t_train[:batch], sample=sample)
