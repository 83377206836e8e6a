"""The lesson's two-layer network: x -> W1,b1 -> sigmoid (or ReLU) -> W2,b2 -> softmax, with its loss and both
ways to get the gradient.

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
from .regularization import dropout_mask, weight_decay_loss

ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_grad), "relu": (relu, relu_grad)}
INITS = ("std", "xavier", "he")
PARAM_NAMES = ("W1", "b1", "W2", "b2")

#: The step of the central difference, as in the lesson.
NUMERICAL_H = 1e-4


def init_scale(init: str, fan_in: int, weight_init_std: float) -> float:
    """How large the first random weights are: the lesson's fixed std, or scaled to the layer's fan-in
    (Xavier: 1/sqrt(n), He: sqrt(2/n)).
    """
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
        weight_decay: float = 0.0,
        dropout: float = 0.0,
    ):
        """weight_decay: the L2 lambda; dropout: the fraction of hidden units switched off per training
        step (regularization.py); both 0 in the lesson."""
        if activation not in ACTIVATIONS:
            raise ValueError(f"unknown activation {activation!r}; choose sigmoid or relu")
        self.activation = activation
        self.init = init
        self._act, self._act_grad = ACTIVATIONS[activation]
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        self.weight_decay, self.dropout = float(weight_decay), float(dropout)
        self.mask_rng = None  # where dropout masks come from (made on first use, after the weights)
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
    def forward(self, x, mask=None):
        """Every layer's values for each row of x: (a1, z1, a2, y) = hidden sums, hidden outputs, output
        scores, probabilities.

        mask: a training step's dropout mask (hidden units left on); without one, a network trained with
        dropout scales its hidden outputs by (1 - ratio), as the book does at test time.
        """
        keep = mask if mask is not None else (1.0 - self.dropout if self.dropout else None)
        return forward_pass(self.params, x, self._act, keep)

    def predict(self, x):
        """The ten probabilities for each row of x (softmax of the output scores)."""
        return self.forward(x)[3]

    def new_mask(self, n: int) -> np.ndarray:
        """A fresh dropout mask for a batch of n images: True for the hidden units left on."""
        if self.mask_rng is None:
            self.mask_rng = np.random.default_rng()
        return dropout_mask(self.mask_rng, (n, self.sizes[1]), self.dropout)

    def loss(self, x, t, mask=None):
        """Cross-entropy of the predictions against t (one-hot rows or labels), plus the weight-decay term;
        with a dropout mask, the loss of that training step.
        """
        y = self.forward(x, mask)[3]
        return cross_entropy_error(y, t) + weight_decay_loss(self.params, self.weight_decay)

    def accuracy(self, x, t):
        """Fraction of rows of x whose most probable digit is the right one."""
        y = np.argmax(self.predict(x), axis=1)
        return float(np.sum(y == as_labels(t)) / float(x.shape[0]))

    # ---- backprop ------------------------------------------------------------------------
    def gradient(self, x, t, mask=None):
        """The gradient of the loss by backpropagation: the chain rule, layer by layer, from the loss back to
        W1. With dropout, a training step: the given mask, or a fresh one.
        """
        W2 = self.params["W2"]
        labels = as_labels(t)
        n = x.shape[0]
        rows = np.arange(n)
        if self.dropout and mask is None:
            mask = self.new_mask(n)

        a1, z1, a2, y = self.forward(x, mask)

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
        dz1 = np.dot(dy, W2.T)  # dL/dz1: how the loss moves with each hidden output
        if mask is not None:
            dz1 *= mask  # a unit switched off passed nothing forward, so takes no blame back
        da1 = self._act_grad(a1) * dz1  # dL/da1: through the activation's slope, to the hidden sums
        grads["W1"] = np.dot(x.T, da1)
        grads["b1"] = np.sum(da1, axis=0)
        if self.weight_decay:  # d(0.5 lambda W^2)/dW = lambda W
            grads["W1"] += self.weight_decay * self.params["W1"]
            grads["W2"] += self.weight_decay * W2
        return grads

    # ---- numerical gradient --------------------------------------------------------------
    def numerical_gradient(self, x, t, mask=None):
        """The gradient by central differences, (loss(w+h) - loss(w-h)) / 2h for every weight, h = 1e-4, in
        float64.

        The same numbers as the lesson's loop over all 39,760 weights (functions.numerical_gradient),
        but whole groups of nudges are computed at once (kernels.numerical_gradient_fast): nudging
        W1[i, j] only changes hidden unit j, and only for the images whose pixel i is not 0.
        """
        from .kernels import numerical_gradient_fast  # kernels builds on this module

        if self.weight_decay or self.dropout:
            # The fast version knows only the lesson's loss: use the lesson's own loop, one weight at a time
            # (slow: meant for gradient checks on small networks), with one mask for every nudge.
            from .functions import numerical_gradient

            if self.dropout and mask is None:
                mask = self.new_mask(x.shape[0])
            loss = lambda _: self.loss(x, t, mask)  # noqa: E731 (the lesson's f(W))
            return {k: numerical_gradient(loss, self.params[k]) for k in PARAM_NAMES}
        return numerical_gradient_fast(self.params, x, as_labels(t), self.activation)


def forward_pass(params: dict, x, act, keep=None):
    """The forward pass of the lesson: a1 = x W1 + b1, z1 = act(a1), a2 = z1 W2 + b2, y = softmax(a2); returns
    all four. keep (dropout): a mask or a factor the hidden outputs z1 are multiplied by.
    """
    a1 = np.dot(x, params["W1"]) + params["b1"]
    z1 = act(a1)
    if keep is not None:
        z1 = z1 * keep
    a2 = np.dot(z1, params["W2"]) + params["b2"]
    return a1, z1, a2, softmax(a2)
