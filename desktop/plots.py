"""The curves panel: the loss of every mini-batch with a smoothed trend line, and the test/train accuracy
after each epoch, for each run's History (one CurveSet each, in its colour; a finished run kept for
comparison is drawn faint).

Speed at a million points comes from three things: a history's arrays are allocated once per run
and the curves are given views of them (`setData`, no new plot items); pyqtgraph draws only the visible
range (`setClipToView`) and at most a few points per pixel (`setDownsampling(mode="peak")`, which
keeps the spikes); and the panel redraws at most 5 times a second, less if drawing gets slow.
Everything drawn here runs Python on the window's thread, holding the GIL the training thread
needs, so the plots also avoid work that changes nothing on screen (see _update_y_range).
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from mnist_studio.core.history import History

from . import theme
from .curve_set import CurveSet
from .plot_widgets import TimedPlotWidget, nice_ceil  # noqa: F401 (others import them from here)

#: Shortest time between two redraws (seconds): 5 a second at most.
MIN_REDRAW_INTERVAL = 0.2


class TrainingPlots(QWidget):
    """Loss plot (objectName lossPlot) above the accuracy plot (accuracyPlot), drawing any number of run
    histories; x axes are linked."""

    logScaleChanged = Signal(bool)
    refreshed = Signal()  # after each (throttled) redraw: a good moment to update other run readouts

    def __init__(self, parent=None):
        super().__init__(parent)
        self._sets: dict[int, CurveSet] = {}  # by run id, in the order they were shown
        self._primary: int | None = None  # whose numbers the readout shows
        self._scale = 1.0  # presentation mode and zoom (set_scale)
        self._follow_extent = False  # the x axis follows the iterations done (show_history's follow)
        self._x_shown = None
        self._base_pt = self.font().pointSizeF()  # axis text at scale 1: the window's usual font
        self._y_range = None
        self._next_redraw = 0.0
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.timeout.connect(self._throttled_refresh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        head.addWidget(self.title)
        self.key = QLabel()
        self.key.setObjectName("hint")
        # the key wraps under itself in a narrow window instead of making the window wider
        self.key.setWordWrap(True)
        self.key.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.key.setMinimumWidth(60)
        head.addStretch(1)
        self.log_check = QCheckBox()
        self.log_check.setObjectName("logScaleCheck")
        self.log_check.toggled.connect(self.set_log_scale)
        head.addWidget(self.log_check)
        layout.addLayout(head)
        layout.addWidget(self.key)

        # ---- the numbers to watch ----
        metrics = QHBoxLayout()
        metrics.setSpacing(6)
        self.metric_labels = {}
        self._metric_boxes = {}  # key -> (box, caption label), their words set in retranslate
        for key_name, color in (
            ("loss", theme.LOSS_SMOOTH),
            ("test", theme.TEST_ACC),
            ("train", theme.TRAIN_ACC),
            ("epoch", theme.TEXT),
        ):
            # A caption and a value in plain-text labels: changing plain text is cheap, and this
            # changes five times a second on the window's thread.
            box = QFrame()
            box.setObjectName(f"{key_name}Metric")
            box.setStyleSheet(
                f"QFrame#{key_name}Metric {{ background: #f9fafb; "
                f"border: 1px solid #eef0f3; border-radius: 8px; }}"
            )
            box.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
            col = QVBoxLayout(box)
            col.setContentsMargins(4, 4, 4, 4)
            col.setSpacing(0)
            cap = QLabel()
            cap.setStyleSheet("color: #6b7280; font-size: 7.5pt; letter-spacing: 0.2px;")
            value = QLabel("–")
            value.setTextFormat(Qt.PlainText)
            value.setStyleSheet(f"color: {color}; font-size: 14pt; font-weight: 600;")
            col.addWidget(cap)
            col.addWidget(value)
            self.metric_labels[key_name] = value
            self._metric_boxes[key_name] = (box, cap)
            metrics.addWidget(box)
        layout.addLayout(metrics)
        self._set_metrics(None, None, None, None)

        # ---- loss ----
        self.loss_plot = TimedPlotWidget()
        self.loss_plot.setObjectName("lossPlot")
        lp = self.loss_plot.getPlotItem()
        lp.setDownsampling(auto=True, mode="peak")
        lp.setClipToView(True)
        lp.setMenuEnabled(True)
        lp.getViewBox().setMouseEnabled(x=True, y=False)
        # No grid and no legend inside the loss plot: both overlap the curves, so pyqtgraph would
        # repaint them (in Python, holding the GIL the training thread needs) on every update.
        # The key is a line of coloured text above the plot instead.
        self._placeholder = pg.TextItem("", color=theme.MUTED, anchor=(0.5, 0.5))
        lp.addItem(self._placeholder, ignoreBounds=True)
        self._placeholder.setPos(5000, 1.2)
        lp.setXRange(0, 10000, padding=0.01)
        lp.setYRange(0, 2.4)
        layout.addWidget(self.loss_plot, 3)

        # ---- accuracy ----
        self.acc_plot = TimedPlotWidget()
        self.acc_plot.setObjectName("accuracyPlot")
        ap = self.acc_plot.getPlotItem()
        ap.showGrid(x=True, y=True, alpha=0.15)  # fine here: this plot changes once an epoch
        # The x axes follow each other, but only on real changes: pyqtgraph's setXLink re-sets the
        # linked range (and repaints this plot) on every update of the loss plot.
        ap.getViewBox().setMouseEnabled(x=False, y=False)
        lp.getViewBox().sigXRangeChanged.connect(self._follow_x)
        lp.getAxis("left").setStyle(tickLength=5)
        for plot in (lp, ap):
            plot.getAxis("left").setWidth(52)  # same width: the two plots' x axes line up
        lp.hideAxis("bottom")  # the accuracy plot below shows the iterations for both
        self.acc_legend = ap.addLegend(offset=(-10, -10), labelTextColor=theme.TEXT)
        self.acc_legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        self._legend_items = []
        # The legend names the usual colours once, whatever the number of runs drawn.
        for name, item in (
            ("train", pg.PlotDataItem(pen=pg.mkPen(theme.TRAIN_ACC, width=2, style=Qt.DashLine), symbol="s",
                                      symbolSize=6, symbolBrush=theme.TRAIN_ACC, symbolPen=None)),
            ("test", pg.PlotDataItem(pen=pg.mkPen(theme.TEST_ACC, width=2.5), symbol="o", symbolSize=7,
                                     symbolBrush=theme.TEST_ACC, symbolPen=None)),
        ):
            self.acc_legend.addItem(item, name)
            self._legend_items.append((name, item))
        ap.setYRange(0, 100)
        layout.addWidget(self.acc_plot, 2)
        self._follow_x(None, self.loss_plot.getPlotItem().getViewBox().viewRange()[0])
        self.retranslate()

    def retranslate(self) -> None:
        """Titles, axis labels, legends and tooltips in the current language."""
        self.title.setText(self.tr("Learning curve"))
        self.key.setText(
            f"<span style='color:rgb{theme.LOSS_RAW[:3]}; font-weight:900'>&#9473;&#9473;</span> "
            + self.tr("mini-batch loss") + "&nbsp;&nbsp; "
            f"<span style='color:{theme.LOSS_SMOOTH}; font-weight:900'>&#9473;&#9473;</span> "
            + self.tr("smoothed") + "&nbsp;&nbsp; "
            f"<span style='color:rgb{theme.PREVIOUS[:3]}; font-weight:900'>&#9473;&#9473;</span> "
            + self.tr("last run")
        )
        self.key.setToolTip(self.tr(
            "Light blue: the loss of each mini-batch (noisy, every batch is different).\n"
            "Dark blue: its moving average, the trend. Grey: the previous run, to compare."
        ))
        self.log_check.setText(self.tr("Log scale"))
        self.log_check.setToolTip(
            self.tr("Show the loss on a logarithmic axis: the late, small improvements become visible.")
        )
        for key_name, caption, tip in (
            ("loss", self.tr("LOSS"), self.tr(
                "The smoothed loss now: how wrong the network is on average "
                "(lower is better; 2.3 is guessing).")),
            ("test", self.tr("TEST ACCURACY"), self.tr(
                "Share of the 10,000 test digits read right, measured after each epoch. "
                "The network never trains on them.")),
            ("train", self.tr("TRAIN ACCURACY"), self.tr(
                "Share of 5,000 training digits read right. Far above test accuracy would mean memorising "
                "(overfitting).")),
            ("epoch", self.tr("EPOCH"), self.tr("Passes over the 60,000 training images so far.")),
        ):
            box, cap = self._metric_boxes[key_name]
            box.setToolTip(tip)
            cap.setText(caption)
        self.loss_plot.setToolTip(self.tr(
            "Loss (cross-entropy) of every mini-batch, light blue, and its smoothed trend, dark blue.\n"
            "Lower is better. The grey line is the previous run. "
            "Drag to pan, wheel to zoom, right-click for options."
        ))
        self._label_loss_axis()
        self._placeholder.setText(self.tr("Press Start: the loss of every mini-batch appears here"))
        self.acc_plot.setToolTip(self.tr(
            "Accuracy after each epoch (one pass over the 60,000 training images):\n"
            "green on the 10,000 test images the network never trains on, orange on training images."
        ))
        ap = self.acc_plot.getPlotItem()
        ap.setLabel("left", self.tr("accuracy %"))
        ap.setLabel("bottom", self.tr("iteration"))
        names = {"train": self.tr("train"), "test": self.tr("test")}
        for name, item in self._legend_items:
            label = self.acc_legend.getLabel(item)
            if label is not None:
                label.setText(names[name])

    def _label_loss_axis(self) -> None:
        on = self.log_check.isChecked()
        self.loss_plot.getPlotItem().setLabel("left", self.tr("loss (log scale)") if on else self.tr("loss"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- inputs ----
    def show_history(
        self, history: History, colour: str | None = None, *, faint: bool = False, follow: bool = False
    ) -> None:
        """Draw this run's history (replacing any drawing of the same run); a full one becomes the
        readout's run. `follow`: the x axis grows with the iterations done (a slow run, the numerical
        gradient, would be a sliver at the left of its total), instead of spanning the run's total."""
        self.remove_history(history.run_id)
        lp, ap = self.loss_plot.getPlotItem(), self.acc_plot.getPlotItem()
        self._sets[history.run_id] = CurveSet(lp, ap, history, colour, faint)
        if self._scale != 1.0:
            self._sets[history.run_id].set_scale(self._scale)
        self._placeholder.setVisible(False)
        self._y_range = None
        if not faint:
            self._primary = history.run_id
            self._follow_extent = follow
            self._x_shown = self._x_extent(history)
            lp.setXRange(0, self._x_shown, padding=0.01)
            lp.disableAutoRange(axis="y")  # see _update_y_range
            self._follow_x(None, lp.getViewBox().viewRange()[0])
            ap.disableAutoRange(axis="y")  # set by _update_acc_range, once per redraw
            self._set_metrics(None, None, None, None)
        self._update_acc_range()

    def set_scale(self, factor: float) -> None:
        """Axis text, ticks and curves `factor` times their usual size (presentation mode and zoom)."""
        self._scale = factor
        font = QFont(self.font())
        font.setPointSizeF(self._base_pt * factor)
        for plot in (self.loss_plot.getPlotItem(), self.acc_plot.getPlotItem()):
            for side in ("left", "bottom"):
                axis = plot.getAxis(side)
                axis.setStyle(tickFont=font, tickTextOffset=int(3 * factor))
                axis.label.setFont(font)
                if side == "left":
                    axis.setWidth(int(52 * factor))
                else:
                    axis.setHeight(None)
        for cs in self._sets.values():
            cs.set_scale(factor)
        self._placeholder.setFont(font)

    def _x_extent(self, history: History) -> float:
        """Right end of the x axis: the run's total, or when following, a round number past the iterations
        done (it moves only when they outgrow it)."""
        if not self._follow_extent:
            return max(history.total, 1)
        return min(max(history.total, 1), nice_ceil(max(10, 1.25 * history.count)))

    def _update_x_range(self) -> None:
        cs = self._sets.get(self._primary)
        if cs is None or not self._follow_extent:
            return
        lp = self.loss_plot.getPlotItem()
        extent = self._x_extent(cs.history)
        if extent != self._x_shown:
            self._x_shown = extent
            lp.setXRange(0, extent, padding=0.01)

    def x_extent(self) -> float:
        """The right end of the iteration axis now."""
        return self.loss_plot.getPlotItem().getViewBox().viewRange()[0][1]

    def remove_history(self, run_id: int) -> None:
        cs = self._sets.pop(run_id, None)
        if cs is not None:
            cs.remove()
        if self._primary == run_id:
            self._primary = None

    def run_ids(self) -> list[int]:
        """The runs drawn, oldest first."""
        return list(self._sets)

    def curve_set(self, run_id: int) -> CurveSet | None:
        return self._sets.get(run_id)

    def request_refresh(self) -> None:
        """Redraw soon: at most 5 times a second, and less when redraws get slow (see _throttled_refresh)."""
        if not self._redraw_timer.isActive():
            self._redraw_timer.start(int(max(0.0, self._next_redraw - time.perf_counter()) * 1000))

    def _throttled_refresh(self) -> None:
        t0 = time.perf_counter()
        self.refresh()
        self.refreshed.emit()
        cost = time.perf_counter() - t0 + self.paint_cost()
        # Redrawing runs Python on this thread, and Python code here holds the GIL the training
        # threads need: so redraw at most 5 times a second, and if redraws get slow (a huge window,
        # a slow machine), keep them under ~8% of the time.
        self._next_redraw = time.perf_counter() + max(MIN_REDRAW_INTERVAL, 12 * cost)

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

    def _loss_bounds(self) -> tuple[float, float]:
        lo, hi = np.inf, 0.0
        for cs in self._sets.values():
            r = cs.loss_range()
            if r is not None:
                lo, hi = min(lo, r[0]), max(hi, r[1])
        return lo, hi

    def _update_y_range(self) -> None:
        """Set the loss axis to round bounds that change only when the data outgrows them.

        pyqtgraph's auto-range would move the axis a little on every update, and every move repaints
        the axis (the costliest part of a redraw); round bounds keep it still for long stretches.
        """
        lo, hi = self._loss_bounds()
        if hi <= 0 or not np.isfinite(lo):
            return
        if self.log_check.isChecked():
            a = np.floor(np.log10(max(lo, 1e-6)) * 2) / 2
            b = np.ceil(np.log10(max(hi, 1e-6)) * 2) / 2
            target = (float(a), float(max(b, a + 0.5)))
        else:
            target = (0.0, nice_ceil(hi))
        if target != self._y_range:
            self._y_range = target
            self.loss_plot.getPlotItem().setYRange(*target, padding=0.02)

    def _update_acc_range(self) -> None:
        """Accuracy axis from a round number below the lowest accuracy shown up to 100%."""
        values = [v for cs in self._sets.values() for v in cs.accuracies()]
        if not values:
            return
        lo = max(0.0, np.floor((min(values) - 1.0) / 5.0) * 5.0)
        self.acc_plot.getPlotItem().setYRange(lo, 100.0, padding=0.03)

    def refresh(self, final: bool = False) -> None:
        """Hand every curve views of its history (no copies) and update the readout.

        Accuracies are redrawn at most once a second (epochs can end several times a second with
        big batches), and always on the final refresh of a run.
        """
        self._update_y_range()
        self._update_x_range()
        acc_changed = False
        for cs in self._sets.values():
            if not cs.faint:
                acc_changed |= cs.draw(final)
        if acc_changed:
            self._update_acc_range()
        cs = self._sets.get(self._primary)
        if cs is None:
            return
        h, last = cs.history, cs.history.last_epoch
        self._set_metrics(
            h.last_smoothed,
            100 * last.test if last else None,
            100 * last.train if last else None,
            h.epochs_done if h.count else None,
        )

    def clear_all(self) -> None:
        """Forget every run drawn (the Reset button)."""
        for run_id in list(self._sets):
            self.remove_history(run_id)
        self._y_range = None
        self._follow_extent = False
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
        lp = self.loss_plot.getPlotItem()
        lp.setLogMode(x=False, y=on)
        self._y_range = None
        if self._loss_bounds()[1] > 0:
            self._update_y_range()
        elif not on:
            lp.setYRange(0, 2.4)
        self._label_loss_axis()
        self._placeholder.setVisible(not self._sets and not on)
        self.logScaleChanged.emit(on)

    # ---- for tests and the window ----
    def paint_cost(self) -> float:
        """Seconds a redraw of the plots takes (recent average)."""
        return self.loss_plot.paint_seconds

    def point_count(self, run_id: int | None = None) -> int:
        """How many mini-batch losses the loss plot shows for a run (default: the readout's run) after
        the last refresh."""
        cs = self._sets.get(self._primary if run_id is None else run_id)
        return 0 if cs is None else cs.shown_points()
