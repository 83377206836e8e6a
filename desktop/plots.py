"""The live plots: the loss of every mini-batch with a smoothed trend line, and the test/train accuracy after each epoch, with the last run kept faintly behind for comparison.

Speed at a million points comes from three things: the arrays are allocated once per run and the
curves are given views of them (`setData`, no new plot items); pyqtgraph draws only the visible
range (`setClipToView`) and at most a few points per pixel (`setDownsampling(mode="peak")`, which
keeps the spikes); and the window redraws at most 5 times a second, less if drawing gets slow.
Everything drawn here runs Python on the window's thread, holding the GIL the training thread
needs, so the plots also avoid work that changes nothing on screen (see _update_y_range).
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QGraphicsItem, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from . import theme


def smoothing_factor(total: int) -> float:
    """The EMA factor of the trend line: it averages about 1% of the run (between 10 and 500 iterations)."""
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
        powers = alpha ** (k + 1)  # alpha^(k+1)
        inv = alpha ** (-k.astype(np.float64))  # alpha^-j
        acc = np.cumsum(x * inv) * (alpha**k)  # sum_j alpha^(k-j) x_j
        y = powers * start + (1.0 - alpha) * acc
        out[pos : pos + m] = y
        start = float(y[-1])
        pos += m
    return start


def nice_ceil(value: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) at or above value."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    exp = np.floor(np.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * 10**exp >= value * (1 - 1e-9):
            return float(step * 10**exp)
    return float(10 ** (exp + 1))


class TimedPlotWidget(pg.PlotWidget):
    """A PlotWidget that remembers how long its paints take, so the window can redraw it less often when they are slow."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.paint_seconds = 0.0  # moving average of recent paints
        self.paints = 0

    def paintEvent(self, event):
        t0 = time.perf_counter()
        super().paintEvent(event)
        dt = time.perf_counter() - t0
        self.paint_seconds = dt if self.paints == 0 else 0.8 * self.paint_seconds + 0.2 * dt
        self.paints += 1


class TrainingPlots(QWidget):
    """Loss plot (objectName lossPlot) above the accuracy plot (accuracyPlot); x axes are linked."""

    logScaleChanged = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._total = 0
        self._n = 0
        self._x = np.zeros(0)
        self._loss = np.zeros(0)
        self._smooth = np.zeros(0)
        self._alpha = 0.99
        self._ema: float | None = None
        self._epochs: list[tuple[int, float, float]] = []  # (iteration, test %, train %)
        self._epochs_drawn = 0
        self._acc_drawn_at = 0.0
        self._prev = None  # (x, smooth, epochs) of the last run
        self._lo = np.inf  # smallest and largest loss on show (this run and the faint last one)
        self._hi = 0.0
        self._y_range = None
        self.iters_per_epoch = 600

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        head = QHBoxLayout()
        title = QLabel("Learning curve")
        title.setObjectName("cardTitle")
        head.addWidget(title)
        key = QLabel(
            f"<span style='color:rgb{theme.LOSS_RAW[:3]}; font-weight:900'>&#9473;&#9473;</span> mini-batch loss&nbsp;&nbsp; "
            f"<span style='color:{theme.LOSS_SMOOTH}; font-weight:900'>&#9473;&#9473;</span> smoothed&nbsp;&nbsp; "
            f"<span style='color:rgb{theme.PREVIOUS[:3]}; font-weight:900'>&#9473;&#9473;</span> last run"
        )
        key.setObjectName("hint")
        key.setToolTip("Light blue: the loss of each mini-batch (noisy, every batch is different).\n"
                       "Dark blue: its moving average, the trend. Grey: the previous run, to compare.")
        head.addSpacing(12)
        head.addWidget(key)
        head.addStretch(1)
        self.log_check = QCheckBox("Log scale")
        self.log_check.setObjectName("logScaleCheck")
        self.log_check.setToolTip(
            "Show the loss on a logarithmic axis: the late, small improvements become visible."
        )
        self.log_check.toggled.connect(self.set_log_scale)
        head.addWidget(self.log_check)
        layout.addLayout(head)

        # ---- the numbers to watch ----
        metrics = QHBoxLayout()
        metrics.setSpacing(8)
        self.metric_labels = {}
        for key_name, caption, color, tip in (
            ("loss", "LOSS", theme.LOSS_SMOOTH, "The smoothed loss now: how wrong the network is on average (lower is better; 2.3 is guessing)."),
            ("test", "TEST ACCURACY", theme.TEST_ACC, "Share of the 10,000 test digits read right, measured after each epoch. The network never trains on them."),
            ("train", "TRAIN ACCURACY", theme.TRAIN_ACC, "Share of 5,000 training digits read right. Far above test accuracy would mean memorising (overfitting)."),
            ("epoch", "EPOCH", theme.TEXT, "Passes over the 60,000 training images so far."),
        ):
            # A caption and a value in plain-text labels: changing plain text is cheap, and this
            # changes five times a second on the window's thread.
            box = QFrame()
            box.setObjectName(f"{key_name}Metric")
            box.setToolTip(tip)
            box.setStyleSheet(f"QFrame#{key_name}Metric {{ background: #f9fafb; border: 1px solid #eef0f3; border-radius: 8px; }}")
            box.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
            col = QVBoxLayout(box)
            col.setContentsMargins(10, 4, 10, 4)
            col.setSpacing(0)
            cap = QLabel(caption)
            cap.setStyleSheet("color: #6b7280; font-size: 7.5pt; letter-spacing: 0.5px;")
            value = QLabel("–")
            value.setTextFormat(Qt.PlainText)
            value.setStyleSheet(f"color: {color}; font-size: 14pt; font-weight: 600;")
            col.addWidget(cap)
            col.addWidget(value)
            self.metric_labels[key_name] = value
            metrics.addWidget(box)
        layout.addLayout(metrics)
        self._set_metrics(None, None, None, None)

        # ---- loss ----
        self.loss_plot = TimedPlotWidget()
        self.loss_plot.setObjectName("lossPlot")
        self.loss_plot.setToolTip(
            "Loss (cross-entropy) of every mini-batch, light blue, and its smoothed trend, dark blue.\n"
            "Lower is better. The grey line is the previous run. Drag to pan, wheel to zoom, right-click for options."
        )
        lp = self.loss_plot.getPlotItem()
        lp.setLabel("left", "loss")
        lp.setDownsampling(auto=True, mode="peak")
        lp.setClipToView(True)
        lp.setMenuEnabled(True)
        lp.getViewBox().setMouseEnabled(x=True, y=False)
        # No grid and no legend inside the loss plot: both overlap the curves, so pyqtgraph would
        # repaint them (in Python, holding the GIL the training thread needs) on every update.
        # The key is a line of coloured text above the plot instead.
        self.prev_curve = lp.plot(pen=pg.mkPen(theme.PREVIOUS, width=2))
        # the noisy per-batch line without antialiasing: it is thin and light, and drawing it is most of a redraw
        self.raw_curve = lp.plot(pen=pg.mkPen(theme.LOSS_RAW, width=1), antialias=False)
        self.smooth_curve = lp.plot(pen=pg.mkPen(theme.LOSS_SMOOTH, width=2.5))
        for curve in (self.prev_curve, self.raw_curve, self.smooth_curve):
            # peak: each pixel column keeps its lowest and highest loss, so no spike disappears
            curve.setDownsampling(auto=True, method="peak" if curve is self.raw_curve else "subsample")
            curve.setClipToView(True)
            curve.setSkipFiniteCheck(True)  # we only ever add finite losses: skip the O(n) check
        # The last run never changes while this one grows over it: Qt keeps it as a picture and
        # copies that, instead of asking pyqtgraph (Python) to draw it again five times a second.
        self.prev_curve.curve.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self._placeholder = pg.TextItem(
            "Press Start: the loss of every mini-batch appears here", color=theme.MUTED, anchor=(0.5, 0.5)
        )
        lp.addItem(self._placeholder, ignoreBounds=True)
        self._placeholder.setPos(5000, 1.2)
        lp.setXRange(0, 10000, padding=0.01)
        lp.setYRange(0, 2.4)
        layout.addWidget(self.loss_plot, 3)

        # ---- accuracy ----
        self.acc_plot = TimedPlotWidget()
        self.acc_plot.setObjectName("accuracyPlot")
        self.acc_plot.setToolTip(
            "Accuracy after each epoch (one pass over the 60,000 training images):\n"
            "green on the 10,000 test images the network never trains on, orange on training images."
        )
        ap = self.acc_plot.getPlotItem()
        ap.setLabel("left", "accuracy %")
        ap.setLabel("bottom", "iteration")
        ap.showGrid(x=True, y=True, alpha=0.15)  # fine here: this plot changes once an epoch
        # The x axes follow each other, but only on real changes: pyqtgraph's setXLink re-sets the
        # linked range (and repaints this plot) on every update of the loss plot.
        ap.getViewBox().setMouseEnabled(x=False, y=False)
        lp.getViewBox().sigXRangeChanged.connect(self._follow_x)
        lp.getAxis("left").setStyle(tickLength=5)
        for plot in (lp, ap):
            plot.getAxis("left").setWidth(52)  # same width: the two plots' x axes line up  # ticks outside: the axis then never overlaps (and repaints with) the curves
        lp.hideAxis("bottom")  # the accuracy plot below shows the iterations for both
        self.acc_legend = ap.addLegend(offset=(-10, -10), labelTextColor=theme.TEXT)
        self.acc_legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        self.prev_acc_curve = ap.plot(pen=pg.mkPen(theme.PREVIOUS, width=2))
        self.train_curve = ap.plot(
            pen=pg.mkPen(theme.TRAIN_ACC, width=2, style=Qt.DashLine),
            symbol="s", symbolSize=6, symbolBrush=theme.TRAIN_ACC, symbolPen=None, name="train",
        )
        self.test_curve = ap.plot(
            pen=pg.mkPen(theme.TEST_ACC, width=2.5),
            symbol="o", symbolSize=7, symbolBrush=theme.TEST_ACC, symbolPen=None, name="test",
        )
        ap.setYRange(0, 100)
        layout.addWidget(self.acc_plot, 2)
        self._follow_x(None, self.loss_plot.getPlotItem().getViewBox().viewRange()[0])

    # ---- data ----
    def begin_run(self, total: int, iters_per_epoch: int = 600) -> None:
        """Make room for a new run of `total` iterations; the current run becomes the faint 'last run'."""
        self.iters_per_epoch = max(int(iters_per_epoch), 1)
        if self._n > 0:
            self._prev = (self._x[: self._n].copy(), self._smooth[: self._n].copy(), list(self._epochs))
            px, ps, pe = self._prev
            self.prev_curve.setData(px, ps)
            if pe:
                self.prev_acc_curve.setData([e[0] for e in pe], [e[1] for e in pe])
        self._total = int(total)
        self._n = 0
        self._x = np.arange(1, self._total + 1, dtype=np.float64)
        self._loss = np.empty(self._total, dtype=np.float64)
        self._smooth = np.empty(self._total, dtype=np.float64)
        self._alpha = smoothing_factor(self._total)
        self._ema = None
        self._epochs = []
        self._epochs_drawn = 0
        self.raw_curve.setData([], [])
        self.smooth_curve.setData([], [])
        self.test_curve.setData([], [])
        self.train_curve.setData([], [])
        self._placeholder.setVisible(False)
        self._set_metrics(None, None, None, None)
        if self._prev is not None and len(self._prev[1]):
            self._lo, self._hi = float(self._prev[1].min()), float(self._prev[1].max())
        else:
            self._lo, self._hi = np.inf, 0.0
        self._y_range = None
        lp = self.loss_plot.getPlotItem()
        lp.setXRange(0, self._total, padding=0.01)
        lp.disableAutoRange(axis="y")  # see _update_y_range
        self._follow_x(None, lp.getViewBox().viewRange()[0])
        self.acc_plot.getPlotItem().disableAutoRange(axis="y")  # set by _update_acc_range, once per redraw

    def add_losses(self, first_iteration: int, losses: np.ndarray) -> None:
        """Store new mini-batch losses (they appear on the next `refresh`)."""
        m = len(losses)
        if m == 0:
            return
        start = first_iteration - 1
        if start != self._n:  # never happens with the trainer's events, but never write out of place
            start = self._n
        end = min(start + m, self._total)
        m = end - start
        if m <= 0:
            return
        self._loss[start:end] = losses[:m]
        self._lo = min(self._lo, float(losses[:m].min()))
        self._hi = max(self._hi, float(losses[:m].max()))
        self._ema = ema_continue(self._loss[start:end], self._alpha, self._ema, self._smooth[start:end])
        self._n = end

    def add_epoch(self, iteration: int, test_accuracy: float, train_accuracy: float) -> None:
        self._epochs.append((int(iteration), 100.0 * test_accuracy, 100.0 * train_accuracy))

    def _set_metrics(self, loss, test, train, epoch) -> None:
        values = {
            "loss": "–" if loss is None else f"{loss:.3f}",
            "test": "–" if test is None else f"{test:.1f}%",
            "train": "–" if train is None else f"{train:.1f}%",
            "epoch": "–" if epoch is None else f"{epoch:.1f}",
        }
        for key_name, lab in self.metric_labels.items():
            if lab.text() != values[key_name]:
                lab.setText(values[key_name])

    def _follow_x(self, _view, x_range) -> None:
        ap = self.acc_plot.getPlotItem()
        lo, hi = ap.getViewBox().viewRange()[0]
        span = max(abs(x_range[1] - x_range[0]), 1e-9)
        if abs(lo - x_range[0]) > 1e-6 * span or abs(hi - x_range[1]) > 1e-6 * span:
            ap.setXRange(x_range[0], x_range[1], padding=0)

    def _update_y_range(self) -> None:
        """Set the loss axis to round bounds that change only when the data outgrows them.

        pyqtgraph's auto-range would move the axis a little on every update, and every move repaints
        the axis (the costliest part of a redraw); round bounds keep it still for long stretches.
        """
        if self._hi <= 0 or not np.isfinite(self._lo):
            return
        lp = self.loss_plot.getPlotItem()
        if self.log_check.isChecked():
            lo = np.floor(np.log10(max(self._lo, 1e-6)) * 2) / 2
            hi = np.ceil(np.log10(max(self._hi, 1e-6)) * 2) / 2
            target = (float(lo), float(max(hi, lo + 0.5)))
        else:
            target = (0.0, nice_ceil(self._hi))
        if target != self._y_range:
            self._y_range = target
            lp.setYRange(*target, padding=0.02)

    def _update_acc_range(self) -> None:
        """Accuracy axis from a round number below the lowest accuracy shown up to 100%."""
        values = [v for e in self._epochs for v in e[1:]]
        if self._prev is not None:
            values += [e[1] for e in self._prev[2]]
        if not values:
            return
        lo = max(0.0, np.floor((min(values) - 1.0) / 5.0) * 5.0)
        self.acc_plot.getPlotItem().setYRange(lo, 100.0, padding=0.03)

    def refresh(self, final: bool = False) -> None:
        """Hand the curves views of the arrays (no copies) and update the readout.

        The accuracy plot is redrawn at most once a second (epochs can end several times a
        second with big batches), and always on the final refresh of a run.
        """
        n = self._n
        self._update_y_range()
        self.raw_curve.setData(self._x[:n], self._loss[:n])
        self.smooth_curve.setData(self._x[:n], self._smooth[:n])
        now = time.perf_counter()
        if len(self._epochs) != self._epochs_drawn and (final or now - self._acc_drawn_at >= 1.0):
            self._epochs_drawn = len(self._epochs)
            self._acc_drawn_at = now
            it = [e[0] for e in self._epochs]
            self.test_curve.setData(it, [e[1] for e in self._epochs])
            self.train_curve.setData(it, [e[2] for e in self._epochs])
            self._update_acc_range()
        self._set_metrics(
            float(self._smooth[n - 1]) if n else None,
            self._epochs[-1][1] if self._epochs else None,
            self._epochs[-1][2] if self._epochs else None,
            n / self.iters_per_epoch if n else None,
        )

    def clear_all(self) -> None:
        """Forget this run and the last one (the Reset button)."""
        self._n = 0
        self._total = 0
        self._epochs = []
        self._epochs_drawn = 0
        self._prev = None
        self._ema = None
        self._lo, self._hi, self._y_range = np.inf, 0.0, None
        for curve in (self.raw_curve, self.smooth_curve, self.prev_curve, self.test_curve, self.train_curve, self.prev_acc_curve):
            curve.setData([], [])
        self._placeholder.setVisible(True)
        self._set_metrics(None, None, None, None)
        lp = self.loss_plot.getPlotItem()
        lp.setXRange(0, 10000, padding=0.01)
        lp.setYRange(0, 2.4)
        self.acc_plot.getPlotItem().setYRange(0, 100)

    def set_log_scale(self, on: bool) -> None:
        if self.log_check.isChecked() != on:
            self.log_check.setChecked(on)  # re-enters through toggled
            return
        self.loss_plot.getPlotItem().setLogMode(x=False, y=on)
        self._y_range = None
        if self._hi > 0:
            self._update_y_range()
        elif not on:
            self.loss_plot.getPlotItem().setYRange(0, 2.4)
        self.loss_plot.getPlotItem().setLabel("left", "loss (log scale)" if on else "loss")
        self._placeholder.setVisible(self._n == 0 and not on and self._total == 0)
        self.logScaleChanged.emit(on)

    # ---- for tests, export and the window ----
    def paint_cost(self) -> float:
        """Seconds a redraw of the plots takes (recent average)."""
        return self.loss_plot.paint_seconds

    def point_count(self) -> int:
        """How many mini-batch losses the loss plot is showing (after the last refresh)."""
        x, _ = self.raw_curve.getOriginalDataset()
        return 0 if x is None else len(x)

    def stored_count(self) -> int:
        return self._n

    def loss_history(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(iterations, mini-batch losses, smoothed losses) of the current run, as copies."""
        n = self._n
        return self._x[:n].astype(np.int64), self._loss[:n].copy(), self._smooth[:n].copy()

    def epoch_history(self) -> list[tuple[int, float, float]]:
        return list(self._epochs)
