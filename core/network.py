"""The lesson's two-layer network: x -> W1,b1 -> sigmoid (or ReLU) -> W2,b2 -> softmax, with its loss and both ways to get the gradient.

The method names and what they take and return are the lesson's (predict, loss, accuracy,
numerical_gradient, gradient), so the lesson's training loop runs on this class unchanged.
"""

from __future__ import annotations

import numpy as np

from .functions import (
    CROSS_ENTROPY_DELTA,
    as_labels,
    cross_entropy_error,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    softmax,
)

ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_grad), "relu": (relu, relu_grad)}
INITS = ("std", "xavier", "he")
PARAM_NAMES = ("W1", "b1", "W2", "b2")

#: The step of the central difference, as in the lesson.
NUMERICAL_H = 1e-4


def init_scale(init: str, fan_in: int, weight_init_std: float) -> float:
    """How large the first random weights are: the lesson's fixed std, or scaled to the layer's fan-in (Xavier: 1/sqrt(n), He: sqrt(2/n))."""
    if init == "std":
        return weight_init_std
    if init == "xavier":
        return float(np.sqrt(1.0 / fan_in))
    if init == "he":
        return float(np.sqrt(2.0 / fan_in))
    raise ValueError(f"unknown weight init {init!r}; choose one of {', '.join(INITS)}")


class TwoLayerNet:
    """A network with one hidden layer: params W1 (input x hidden), b1, W2 (hidden x output), b2."""

    def __init__(
        self,
        input_size: int = 784,
        hidden_size: int = 50,
        output_size: int = 10,
        weight_init_std: float = 0.01,
        *,
        activation: str = "sigmoid",
        init: str = "std",
        seed=None,
        dtype=np.float64,
    ):
        if activation not in ACTIVATIONS:
            raise ValueError(f"unknown activation {activation!r}; choose sigmoid or relu")
        self.activation = activation
        self.init = init
        self._act, self._act_grad = ACTIVATIONS[activation]
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        s1 = init_scale(init, input_size, weight_init_std)
        s2 = init_scale(init, hidden_size, weight_init_std)
        self.params = {
            "W1": (s1 * rng.standard_normal((input_size, hidden_size))).astype(dtype),
            "b1": np.zeros(hidden_size, dtype=dtype),
            "W2": (s2 * rng.standard_normal((hidden_size, output_size))).astype(dtype),
            "b2": np.zeros(output_size, dtype=dtype),
        }

    @classmethod
    def from_params(cls, params: dict, activation: str = "sigmoid") -> "TwoLayerNet":
        """A network that uses the given weights (e.g. loaded from a model file)."""
        W1, W2 = params["W1"], params["W2"]
        net = cls(W1.shape[0], W1.shape[1], W2.shape[1], activation=activation, seed=0, dtype=W1.dtype)
        net.params = {k: np.array(params[k], copy=True) for k in PARAM_NAMES}
        return net

    @property
    def sizes(self) -> tuple[int, int, int]:
        """(inputs, hidden units, outputs)."""
        W1, W2 = self.params["W1"], self.params["W2"]
        return W1.shape[0], W1.shape[1], W2.shape[1]

    # ---- forward -------------------------------------------------------------------------
    def forward(self, x):
        """Every layer's values for each row of x: (a1, z1, a2, y) = hidden sums, hidden outputs, output scores, probabilities."""
        W1, W2 = self.params["W1"], self.params["W2"]
        b1, b2 = self.params["b1"], self.params["b2"]
        a1 = np.dot(x, W1) + b1
        z1 = self._act(a1)
        a2 = np.dot(z1, W2) + b2
        return a1, z1, a2, softmax(a2)

    def predict(self, x):
        """The ten probabilities for each row of x (softmax of the output scores)."""
        return self.forward(x)[3]

    def loss(self, x, t):
        """Cross-entropy of the predictions against t (one-hot rows or labels)."""
        y = self.predict(x)
        return cross_entropy_error(y, t)

    def accuracy(self, x, t):
        """Fraction of rows of x whose most probable digit is the right one."""
        y = np.argmax(self.predict(x), axis=1)
        return float(np.sum(y == as_labels(t)) / float(x.shape[0]))

    # ---- backprop ------------------------------------------------------------------------
    def gradient(self, x, t):
        """The gradient of the loss by backpropagation: the chain rule, layer by layer, from the loss back to W1."""
        W1, W2 = self.params["W1"], self.params["W2"]
        b1, b2 = self.params["b1"], self.params["b2"]
        labels = as_labels(t)
        n = x.shape[0]
        rows = np.arange(n)

        a1 = np.dot(x, W1) + b1
        z1 = self._act(a1)
        a2 = np.dot(z1, W2) + b2
        y = softmax(a2)

        # d(-log(y_t + delta))/da2 = (y - onehot) * y_t / (y_t + delta). The lesson drops the last
        # factor (it is 1 - 1e-6 at worst); keeping it makes backprop the exact derivative of the
        # loss that the numerical gradient differentiates, so the two agree to ~1e-9, not ~1e-6.
        y_t = y[rows, labels]
        dy = y.copy()
        dy[rows, labels] -= 1.0
        dy *= (y_t / (y_t + CROSS_ENTROPY_DELTA))[:, None] / n

        grads = {}
        grads["W2"] = np.dot(z1.T, dy)
        grads["b2"] = np.sum(dy, axis=0)
        da1 = np.dot(dy, W2.T)
        dz1 = self._act_grad(a1) * da1
        grads["W1"] = np.dot(x.T, dz1)
        grads["b1"] = np.sum(dz1, axis=0)
        return grads

    # ---- numerical gradient --------------------------------------------------------------
    def numerical_gradient(self, x, t):
        """The gradient by central differences, (loss(w+h) - loss(w-h)) / 2h for every weight, h = 1e-4, in float64.

        The same numbers as the lesson's loop over all 39,760 weights, but whole groups of nudges are
        computed at once: nudging W1[i, j] only changes hidden unit j, and only for the images whose
        pixel i is not 0, so we recompute just that unit's effect on the ten output scores.
        """
        return numerical_gradient_twolayer(self.params, x, t, self._act)


def _sample_losses(a2, labels, row_max):
    """-log(softmax(a2)[label] + delta) along the last axis; row_max is any number near each row's max (for exp's range)."""
    e = np.exp(a2 - row_max)
    p_t = np.take_along_axis(e, labels, axis=-1)[..., 0] / e.sum(axis=-1)
    return -np.log(p_t + CROSS_ENTROPY_DELTA)


def numerical_gradient_twolayer(params, x, t, act, h=NUMERICAL_H, chunk=2048, return_loss=False):
    """Central-difference gradient of the mean cross-entropy for a two-layer net, vectorised per weight group.

    The loss is a mean over images, so loss(w+h) - loss(w-h) is the mean of each image's change;
    images that a nudge cannot affect contribute exactly 0 and are skipped (as the lesson's loop
    would find, at great cost). Everything is float64 so that the 2h = 2e-4 difference keeps
    about 11 significant digits.
    """
    W1, b1, W2, b2 = (np.asarray(params[k], dtype=np.float64) for k in PARAM_NAMES)
    x = np.asarray(x, dtype=np.float64)
    labels = as_labels(t)
    n = x.shape[0]

    a1 = x @ W1 + b1
    z1 = act(a1)
    a2 = z1 @ W2 + b2
    row_max = a2.max(axis=1, keepdims=True)  # (n, 1)
    lab = labels.reshape(n, 1)

    def central(plus, minus):
        return (plus - minus) / (2 * h)

    grads = {}

    # b2[k]: output score k of every image moves by +-h.
    eye = np.eye(a2.shape[1])
    lp = _sample_losses(a2[:, None, :] + h * eye, lab[:, None, :], row_max[:, None, :])
    lm = _sample_losses(a2[:, None, :] - h * eye, lab[:, None, :], row_max[:, None, :])
    grads["b2"] = central(lp, lm).sum(axis=0) / n

    # W2[j, k]: output score k moves by +-h * z1[:, j].
    shift = z1[:, :, None, None] * eye[None, None, :, :]  # (n, H, C, C)
    base = a2[:, None, None, :]
    lab4, max4 = lab[:, None, None, :], row_max[:, None, None, :]
    lp = _sample_losses(base + h * shift, lab4, max4)
    lm = _sample_losses(base - h * shift, lab4, max4)
    grads["W2"] = central(lp, lm).sum(axis=0) / n

    # b1[j]: hidden unit j of every image moves by +-h, and with it every output score.
    def hidden_nudge_losses(a1_new, z1_old, a2_old, lab_, max_):
        dz = act(a1_new) - z1_old  # (..., H)
        return _sample_losses(a2_old[..., None, :] + dz[..., :, None] * W2, lab_[..., None, :], max_[..., None, :])

    lp = hidden_nudge_losses(a1 + h, z1, a2, lab, row_max)
    lm = hidden_nudge_losses(a1 - h, z1, a2, lab, row_max)
    grads["b1"] = central(lp, lm).sum(axis=0) / n

    # W1[i, j]: for each image n with x[n, i] != 0, hidden unit j moves by +-h * x[n, i].
    gW1 = np.zeros_like(W1)
    rows, cols = np.nonzero(x)
    for start in range(0, rows.size, chunk):
        r, c = rows[start : start + chunk], cols[start : start + chunk]
        step = (h * x[r, c])[:, None]
        lp = hidden_nudge_losses(a1[r] + step, z1[r], a2[r], lab[r], row_max[r])
        lm = hidden_nudge_losses(a1[r] - step, z1[r], a2[r], lab[r], row_max[r])
        np.add.at(gW1, c, central(lp, lm))
    grads["W1"] = gW1 / n
    if return_loss:  # the loss at the unnudged weights comes for free
        return grads, float(_sample_losses(a2, lab, row_max).mean())
    return grads
