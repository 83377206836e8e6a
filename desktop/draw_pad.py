"""The drawing pad: a 280x280 sheet you draw a digit on with the mouse, a pen or a finger, in smooth
anti-aliased strokes.

Mouse events arrive every few pixels when you move fast, so joining them with straight lines gives
a jagged polygon. Each new piece of the stroke is instead a quadratic curve through the midpoints
of the last events (the classic "midpoint smoothing"), drawn with a round pen into a grey image:
black ink on white paper, exactly what core.preprocess.to_mnist expects. A picture file can also
be put on the pad (set_picture) or dropped onto it (fileDropped), and then drawn over.

The pad keeps the strokes themselves, not only their pixels, for three reasons. It draws them at the
screen's device pixel ratio (crisp at 200% scaling) and again if the window moves to another
screen. It shows them larger in presentation mode or when zoomed (set_view_scale): strokes are kept
in the pad's own 280x280 coordinates, so the pen and the drawing grow with the pad and the network
reads the same 280x280 picture at any size. And the network gets them redrawn with a pen in
proportion to the digit's size (for_network): MNIST's strokes are about a tenth of its 20-pixel box,
so a small digit drawn with the pad's wide pen would shrink to a blob once scaled up to that box.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QWidget

from . import theme

SIDE = 280  # px, the pad's width and height in its own coordinates (on screen at view scale 1)
# px: about what a finger or a felt pen gives at this size, and what MNIST strokes look like once shrunk
PEN_WIDTH = 20.0
# MNIST's strokes are about a tenth of the digit's box (2 px of 20): the pen the network's copy is
# drawn with is this fraction of the box the strokes span (centre lines plus the pen itself).
STROKE_TO_BOX = 0.1
MIN_NETWORK_PEN = 2.0  # px: a dot or a tiny scribble still leaves ink the reader can find


def network_pen_scale(extent: float, pen_width: float) -> float:
    """How much thinner than drawn the network's copy of the strokes is: 1 for large digits, less for small.

    `extent` is the larger side of the box the strokes' centre lines span; the pen w that makes
    w / (extent + w) = STROKE_TO_BOX is extent * STROKE_TO_BOX / (1 - STROKE_TO_BOX).
    """
    wanted = max(MIN_NETWORK_PEN, extent * STROKE_TO_BOX / (1.0 - STROKE_TO_BOX))
    return min(1.0, wanted / pen_width)


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
        self.setFixedSize(side, side)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setCursor(Qt.CrossCursor)
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self._retranslate()
        self.setAcceptDrops(True)
        self.pen_width = float(pen_width)
        self._side = side
        self._scale = 1.0  # on-screen pixels per pad pixel (set_view_scale)
        self._picture: np.ndarray | None = None  # a picture put on the pad, under the strokes
        self._strokes: list[list[tuple[QPointF, float]]] = []  # each point with the pen width there
        self._width = self.pen_width
        self._empty = True
        self._drawing = False
        self._set_images(self._image_ratio())

    @property
    def side(self) -> int:
        """The pad's width and height in its own coordinates: strokes, pictures and to_array() use them."""
        return self._side

    def view_scale(self) -> float:
        """How many on-screen pixels show one pad pixel (1 as designed; more in presentation mode)."""
        return self._scale

    def set_view_scale(self, scale: float) -> None:
        """Show the pad `scale` times larger on screen (presentation mode, zoom), the drawing and pen with it.

        Only the screen's copy changes: strokes stay in pad coordinates, so what the network reads
        (to_array, for_network) is the same picture at any scale, and nothing drawn is lost.
        """
        size = max(1, round(self._side * float(scale)))
        if size == self.width() and size == self.height():
            return
        self._scale = size / self._side  # exact, so the picture fills the widget to the pixel
        self.setFixedSize(size, size)
        self._show_at(self._image_ratio())
        self.update()

    def _to_pad(self, pos: QPointF) -> QPointF:
        """A position on screen (widget pixels) in pad coordinates."""
        return QPointF(pos.x() / self._scale, pos.y() / self._scale)

    # ---- the stroke API (mouse, tablet, and scripts all use it) ----
    def _pressure_width(self, pressure: float | None) -> float:
        if pressure is None:
            return self.pen_width
        return self.pen_width * (0.55 + 0.7 * max(0.0, min(1.0, pressure)))

    def begin_stroke(self, pos: QPointF, pressure: float | None = None) -> None:
        self._width = self._pressure_width(pressure)
        self._strokes.append([(QPointF(pos), self._width)])
        self._drawing = True
        self._paint_piece(*_piece(self._strokes[-1], 0))

    def extend_stroke(self, pos: QPointF, pressure: float | None = None) -> None:
        if not self._drawing:
            self.begin_stroke(pos, pressure)
            return
        pos = QPointF(pos)
        stroke = self._strokes[-1]
        last = stroke[-1][0]
        if abs(pos.x() - last.x()) + abs(pos.y() - last.y()) < 0.75:
            return  # under a pixel: nothing to draw
        if pressure is not None:
            self._width = self._pressure_width(pressure)
        stroke.append((pos, self._width))
        self._paint_piece(*_piece(stroke, len(stroke) - 1))

    def end_stroke(self) -> None:
        if not self._drawing:
            return
        stroke = self._strokes[-1]
        if len(stroke) >= 2:
            self._paint_piece(*_piece(stroke, len(stroke)))
        self._drawing = False
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
        self._strokes = []
        self._picture = None
        self._drawing = False
        self._set_images(self._image_ratio())
        was_empty, self._empty = self._empty, True
        self.update()
        if not was_empty:
            self.cleared.emit()

    def set_picture(self, picture: np.ndarray) -> None:
        """Replace the pad with a (side, side) uint8 picture, 255 paper and 0 ink (see
        core.picture.fit_on_paper)."""
        a = np.ascontiguousarray(picture, dtype=np.uint8)
        if a.shape != (self._side, self._side):
            side = self._side
            raise ValueError(f"the pad is {side}x{side} pixels, the picture {a.shape[1]}x{a.shape[0]}")
        self._picture = a.copy()
        self._strokes = []
        self._drawing = False
        self._set_images(self._image_ratio())
        self._empty = False
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return self._empty

    def image(self) -> QImage:
        """What the pad shows, at the screen's device pixel ratio times the view scale (560x560 pixels at
        200% scaling)."""
        return self._image

    def to_array(self) -> np.ndarray:
        """The pad as shown, as a (280, 280) uint8 array: 255 paper, 0 ink."""
        return qimage_to_array(self._ink)

    def for_network(self) -> np.ndarray:
        """The pad as the network reads it, (280, 280) uint8: strokes with a pen sized to the digit.

        A picture put on the pad has no strokes to redraw: it, and anything drawn over it, is read as shown.
        """
        if self._picture is not None or not self._strokes:
            return self.to_array()
        xs = [p.x() for stroke in self._strokes for p, _ in stroke]
        ys = [p.y() for stroke in self._strokes for p, _ in stroke]
        extent = max(max(xs) - min(xs), max(ys) - min(ys))
        scale = network_pen_scale(extent, self.pen_width)
        if scale >= 0.9:  # a large digit: the pen as drawn is within 10% of the right one, and already drawn
            return self.to_array()
        return qimage_to_array(self._render(1.0, scale))

    # ---- painting ----
    def _screen_ratio(self) -> float:
        return max(1.0, float(self.devicePixelRatioF()))

    def _image_ratio(self) -> float:
        """Image pixels per pad pixel for the screen's copy: crisp at the screen's scale and pad's size."""
        return self._screen_ratio() * self._scale

    def _set_images(self, ratio: float) -> None:
        """Draw the pad afresh: for the screen (`ratio` image pixels a pad pixel), and 1x for the network."""
        self._image = self._render(ratio)  # what the screen shows
        self._ink = self._image if ratio == 1.0 else self._render(1.0)

    def _show_at(self, ratio: float) -> None:
        """Redraw only the screen's copy, at `ratio`: the network's copy (drawn as the strokes came) stays
        as it is, so a zoom or a move to another screen does not change what the network reads."""
        self._image = self._ink if ratio == 1.0 else self._render(ratio)

    def _blank(self, ratio: float) -> QImage:
        size = round(self._side * ratio)
        image = QImage(size, size, QImage.Format_Grayscale8)
        image.setDevicePixelRatio(ratio)  # painters then work in the pad's own 280x280 coordinates
        image.fill(255)
        return image

    def _render(self, ratio: float, pen_scale: float = 1.0) -> QImage:
        """The picture (if any) and every stroke, drawn afresh at `ratio` image pixels per pad pixel."""
        image = self._blank(ratio)
        painter = QPainter(image)
        if self._picture is not None:
            painter.setRenderHint(QPainter.SmoothPixmapTransform)
            h, w = self._picture.shape
            source = QImage(self._picture.data, w, h, w, QImage.Format_Grayscale8)
            painter.drawImage(QRectF(0, 0, self._side, self._side), source)
        painter.setRenderHint(QPainter.Antialiasing)
        for stroke in self._strokes:
            # One path per run of pieces drawn with the same pen (a whole stroke, for a mouse): the
            # stroker then runs once, not once a piece (1 ms instead of 20 for a large digit).
            path, width = _piece(stroke, 0)
            for k in range(1, len(stroke) + (len(stroke) >= 2)):
                piece, piece_width = _piece(stroke, k)
                if piece_width != width:
                    painter.setPen(_pen(width * pen_scale))
                    painter.drawPath(path)
                    path, width = piece, piece_width
                else:
                    path.connectPath(piece)
            painter.setPen(_pen(width * pen_scale))
            painter.drawPath(path)
        painter.end()
        return image

    def _paint_piece(self, path: QPainterPath, width: float) -> None:
        for image in (self._image,) if self._ink is self._image else (self._image, self._ink):
            painter = QPainter(image)
            painter.setRenderHint(QPainter.Antialiasing)
            painter.setPen(_pen(width))
            painter.drawPath(path)
            painter.end()
        placeholder_shown, self._empty = self._empty, False
        if placeholder_shown:
            self.update()  # the whole pad: "Draw a digit here" must go, wherever the first ink lands
        else:
            margin = width / 2 + 2
            dirty = path.boundingRect().adjusted(-margin, -margin, margin, margin)
            self.update(QTransform.fromScale(self._scale, self._scale).mapRect(dirty).toAlignedRect())
        self.changed.emit()

    # ---- Qt events ----
    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("Drawing pad"))
        self.setToolTip(
            self.tr(
                "Draw one digit (0-9) here with the mouse or a pen, as large or small as you like.\n"
                "The network reads it as you draw. Right-click, Escape or Clear wipes the pad.\n"
                "You can also drop a picture file of a digit here (or use File > Open image)."
            )
        )

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self._retranslate()
            self.update()  # "Draw a digit here"
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        ratio = self._screen_ratio()
        if self._image.devicePixelRatio() != ratio * self._scale:  # moved to a screen with another scale
            self._show_at(ratio * self._scale)  # redraw crisply
        p = QPainter(self)
        r = QRectF(event.rect())
        source = QRectF(r.x() * ratio, r.y() * ratio, r.width() * ratio, r.height() * ratio)  # image pixels
        p.drawImage(r, self._image, source)
        if self._empty:
            p.setRenderHint(QPainter.Antialiasing)
            p.setPen(QColor("#9ca3af"))
            f = theme.digit_font(round(15 * self._scale), bold=False)
            p.setFont(f)
            p.drawText(QRectF(self.rect()), Qt.AlignCenter, self.tr("Draw a digit here"))
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
            self.begin_stroke(self._to_pad(e.position()))
        e.accept()

    def mouseMoveEvent(self, e) -> None:
        if self._drawing and e.buttons() & Qt.LeftButton:
            self.extend_stroke(self._to_pad(e.position()))
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
                self.begin_stroke(self._to_pad(e.position()), e.pressure())
        elif t == e.Type.TabletMove and self._drawing:
            self.extend_stroke(self._to_pad(e.position()), e.pressure())
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


def _pen(width: float) -> QPen:
    return QPen(QColor(0, 0, 0), width, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)


def _piece(stroke: list[tuple[QPointF, float]], k: int) -> tuple[QPainterPath, float]:
    """The k-th piece of a stroke and its pen width: 0 a dot at the start, a curve per point, then the end.

    Piece len(stroke) is the last stretch, from the last midpoint to the last point. The same pieces
    are painted one by one as the pen moves and all together when the pad is redrawn.
    """
    if k == 0:
        start = stroke[0][0]
        path = QPainterPath(start)
        path.lineTo(start + QPointF(0.01, 0))  # a dot: a round cap on a zero-length line
        return path, stroke[0][1]
    if k == len(stroke):
        path = QPainterPath(_mid(stroke[-2][0], stroke[-1][0]))
        path.lineTo(stroke[-1][0])
        return path, stroke[-1][1]
    path = QPainterPath()
    if k == 1:
        path.moveTo(stroke[0][0])
        path.lineTo(_mid(stroke[0][0], stroke[1][0]))
    else:
        a, b, c = stroke[k - 2][0], stroke[k - 1][0], stroke[k][0]
        path.moveTo(_mid(a, b))
        path.quadTo(b, _mid(b, c))
    return path, stroke[k][1]
