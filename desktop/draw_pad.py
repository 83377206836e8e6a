"""The drawing pad: a 280x280 sheet you draw a digit on with the mouse, a pen or a finger, in smooth anti-aliased strokes.

Mouse events arrive every few pixels when you move fast, so joining them with straight lines gives
a jagged polygon. Each new piece of the stroke is instead a quadratic curve through the midpoints
of the last events (the classic "midpoint smoothing"), drawn with a round pen into a grey image:
black ink on white paper, exactly what core.preprocess.to_mnist expects. A picture file can also
be put on the pad (set_picture) or dropped onto it (fileDropped), and then drawn over.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from . import theme

SIDE = 280  # px, the pad's width and height
PEN_WIDTH = 20.0  # px: about what a finger or a felt pen gives at this size, and what MNIST strokes look like once shrunk


def qimage_to_array(image: QImage) -> np.ndarray:
    """The pixels of a Grayscale8 QImage as a (height, width) uint8 array (a copy; row padding removed)."""
    if image.format() != QImage.Format_Grayscale8:
        image = image.convertToFormat(QImage.Format_Grayscale8)
    h, w, bpl = image.height(), image.width(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=h * bpl)
    return buf.reshape(h, bpl)[:, :w].copy()


class DrawCanvas(QWidget):
    """The pad (objectName drawCanvas). Left button or pen draws; right click, Escape or Delete clears."""

    changed = Signal()  # ink was added (many times a second while drawing)
    strokeFinished = Signal()  # the pen was lifted
    cleared = Signal()
    fileDropped = Signal(str)  # a local file was dropped on the pad (the window opens it as a picture)

    def __init__(self, parent=None, side: int = SIDE, pen_width: float = PEN_WIDTH):
        super().__init__(parent)
        self.setObjectName("drawCanvas")
        self.setAccessibleName("Drawing pad")
        self.setFixedSize(side, side)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setCursor(Qt.CrossCursor)
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.setToolTip(
            "Draw one digit (0-9) here with the mouse or a pen, as large or small as you like.\n"
            "The network reads it as you draw. Right-click, Escape or Clear wipes the pad.\n"
            "You can also drop a picture file of a digit here (or use File > Open image)."
        )
        self.setAcceptDrops(True)
        self.pen_width = float(pen_width)
        self._image = QImage(side, side, QImage.Format_Grayscale8)
        self._image.fill(255)
        self._points: list[QPointF] = []
        self._width = self.pen_width
        self._empty = True
        self._drawing = False

    # ---- the stroke API (mouse, tablet, and scripts all use it) ----
    def begin_stroke(self, pos: QPointF, pressure: float | None = None) -> None:
        self._width = self.pen_width if pressure is None else self.pen_width * (0.55 + 0.7 * max(0.0, min(1.0, pressure)))
        self._points = [QPointF(pos)]
        self._drawing = True
        path = QPainterPath(QPointF(pos))
        path.lineTo(QPointF(pos) + QPointF(0.01, 0))  # a dot: a round cap on a zero-length line
        self._paint_path(path)

    def extend_stroke(self, pos: QPointF, pressure: float | None = None) -> None:
        if not self._drawing:
            self.begin_stroke(pos, pressure)
            return
        pos = QPointF(pos)
        last = self._points[-1]
        if abs(pos.x() - last.x()) + abs(pos.y() - last.y()) < 0.75:
            return  # under a pixel: nothing to draw
        if pressure is not None:
            self._width = self.pen_width * (0.55 + 0.7 * max(0.0, min(1.0, pressure)))
        self._points.append(pos)
        pts = self._points
        path = QPainterPath()
        if len(pts) == 2:
            path.moveTo(pts[0])
            path.lineTo(_mid(pts[0], pts[1]))
        else:
            path.moveTo(_mid(pts[-3], pts[-2]))
            path.quadTo(pts[-2], _mid(pts[-2], pts[-1]))
        self._paint_path(path)
        if len(pts) > 3:
            del pts[:-3]  # only the last three points matter for the next curve

    def end_stroke(self) -> None:
        if not self._drawing:
            return
        pts = self._points
        if len(pts) >= 2:
            path = QPainterPath(_mid(pts[-2], pts[-1]))
            path.lineTo(pts[-1])
            self._paint_path(path)
        self._drawing = False
        self._points = []
        self.strokeFinished.emit()

    def draw_stroke(self, points, pressure: float | None = None) -> None:
        """Draw a whole stroke through the given (x, y) pad coordinates, as a hand would."""
        points = [QPointF(float(x), float(y)) for x, y in points]
        if not points:
            return
        self.begin_stroke(points[0], pressure)
        for p in points[1:]:
            self.extend_stroke(p, pressure)
        self.end_stroke()

    def clear(self) -> None:
        self._image.fill(255)
        self._points = []
        self._drawing = False
        was_empty, self._empty = self._empty, True
        self.update()
        if not was_empty:
            self.cleared.emit()

    def set_picture(self, picture: np.ndarray) -> None:
        """Replace the pad with a (side, side) uint8 picture, 255 paper and 0 ink (see core.picture.fit_on_paper)."""
        a = np.ascontiguousarray(picture, dtype=np.uint8)
        if a.shape != (self._image.height(), self._image.width()):
            raise ValueError(f"the pad is {self._image.width()}x{self._image.height()} pixels, the picture {a.shape[1]}x{a.shape[0]}")
        h, w = a.shape
        # QImage over the array's memory, drawn (copied) into the pad's own image at once.
        source = QImage(a.data, w, h, w, QImage.Format_Grayscale8)
        painter = QPainter(self._image)
        painter.setCompositionMode(QPainter.CompositionMode_Source)
        painter.drawImage(0, 0, source)
        painter.end()
        self._points = []
        self._drawing = False
        self._empty = False
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return self._empty

    def image(self) -> QImage:
        return self._image

    def to_array(self) -> np.ndarray:
        """The pad as a (280, 280) uint8 array: 255 paper, 0 ink."""
        return qimage_to_array(self._image)

    def _paint_path(self, path: QPainterPath) -> None:
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(QColor(0, 0, 0), self._width, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(path)
        painter.end()
        self._empty = False
        margin = self._width / 2 + 2
        self.update(path.boundingRect().adjusted(-margin, -margin, margin, margin).toAlignedRect())
        self.changed.emit()

    # ---- Qt events ----
    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.drawImage(event.rect(), self._image, event.rect())
        if self._empty:
            p.setRenderHint(QPainter.Antialiasing)
            p.setPen(QColor("#9ca3af"))
            f = theme.digit_font(15, bold=False)
            p.setFont(f)
            p.drawText(QRectF(self.rect()), Qt.AlignCenter, "Draw a digit here")
        # the pad's edge: a rounded frame, accent-coloured when the pad has the keyboard focus
        p.setRenderHint(QPainter.Antialiasing)
        p.setBrush(Qt.NoBrush)
        p.setPen(QPen(QColor(theme.ACCENT if self.hasFocus() else theme.BORDER), 2))
        p.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def mousePressEvent(self, e) -> None:
        if e.button() == Qt.RightButton:
            self.clear()
        elif e.button() == Qt.LeftButton:
            self.setFocus(Qt.MouseFocusReason)
            self.begin_stroke(e.position())
        e.accept()

    def mouseMoveEvent(self, e) -> None:
        if self._drawing and e.buttons() & Qt.LeftButton:
            self.extend_stroke(e.position())
        e.accept()

    def mouseReleaseEvent(self, e) -> None:
        if e.button() == Qt.LeftButton:
            self.end_stroke()
        e.accept()

    def tabletEvent(self, e) -> None:
        # A pen gives pressure: a firmer touch draws a slightly wider line. Accepting the event stops
        # Qt from also sending the same movement as mouse events.
        t = e.type()
        if t == e.Type.TabletPress:
            if e.button() == Qt.RightButton:
                self.clear()
            else:
                self.begin_stroke(e.position(), e.pressure())
        elif t == e.Type.TabletMove and self._drawing:
            self.extend_stroke(e.position(), e.pressure())
        elif t == e.Type.TabletRelease:
            self.end_stroke()
        e.accept()

    def _dropped_file(self, e) -> str | None:
        """The one local file a drag carries, or None (several files, web links, text)."""
        mime = e.mimeData()
        urls = mime.urls() if mime is not None and mime.hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        return urls[0].toLocalFile() or None

    def dragEnterEvent(self, e) -> None:
        if self._dropped_file(e):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragMoveEvent(self, e) -> None:
        if self._dropped_file(e):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dropEvent(self, e) -> None:
        path = self._dropped_file(e)
        if not path:
            e.ignore()
            return
        e.acceptProposedAction()
        self.fileDropped.emit(path)

    def keyPressEvent(self, e) -> None:
        if e.key() in (Qt.Key_Escape, Qt.Key_Delete, Qt.Key_Backspace):
            self.clear()
            e.accept()
        else:
            super().keyPressEvent(e)

    def focusInEvent(self, e) -> None:
        self.update()
        super().focusInEvent(e)

    def focusOutEvent(self, e) -> None:
        self.update()
        super().focusOutEvent(e)


def _mid(a: QPointF, b: QPointF) -> QPointF:
    return QPointF((a.x() + b.x()) / 2, (a.y() + b.y()) / 2)
