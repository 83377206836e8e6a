"""The record of one training run as a learner watches it: every mini-batch loss, its smoothed trend, the
accuracy after each epoch, when the learning rate changed, and how fast the run goes.

It is plain NumPy (no Qt), so the window's curves, the CSV export and the tests all read the same
numbers. The arrays are sized once for the whole run: adding a batch of losses copies them in and
extends the moving average, and the plots are handed views (no copies) of what is filled so far.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Columns of the CSV export, one row per iteration (accuracies only on the rows where an epoch ended).
CSV_HEADER = ("iteration", "loss", "smoothed_loss", "test_accuracy", "train_accuracy")


def smoothing_factor(total: int) -> float:
    """The moving average's factor: the trend averages about 1% of the run (between 10 and 500 iterations)."""
    span = min(500, max(10, total // 100))
    return 1.0 - 1.0 / span


def ema_continue(values: np.ndarray, alpha: float, start: float | None, out: np.ndarray) -> float:
    """Exponential moving average of `values` into `out`, continuing from the previous smoothed value.

    y[k] = alpha * y[k-1] + (1 - alpha) * x[k], vectorised in chunks: within a chunk
    y[k] = alpha^(k+1) * y0 + (1 - alpha) * sum_j alpha^(k-j) x[j], and chunks are short enough
    (64 values) that alpha^-64 stays a modest number. Returns the last smoothed value.
    """
    n = len(values)
    if n == 0:
        return start if start is not None else float("nan")
    pos = 0
    if start is None:
        start = float(values[0])
    chunk = 64
    while pos < n:
        x = values[pos : pos + chunk].astype(np.float64)
        m = len(x)
        k = np.arange(m)
        powers = alpha ** (k + 1)
        inv = alpha ** (-k.astype(np.float64))
        acc = np.cumsum(x * inv) * (alpha**k)  # sum_j alpha^(k-j) x_j
        y = powers * start + (1.0 - alpha) * acc
        out[pos : pos + m] = y
        start = float(y[-1])
        pos += m
    return start


@dataclass(frozen=True)
class EpochAccuracy:
    """Accuracies (fractions 0..1) measured after `iteration` iterations."""

    iteration: int
    test: float
    train: float


class RateMeter:
    """Iterations per second, measured between moments at least `min_gap` seconds apart and smoothed; a
    pause is left out."""

    def __init__(self, min_gap: float = 0.5, keep: float = 0.6):
        self.min_gap = min_gap
        self.keep = keep  # weight of the old rate in each update
        self.rate: float | None = None
        self._ref: tuple[float, int] | None = None

    def update(self, now: float, iteration: int) -> float | None:
        """Note that `iteration` iterations are done at time `now` (seconds); returns the rate so far."""
        if self._ref is None:
            self._ref = (now, iteration)
        elif now - self._ref[0] >= self.min_gap:
            inst = (iteration - self._ref[1]) / (now - self._ref[0])
            self.rate = inst if self.rate is None else self.keep * self.rate + (1.0 - self.keep) * inst
            self._ref = (now, iteration)
        return self.rate

    def pause(self) -> None:
        """The run is paused: the next update starts a new measurement instead of counting the pause."""
        self._ref = None

    def seconds_left(self, iteration: int, total: int) -> float | None:
        return (total - iteration) / self.rate if self.rate else None


class History:
    """One run's losses, smoothed trend, per-epoch accuracies and learning-rate changes, for `total`
    iterations."""

    def __init__(self, total: int, iters_per_epoch: int = 600, run_id: int = 0):
        if total < 0:
            raise ValueError(f"a run has 0 or more iterations, not {total}")
        self.run_id = run_id
        self.total = int(total)
        self.iters_per_epoch = max(int(iters_per_epoch), 1)
        self.alpha = smoothing_factor(self.total)
        self._x = np.arange(1, self.total + 1, dtype=np.float64)
        self._loss = np.empty(self.total, dtype=np.float64)
        self._smooth = np.empty(self.total, dtype=np.float64)
        self._ema: float | None = None
        self.count = 0
        self.loss_min = np.inf  # smallest and largest mini-batch loss so far (for the plot's axis)
        self.loss_max = 0.0
        self.epochs: list[EpochAccuracy] = []
        self.lr_changes: list[tuple[int, float]] = []  # (first iteration that used it, learning rate)
        self.rate = RateMeter()

    # ---- adding ----
    def add_losses(self, first_iteration: int, losses) -> int:
        """Store the losses of iterations first_iteration, first_iteration + 1, ...; returns how many
        were stored.

        Losses must continue the run where it stands; anything past the run's total is dropped.
        """
        losses = np.asarray(losses)
        start = self.count
        if len(losses) == 0:
            return 0
        if first_iteration - 1 != start:
            raise ValueError(f"losses from iteration {first_iteration} do not follow iteration {start}")
        end = min(start + len(losses), self.total)
        m = end - start
        if m <= 0:
            return 0
        part = losses[:m]
        self._loss[start:end] = part
        self.loss_min = min(self.loss_min, float(part.min()))
        self.loss_max = max(self.loss_max, float(part.max()))
        self._ema = ema_continue(self._loss[start:end], self.alpha, self._ema, self._smooth[start:end])
        self.count = end
        return m

    def add_epoch(self, iteration: int, test_accuracy: float, train_accuracy: float) -> None:
        self.epochs.append(EpochAccuracy(int(iteration), float(test_accuracy), float(train_accuracy)))

    def note_lr(self, iteration: int, lr: float) -> None:
        """Record the learning rate used from `iteration` on, if it differs from the last one recorded."""
        if not self.lr_changes or self.lr_changes[-1][1] != lr:
            self.lr_changes.append((int(iteration), float(lr)))

    def lr_at(self, iteration: int) -> float | None:
        """The learning rate recorded for this iteration (None before the first record)."""
        lr = None
        for it, value in self.lr_changes:
            if it > iteration:
                break
            lr = value
        return lr

    # ---- reading (views of what is filled so far: valid until the next add) ----
    @property
    def iterations(self) -> np.ndarray:
        return self._x[: self.count]

    @property
    def losses(self) -> np.ndarray:
        return self._loss[: self.count]

    @property
    def smoothed(self) -> np.ndarray:
        return self._smooth[: self.count]

    @property
    def last_smoothed(self) -> float | None:
        return float(self._smooth[self.count - 1]) if self.count else None

    @property
    def last_epoch(self) -> EpochAccuracy | None:
        return self.epochs[-1] if self.epochs else None

    @property
    def epochs_done(self) -> float:
        """How many passes over the training set the iterations so far amount to."""
        return self.count / self.iters_per_epoch

    def csv_rows(self):
        """The CSV export: CSV_HEADER, then one row of text per iteration (accuracies at epoch ends)."""
        yield list(CSV_HEADER)
        at = {e.iteration: e for e in self.epochs}
        for i, loss, smooth in zip(range(1, self.count + 1), self.losses.tolist(), self.smoothed.tolist()):
            e = at.get(i)
            yield [
                i,
                f"{loss:.6g}",
                f"{smooth:.6g}",
                f"{e.test:.4f}" if e else "",
                f"{e.train:.4f}" if e else "",
            ]
