"""The hidden units as pictures: each unit's 784 input weights drawn as a 28x28 tile (red where ink excites
it, blue where ink inhibits it), all units in one grid, and for a clicked unit a large view and its ten votes
(its row of W2).

The whole grid is one pyqtgraph ImageItem whose image is refilled with `setImage` (never a new
item), so a redraw of 256 units is one array copy and one colour lookup. Scroll the mouse wheel
over the grid to zoom in, drag to move: that is how 256 or more units fit.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..core.inside import (
    GAP,
    SIDE,
    diverging_lut,
    grid_columns,
    tile_origin,
    tile_units,
    unit_picture,
    weight_scale,
)
from .export import add_save_action
from .i18n import Retranslating


def diverging_colormap() -> pg.ColorMap:
    """The core's blue-white-red map as a pyqtgraph ColorMap (for the colour bar legend)."""
    lut = diverging_lut()
    return pg.ColorMap(np.linspace(0.0, 1.0, len(lut)), lut)


class ClickableImage(pg.ImageItem):
    """An ImageItem that reports left clicks in image coordinates (column x, row y)."""

    clicked = Signal(float, float)

    def mouseClickEvent(self, ev):
        if ev.button() == Qt.LeftButton:
            pos = ev.pos()
            self.clicked.emit(pos.x(), pos.y())
            ev.accept()
        else:
            ev.ignore()


def image_view(
    parent_layout: pg.GraphicsLayout, item: pg.ImageItem, row: int = 0, col: int = 0
) -> pg.ViewBox:
    """A fixed-aspect, top-down ViewBox holding item; pyqtgraph's own menu is off (ours saves the picture)."""
    view = parent_layout.addViewBox(row=row, col=col, lockAspect=True, invertY=True, enableMenu=False)
    view.addItem(item)
    return view


class WeightsView(Retranslating, QWidget):
    """Grid of hidden-unit weight pictures with a colour legend; click a unit for its large picture and its
    ten outgoing weights."""

    unitSelected = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("weightsView")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self._W1: np.ndarray | None = None
        self._W2: np.ndarray | None = None
        self._columns = 1
        self._scale = 1.0
        self._selected: int | None = None
        lut = diverging_lut()

        self.grid_widget = pg.GraphicsLayoutWidget()
        self.grid_widget.setMinimumSize(280, 240)
        self.grid_image = ClickableImage(axisOrder="row-major")
        self.grid_image.setLookupTable(lut)
        self.grid_view = image_view(self.grid_widget.ci, self.grid_image)
        self.grid_view.setBackgroundColor((40, 40, 40))
        self.legend = pg.ColorBarItem(
            values=(-1, 1), colorMap=diverging_colormap(), interactive=False, width=14, colorMapMenu=False
        )
        self.grid_widget.addItem(self.legend, row=0, col=1)
        self.grid_image.clicked.connect(self._clicked_at)

        self.detail_widget = pg.GraphicsLayoutWidget()
        self.detail_widget.setMinimumSize(200, 240)
        self.unit_image = pg.ImageItem(axisOrder="row-major")
        self.unit_image.setLookupTable(lut)
        self.unit_view = image_view(self.detail_widget.ci, self.unit_image)
        self.votes_plot = self.detail_widget.addPlot(row=1, col=0, enableMenu=False)
        self.votes_plot.setMouseEnabled(False, False)
        self.votes_plot.hideButtons()
        self.votes_plot.getAxis("bottom").setTicks([[(d, str(d)) for d in range(10)]])
        self.votes_plot.addLine(y=0, pen=pg.mkPen("#9ca3af"))
        self.votes_bars = pg.BarGraphItem(
            x=np.arange(10), height=np.zeros(10), width=0.7, brushes=["#9ca3af"] * 10
        )
        self.votes_plot.addItem(self.votes_bars)
        self.detail_widget.ci.layout.setRowStretchFactor(0, 3)
        self.detail_widget.ci.layout.setRowStretchFactor(1, 2)

        self.caption = QLabel()
        self.caption.setObjectName("weightsCaption")
        self.caption.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)

        right = QVBoxLayout()
        right.addWidget(self.detail_widget, 1)
        right.addWidget(self.caption)
        top = QHBoxLayout()
        top.addWidget(self.grid_widget, 3)
        top.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(top, 1)
        outer.addWidget(self.hint)
        self.save_action = add_save_action(self, "hidden-units.png")
        self.retranslate()

    # ---- inputs ----
    def set_weights(self, W1: np.ndarray, W2: np.ndarray) -> None:
        """Redraw every unit from W1 (784 x H) and the selected unit's votes from W2 (H x 10)."""
        W1 = np.asarray(W1)
        units = W1.shape[1]
        columns = grid_columns(units)
        first = self._W1 is None or self._W1.shape[1] != units
        self._W1, self._W2, self._columns = W1, np.asarray(W2), columns
        self._scale = weight_scale(W1)
        self.grid_image.setImage(
            tile_units(W1, columns), autoLevels=False, levels=(-self._scale, self._scale)
        )
        self.legend.setLevels((-self._scale, self._scale))
        if first:
            self.grid_view.autoRange(padding=0.01)
            if self._selected is None or self._selected >= units:
                # Unit 0 shown large from the start: an empty half-page does not invite a first click.
                self._selected = 0
        if self._selected is not None:
            self._show_unit(self._selected)

    def select_unit(self, j: int) -> None:
        """Show unit j large, with its ten outgoing weights."""
        if self._W1 is None or not 0 <= j < self._W1.shape[1]:
            return
        self._selected = int(j)
        self._show_unit(self._selected)
        self.unitSelected.emit(self._selected)

    # ---- state, for tests and scripts ----
    def units(self) -> int:
        return 0 if self._W1 is None else self._W1.shape[1]

    def columns(self) -> int:
        return self._columns

    def selected_unit(self) -> int | None:
        return self._selected

    def unit_tile(self, j: int) -> np.ndarray:
        """Unit j's 28x28 values as the grid's image item holds them (read back from the item)."""
        r, c = tile_origin(j, self._columns)
        return self.grid_image.image[r : r + SIDE, c : c + SIDE]

    def unit_at(self, x: float, y: float) -> int | None:
        """The unit under image point (x column, y row), or None on a gap or an empty tile."""
        if self._W1 is None or x < 0 or y < 0:
            return None
        col, dx = divmod(int(x), SIDE + GAP)
        row, dy = divmod(int(y), SIDE + GAP)
        j = row * self._columns + col
        if dx >= SIDE or dy >= SIDE or col >= self._columns or j >= self._W1.shape[1]:
            return None
        return j

    def votes(self) -> np.ndarray:
        """The bar heights shown: the selected unit's row of W2."""
        return np.asarray(self.votes_bars.opts["height"], dtype=float)

    def retranslate(self) -> None:
        """Its words in the current language (the selected unit's caption included)."""
        self.setAccessibleName(self.tr("Hidden units: each unit's input weights as a picture"))
        self.hint.setText(
            self.tr(
                "Red: ink here excites the unit. Blue: ink here inhibits it. Scroll to zoom, drag to move."
            )
        )
        if self._selected is not None and self._W1 is not None:
            self._show_unit(self._selected)
        else:
            self.caption.setText(self.tr("Click a unit to see it large, and which digits it votes for."))

    # ---- work ----
    def _clicked_at(self, x: float, y: float) -> None:
        j = self.unit_at(x, y)
        if j is not None:
            self.select_unit(j)

    def _show_unit(self, j: int) -> None:
        self.unit_image.setImage(
            unit_picture(self._W1, j), autoLevels=False, levels=(-self._scale, self._scale)
        )
        votes = self._W2[j].astype(float)
        brushes = ["#b2182b" if v > 0 else "#2166ac" for v in votes]
        self.votes_bars.setOpts(height=votes, brushes=brushes)
        best, worst = int(np.argmax(votes)), int(np.argmin(votes))
        self.caption.setText(
            self.tr("Unit {0}: votes most for {1} and most against {2}.").format(j, best, worst)
        )
