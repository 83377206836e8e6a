"""Your digit inside the network: how strongly each hidden unit fires for it (on the same grid as the weight
pictures), and "why this digit": the units whose activation x outgoing weight adds most to the winning score,
the ten scores before softmax and the probabilities after.

The winning score is b2[k] plus the sum over all units of activation_j x W2[j, k]; the panel shows
the biggest terms, then the rest and the bias, so the numbers on screen add up to the score.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.inside import (
    diverging_rgb,
    grid_columns,
    read_digit,
    unit_picture,
    weight_scale,
)
from .export import add_save_action
from .i18n import Retranslating
from .weights_view import ClickableImage, image_view

#: How many top contributing units are shown with their pictures.
TOP = 6


def rgb_pixmap(rgb: np.ndarray, zoom: int = 2) -> QPixmap:
    """A QPixmap of a uint8 (h, w, 3) array, each pixel zoom x zoom."""
    a = np.ascontiguousarray(rgb.repeat(zoom, axis=0).repeat(zoom, axis=1))
    h, w = a.shape[:2]
    return QPixmap.fromImage(QImage(a.data, w, h, 3 * w, QImage.Format_RGB888).copy())


class ActivationView(Retranslating, QWidget):
    """Each hidden unit's activation for one image, and the units that explain its reading; objectName
    activationView."""

    unitClicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("activationView")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self._params = None
        self._activation = "sigmoid"
        self._x: np.ndarray | None = None
        self._reading = None
        self._rows: list[tuple[int | None, float]] = []
        self._columns = 1

        self.headline = QLabel()
        self.headline.setObjectName("activationHeadline")
        self.headline.setWordWrap(True)

        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setMinimumSize(300, 260)
        self.grid_image = ClickableImage(axisOrder="row-major")
        self.grid_image.setLookupTable(pg.colormap.get("inferno").getLookupTable(nPts=256))
        self.grid_view = image_view(self.plots.ci, self.grid_image, row=0, col=0)
        self.grid_image.clicked.connect(self._clicked_at)
        self.scores_plot = self._bar_plot(1, "")
        self.score_bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7, brush="#6366f1")
        self.scores_plot.addItem(self.score_bars)
        self.probs_plot = self._bar_plot(2, "")
        self.probs_plot.setYRange(0, 1, padding=0.02)
        self.prob_bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7, brush="#059669")
        self.probs_plot.addItem(self.prob_bars)
        self.plots.ci.layout.setRowStretchFactor(0, 3)

        why = QGridLayout()
        why.setHorizontalSpacing(8)
        self.why_title = QLabel("")
        self.why_title.setWordWrap(True)
        why.addWidget(self.why_title, 0, 0, 1, 2)
        self.unit_pictures, self.unit_texts = [], []
        for r in range(TOP):
            picture, text = QLabel(), QLabel()
            picture.setFixedSize(56, 56)
            why.addWidget(picture, r + 1, 0)
            why.addWidget(text, r + 1, 1)
            self.unit_pictures.append(picture)
            self.unit_texts.append(text)
        self.rest_text = QLabel("")
        self.rest_text.setWordWrap(True)
        why.addWidget(self.rest_text, TOP + 1, 0, 1, 2)
        why.setRowStretch(TOP + 2, 1)

        body = QHBoxLayout()
        body.addWidget(self.plots, 3)
        body.addLayout(why, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.headline)
        outer.addLayout(body, 1)
        self.save_action = add_save_action(self, "your-digit-inside.png")
        self.retranslate()

    def retranslate(self) -> None:
        """Its words in the current language (the reading shown, if any, said again)."""
        self.setAccessibleName(self.tr("Your digit inside the network"))
        self.scores_plot.setTitle(self.tr("scores before softmax"))
        self.probs_plot.setTitle(self.tr("probabilities after softmax"))
        if self._reading is not None:
            self._refresh()
        else:
            self.headline.setText(
                self.tr("Draw a digit on the pad, or click a test digit, to see it inside the network.")
            )

    def _bar_plot(self, row: int, title: str) -> pg.PlotItem:
        plot = self.plots.addPlot(row=row, col=0, title=title, enableMenu=False)
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        plot.getAxis("bottom").setTicks([[(d, str(d)) for d in range(10)]])
        return plot

    # ---- inputs ----
    def set_snapshot(self, params: dict, activation: str) -> None:
        """New weights: read the current image again with them."""
        self._params, self._activation = params, activation
        self._refresh()

    def set_reading(self, x784) -> None:
        """The image to follow through the network (784 values in 0..1), or None for none."""
        self._x = None if x784 is None else np.asarray(x784, dtype=np.float64).reshape(784)
        self._refresh()

    def set_inputs(self, params: dict, activation: str, x784) -> None:
        """Weights and image at once (one redraw instead of two)."""
        self._params, self._activation = params, activation
        self.set_reading(x784)

    # ---- state, for tests and scripts ----
    def reading(self):
        """The core.inside.Reading shown, or None."""
        return self._reading

    def contribution_rows(self) -> list[tuple[int | None, float]]:
        """The terms listed under "why this digit": (unit, its vote) for the top units, then (None, all other
        units' votes)."""
        return list(self._rows)

    def activation_grid(self) -> np.ndarray | None:
        return self.grid_image.image

    # ---- work ----
    def _clicked_at(self, x: float, y: float) -> None:
        j = int(y) * self._columns + int(x)
        if (
            self._reading is not None
            and 0 <= x
            and 0 <= y
            and int(x) < self._columns
            and j < len(self._reading.hidden)
        ):
            self.unitClicked.emit(j)

    def _refresh(self) -> None:
        if self._params is None or self._x is None:
            self._reading = None
            self._rows = []
            return
        r = self._reading = read_digit(self._params, self._activation, self._x)
        units = len(r.hidden)
        self._columns = columns = grid_columns(units)
        grid = np.full((-(-units // columns)) * columns, np.nan, dtype=np.float32)
        grid[:units] = r.hidden
        top_level = 1.0 if self._activation == "sigmoid" else max(float(r.hidden.max()), 1e-6)
        self.grid_image.setImage(grid.reshape(-1, columns), autoLevels=False, levels=(0.0, top_level))
        self.grid_view.autoRange(padding=0.02)
        self.score_bars.setOpts(height=r.scores)
        self.prob_bars.setOpts(height=r.probabilities)
        k = r.digit
        self.headline.setText(
            self.tr(
                "Read as {0} ({1:.0%} sure). Bright squares: hidden units that fire for this image."
            ).format(k, float(r.probabilities[k]))
        )
        self.why_title.setText(
            self.tr(
                "Why {0}? The units that add most to its score (activation \u00d7 weight to {0}):"
            ).format(k)
        )
        top = r.top_units(TOP)
        W1 = self._params["W1"]
        scale = weight_scale(W1)
        self._rows = []
        for n, (picture, text) in enumerate(zip(self.unit_pictures, self.unit_texts)):
            if n < len(top):
                j = int(top[n])
                picture.setPixmap(rgb_pixmap(diverging_rgb(unit_picture(W1, j), scale)))
                text.setText(
                    self.tr("unit {0}: {1:.3f} \u00d7 {2:+.3f} = {3:+.3f}").format(
                        j, float(r.hidden[j]), float(self._params["W2"][j, k]), float(r.contributions[j])
                    )
                )
                self._rows.append((j, float(r.contributions[j])))
            else:
                picture.clear()
                text.setText("")
        rest = float(r.contributions.sum() - sum(v for _, v in self._rows))
        self._rows.append((None, rest))
        self.rest_text.setText(
            self.tr(
                "the other %Ln unit(s): {0:+.3f}; bias b2[{1}]: {2:+.3f}; score of {1}: {3:.3f}",
                "",
                units - len(top),
            ).format(rest, k, r.bias, float(r.scores[k]))
        )
        self.rest_text.setTextFormat(Qt.PlainText)
