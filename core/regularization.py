"""Two ways to stop a network from memorising its training set, as the book's chapter 6 writes them:
weight decay (L2) and dropout on the hidden layer.

Weight decay adds 0.5 * lambda * (sum W1^2 + sum W2^2) to the loss, so its gradient adds lambda * W
to the gradients of W1 and W2 (the biases are left alone, as in the book): every step pulls each
weight a little towards 0, and only weights the data keeps asking for stay large.

Dropout switches off each hidden unit with probability `ratio` in every training step (a fresh
random mask per step), so no unit can rely on another. At test time every unit is on, and its
output is multiplied by (1 - ratio), the fraction that was on while training (the book's Dropout
layer). That factor can be folded into W2 once, so the trained network is an ordinary one
(`inference_params`): saved models and the drawing pad need to know nothing about dropout.
"""

from __future__ import annotations

import numpy as np

#: The weight arrays weight decay pulls towards 0 (the biases are not decayed, as in the book).
DECAYED = ("W1", "W2")


def weight_decay_loss(params: dict, weight_decay: float) -> float:
    """The weight-decay term of the loss: 0.5 * lambda * (sum of W1^2 + sum of W2^2)."""
    if not weight_decay:
        return 0.0
    return 0.5 * weight_decay * sum(float(np.vdot(params[k], params[k])) for k in DECAYED)


def add_weight_decay(grads: dict, params: dict, weight_decay: float, scale: float = 1.0, tmp=None) -> None:
    """grads[W] += scale * lambda * W for W1 and W2, in place (tmp: optional buffers, one per key)."""
    if not weight_decay:
        return
    factor = scale * weight_decay
    for k in DECAYED:
        if tmp is None:
            grads[k] += factor * params[k]
        else:
            np.multiply(params[k], factor, out=tmp[k])
            grads[k] += tmp[k]


def dropout_mask(rng: np.random.Generator, shape, ratio: float, out: np.ndarray | None = None) -> np.ndarray:
    """Which hidden units stay on this step: True where a uniform random number is above `ratio` (the book's
    `np.random.rand(*x.shape) > dropout_ratio`).
    """
    draws = rng.random(shape) if out is None else rng.random(out=out)
    return draws > ratio


def inference_params(params: dict, dropout: float) -> dict:
    """The weights to predict with after training with dropout: W2 times (1 - ratio), which is the book's
    test-time scaling of the hidden outputs moved into the weights they multiply. A copy when dropout > 0.
    """
    if not dropout:
        return params
    out = dict(params)
    out["W2"] = (params["W2"] * (1.0 - dropout)).astype(params["W2"].dtype)
    return out


def check_regularization(weight_decay: float, dropout: float) -> None:
    """Refuse what is not a weight decay (0 or more) or a dropout ratio (0 up to, not including, 1)."""
    from .errors import UserError

    if not (np.isfinite(weight_decay) and 0 <= weight_decay <= 100):
        raise UserError(f"weight decay must be a number from 0 to 100 (e.g. 0.1), not {weight_decay}")
    if not (np.isfinite(dropout) and 0 <= dropout < 1):
        raise UserError(f"dropout must be a fraction from 0 up to 1 (e.g. 0.2), not {dropout}")
