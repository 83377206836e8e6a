"""A paged sheet of digits, each with its label and (if known) what the network read, that says exactly which
images it shows: the digits of a confusion-matrix cell, or the 100 digits of one mini-batch.

Painted in one go (one widget, not a label per digit); the digits' QImages are made once per page.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import theme
from .export import add_save_action
from .i18n import Retranslating
from .sample_grid import to_qimage


class _Canvas(QWidget):
    """The painted part of the sheet: digit tiles with "label -> read" captions."""

    def __init__(self, sheet: DigitSheet):
        super().__init__(sheet)
        self.sheet = sheet
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(240, 160)

    def paintEvent(self, event) -> None:
        sheet = self.sheet
        p = QPainter(self)
        k = len(sheet._images)
        if not k:
            p.setPen(QColor(theme.MUTED))
            p.drawText(self.rect(), Qt.AlignCenter | Qt.TextWordWrap, sheet.empty_text)
            return
        side, cols = self._grid(k)
        font = theme.digit_font(max(7, int(side * 0.2)), bold=False)
        p.setFont(font)
        start = sheet.page * sheet.page_size
        for n, image in enumerate(sheet._images):
            x, y = (n % cols) * side, (n // cols) * side * 1.3
            pad = max(1.0, side * 0.06)
            p.drawImage(QRectF(x + pad, y + pad, side - 2 * pad, side - 2 * pad), image)
            i = start + n
            label = int(sheet._labels[i])
            if sheet._reads is None:
                text, colour = str(label), theme.TEXT
            else:
                read = int(sheet._reads[i])
                text, colour = f"{label} \u2192 {read}", theme.GOOD if read == label else theme.BAD
            p.setPen(QColor(colour))
            p.drawText(QRectF(x, y + side - pad, side, side * 0.3), Qt.AlignCenter, text)

    def _grid(self, k: int) -> tuple[float, int]:
        """(tile side, columns) for k tiles: the column count that makes the tiles largest."""
        w, h = self.width(), self.height()
        best = (0.0, 1)
        for cols in range(1, k + 1):
            side = min(w / cols, h / (math.ceil(k / cols) * 1.3))
            if side > best[0]:
                best = (side, cols)
        return best

    def mousePressEvent(self, e) -> None:
        sheet, k = self.sheet, len(self.sheet._images)
        if e.button() == Qt.LeftButton and k:
            side, cols = self._grid(k)
            pos = e.position()
            col, row = int(pos.x() // side), int(pos.y() // (side * 1.3))
            n = row * cols + col
            if 0 <= col < cols and 0 <= n < k:
                i = int(sheet.shown_indices()[n])
                sheet.digitClicked.emit(i, sheet._pixels[i])
                return
        super().mousePressEvent(e)


class DigitSheet(Retranslating, QWidget):
    """Digits with their labels and readings, page by page; shown_indices() says which images are on screen.
    """

    digitClicked = Signal(int, object)  # a digit clicked: its index and its pixels (uint8, 784)

    def __init__(self, parent=None, page_size: int = 40):
        super().__init__(parent)
        self.setObjectName("digitSheet")
        self.page_size = page_size
        self.page = 0
        #: makes the text shown when there are no digits, in the current language
        self.empty_maker = lambda: self.tr("Click a cell of the confusion matrix to see its digits here.")
        self.title_maker = None  # makes the title in the current language, when the caller gave one
        self._pixels: np.ndarray | None = None
        self._indices = np.zeros(0, dtype=np.intp)
        self._labels = np.zeros(0, dtype=np.intp)
        self._reads: np.ndarray | None = None
        self._images = []

        self.title = QLabel("")
        self.title.setObjectName("digitSheetTitle")
        self.prev_button = QToolButton(text="\u25c0")
        self.next_button = QToolButton(text="\u25b6")
        self.page_label = QLabel("")
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.canvas = _Canvas(self)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.prev_button)
        head.addWidget(self.page_label)
        head.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.canvas, 1)
        self.save_action = add_save_action(self, "digits.png")
        self.retranslate()

    @property
    def empty_text(self) -> str:
        return self.empty_maker()

    def retranslate(self) -> None:
        self.prev_button.setToolTip(self.tr("Previous page"))
        self.next_button.setToolTip(self.tr("Next page"))
        self.canvas.setToolTip(self.tr("Click a digit to follow it through the network (Your digit inside)."))
        if self.title_maker is not None:
            self.title.setText(self.title_maker())
        self._update_controls()
        self.canvas.update()
        self._update_controls()

    # ---- inputs ----
    def set_digits(self, pixels_u8: np.ndarray, indices, labels, reads=None, title="") -> None:
        """Show pixels_u8[indices] (uint8 rows of 784); labels (and reads, if given) are per row of indices.
        `title`: a text, or a function that makes it in the current language."""
        self._pixels = pixels_u8
        self._indices = np.asarray(indices, dtype=np.intp)
        self._labels = np.asarray(labels, dtype=np.intp)
        self._reads = None if reads is None else np.asarray(reads, dtype=np.intp)
        if len(self._labels) != len(self._indices) or (
            self._reads is not None and len(self._reads) != len(self._indices)
        ):
            raise ValueError(
                f"{len(self._indices)} digits need as many labels ({len(self._labels)}) and readings"
            )
        self.title_maker = title if callable(title) else None
        self.title.setText(title() if callable(title) else title)
        self.show_page(0)

    def show_page(self, page: int) -> None:
        pages = self.pages()
        self.page = min(max(0, int(page)), pages - 1)
        shown = self.shown_indices()
        self._images = [to_qimage(self._pixels[i]) for i in shown] if self._pixels is not None else []
        self._update_controls()
        self.canvas.update()

    # ---- state, for tests and scripts ----
    def pages(self) -> int:
        return max(1, math.ceil(len(self._indices) / self.page_size))

    def shown_indices(self) -> np.ndarray:
        """The image indices on the current page, in the order painted."""
        start = self.page * self.page_size
        return self._indices[start : start + self.page_size].copy()

    def all_indices(self) -> np.ndarray:
        return self._indices.copy()

    def _update_controls(self) -> None:
        many = self.pages() > 1
        for w in (self.prev_button, self.next_button, self.page_label):
            w.setVisible(many)
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.pages() - 1)
        self.page_label.setText(self.tr("page {0} of {1}").format(self.page + 1, self.pages()))
