"""The confusion matrix: for every true digit (row) and every digit the network read (column), how many test
digits fall there; the diagonal is right, everything else is a mistake.

Painted in one go with QPainter. The colour of a cell grows with the share of its row, green on
the diagonal and red off it, so a common confusion (4 read as 9) stands out however many 4s
there are. Click a cell to see its digits.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from . import theme
from .export import add_save_action
from .i18n import Retranslating

#: Room for the row and column headings and the accuracy margin, in font heights.
HEAD = 2.2
MARGIN = 4.2


def cell_colour(count: int, row_total: int, diagonal: bool) -> QColor:
    """White for nothing, deeper green (diagonal) or red (mistakes) for a bigger share of the row."""
    if count <= 0 or row_total <= 0:
        return QColor("white")
    share = count / row_total
    # Mistakes are a few percent of a row: a square root makes 1% visible and 10% strong.
    strength = share if diagonal else min(1.0, np.sqrt(share / 0.1))
    base = QColor(theme.GOOD if diagonal else theme.BAD)
    a = 0.12 + 0.88 * strength
    return QColor(
        round(255 + (base.red() - 255) * a),
        round(255 + (base.green() - 255) * a),
        round(255 + (base.blue() - 255) * a),
    )


class ConfusionView(Retranslating, QWidget):
    """A 10x10 heat map of test counts with the numbers, per-digit accuracy at the right; objectName
    confusionMatrix."""

    #: (true digit, digit read, indices of those test digits)
    cellClicked = Signal(int, int, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("confusionMatrix")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(320, 280)
        self.setMouseTracking(True)
        self._evaluation = None
        self._counts = np.zeros((10, 10), dtype=np.int64)
        self._selected: tuple[int, int] | None = None
        self.save_action = add_save_action(self, "confusion-matrix.png")
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Confusion matrix of the test set"))
        self.update()  # its axis titles are painted

    # ---- inputs ----
    def set_evaluation(self, evaluation) -> None:
        """Show a core.evaluation.Evaluation (or None to clear)."""
        self._evaluation = evaluation
        self._counts = (
            np.zeros((10, 10), dtype=np.int64) if evaluation is None else evaluation.confusion.copy()
        )
        self.update()

    # ---- state, for tests and scripts ----
    def counts(self) -> np.ndarray:
        """The 10x10 integer counts shown (rows true digit, columns read)."""
        return self._counts.copy()

    def selected_cell(self) -> tuple[int, int] | None:
        return self._selected

    def click_cell(self, true: int, read: int) -> None:
        """Select a cell as a click would: emit cellClicked with its test indices."""
        if self._evaluation is None:
            return
        self._selected = (int(true), int(read))
        self.update()
        self.cellClicked.emit(int(true), int(read), self._evaluation.misread(true, read))

    def cell_rect(self, true: int, read: int) -> QRectF:
        """Where cell (true, read) is painted, in widget coordinates."""
        left, top, side = self._geometry()
        return QRectF(left + read * side, top + true * side, side, side)

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        left, top, side = self._geometry()
        col, row = int((pos.x() - left) // side), int((pos.y() - top) // side)
        if 0 <= row < 10 and 0 <= col < 10 and pos.x() >= left and pos.y() >= top:
            return row, col
        return None

    # ---- geometry and painting ----
    def _geometry(self) -> tuple[float, float, float]:
        fh = self.fontMetrics().height()
        side = max(
            12.0, min((self.width() - (HEAD + MARGIN) * fh) / 10, (self.height() - 2 * HEAD * fh) / 10)
        )
        left = HEAD * fh + max(0.0, (self.width() - (HEAD + MARGIN) * fh - 10 * side) / 2)
        return left, 2 * HEAD * fh, side

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        left, top, side = self._geometry()
        fh = self.fontMetrics().height()
        p.setPen(QColor(theme.MUTED))
        p.drawText(QRectF(left, 0, 10 * side, HEAD * fh), Qt.AlignCenter, self.tr("read as"))
        p.save()
        p.translate(fh * 0.9, top + 5 * side)
        p.rotate(-90)
        p.drawText(QRectF(-5 * side, -fh, 10 * side, 2 * fh), Qt.AlignCenter, self.tr("true digit"))
        p.restore()
        p.drawText(
            QRectF(left + 10 * side, top - HEAD * fh, MARGIN * fh, HEAD * fh),
            Qt.AlignCenter,
            self.tr("right"),
        )
        bold = QFont(self.font())
        bold.setBold(True)
        rows = self._counts.sum(axis=1)
        number_font = theme.digit_font(max(7, int(side * 0.32)), bold=False)
        for d in range(10):
            p.setFont(bold)
            p.setPen(QColor(theme.TEXT))
            p.drawText(
                QRectF(left + d * side, top - HEAD * fh * 0.55, side, HEAD * fh * 0.5), Qt.AlignCenter, str(d)
            )
            p.drawText(
                QRectF(left - HEAD * fh * 0.5, top + d * side, HEAD * fh * 0.5, side), Qt.AlignCenter, str(d)
            )
        p.setFont(number_font)
        for t in range(10):
            for r in range(10):
                rect = self.cell_rect(t, r)
                n = int(self._counts[t, r])
                p.fillRect(rect, cell_colour(n, int(rows[t]), t == r))
                p.setPen(QPen(QColor(theme.BORDER), 1))
                p.drawRect(rect)
                if n:
                    dark = t == r and n / max(1, rows[t]) > 0.5 or t != r and n / max(1, rows[t]) > 0.03
                    p.setPen(QColor("white" if dark else theme.TEXT))
                    p.drawText(rect, Qt.AlignCenter, str(n))
        if self._evaluation is not None:
            p.setFont(self.font())
            acc = self._evaluation.per_digit_accuracy
            for t in range(10):
                text = "" if np.isnan(acc[t]) else f"{acc[t] * 100:.1f}%"
                p.setPen(QColor(theme.GOOD if acc[t] >= 0.98 else theme.BAD if acc[t] < 0.95 else theme.TEXT))
                p.drawText(QRectF(left + 10 * side, top + t * side, MARGIN * fh, side), Qt.AlignCenter, text)
        if self._selected is not None:
            p.setPen(QPen(QColor(theme.ACCENT), 3))
            p.setBrush(Qt.NoBrush)
            p.drawRect(self.cell_rect(*self._selected).adjusted(1, 1, -1, -1))

    # ---- mouse ----
    def mousePressEvent(self, e) -> None:
        cell = self.cell_at(QPointF(e.position()))
        if e.button() == Qt.LeftButton and cell is not None:
            self.click_cell(*cell)
            return
        super().mousePressEvent(e)

    def event(self, e) -> bool:
        if e.type() == e.Type.ToolTip:
            cell = self.cell_at(QPointF(e.pos()))
            if cell is not None and self._evaluation is not None:
                t, r = cell
                n = int(self._counts[t, r])
                text = (
                    self.tr("%Ln test digit(s) {0} read correctly", "", n).format(t)
                    if t == r
                    else self.tr("%Ln test digit(s) {0} read as {1}", "", n).format(t, r)
                )
                QToolTip.showText(e.globalPos(), text + "\n" + self.tr("Click to see them."), self)
            else:
                QToolTip.showText(
                    e.globalPos(),
                    self.tr(
                        "Rows: the true digit. Columns: what the network read.\n"
                        "The diagonal is right; every other cell is a mistake."
                    ),
                    self,
                )
            return True
        return super().event(e)
