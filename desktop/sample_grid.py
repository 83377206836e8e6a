"""A grid of test digits, each with the network's guess and how sure it is; wrong guesses are marked in red,
so you can watch the mistakes disappear as it learns.

The grid is painted in one go (one widget, not 32 labels), and the guesses are recomputed at most
once a second while training (less often when that gets slow), so it costs the window almost nothing.
"""

from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from . import theme

#: How many digits the grid shows.
COUNT = 32


def to_qimage(pixels_u8: np.ndarray) -> QImage:
    """A 28x28 grey QImage (white ink on black, like MNIST) that owns a copy of the pixels."""
    a = np.ascontiguousarray(pixels_u8.reshape(28, 28), dtype=np.uint8)
    return QImage(a.data, 28, 28, 28, QImage.Format_Grayscale8).copy()


class SampleGrid(QWidget):
    """Paints COUNT test digits with predicted digit and confidence; objectName sampleGrid."""

    summaryChanged = Signal(str)
    digitClicked = Signal(int)  # the test-set index of a digit clicked with the left button
    readerChanged = Signal(object)  # the model whose guesses are now shown (None: no guesses)

    def __init__(self, parent=None, count: int = COUNT, seed: int | None = None):
        super().__init__(parent)
        self.setObjectName("sampleGrid")
        self.setAccessibleName(self.tr("Sample test digits"))
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(300, 140)
        self.setToolTip("")  # per-digit tooltips come from event()
        self.count = count
        self._rng = np.random.default_rng(seed)
        self.read_by = None  # the model whose guesses are shown
        self._x: np.ndarray | None = None
        self._t: np.ndarray | None = None
        self._indices = np.zeros(0, dtype=np.intp)
        self._images: list[QImage] = []
        self._pred: np.ndarray | None = None
        self._conf: np.ndarray | None = None
        self._model = None
        self._only_mistakes = False
        self._mistake_total: int | None = None
        self._cells: list[QRectF] = []
        self._shown = None  # what was last painted, to repaint only when it changes
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._recompute)
        # New guesses at most once a second while weights keep arriving, and less often when working
        # them out is slow (mistakes-only mode with a big network reads all 10,000 test digits).
        self.min_interval_ms = 1000
        self._base_interval_ms = 1000

    # ---- inputs ----
    def set_data(self, x_test: np.ndarray | None, t_test: np.ndarray | None) -> None:
        """The test images (uint8, (n, 784)) and labels to draw samples from; None to show nothing."""
        self._x, self._t = x_test, t_test
        self._mistake_total = None
        self.new_samples()

    def set_model(self, model) -> None:
        """The model whose guesses are shown (anything with probabilities(x)); updates soon, coalesced."""
        self._model = model
        if not self._timer.isActive():
            self._timer.start(0 if self._pred is None else self.min_interval_ms)

    def new_samples(self) -> None:
        """Show other test digits (other mistakes, in mistakes-only mode)."""
        if self._x is None:
            self._indices = np.zeros(0, dtype=np.intp)
            self._set_indices(self._indices)
            return
        if self._only_mistakes:
            self._recompute(reshuffle=True)
            return
        n = min(self.count, len(self._x))
        self._set_indices(np.sort(self._rng.choice(len(self._x), n, replace=False)))
        self._recompute()

    def set_only_mistakes(self, on: bool) -> None:
        self._only_mistakes = bool(on)
        if on:
            self._recompute(reshuffle=True)
        else:
            self.new_samples()

    @property
    def only_mistakes(self) -> bool:
        return self._only_mistakes

    # ---- state, for the window and tests ----
    def indices(self) -> np.ndarray:
        return self._indices.copy()

    def predictions(self) -> np.ndarray | None:
        return None if self._pred is None else self._pred.copy()

    def labels(self) -> np.ndarray | None:
        return None if self._t is None else self._t[self._indices]

    def wrong_count(self) -> int:
        if self._pred is None or self._t is None:
            return 0
        return int(np.sum(self._pred != self._t[self._indices]))

    def summary(self) -> str:
        if self._x is None:
            return ""
        n = len(self._indices)
        if self._pred is None:
            return self.tr("%Ln test digits", "", n)
        if self._only_mistakes:
            if self._mistake_total is not None:
                return self.tr("{wrong} of {total} test digits are wrong; %Ln shown", "", n).format(
                    wrong=f"{self._mistake_total:,}", total=f"{len(self._x):,}"
                )
            return ""
        wrong = self.wrong_count()
        if wrong:
            return self.tr("{wrong} of %Ln wrong", "", n).format(wrong=wrong)
        return self.tr("all %Ln right", "", n)

    # ---- work ----
    def _set_indices(self, idx: np.ndarray) -> None:
        self._indices = np.asarray(idx, dtype=np.intp)
        self._images = [to_qimage(self._x[i]) for i in self._indices] if self._x is not None else []
        self._pred = self._conf = None

    def _recompute(self, reshuffle: bool = False) -> None:
        t0 = time.perf_counter()
        self._recompute_now(reshuffle)
        cost_ms = (time.perf_counter() - t0) * 1000
        self.min_interval_ms = int(max(self._base_interval_ms, 20 * cost_ms))

    def _recompute_now(self, reshuffle: bool) -> None:
        model = self._model
        if self._x is None:
            self.update()
            return
        if self._only_mistakes and model is not None:
            probs = _probabilities_chunked(model, self._x)
            pred = probs.argmax(axis=1)
            wrong = np.flatnonzero(pred != self._t)
            self._mistake_total = len(wrong)
            keep = [] if reshuffle else [i for i in self._indices if pred[i] != self._t[i]]
            rest = np.setdiff1d(wrong, keep, assume_unique=False)
            need = max(0, min(self.count, len(wrong)) - len(keep))
            extra = (
                self._rng.choice(rest, need, replace=False)
                if need and len(rest)
                else np.zeros(0, dtype=np.intp)
            )
            chosen = np.sort(np.concatenate([np.asarray(keep, dtype=np.intp), extra.astype(np.intp)]))
            if not np.array_equal(chosen, self._indices):
                self._set_indices(chosen)
            self._pred = pred[self._indices]
            self._conf = probs[self._indices, self._pred]
        elif model is not None and len(self._indices):
            probs = model.probabilities(self._x[self._indices])
            self._pred = probs.argmax(axis=1)
            self._conf = probs[np.arange(len(self._pred)), self._pred]
        else:
            self._pred = self._conf = None
        reader = model if self._pred is not None else None
        if (reader.key if reader else None) != (self.read_by.key if self.read_by else None):
            self.read_by = reader
            self.readerChanged.emit(reader)
        self.read_by = reader  # the newest weights of the same run
        # Repaint only when what is shown changes (the guesses, or a percentage by a whole point).
        shown = (
            None
            if self._pred is None
            else (
                self._indices.tobytes(),
                self._pred.tobytes(),
                np.round(self._conf * 100).astype(np.int16).tobytes(),
            )
        )
        if shown != self._shown or shown is None:
            self._shown = shown
            self.summaryChanged.emit(self.summary())
            self.update()

    # ---- painting ----
    def _layout(self) -> list[QRectF]:
        """Cell rectangles: the column count that makes the digits as large as the space allows."""
        n = max(len(self._indices), 1)
        w, h = self.width() - 4, self.height() - 4
        best = (0.0, 1)
        for cols in range(1, n + 1):
            rows = math.ceil(n / cols)
            side = min(w / cols, h / (rows * 1.32))  # a cell is a square tile plus a line of text
            if side > best[0]:
                best = (side, cols)
        side, cols = best
        side = max(side, 8.0)
        cell_h = side * 1.32
        rows = math.ceil(n / cols)
        x0 = 2 + (w - cols * side) / 2
        y0 = 2 + max(0.0, (h - rows * cell_h) / 2)
        return [
            QRectF(x0 + (k % cols) * side, y0 + (k // cols) * cell_h, side, cell_h)
            for k in range(len(self._indices))
        ]

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        if self._x is None or not len(self._indices):
            p.setPen(QColor(theme.MUTED))
            text = (
                self.tr("Test digits appear here once MNIST is loaded.")
                if self._x is None
                else (self.tr("No mistakes on the test set: nothing to show.") if self._only_mistakes else "")
            )
            p.drawText(self.rect(), Qt.AlignCenter | Qt.TextWordWrap, text)
            self._cells = []
            return
        self._cells = self._layout()
        labels = self._t[self._indices]
        for k, cell in enumerate(self._cells):
            pad = max(2.0, cell.width() * 0.06)
            side = cell.width() - 2 * pad
            tile = QRectF(cell.left() + pad, cell.top() + pad, side, side)
            wrong = self._pred is not None and self._pred[k] != labels[k]
            path = QPainterPath()
            radius = max(2.0, side * 0.08)
            path.addRoundedRect(tile, radius, radius)
            p.save()
            p.setClipPath(path)
            # show the real pixels, as the network sees them
            p.setRenderHint(QPainter.SmoothPixmapTransform, False)
            p.drawImage(tile, self._images[k])
            p.restore()
            if wrong:
                p.setPen(QPen(QColor(theme.BAD), max(2.0, side * 0.05)))
                p.setBrush(Qt.NoBrush)
                p.drawRoundedRect(tile, radius, radius)
                tag = self.tr("is {digit}").format(digit=labels[k])
                f = QFont(self.font())
                f.setPixelSize(max(8, int(side * 0.2)))
                f.setBold(True)
                p.setFont(f)
                fm = p.fontMetrics()
                tw = fm.horizontalAdvance(tag) + 6
                th = fm.height()
                badge = QRectF(tile.right() - tw - 2, tile.top() + 2, tw, th)
                p.setPen(Qt.NoPen)
                p.setBrush(QColor(220, 38, 38, 225))
                p.drawRoundedRect(badge, 3, 3)
                p.setPen(QColor("white"))
                p.drawText(badge, Qt.AlignCenter, tag)
            # the guess under the tile
            text_rect = QRectF(
                cell.left(), tile.bottom() + 1, cell.width(), cell.bottom() - tile.bottom() - 1
            )
            if self._pred is None:
                p.setPen(QColor(theme.MUTED))
                p.setFont(theme.digit_font(max(9, int(side * 0.22)), bold=False))
                p.drawText(text_rect, Qt.AlignCenter, self.tr("label {digit}").format(digit=labels[k]))
                continue
            color = QColor(theme.BAD if wrong else theme.GOOD)
            digit_font = theme.digit_font(max(9, int(side * 0.26)))
            conf_font = theme.digit_font(max(8, int(side * 0.19)), bold=False)
            digit = str(int(self._pred[k]))
            conf = f" {self._conf[k] * 100:.0f}%"
            p.setFont(digit_font)
            dw = p.fontMetrics().horizontalAdvance(digit)
            p.setFont(conf_font)
            cw = p.fontMetrics().horizontalAdvance(conf)
            left = text_rect.left() + (text_rect.width() - dw - cw) / 2
            p.setFont(digit_font)
            p.setPen(color)
            p.drawText(
                QRectF(left, text_rect.top(), dw, text_rect.height()), Qt.AlignVCenter | Qt.AlignLeft, digit
            )
            p.setFont(conf_font)
            p.setPen(QColor(theme.MUTED))
            p.drawText(
                QRectF(left + dw, text_rect.top(), cw + 2, text_rect.height()),
                Qt.AlignVCenter | Qt.AlignLeft,
                conf,
            )

    def mousePressEvent(self, e) -> None:
        if e.button() == Qt.LeftButton:
            pos = e.position()
            for k, cell in enumerate(self._cells):
                if cell.contains(pos) and k < len(self._indices):
                    self.digitClicked.emit(int(self._indices[k]))
                    return
        super().mousePressEvent(e)

    def event(self, e) -> bool:
        if e.type() == e.Type.ToolTip:
            pos = QPointF(e.pos())
            for k, cell in enumerate(self._cells):
                if cell.contains(pos) and k < len(self._indices):
                    i = int(self._indices[k])
                    text = self.tr("Test image #{index}: the true digit is {digit}").format(
                        index=i, digit=int(self._t[i])
                    )
                    if self._pred is not None:
                        verdict = self.tr("right") if self._pred[k] == self._t[i] else self.tr("wrong")
                        text += "\n" + self.tr("The network says {digit} ({p} sure): {verdict}").format(
                            digit=int(self._pred[k]), p=f"{self._conf[k]:.0%}", verdict=verdict
                        )
                    QToolTip.showText(e.globalPos(), text, self)
                    return True
            QToolTip.showText(e.globalPos(), self.tooltip_text(), self)
            return True
        return super().event(e)


    def tooltip_text(self) -> str:
        """The grid's tooltip between digits."""
        return self.tr(
            "Digits from the test set, which the network never trains on.\n"
            "Under each: its guess and how sure it is. Red: wrong, with the true digit."
        )

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.setAccessibleName(self.tr("Sample test digits"))
            self.summaryChanged.emit(self.summary())
            self.update()
        super().changeEvent(event)


def _probabilities_chunked(model, x: np.ndarray, chunk: int = 2500) -> np.ndarray:
    out = np.empty((len(x), 10), dtype=np.float32)
    for s in range(0, len(x), chunk):
        out[s : s + chunk] = model.probabilities(x[s : s + chunk])
    return out
