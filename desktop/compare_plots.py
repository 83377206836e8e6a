"""The Compare page's two plots: one smoothed loss line per run (x: iterations or seconds, log scale), and
each run's accuracies (test solid, train dashed), all in the run's colour; one run can be highlighted.

Items are made once per run and given views of its History (`setData`), as in the Training plots.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mnist_studio.core.history import History

from . import theme
from .plots import TimedPlotWidget

#: Shortest time between two redraws of the curves (seconds).
MIN_REDRAW_INTERVAL = 0.5


class _RunLines:
    """A run's three lines: smoothed loss, test accuracy (solid), train accuracy (dashed)."""

    def __init__(self, lp, ap, history: History, colour: str):
        self.history, self.colour = history, colour
        # Not antialiased: six thick antialiased lines of thousands of points took 100 ms a paint.
        self.loss = lp.plot(antialias=False)
        self.loss.setDownsampling(auto=True, method="subsample")
        self.loss.setClipToView(True)
        self.loss.setSkipFiniteCheck(True)
        self.test = ap.plot(symbol="o", symbolSize=5, symbolPen=None)
        self.train = ap.plot(symbol="s", symbolSize=4, symbolPen=None)
        self.times = ([0], [0.0])  # (iterations done, seconds) at each batch: the seconds axis
        self._plots = (lp, ap)
        self._drawn = None  # (losses, epochs, by seconds) last handed to the lines
        self.style(None)

    def style(self, highlighted: int | None) -> None:
        """Full colour and thick when this run is highlighted (or none is), faded when another is."""
        me = highlighted is None or highlighted == self.history.run_id
        c = QColor(self.colour)
        if not me:
            c.setAlpha(60)
        width = 3.5 if highlighted == self.history.run_id else 2.0
        self.loss.setPen(pg.mkPen(c, width=width))
        self.test.setPen(pg.mkPen(c, width=width))
        self.test.setSymbolBrush(c)
        self.train.setPen(pg.mkPen(c, width=width * 0.8, style=Qt.DashLine))
        self.train.setSymbolBrush(c)
        for item in (self.loss, self.test, self.train):
            item.setZValue(1 if highlighted == self.history.run_id else 0)

    def note_time(self, iteration: int, seconds: float) -> None:
        its, secs = self.times
        if iteration > its[-1]:
            its.append(iteration)
            secs.append(seconds)

    def seconds_at(self, iterations) -> np.ndarray:
        """When each iteration was done (seconds since the start), between the batches' moments."""
        its, secs = self.times
        return np.interp(iterations, its, secs)

    def draw(self, by_seconds: bool, force: bool = False) -> None:
        """Hand the lines what is new (nothing changes on screen, so nothing is repainted, otherwise)."""
        h = self.history
        drawn = (h.count, len(h.epochs), by_seconds)
        if drawn == self._drawn and not force:
            return
        losses_new = (
            force or self._drawn is None or drawn[0] != self._drawn[0] or by_seconds != self._drawn[2]
        )
        epochs_new = force or self._drawn is None or drawn[1:] != self._drawn[1:]
        self._drawn = drawn
        if losses_new:
            x = self.seconds_at(h.iterations) if by_seconds else h.iterations
            self.loss.setData(x, h.smoothed)
        if not epochs_new:
            return
        it = np.array([e.iteration for e in h.epochs], dtype=np.float64)
        ex = self.seconds_at(it) if by_seconds else it
        self.test.setData(ex, [100 * e.test for e in h.epochs])
        self.train.setData(ex, [100 * e.train for e in h.epochs])

    def x_max(self, by_seconds: bool) -> float:
        """The largest x this run's lines reach."""
        h = self.history
        if not h.count:
            return 0.0
        return float(self.seconds_at([h.count])[0]) if by_seconds else float(h.count)

    def remove(self) -> None:
        lp, ap = self._plots
        lp.removeItem(self.loss)
        ap.removeItem(self.test)
        ap.removeItem(self.train)


class ComparePlots(QWidget):
    """Loss plot (objectName comparePlot) over the accuracy plot (compareAccuracyPlot), one colour per run."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: dict[int, _RunLines] = {}
        self.highlighted: int | None = None
        self._next_draw = 0.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        head.addWidget(self.title)
        head.addStretch(1)
        self.x_combo = QComboBox()
        self.x_combo.setObjectName("compareXAxisCombo")
        self.x_combo.addItem("", "iterations")
        self.x_combo.addItem("", "seconds")
        self.x_combo.currentIndexChanged.connect(lambda _i: self.refresh(force=True))
        self.x_label = QLabel()
        head.addWidget(self.x_label)
        head.addWidget(self.x_combo)
        self.log_check = QCheckBox()
        self.log_check.setObjectName("compareLogScaleCheck")
        self.log_check.setChecked(True)
        self.log_check.toggled.connect(self._log_toggled)
        head.addWidget(self.log_check)
        layout.addLayout(head)

        self.loss_plot = TimedPlotWidget()
        self.loss_plot.setObjectName("comparePlot")
        lp = self.loss_plot.getPlotItem()
        lp.setLogMode(y=True)
        lp.getViewBox().setMouseEnabled(x=True, y=False)
        lp.getAxis("left").setWidth(52)
        layout.addWidget(self.loss_plot, 3)
        self.acc_plot = TimedPlotWidget()
        self.acc_plot.setObjectName("compareAccuracyPlot")
        ap = self.acc_plot.getPlotItem()
        ap.setYRange(0, 100)
        ap.showGrid(x=True, y=True, alpha=0.15)
        ap.getAxis("left").setWidth(52)
        # Not setXLink: it would repaint the accuracy plot with every new loss; its range follows in
        # refresh().
        self._x_max = 0.0
        layout.addWidget(self.acc_plot, 2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Loss (smoothed) and accuracy of every run: test solid, train dashed"))
        self.x_label.setText(self.tr("x axis:"))
        self.x_combo.setItemText(0, self.tr("iterations"))
        self.x_combo.setItemText(1, self.tr("seconds"))
        self.log_check.setText(self.tr("Log scale"))
        self.log_check.setToolTip(
            self.tr("Show the loss on a logarithmic axis: small late gains stay visible.")
        )
        self.loss_plot.getPlotItem().setLabel("left", self.tr("loss"))
        self.acc_plot.getPlotItem().setLabel("left", self.tr("accuracy %"))
        self.acc_plot.getPlotItem().setLabel("bottom", self.x_combo.currentText())

    @property
    def by_seconds(self) -> bool:
        return self.x_combo.currentData() == "seconds"

    def _log_toggled(self, on: bool) -> None:
        self.loss_plot.getPlotItem().setLogMode(y=on)

    def add_run(self, history: History, colour: str) -> None:
        lp, ap = self.loss_plot.getPlotItem(), self.acc_plot.getPlotItem()
        self._lines[history.run_id] = _RunLines(lp, ap, history, colour)

    def clear(self) -> None:
        for lines in self._lines.values():
            lines.remove()
        self._lines.clear()
        self.highlighted = None
        self._x_max = 0.0

    def note_time(self, run_id: int, iteration: int, seconds: float) -> None:
        if run_id in self._lines:
            self._lines[run_id].note_time(iteration, seconds)

    def highlight(self, run_id: int | None) -> None:
        """Make this run's lines stand out (None: all alike)."""
        self.highlighted = run_id
        for lines in self._lines.values():
            lines.style(run_id)

    def refresh(self, force: bool = False) -> None:
        """Hand the lines what is new: at most twice a second, less often when painting is slow (it runs
        Python on the window's thread, which the training threads wait for)."""
        now = time.perf_counter()
        if not force and now < self._next_draw:
            return
        self._next_draw = now + max(MIN_REDRAW_INTERVAL, 5 * self.loss_plot.paint_seconds)
        if force:
            self.acc_plot.getPlotItem().setLabel("bottom", self.x_combo.currentText())
        for lines in self._lines.values():
            lines.draw(self.by_seconds, force)
        # Both x axes change in steps, not with every new loss (a new range re-lays out and repaints the
        # axes): by iterations they span the whole run from the start; by seconds, steps of 50%.
        if self.by_seconds:
            x_max = max((lines.x_max(True) for lines in self._lines.values()), default=0.0)
            if force or x_max > self._x_max or x_max < self._x_max / 1.5:
                self._set_x_range(x_max if force else x_max * 1.5)
        else:
            total = max((lines.history.total for lines in self._lines.values()), default=0)
            if force or total != self._x_max:
                self._set_x_range(total)

    def _set_x_range(self, x_max: float) -> None:
        self._x_max = x_max
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().setXRange(0, max(x_max, 1.0), padding=0.02)

    def curve_points(self) -> dict[int, int]:
        """How many loss points each run's line shows (for tests and the self-check)."""
        out = {}
        for rid, lines in self._lines.items():
            x, _ = lines.loss.getOriginalDataset()
            out[rid] = 0 if x is None else len(x)
        return out


#: Eight colours, one per run: the window's run colours and two more.
COMPARE_COLOURS = tuple(theme.RUN_COLOURS) + ("#ca8a04", "#475569")
