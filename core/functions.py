"""The math of the lesson, one small function each: activations, softmax, cross-entropy and the slow
element-by-element numerical gradient.
"""

from __future__ import annotations

import numpy as np

#: Added inside the log of the cross-entropy (as in the lesson) so that log(0) never happens.
CROSS_ENTROPY_DELTA = 1e-7


def sigmoid(x):
    """Squash any number into (0, 1): 1 / (1 + e^-x)."""
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    """Slope of the sigmoid at x: s(x) * (1 - s(x))."""
    s = sigmoid(x)
    return (1.0 - s) * s


def relu(x):
    """Keep positive numbers, replace negative ones by 0."""
    return np.maximum(0, x)


def relu_grad(x):
    """Slope of ReLU: 1 where x > 0, else 0."""
    return (x > 0).astype(x.dtype)


def softmax(x):
    """Turn scores into probabilities that sum to 1 (subtracting the max first so exp never overflows)."""
    x = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


def as_labels(t):
    """Labels as integers 0-9, whether t holds labels already or one-hot rows."""
    t = np.asarray(t)
    if t.ndim == 2:
        return t.argmax(axis=1)
    return t.astype(np.intp, copy=False)


def cross_entropy_error(y, t):
    """The lesson's loss: minus the mean log-probability given to the right digit (t one-hot or labels)."""
    if y.ndim == 1:
        t = np.reshape(t, (1, -1)) if np.size(t) == y.size else np.reshape(t, (1,))
        y = y.reshape(1, y.size)
    if np.size(t) == y.size:
        t = np.asarray(t).argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + CROSS_ENTROPY_DELTA)) / batch_size


def numerical_gradient(f, x, h=1e-4):
    """The lesson's slow gradient: nudge each number of x by +-h, one at a time, and take (f(x+h) - f(x-h)) /
    2h.

    Kept exactly as the lesson writes it; it is the reference the fast version is tested against.
    """
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp_val = x[idx]
        x[idx] = float(tmp_val) + h
        fxh1 = f(x)
        x[idx] = tmp_val - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp_val
        it.iternext()
    return grad
