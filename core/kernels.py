"""The fast kernels: the same backprop, weight updates, numerical gradient and predictions as TwoLayerNet and
the optimizers, with buffers allocated once, so training runs at the speed of the matrix multiplies.

The arithmetic is the lesson's, line for line; only where the numbers live changes: every
intermediate array is made once and refilled each step with ``out=`` arguments, and the batch
of uint8 pixels is turned into floats in place. The readable TwoLayerNet (network.py) and
optimizers.py are the reference: tests/test_kernels.py checks these against them.

The two big matrix products (x W1 forward, x^T dL/da1 for the W1 gradient) take most of a
step; the rest is a few dozen small NumPy calls of about a microsecond each. That is why sums
over the batch are products with a vector of ones (one BLAS call, not a reduction) and single
elements are picked by flat index. `mnist-studio bench` (benchmarks/bench.py) measures it all.
"""

from __future__ import annotations

import numpy as np

from .functions import CROSS_ENTROPY_DELTA, relu, sigmoid
from .network import NUMERICAL_H, PARAM_NAMES, forward_pass
from .optimizers import SGD, Adam, make_optimizer, zeros_like_each
from .regularization import add_weight_decay, weight_decay_loss

_INV255 = np.float32(1.0 / 255.0)
_FLUSH = np.float32(1e-20)
_EXP_CAP = np.float32(60.0)  # the sigmoid's exp(-a1) is taken of at most this (see BackpropStep)


def _edge_columns(hidden: int) -> int:
    """Where to cut the two big products' columns (0: do not cut), for a hidden layer this wide.

    OpenBLAS computes a product in panels of 16 columns; with 50 hidden units the last panel
    holds 2 columns and runs far below full speed, so multiplying the 48 columns and the 2
    columns as two products is faster. Widths that leave 5-15 columns over gain nothing, so only
    a thin edge of 1-4 columns is cut off.
    """
    rest = hidden % 16
    return hidden - rest if hidden >= 32 and 1 <= rest <= 4 else 0


def _product(a: np.ndarray, b: np.ndarray, out: np.ndarray, edge: int) -> None:
    """out = a @ b, as one product or, if edge > 0, as columns [:edge] and [edge:] apart (see
    _edge_columns).
    """
    if edge:
        np.matmul(a, b[:, :edge], out=out[:, :edge])
        np.matmul(a, b[:, edge:], out=out[:, edge:])
    else:
        np.dot(a, b, out=out)


class BackpropStep:
    """One training step's forward and backward pass for fixed sizes, reusing its arrays between steps.

    With `pixels` (see blank_pixels.py) the batches hold only those input pixels, and the step
    trains its own copy of their rows of W1: `train_params` is what the optimizer updates, and
    `sync()` copies the trained rows back into `params` (the other rows never change).
    """

    def __init__(
        self,
        params: dict,
        batch_size: int,
        activation: str = "sigmoid",
        pixels: np.ndarray | None = None,
        *,
        weight_decay: float = 0.0,
        dropout: float = 0.0,
        rng: np.random.Generator | None = None,
    ):
        """weight_decay, dropout: as TwoLayerNet's (regularization.py); rng draws the dropout masks. Weight
        decay pulls every row of W1 towards 0, so it needs all the pixels (pixels=None)."""
        if weight_decay and pixels is not None:
            raise ValueError("weight decay changes every row of W1: train all pixels (pixels=None)")
        self.params = params
        self.weight_decay, self.dropout = float(weight_decay), float(dropout)
        self.activation = activation
        self.pixels = pixels
        if pixels is None:
            self.train_params = params
        else:
            self.train_params = dict(params, W1=np.ascontiguousarray(params["W1"][pixels]))
        W1, W2 = self.train_params["W1"], params["W2"]
        dt = W1.dtype
        n, (d, h), c = batch_size, W1.shape, W2.shape[1]
        self.n = n
        self.x = np.empty((n, d), dt)
        self.x_u8 = np.empty((n, d), np.uint8)
        self.a1 = np.empty((n, h), dt)  # hidden pre-activation, then reused for its slope
        self.z1 = np.empty((n, h), dt)
        self.y = np.empty((n, c), dt)  # scores, then probabilities, then d(loss)/d(scores)
        self.d_hidden = np.empty((n, h), dt)  # dL/dz1, then (times the slope, in place) dL/da1
        self.row = np.empty((n, 1), dt)  # one number per image: its max score, then its sum
        self.y_t = np.empty(n, dt)  # probability of the right digit
        self.ones_n = np.ones(n, dt)
        self.ones_c = np.ones((c, 1), dt)
        self.first_of_row = np.arange(n) * c  # y.ravel()[first_of_row + label] is y[row, label]
        self.flat = np.empty(n, np.intp)
        self.col = np.empty(n, np.intp)
        self.log_y_t = np.empty(n, dt)
        self.grads = {k: np.empty_like(v) for k, v in self.train_params.items()}
        self.edge = _edge_columns(h)
        self.decay_tmp = None
        if weight_decay:
            self.decay_tmp = {k: np.empty_like(self.train_params[k]) for k in ("W1", "W2")}
        if dropout:
            self.rng = rng if rng is not None else np.random.default_rng()
            self.draws = np.empty((n, h), dt)
            self.mask = np.empty((n, h), bool)  # the last step's mask: True for the units left on

    def sync(self) -> None:
        """Write the trained rows of W1 back into params (nothing to do when all pixels are trained)."""
        if self.pixels is not None:
            self.params["W1"][self.pixels] = self.train_params["W1"]

    def load_batch_uint8(self, images_u8: np.ndarray, index: np.ndarray) -> np.ndarray:
        """Gather the rows `index` of the uint8 images into the float batch buffer, scaled to 0..1."""
        np.multiply(images_u8[index], _INV255, out=self.x)
        return self.x

    def train_on(self, images_u8: np.ndarray, index: np.ndarray, labels: np.ndarray, scale: float = 1.0):
        """Loss and gradients (times `scale`) for the uint8 images at rows `index`: the same as
        self(load_batch_uint8(...), labels), a little faster.

        The batch keeps its pixel values 0..255 and the division by 255 is applied to the two
        products it enters instead (x W1 and x^T dA1: 100x50 numbers each rather than 100x784).
        `index` must hold valid row numbers: the gather uses mode="clip", which skips the bounds
        check's extra copy through a buffer.
        """
        n = len(index)
        x_u8, x = self.x_u8[:n], self.x[:n]
        images_u8.take(index, axis=0, out=x_u8, mode="clip")
        np.copyto(x, x_u8)
        return self(x, labels, x_scale=_INV255 if x.dtype == np.float32 else 1.0 / 255.0, scale=scale)

    def __call__(self, x: np.ndarray, labels: np.ndarray, x_scale=None, scale: float = 1.0):
        """Loss of the batch (a float) and the gradients times `scale` (in self.grads) for inputs x (times
        x_scale, if given) and integer labels.

        SGD passes scale = -lr: the gradients then come out as the weight changes themselves, at no
        extra cost (the factor rides on a multiplication the backward pass does anyway), and the
        update is one addition per weight array instead of a multiplication and a subtraction.
        """
        p, g = self.train_params, self.grads
        a1, z1, y, d_hidden = self.a1, self.z1, self.y, self.d_hidden
        row, y_t, log_y_t, ones_n, flat, col = (
            self.row,
            self.y_t,
            self.log_y_t,
            self.ones_n,
            self.flat,
            self.col,
        )
        first_of_row = self.first_of_row
        n = x.shape[0]
        if n != self.n:  # a smaller last batch: use views of the buffers
            a1, z1, y, d_hidden, row, y_t, log_y_t, ones_n, flat, col, first_of_row = (
                b[:n] for b in (a1, z1, y, d_hidden, row, y_t, log_y_t, ones_n, flat, col, first_of_row)
            )
        # Array methods (y.argmax, a.take) and ufunc.reduce rather than np.argmax, np.take or
        # a.sum(): the same C code without a Python wrapper in front.
        y_flat, row0 = y.reshape(-1), row[:, 0]

        # forward: a1 = x W1 + b1, z1 = act(a1), a2 = z1 W2 + b2, y = softmax(a2)
        _product(x, p["W1"], a1, self.edge)
        if self.activation == "sigmoid":  # 1 / (1 + exp(-a1)), with -a1 = (x W1) (-x_scale) - b1 made in z1
            if x_scale is not None:
                np.multiply(a1, -x_scale, out=z1)
            else:
                np.negative(a1, out=z1)
            z1 -= p["b1"]
            # Saturated units (large weights: Adam at lr 0.1 grows them 25-fold) gave exp(87..88) and a z1
            # of 1e-38, a subnormal float, or overflowed exp to inf. Capped at 60, z1 is at least 8.8e-27
            # (nothing to the sums it enters) and every number after it stays normal (see dA1 below).
            np.minimum(z1, _EXP_CAP, out=z1)
            np.exp(z1, out=z1)
            z1 += 1.0
            np.reciprocal(z1, out=z1)
        else:  # max(a1, 0); a1 is kept for the slope
            if x_scale is not None:
                a1 *= x_scale
            a1 += p["b1"]
            np.maximum(a1, 0, out=z1)
        if self.dropout:  # switch off each hidden unit with probability `dropout` (a fresh mask per step)
            mask, draws = self.mask[:n], self.draws[:n]
            self.rng.random(out=draws, dtype=draws.dtype)
            np.greater(draws, self.dropout, out=mask)
            z1 *= mask
        np.dot(z1, p["W2"], out=y)
        y += p["b2"]
        # Subtract each row's max so exp cannot overflow. Elements are picked by flat index,
        # y.ravel()[first_of_row + column], which is cheaper than y.max(axis=1) or y[rows, labels].
        y.argmax(axis=1, out=col)
        col += first_of_row
        y_flat.take(col, out=row0)
        y -= row
        np.exp(y, out=y)
        np.dot(y, self.ones_c, out=row)
        y /= row

        # the probability of the right digit
        np.add(first_of_row, labels, out=flat)
        y_flat.take(flat, out=y_t)
        y_t_delta = row0
        np.add(y_t, CROSS_ENTROPY_DELTA, out=y_t_delta)
        np.log(y_t_delta, out=log_y_t)
        loss = -float(np.add.reduce(log_y_t)) / n
        if self.weight_decay:
            loss += weight_decay_loss(p, self.weight_decay)

        # backward: dy = (y - onehot) * y_t/(y_t+delta) / n (see TwoLayerNet.gradient for the factor),
        # times `scale`, which every gradient below inherits from dy
        y_flat[flat] -= 1.0
        y_t /= y_t_delta
        if scale == 1.0:
            y_t /= n
        else:
            y_t *= scale / n
        y *= y_t.reshape(n, 1)
        np.dot(z1.T, y, out=g["W2"])
        np.dot(ones_n, y, out=g["b2"])
        np.dot(y, p["W2"].T, out=d_hidden)  # dL/dz1
        if self.dropout:
            d_hidden *= mask  # a unit switched off passed nothing forward, so takes no blame back
        if self.activation == "sigmoid":  # slope z1 * (1 - z1), built in a1's buffer
            np.subtract(1.0, z1, out=a1)
            a1 *= z1
            d_hidden *= a1  # now dL/da1
            # A saturated unit's tiny slope times a small dL/da1 falls below 1.2e-38 into subnormal floats
            # (11% of it after 1,500 steps of Adam at lr 0.1), which the x^T dL/da1 product below then
            # multiplies 717 times each; CPUs that handle subnormals in microcode do that ~100x slower.
            # As in InPlaceAdam: numbers under 1e-27 become 0, numbers over 2e-13 stay exactly as they were.
            d_hidden += _FLUSH
            d_hidden -= _FLUSH
        else:  # slope 1 where a1 > 0, else 0
            d_hidden *= a1 > 0
        np.dot(ones_n, d_hidden, out=g["b1"])
        if x_scale is not None:
            d_hidden *= x_scale  # x^T (s dL/da1) = (s x)^T dL/da1
        _product(x.T, d_hidden, g["W1"], self.edge)
        if self.weight_decay:  # + lambda W (times scale, like the rest)
            add_weight_decay(g, p, self.weight_decay, scale, self.decay_tmp)
        return loss, g


# ---- weight updates without temporary arrays --------------------------------------------------
class InPlaceSGD(SGD):
    """optimizers.SGD with its one temporary array made once: the same numbers, bit for bit."""

    def __init__(self, lr=0.01):
        super().__init__(lr)
        self._tmp = None

    def update(self, params, grads):
        if self._tmp is None:
            self._tmp = {k: np.empty_like(v) for k, v in params.items()}
        for key in params:
            tmp = self._tmp[key]
            np.multiply(grads[key], self.lr, out=tmp)  # w <- w - lr * grad
            params[key] -= tmp

    def gradient_scale(self) -> float:
        """The factor for BackpropStep's `scale` that makes its gradients this step's weight changes (-lr)."""
        return -self.lr

    def add_changes(self, params, changes):
        """The update when the gradients came scaled by gradient_scale(): w <- w + (-lr * grad), one addition
        per array.
        """
        for key in params:
            params[key] += changes[key]


class InPlaceAdam(Adam):
    """optimizers.Adam with its temporary arrays made once (the readable one allocates seven per weight array
    per step): the same numbers, bit for bit.
    """

    def update(self, params, grads):
        if self.m is None:
            self.m = zeros_like_each(params)
            self.v = zeros_like_each(params)
            self._tmp = {k: (np.empty_like(v), np.empty_like(v)) for k, v in params.items()}
        self.iter += 1
        lr_t = float(self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter))
        for key in params:
            g, m, v = grads[key], self.m[key], self.v[key]
            t, u = self._tmp[key]
            np.subtract(g, m, out=t)  # m += (1 - beta1) * (g - m)
            t *= 1 - self.beta1
            m += t
            # Where a weight's gradient is 0 (a pixel blank in the whole batch), m decays by 0.9 a step
            # into subnormal floats (below 1.2e-38), which CPUs handle ~100x slower than normal
            # ones. Adding and taking away 1e-20 keeps m out of that
            # range: numbers under 1e-27 become 0 (or 8e-28), numbers over 2e-13 stay exactly as they
            # were, and the ones between move by less than 1e-27, far too little to move a weight.
            m += _FLUSH
            m -= _FLUSH
            np.multiply(g, g, out=t)  # v += (1 - beta2) * (g * g - v)
            t -= v
            t *= 1 - self.beta2
            v += t
            np.sqrt(v, out=t)  # w -= lr_t * m / (sqrt(v) + 1e-7)
            t += 1e-7
            np.multiply(m, lr_t, out=u)
            u /= t
            params[key] -= u


_IN_PLACE = {"sgd": InPlaceSGD, "adam": InPlaceAdam}


def fast_optimizer(name: str, lr: float):
    """The optimizer called name, as its in-place twin where there is one (SGD, Adam), else the readable
    one.
    """
    if name in _IN_PLACE:
        return _IN_PLACE[name](lr=lr)
    return make_optimizer(name, lr)


# ---- the numerical gradient, with each nudge's loss in as few array passes as possible ----------------
def _losses_after_nudge(M, E, E_t_index):
    """-log(p_label + delta) for every nudge, where M holds exp(change of each score) along its last axis.

    E = exp(a2 - max a2) of each image, broadcast against M; softmax(a2 + change) is
    E * exp(change) / sum(E * exp(change)), the same numbers the readable softmax gives.
    """
    M *= E
    total = M.sum(axis=-1)
    picked = np.take_along_axis(M, E_t_index, axis=-1)[..., 0]
    picked /= total
    picked += CROSS_ENTROPY_DELTA
    np.log(picked, out=picked)
    return np.negative(picked, out=picked)


def numerical_gradient_fast(
    params, x, labels, activation="sigmoid", h=NUMERICAL_H, chunk=256, return_loss=False
):
    """The central-difference gradient (loss(w+h) - loss(w-h)) / 2h of every weight, h = 1e-4, float64: the
    numbers of
    the lesson's element loop (functions.numerical_gradient), computed group by group.

    The loss is a mean over images, so loss(w+h) - loss(w-h) is the mean of each image's change; a
    nudge of W1[i, j] moves hidden unit j only, and only for images whose pixel i is not 0, so
    images a nudge cannot affect are skipped. The loss is rewritten so that each nudge costs
    one exp per output score: exp(a2 + change - max) = exp(a2 - max) * exp(change), and
    exp(a2 - max) is computed once. W1 nudges go a chunk of (image, pixel) pairs at a time, small
    enough that the (pairs, hidden, outputs) arrays stay in the CPU's cache.
    """
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=np.float64) for k in PARAM_NAMES)
    x = np.asarray(x, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.intp)
    act = sigmoid if activation == "sigmoid" else relu
    n, C = x.shape[0], W2.shape[1]
    a1, z1, a2, _ = forward_pass({"W1": W1, "b1": b1, "W2": W2, "b2": b2}, x, act)
    E = np.exp(a2 - a2.max(axis=1, keepdims=True))  # (n, C)
    lab = labels.reshape(n, 1)
    grads = {}

    def central(plus, minus):
        return (plus - minus) / (2 * h)

    # b2[k]: score k of every image moves by +-h
    eye = np.eye(C)
    idx3 = lab[:, None, :]
    lp = _losses_after_nudge(np.broadcast_to(np.exp(h * eye), (n, C, C)).copy(), E[:, None, :], idx3)
    lm = _losses_after_nudge(np.broadcast_to(np.exp(-h * eye), (n, C, C)).copy(), E[:, None, :], idx3)
    grads["b2"] = central(lp, lm).sum(axis=0) / n

    # W2[j, k]: score k moves by +-h * z1[:, j]
    idx4 = lab[:, None, None, :]
    shift = z1[:, :, None, None] * eye  # (n, H, C, C)
    lp = _losses_after_nudge(np.exp(h * shift), E[:, None, None, :], idx4)
    lm = _losses_after_nudge(np.exp(-h * shift), E[:, None, None, :], idx4)
    grads["W2"] = central(lp, lm).sum(axis=0) / n

    # a hidden unit j that moves by dz moves every score k by dz * W2[j, k]
    W2T = np.ascontiguousarray(W2.T)  # (C, H): the hidden axis last, where the long loops run fastest
    E_t = E[np.arange(n), labels]

    def hidden_nudge_losses(dz, rows):
        """Loss of image rows[p] when its hidden unit j moves by dz[p, j], for every p and j: (P, H)."""
        X = dz[:, None, :] * W2T  # (P, C, H): the change of each score
        np.exp(X, out=X)
        total = np.matmul(E[rows][:, None, :], X)[:, 0, :]  # sum over scores of E * exp(change)
        picked = np.exp(
            dz * W2T[labels[rows]]
        )  # exp(change) of the right digit's score: the same numbers as in X
        picked *= E_t[rows][:, None]
        picked /= total
        picked += CROSS_ENTROPY_DELTA
        np.log(picked, out=picked)
        return np.negative(picked, out=picked)

    everyone = np.arange(n)
    lp = hidden_nudge_losses(act(a1 + h) - z1, everyone)
    lm = hidden_nudge_losses(act(a1 - h) - z1, everyone)
    grads["b1"] = central(lp, lm).sum(axis=0) / n

    # W1[i, j]: for each image r with x[r, i] != 0, hidden unit j moves by act(a1 + h x[r, i]) - z1
    gW1 = np.zeros_like(W1)
    rows, cols = np.nonzero(x)
    for s in range(0, rows.size, chunk):
        r, c = rows[s : s + chunk], cols[s : s + chunk]
        step = (h * x[r, c])[:, None]
        lp = hidden_nudge_losses(act(a1[r] + step) - z1[r], r)
        lm = hidden_nudge_losses(act(a1[r] - step) - z1[r], r)
        np.add.at(gW1, c, central(lp, lm))
    grads["W1"] = gW1 / n
    if return_loss:
        p_t = E[everyone, labels] / E.sum(axis=1)
        return grads, float(-np.log(p_t + CROSS_ENTROPY_DELTA).mean())
    return grads


def predict_labels(params: dict, images_u8: np.ndarray, activation: str, chunk: int = 1000) -> np.ndarray:
    """The most probable digit for each row of uint8 images, a chunk at a time (one float buffer of chunk
    rows, reused).
    """
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    scale = _INV255 if W1.dtype == np.float32 else 1.0 / 255.0
    out = np.empty(images_u8.shape[0], dtype=np.intp)
    buf = np.empty((min(chunk, images_u8.shape[0]), W1.shape[0]), W1.dtype)
    for s in range(0, images_u8.shape[0], chunk):
        rows = images_u8[s : s + chunk]
        x = buf[: rows.shape[0]]
        np.multiply(rows, scale, out=x)
        a1 = x @ W1
        a1 += b1
        if activation == "sigmoid":  # 1 / (1 + exp(-a1)), in place
            np.negative(a1, out=a1)
            np.exp(a1, out=a1)
            a1 += 1.0
            np.reciprocal(a1, out=a1)
        else:
            np.maximum(a1, 0, out=a1)
        # the most probable digit is the largest score: no need for softmax here
        out[s : s + chunk] = np.argmax(a1 @ W2 + b2, axis=1)
    return out
