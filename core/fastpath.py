"""The same backprop as TwoLayerNet.gradient, in float32 with buffers allocated once, so training runs at the speed of the matrix multiplies.

The arithmetic is the lesson's, line for line; only where the numbers live changes: every
intermediate array is made once and refilled each step with ``out=`` arguments, and the batch
of uint8 pixels is turned into floats in place. A test checks it against the readable version.
"""

from __future__ import annotations

import numpy as np

from .functions import CROSS_ENTROPY_DELTA

_INV255 = np.float32(1.0 / 255.0)


class BackpropStep:
    """One training step's forward and backward pass for fixed sizes, reusing its arrays between steps."""

    def __init__(self, params: dict, batch_size: int, activation: str = "sigmoid"):
        self.params = params
        self.activation = activation
        W1, W2 = params["W1"], params["W2"]
        dt = W1.dtype
        n, (d, h), c = batch_size, W1.shape, W2.shape[1]
        self.n = n
        self.x = np.empty((n, d), dt)
        self.a1 = np.empty((n, h), dt)  # hidden pre-activation, then reused for its slope
        self.z1 = np.empty((n, h), dt)
        self.y = np.empty((n, c), dt)
        self.da1 = np.empty((n, h), dt)
        self.row_tmp = np.empty((n, 1), dt)
        self.rows = np.arange(n)
        self.grads = {k: np.empty_like(v) for k, v in params.items()}

    def load_batch_uint8(self, images_u8: np.ndarray, index: np.ndarray) -> np.ndarray:
        """Gather the rows `index` of the uint8 images into the float batch buffer, scaled to 0..1."""
        np.multiply(images_u8[index], _INV255, out=self.x)
        return self.x

    def __call__(self, x: np.ndarray, labels: np.ndarray):
        """Loss of the batch (a float) and the gradients (in self.grads) for inputs x and integer labels."""
        p, g = self.params, self.grads
        a1, z1, y, da1, rows = self.a1, self.z1, self.y, self.da1, self.rows
        n = x.shape[0]
        if n != self.n:  # a smaller last batch: use views of the buffers
            a1, z1, y, da1, rows = a1[:n], z1[:n], y[:n], da1[:n], rows[:n]

        # forward: a1 = x W1 + b1, z1 = act(a1), a2 = z1 W2 + b2, y = softmax(a2)
        np.dot(x, p["W1"], out=a1)
        a1 += p["b1"]
        if self.activation == "sigmoid":
            np.negative(a1, out=z1)
            np.exp(z1, out=z1)
            z1 += 1.0
            np.reciprocal(z1, out=z1)
        else:
            np.maximum(a1, 0, out=z1)
        np.dot(z1, p["W2"], out=y)
        y += p["b2"]
        y -= y.max(axis=1, keepdims=True)
        np.exp(y, out=y)
        y /= y.sum(axis=1, keepdims=True)

        y_t = y[rows, labels]
        loss = -float(np.log(y_t + CROSS_ENTROPY_DELTA).sum()) / n

        # backward: dy = (y - onehot) * y_t/(y_t+delta) / n (see TwoLayerNet.gradient for the factor)
        scale = y_t / (y_t + CROSS_ENTROPY_DELTA)
        scale /= n
        y[rows, labels] -= 1.0
        y *= scale[:, None]
        np.dot(z1.T, y, out=g["W2"])
        np.sum(y, axis=0, out=g["b2"])
        np.dot(y, p["W2"].T, out=da1)
        if self.activation == "sigmoid":  # slope z1 * (1 - z1), built in a1's buffer
            np.subtract(1.0, z1, out=a1)
            a1 *= z1
            da1 *= a1
        else:
            da1 *= a1 > 0
        np.dot(x.T, da1, out=g["W1"])
        np.sum(da1, axis=0, out=g["b1"])
        return loss, g


def predict_labels(params: dict, images_u8: np.ndarray, activation: str, chunk: int = 2000) -> np.ndarray:
    """The most probable digit for each row of uint8 images, computed a chunk at a time to bound memory."""
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    out = np.empty(images_u8.shape[0], dtype=np.intp)
    for s in range(0, images_u8.shape[0], chunk):
        x = images_u8[s : s + chunk].astype(W1.dtype)
        x *= _INV255 if W1.dtype == np.float32 else 1.0 / 255.0
        a1 = x @ W1 + b1
        # the most probable digit is the largest score: no need for softmax here
        z1 = 1.0 / (1.0 + np.exp(-a1)) if activation == "sigmoid" else np.maximum(a1, 0)
        out[s : s + chunk] = np.argmax(z1 @ W2 + b2, axis=1)
    return out
