"""One look at the whole test set for one snapshot of the weights: every digit's reading, the confusion
matrix, per-digit accuracy, and which test digits sit in each cell.

The confusion matrix has one row per true digit and one column per digit the network read, so
cell (4, 9) counts the 4s read as 9s and the diagonal counts the digits read correctly. The
command line (`mnist-studio evaluate`) and the window's confusion matrix both come from here, so
they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import TwoLayerNet

#: Test images per forward pass: big enough to be fast, small enough to keep memory modest.
CHUNK = 2000


@dataclass(frozen=True)
class Evaluation:
    """The test-set readings of one snapshot: labels, predictions and their 10x10 confusion matrix."""

    labels: np.ndarray  # (n,) true digits
    predictions: np.ndarray  # (n,) digits the network read
    confusion: np.ndarray  # (10, 10) int64, rows true digit, columns read

    @property
    def accuracy(self) -> float:
        """Fraction of test digits read correctly (the diagonal over the total)."""
        total = int(self.confusion.sum())
        return float(np.trace(self.confusion)) / total if total else 0.0

    @property
    def per_digit_accuracy(self) -> np.ndarray:
        """For each true digit 0-9, the fraction of its test images read correctly (NaN if it has none)."""
        rows = self.confusion.sum(axis=1).astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(rows > 0, np.diag(self.confusion) / rows, np.nan)

    def misread(self, true: int, read: int) -> np.ndarray:
        """Indices (ascending) of the test digits whose label is `true` and that were read as `read`."""
        for name, value in (("true", true), ("read", read)):
            if not 0 <= int(value) <= 9:
                raise ValueError(f"{name} digit {value} is not a digit 0-9")
        return np.flatnonzero((self.labels == true) & (self.predictions == read))

    def mistakes(self) -> np.ndarray:
        """Indices (ascending) of every test digit that was read wrongly."""
        return np.flatnonzero(self.labels != self.predictions)


def confusion_matrix(labels, predictions) -> np.ndarray:
    """The 10x10 count of (true digit, read digit) pairs."""
    confusion = np.zeros((10, 10), dtype=np.int64)
    np.add.at(confusion, (np.asarray(labels, dtype=np.intp), np.asarray(predictions, dtype=np.intp)), 1)
    return confusion


def predict_digits(net: TwoLayerNet, x_u8: np.ndarray, chunk: int = CHUNK) -> np.ndarray:
    """The digit the network reads in each row of x_u8 (uint8 pixels 0-255, as stored in MNIST)."""
    dtype = net.params["W1"].dtype
    scale = dtype.type(255.0)
    out = np.empty(len(x_u8), dtype=np.intp)
    for s in range(0, len(x_u8), chunk):
        # The largest score is the largest probability (softmax keeps the order), so skip softmax.
        scores = net.forward(x_u8[s : s + chunk].astype(dtype) / scale)[2]
        out[s : s + chunk] = scores.argmax(axis=1)
    return out


def evaluate(params: dict, activation: str, x_test: np.ndarray, t_test: np.ndarray) -> Evaluation:
    """Read every test image with these weights and count right and wrong readings per digit."""
    if len(x_test) != len(t_test):
        raise ValueError(f"{len(x_test)} test images but {len(t_test)} labels; they must match one to one")
    net = TwoLayerNet.from_params(params, activation)
    labels = np.asarray(t_test, dtype=np.intp)
    predictions = predict_digits(net, x_test)
    return Evaluation(labels, predictions, confusion_matrix(labels, predictions))
