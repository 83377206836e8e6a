"""The Compare page's table: one row per run with its colour, name, what differs, iterations, speed,
elapsed time, loss, test and train accuracy and status; the best run is marked with a star.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from mnist_studio.core.progress import format_duration

COLOUR, NAME, DIFFERS, ITERS, RATE, ELAPSED, LOSS, TEST, TRAIN, STATUS = range(10)


class CompareTable(QTableWidget):
    """Rows of runs (objectName compareTable); row i is run i of the comparison."""

    def __init__(self, parent=None):
        super().__init__(0, 10, parent)
        self.setObjectName("compareTable")
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        # Columns sized once per set of runs, not on every change of a cell: measuring every cell's text
        # four times a second would run on the window's thread, which the training threads wait for.
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(DIFFERS, QHeaderView.Stretch)  # from the space left, not the text
        header.setMinimumSectionSize(14)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                "",
                self.tr("Run"),
                self.tr("What differs"),
                self.tr("Iterations"),
                self.tr("it/s"),
                self.tr("Elapsed"),
                self.tr("Loss"),
                self.tr("Test"),
                self.tr("Train"),
                self.tr("Status"),
            ]
        )

    def set_runs(self, rows) -> None:
        """rows: (colour, name, what differs) per run; the other cells start empty."""
        self.setRowCount(len(rows))
        for r, (colour, name, differs) in enumerate(rows):
            swatch = QTableWidgetItem("")
            swatch.setBackground(QBrush(QColor(colour)))
            self.setItem(r, COLOUR, swatch)
            for col, text in ((NAME, name), (DIFFERS, differs)):
                self.setItem(r, col, QTableWidgetItem(text))
            for col in range(ITERS, STATUS + 1):
                item = QTableWidgetItem("")
                if col != STATUS:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.setItem(r, col, item)
        self.resizeColumnsToContents()
        self.setColumnWidth(NAME, self.columnWidth(NAME) + 24)  # room for the best run's star
        for col, width in (
            (COLOUR, 14),
            (ITERS, 80),
            (RATE, 70),
            (ELAPSED, 64),
            (LOSS, 64),
            (TEST, 64),
            (TRAIN, 64),
            (STATUS, 90),
        ):
            self.setColumnWidth(col, max(width, self.columnWidth(col)) if col != COLOUR else width)

    def relabel(self, row: int, name: str, differs: str) -> None:
        """A run's name and what differs, again (in another language); the best run keeps its star."""
        item = self.item(row, NAME)
        self._set(
            row, NAME, f"\u2605 {name}" if item is not None and item.text().startswith("\u2605") else name
        )
        self._set(row, DIFFERS, differs)

    def _set(self, row: int, col: int, text: str) -> None:
        item = self.item(row, col)
        if item is not None and item.text() != text:  # unchanged cells cost no repaint
            item.setText(text)

    def show_reading(self, row: int, iterations, rate, seconds, loss, test, train, status: str) -> None:
        """Fill a run's cells (None: not known yet)."""
        self._set(row, ITERS, f"{iterations:,}")
        self._set(row, RATE, "" if rate is None else (f"{rate:,.0f}" if rate >= 10 else f"{rate:.2f}"))
        self._set(row, ELAPSED, format_duration(seconds) if seconds else "")
        self._set(row, LOSS, "" if loss is None else f"{loss:.4f}")
        self._set(row, TEST, "" if test is None else f"{test:.2%}")
        self._set(row, TRAIN, "" if train is None else f"{train:.2%}")
        self._set(row, STATUS, status)

    def mark_best(self, best: int | None, names: list[str]) -> None:
        """Star the best run's name (and only its)."""
        for r, name in enumerate(names):
            self._set(r, NAME, f"\u2605 {name}" if r == best else name)
            item = self.item(r, NAME)
            if item is not None:
                font = item.font()
                font.setBold(r == best)
                item.setFont(font)

    def iterations(self, row: int) -> int:
        """The iterations cell as a number (0 while empty)."""
        item = self.item(row, ITERS)
        text = item.text().replace(",", "") if item is not None else ""
        return int(text) if text else 0
