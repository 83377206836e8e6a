"""What happens inside the network: why a digit is read as it is, what each hidden unit looks for, and what
one training step or a gradient check does.

A hidden unit j takes a weighted sum of the 784 pixels with the weights W1[:, j]; shown as a 28x28
picture, those weights say which strokes excite the unit (red) and which inhibit it (blue). The
output score of digit k is b2[k] plus, for every hidden unit, its activation times W2[j, k]: those
products are the units' "votes", and the biggest ones explain the network's answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .functions import cross_entropy_error
from .network import PARAM_NAMES, TwoLayerNet

#: Pixels between two unit pictures in a grid.
GAP = 1
SIDE = 28


# ---- why this digit -------------------------------------------------------------------------
@dataclass(frozen=True)
class Reading:
    """One image followed through the network: hidden sums and activations, the ten scores, the probabilities,
    and each unit's vote for the winner."""

    hidden_sums: np.ndarray  # (H,) a1 = x W1 + b1
    hidden: np.ndarray  # (H,) z1 = activation(a1)
    scores: np.ndarray  # (10,) a2 = z1 W2 + b2, before softmax
    probabilities: np.ndarray  # (10,) softmax(a2)
    digit: int  # the winning digit
    contributions: np.ndarray  # (H,) z1[j] * W2[j, digit]; they add up to scores[digit] - b2[digit]
    bias: float  # b2[digit]

    def top_units(self, n: int = 8) -> np.ndarray:
        """The n units that add most to the winning score, biggest first."""
        order = np.argsort(-self.contributions, kind="stable")
        return order[: max(0, int(n))]


def read_digit(params: dict, activation: str, x784) -> Reading:
    """Follow one image (784 values in 0..1) through the network and take the winner's score apart unit by
    unit."""
    x = np.asarray(x784, dtype=np.float64).reshape(-1)
    if x.size != 784:
        raise ValueError(f"an image for the network has 784 pixels (28x28), not {x.size}")
    net = TwoLayerNet.from_params(
        {k: np.asarray(params[k], dtype=np.float64) for k in PARAM_NAMES}, activation
    )
    a1, z1, a2, y = (v[0] for v in net.forward(x[None, :]))
    digit = int(np.argmax(a2))
    contributions = z1 * net.params["W2"][:, digit]
    return Reading(a1, z1, a2, y, digit, contributions, float(net.params["b2"][digit]))


# ---- pictures of the hidden units -----------------------------------------------------------
def unit_picture(W1: np.ndarray, j: int) -> np.ndarray:
    """Hidden unit j's 784 input weights as the 28x28 picture they weigh."""
    return np.asarray(W1)[:, j].reshape(SIDE, SIDE)


def grid_columns(units: int) -> int:
    """How many unit pictures per row: a square-ish grid (50 units -> 8 columns, 256 -> 16)."""
    return max(1, math.ceil(math.sqrt(units)))


def tile_origin(j: int, columns: int, side: int = SIDE, gap: int = GAP) -> tuple[int, int]:
    """(row, column) of the top-left pixel of tile j in a grid with `columns` tiles per row."""
    return (j // columns) * (side + gap), (j % columns) * (side + gap)


def tile_units(W1: np.ndarray, columns: int | None = None, gap: int = GAP) -> np.ndarray:
    """Every unit's 28x28 weight picture tiled row by row into one float32 array; gaps and empty tiles are
    NaN."""
    W1 = np.asarray(W1)
    units = W1.shape[1]
    columns = columns or grid_columns(units)
    rows = math.ceil(units / columns)
    step = SIDE + gap
    out = np.full((rows * step, columns * step), np.nan, dtype=np.float32)
    # A 4-D view (tile row, pixel row, tile column, pixel column) of the output takes the pictures in one go.
    tiles = out.reshape(rows, step, columns, step)
    pictures = W1.T.reshape(units, SIDE, SIDE)
    full = units // columns
    in_full_rows = pictures[: full * columns].reshape(full, columns, SIDE, SIDE)
    tiles[:full, :SIDE, :, :SIDE] = in_full_rows.transpose(0, 2, 1, 3)
    rest = units - full * columns
    if rest:
        tiles[full, :SIDE, :rest, :SIDE] = pictures[full * columns :].transpose(1, 0, 2)
    return out[: rows * step - gap, : columns * step - gap]


def weight_scale(W1: np.ndarray) -> float:
    """The colour scale's end: the 99.5th percentile of |W1|, so a few extreme weights do not wash the rest
    out."""
    flat = np.asarray(W1, dtype=np.float32).ravel()
    # Every k-th weight (about 20,000 of them) gives the same percentile to a few digits, 10x sooner.
    a = np.abs(flat[:: max(1, flat.size // 20000)])
    top = float(np.partition(a, int(0.995 * (a.size - 1)))[int(0.995 * (a.size - 1))]) if a.size else 0.0
    return top if top > 0 else (float(a.max()) if a.size and a.max() > 0 else 1.0)


#: The diverging colour map: blue (negative) - white (0) - red (positive), ColorBrewer's RdBu ends.
NEGATIVE = (33, 102, 172)
ZERO = (247, 247, 247)
POSITIVE = (178, 24, 43)
#: What gaps between tiles look like.
BACKGROUND = (40, 40, 40)


def diverging_lut(n: int = 255) -> np.ndarray:
    """n colours (uint8 RGB) from blue through white to red; n is odd so that 0 falls exactly on the white
    middle."""
    t = np.linspace(-1.0, 1.0, n)[:, None]
    neg, zero, pos = (np.array(c, dtype=np.float64) for c in (NEGATIVE, ZERO, POSITIVE))
    rgb = np.where(t < 0, zero + (neg - zero) * -t, zero + (pos - zero) * t)
    return np.round(rgb).astype(np.uint8)


def diverging_rgb(values: np.ndarray, scale: float, lut: np.ndarray | None = None) -> np.ndarray:
    """Colour each value: -scale and below blue, 0 white, +scale and above red; NaN the background grey.
    Returns uint8 (..., 3)."""
    lut = diverging_lut() if lut is None else lut
    v = np.asarray(values, dtype=np.float32)
    nan = np.isnan(v)
    pos = np.clip((np.where(nan, 0, v) / np.float32(scale) + 1) * 0.5, 0, 1) * (len(lut) - 1)
    rgb = lut[np.rint(pos).astype(np.intp)]
    rgb[nan] = BACKGROUND
    return rgb


def weight_grid_rgb(W1: np.ndarray, columns: int | None = None, zoom: int = 1) -> np.ndarray:
    """The hidden units' weight pictures as one RGB image (uint8, rows x cols x 3), each pixel zoom x zoom."""
    rgb = diverging_rgb(tile_units(W1, columns), weight_scale(W1))
    if zoom > 1:
        rgb = rgb.repeat(zoom, axis=0).repeat(zoom, axis=1)
    return rgb


# ---- one training step ----------------------------------------------------------------------
@dataclass(frozen=True)
class StepStats:
    """What one iteration did to one mini-batch: guesses and loss before, loss after, the gradient and the
    update of each parameter."""

    guesses_before: np.ndarray  # (n,) digits read before the step
    loss_before: float
    loss_after: float
    gradients: dict  # name -> array, the backprop gradient used
    updates: dict  # name -> array, weights after minus weights before

    @property
    def gradient_norms(self) -> dict:
        """Length (L2 norm) of each parameter's gradient."""
        return {k: float(np.linalg.norm(self.gradients[k])) for k in PARAM_NAMES}

    @property
    def update_norms(self) -> dict:
        """Length (L2 norm) of how far each parameter moved."""
        return {k: float(np.linalg.norm(self.updates[k])) for k in PARAM_NAMES}


def one_step(net: TwoLayerNet, optimizer, x: np.ndarray, t: np.ndarray) -> StepStats:
    """Run the lesson's iteration once on (x, t): guess, gradient by backprop, optimizer update (net's weights
    change in place), then measure again."""
    _a1, _z1, scores, y = net.forward(x)
    guesses = scores.argmax(axis=1)
    loss_before = float(cross_entropy_error(y, t))
    grads = net.gradient(x, t)
    before = {k: net.params[k].copy() for k in PARAM_NAMES}
    optimizer.update(net.params, grads)
    updates = {k: net.params[k] - before[k] for k in PARAM_NAMES}
    loss_after = float(net.loss(x, t))
    return StepStats(guesses, loss_before, loss_after, {k: grads[k].copy() for k in PARAM_NAMES}, updates)


# ---- gradient check -------------------------------------------------------------------------
@dataclass(frozen=True)
class GradientCheck:
    """Both gradients of one batch side by side, and for each parameter the largest difference relative to its
    largest entry."""

    numerical: dict
    backprop: dict
    max_relative_difference: dict  # name -> float
    mean_abs_difference: dict  # name -> float

    @property
    def worst(self) -> float:
        return max(self.max_relative_difference.values())


def check_gradients(params: dict, activation: str, x: np.ndarray, t: np.ndarray) -> GradientCheck:
    """The numerical gradient (central differences, the lesson's check) and the backprop gradient, both in
    float64, and how far apart they are."""
    net = TwoLayerNet.from_params(
        {k: np.asarray(params[k], dtype=np.float64) for k in PARAM_NAMES}, activation
    )
    x = np.asarray(x, dtype=np.float64)
    num = net.numerical_gradient(x, t)
    bp = net.gradient(x, t)
    rel, mean = {}, {}
    for key in PARAM_NAMES:
        diff = np.abs(num[key] - bp[key])
        scale = max(np.abs(num[key]).max(), np.abs(bp[key]).max(), 1e-30)
        rel[key] = float(diff.max() / scale)
        mean[key] = float(diff.mean())
    return GradientCheck(num, bp, rel, mean)
