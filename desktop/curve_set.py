"""The plot items that draw one run's History: the mini-batch losses and their trend on the loss plot,
the test and train accuracies on the accuracy plot; or, for a finished run kept for comparison, only its
trend and test accuracy in faint grey.

The items are created once and handed views of the history's arrays (`setData`, no copies): a
run of a million iterations is drawn from the same memory it is stored in.
"""

from __future__ import annotations

import time

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

from mnist_studio.core.history import History

from . import theme


def _translucent(colour: str, alpha: int) -> tuple[int, int, int, int]:
    c = QColor(colour)
    return (c.red(), c.green(), c.blue(), alpha)


def _lr_pen(scale: float):
    return pg.mkPen(theme.MUTED, width=1.2 * scale, style=Qt.DashLine)


def _lr_font(label, scale: float):
    font = label.textItem.font()
    font.setPointSizeF(8.5 * scale)
    return font


class CurveSet:
    """One history drawn on the loss plot `lp` and the accuracy plot `ap` (PlotItems), in `colour`, or
    faint."""

    def __init__(
        self, lp: pg.PlotItem, ap: pg.PlotItem, history: History, colour: str | None, faint: bool = False
    ):
        self.history = history
        self.faint = faint
        self._plots = (lp, ap)
        self._epochs_drawn = -1
        self._acc_drawn_at = 0.0
        self.raw = self.train = None
        if faint:
            pen = pg.mkPen(theme.PREVIOUS, width=2)
            self.smooth = lp.plot(pen=pen)
            self.test = ap.plot(pen=pen)
        else:
            # The first run keeps the window's usual colours; later ones are told apart by their own.
            first = colour in (None, theme.LOSS_SMOOTH)
            raw_pen = theme.LOSS_RAW if first else _translucent(colour, 110)
            smooth_colour = theme.LOSS_SMOOTH if first else colour
            test_colour = theme.TEST_ACC if first else colour
            train_colour = theme.TRAIN_ACC if first else colour
            # the noisy per-batch line without antialiasing: it is thin and light, and drawing it is most
            # of a redraw
            self.raw = lp.plot(pen=pg.mkPen(raw_pen, width=1), antialias=False)
            self.smooth = lp.plot(pen=pg.mkPen(smooth_colour, width=2.5))
            self.train = ap.plot(
                pen=pg.mkPen(train_colour, width=2, style=Qt.DashLine),
                symbol="s",
                symbolSize=6,
                symbolBrush=train_colour,
                symbolPen=None,
            )
            self.test = ap.plot(
                pen=pg.mkPen(test_colour, width=2.5),
                symbol="o",
                symbolSize=7,
                symbolBrush=test_colour,
                symbolPen=None,
            )
        self.lr_marks: list[pg.InfiniteLine] = []  # one per live change of the learning rate
        self._scale = 1.0
        # each item's pen width and symbol size as designed, for set_scale
        self._sizes = {
            item: (item.opts["pen"].widthF(), item.opts.get("symbolSize"))
            for item in (self.raw, self.smooth, self.train, self.test)
            if item is not None
        }
        for curve in self.loss_curves():
            # peak: each pixel column keeps its lowest and highest loss, so no spike disappears
            curve.setDownsampling(auto=True, method="peak" if curve is self.raw else "subsample")
            curve.setClipToView(True)
            curve.setSkipFiniteCheck(True)  # only finite losses are ever stored: skip the O(n) check
        if faint:
            # A finished run never changes while a new one grows over it: Qt keeps it as a picture
            # and copies that, instead of asking pyqtgraph (Python) to draw it again and again.
            self.smooth.curve.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
            for c in (self.smooth, self.test):
                c.setZValue(-1)  # behind the runs that are drawn in colour
            h = history
            self.range = (float(h.smoothed.min()), float(h.smoothed.max())) if h.count else None
            self.draw(final=True)

    def set_scale(self, factor: float) -> None:
        """Thicker lines and larger markers by `factor` (presentation mode), thinner back with 1."""
        self._scale = factor
        for mark in self.lr_marks:
            mark.setPen(_lr_pen(factor))
            mark.label.setFont(_lr_font(mark.label, factor))
        for item, (width, symbol_size) in self._sizes.items():
            pen = pg.mkPen(item.opts["pen"])
            pen.setWidthF(width * factor)
            item.setPen(pen)
            if symbol_size:
                item.setSymbolSize(symbol_size * factor)

    def loss_curves(self) -> list:
        return [c for c in (self.raw, self.smooth) if c is not None]

    def loss_range(self) -> tuple[float, float] | None:
        """Smallest and largest loss this set shows (the trend's, for a faint set)."""
        if self.faint:
            return self.range
        h = self.history
        return (h.loss_min, h.loss_max) if h.count else None

    def accuracies(self) -> list[float]:
        """Every accuracy (in %) this set shows."""
        if self.faint:
            return [100 * e.test for e in self.history.epochs]
        return [100 * v for e in self.history.epochs for v in (e.test, e.train)]

    def draw(self, final: bool = False) -> bool:
        """Hand the curves views of the history; the accuracies at most once a second. True if those
        changed."""
        h = self.history
        if not self.faint or final:
            if self.raw is not None:
                self.raw.setData(h.iterations, h.losses)
            self.smooth.setData(h.iterations, h.smoothed)
        if not self.faint:
            self._mark_lr_changes()
        now = time.perf_counter()
        if len(h.epochs) == self._epochs_drawn or not (final or now - self._acc_drawn_at >= 1.0):
            return False
        self._epochs_drawn = len(h.epochs)
        self._acc_drawn_at = now
        it = [e.iteration for e in h.epochs]
        self.test.setData(it, [100 * e.test for e in h.epochs])
        if self.train is not None:
            self.train.setData(it, [100 * e.train for e in h.epochs])
        return True

    def _mark_lr_changes(self) -> None:
        """A thin vertical line, labelled with the new rate, where the learning rate was changed live.

        The history's first record is the rate the run started with: that one is no change.
        """
        changes = self.history.lr_changes[1:]
        lp = self._plots[0]
        for iteration, lr in changes[len(self.lr_marks):]:
            mark = pg.InfiniteLine(
                pos=iteration, angle=90, movable=False, pen=_lr_pen(self._scale),
                label=QCoreApplication.translate("CurveSet", "lr %1").replace("%1", f"{lr:g}"), labelOpts={"position": 0.97, "color": theme.TEXT, "anchors": [(0, 0), (0, 0)]},  # noqa: E501
            )
            mark.label.setFont(_lr_font(mark.label, self._scale))
            mark.setZValue(-0.5)
            lp.addItem(mark, ignoreBounds=True)
            self.lr_marks.append(mark)

    def shown_points(self) -> int:
        """How many mini-batch losses the loss plot shows for this set (after the last draw)."""
        curve = self.raw if self.raw is not None else self.smooth
        x, _ = curve.getOriginalDataset()
        return 0 if x is None else len(x)

    def remove(self) -> None:
        lp, ap = self._plots
        for mark in self.lr_marks:
            lp.removeItem(mark)
        for c in self.loss_curves():
            lp.removeItem(c)
        for c in (self.test, self.train):
            if c is not None:
                ap.removeItem(c)
