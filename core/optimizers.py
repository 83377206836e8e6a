"""The ways to turn a gradient into a weight update that the lesson's next chapter teaches: SGD, Momentum,
Nesterov, AdaGrad, RMSprop and Adam.

Each has the lesson's interface, ``update(params, grads)``, and changes the arrays in params in
place (so a network holding them sees the new weights at once). ``lr`` may be changed between
updates; the window uses that to apply a new learning rate live.
"""

from __future__ import annotations

import numpy as np


def zeros_like_each(params: dict) -> dict:
    """One array of zeros per weight array: where an optimizer keeps its memory of past steps."""
    return {k: np.zeros_like(v) for k, v in params.items()}


class SGD:
    """Stochastic gradient descent: w <- w - lr * grad."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]


class Momentum:
    """SGD with momentum: velocity v <- momentum * v - lr * grad, then w <- w + v (a rolling ball)."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = zeros_like_each(params)
        for key in params:
            v = self.v[key]
            v *= self.momentum
            v -= self.lr * grads[key]
            params[key] += v


class Nesterov:
    """Nesterov's accelerated gradient: momentum that looks one step ahead before it moves.

    w <- w + momentum^2 * v - (1 + momentum) * lr * grad with the velocity of the previous step,
    then v <- momentum * v - lr * grad. The book's first printing updated v first and so counted
    this step's gradient twice; its authors corrected the order, and so do we.
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = zeros_like_each(params)
        m = self.momentum
        for key in params:
            v, g = self.v[key], grads[key]
            params[key] += m * m * v
            params[key] -= (1 + m) * self.lr * g
            v *= m
            v -= self.lr * g


class AdaGrad:
    """AdaGrad: each weight's step shrinks with the sum of its past squared gradients."""

    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = zeros_like_each(params)
        for key in params:
            g = grads[key]
            self.h[key] += g * g
            params[key] -= self.lr * g / (np.sqrt(self.h[key]) + 1e-7)


class RMSprop:
    """RMSprop: like AdaGrad, but old squared gradients fade (decay_rate), so steps never shrink to 0."""

    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr, self.decay_rate = lr, decay_rate
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = zeros_like_each(params)
        for key in params:
            g = grads[key]
            h = self.h[key]
            h *= self.decay_rate
            h += (1 - self.decay_rate) * g * g
            params[key] -= self.lr * g / (np.sqrt(h) + 1e-7)


class Adam:
    """Adam: momentum plus RMSprop-style step sizes, bias-corrected for the first steps (as in the lesson)."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.iter = 0
        self.m = self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = zeros_like_each(params)
            self.v = zeros_like_each(params)
        self.iter += 1
        # A Python float, so float32 weights stay float32 (a NumPy float64 scalar would upcast them).
        lr_t = float(self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter))
        for key in params:
            g = grads[key]
            m, v = self.m[key], self.v[key]
            m += (1 - self.beta1) * (g - m)
            v += (1 - self.beta2) * (g * g - v)
            params[key] -= lr_t * m / (np.sqrt(v) + 1e-7)


OPTIMIZERS = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adagrad": AdaGrad,
    "rmsprop": RMSprop,
    "adam": Adam,
}


def make_optimizer(name: str, lr: float):
    """The optimizer called name (sgd, momentum, nesterov, adagrad, rmsprop, adam) with learning rate lr."""
    try:
        return OPTIMIZERS[name](lr=lr)
    except KeyError:
        raise ValueError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}") from None
