"""The gradient check, drawn: every weight's numerical gradient (central differences) against its backprop
gradient, one point per weight, so agreement puts every point on the diagonal; and the largest relative
difference per parameter.

W1 has 39,200 weights; a fixed sample of them is plotted (all of b1, W2 and b2 are), which is
plenty to see the diagonal and keeps the plot quick.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import (
    QLabel,
    QTableWidgetItem,
    QWidget,
)

from ..core.network import PARAM_NAMES
from .export import add_save_action
from .i18n import Retranslating
from .panel_parts import parameter_table, picture_beside_notes

#: Points per parameter at most.
MAX_POINTS = 4000
COLOURS = {"W1": "#6366f1", "b1": "#0891b2", "W2": "#d97706", "b2": "#dc2626"}


class GradientCheckView(Retranslating, QWidget):
    """Scatter of numerical vs backprop gradient, and the max relative difference per parameter; objectName
    gradientCheckView."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("gradientCheckView")
        self._check = None
        self._note = ""
        self.plot = pg.PlotWidget()
        self.plot.setMinimumSize(260, 220)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.addLegend(offset=(10, 10))
        self.diagonal = item.plot([0, 0], [0, 0], pen=pg.mkPen("#9ca3af", width=1))
        self.points = {
            name: pg.ScatterPlotItem(size=4, pen=None, brush=pg.mkBrush(COLOURS[name]), name=name)
            for name in PARAM_NAMES
        }
        for scatter in self.points.values():
            item.addItem(scatter)
        self.verdict = QLabel()
        self.verdict.setObjectName("gradientCheckVerdict")
        self.verdict.setWordWrap(True)
        self.table = parameter_table(1)
        picture_beside_notes(self, self.plot, self.verdict, self.table)
        self.save_action = add_save_action(self, "gradient-check.png")
        self._rng = np.random.default_rng(0)
        self.retranslate()

    def retranslate(self) -> None:
        """Its words in the current language (the verdict shown, if any, said again)."""
        self.setAccessibleName(self.tr("Gradient check"))
        item = self.plot.getPlotItem()
        item.setLabel("bottom", self.tr("backprop gradient"))
        item.setLabel("left", self.tr("numerical gradient"))
        self.table.setHorizontalHeaderLabels([self.tr("max relative difference")])
        if self._check is None:
            self.verdict.setText(
                self.tr("Press Gradient check to compare the two gradients on the current batch.")
            )
        else:
            self._show_verdict()

    def set_check(self, check, note="") -> None:
        """Show a core.inside.GradientCheck, with a note under the verdict (why they differ, say): a text,
        or a function that makes it in the current language."""
        self._check = check
        self._note = note
        lo, hi = 0.0, 0.0
        for name in PARAM_NAMES:
            num, bp = check.numerical[name].ravel(), check.backprop[name].ravel()
            if num.size > MAX_POINTS:
                keep = np.sort(self._rng.choice(num.size, MAX_POINTS, replace=False))
                num, bp = num[keep], bp[keep]
            self.points[name].setData(bp, num)
            lo, hi = min(lo, bp.min(), num.min()), max(hi, bp.max(), num.max())
        self.diagonal.setData([lo, hi], [lo, hi])
        for row, name in enumerate(PARAM_NAMES):
            item = self.table.item(row, 0)
            if item is None:
                item = QTableWidgetItem()
                self.table.setItem(row, 0, item)
            item.setText(f"{check.max_relative_difference[name]:.2e}")
        self._show_verdict()

    def _show_verdict(self) -> None:
        worst = self._check.worst
        note = self._note() if callable(self._note) else self._note
        text = (
            self.tr("The two gradients agree: the largest relative difference is {0:.1e} (below 1e-6).")
            if worst < 1e-6
            else self.tr(
                "The two gradients DISAGREE: the largest relative difference is {0:.1e} "
                "(expected below 1e-6)."
            )
        )
        self.verdict.setText(text.format(worst) + (" " + note if note else ""))

    def max_relative_differences(self) -> dict:
        """The numbers in the table, per parameter (as computed, not as rounded for display)."""
        return {} if self._check is None else dict(self._check.max_relative_difference)

    def plotted(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(backprop, numerical) values plotted for one parameter."""
        x, y = self.points[name].getData()
        return np.asarray(x), np.asarray(y)
