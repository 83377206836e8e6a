"""Fitting the window to the screen it opens on: never larger than the screen's available area (a 1366x768
laptop, a 1024x768 projector, a screen scaled to 150%), and columns that scroll instead of being cut off.

A window that asks for more room than the screen has is placed partly off screen by the system, and
its far column (the drawing pad) is simply not there for the class. So every column of the Training
view sits in a scroll area that may be narrower or shorter than its content, and the window's first
size is taken from the screen, not from a constant.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

#: The size the window likes on a screen with room to spare (logical pixels).
PREFERRED = QSize(1380, 880)
#: Room left for a title bar and borders before the window is shown (and its real frame is known).
UNKNOWN_FRAME = QSize(16, 40)


def available_area(window: QWidget) -> QRect:
    """The part of the window's screen that windows may use (without task bars), in logical pixels."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted_size(preferred: QSize, available: QSize, frame: QSize) -> QSize:
    """The largest size up to `preferred` whose frame (title bar and borders, `frame` extra) fits the area."""
    return QSize(
        max(1, min(preferred.width(), available.width() - frame.width())),
        max(1, min(preferred.height(), available.height() - frame.height())),
    )


def fit_to_screen(window: QWidget, preferred: QSize = PREFERRED) -> None:
    """Resize `window` to fit its screen's available area (at most `preferred`) and move it fully onto it."""
    area = available_area(window)
    # Before the window is shown its frame is not known: allow for a usual title bar and borders.
    frame = window.frameGeometry().size() - window.geometry().size()
    if not window.isVisible():
        frame = UNKNOWN_FRAME
    size = fitted_size(preferred, area.size(), frame)
    window.resize(size)
    keep_on_screen(window, area, frame)


def shrink_to_screen(window: QWidget) -> None:
    """A restored size from a bigger screen (or an older version) is cut down to this screen's area."""
    area = available_area(window)
    size = window.size()
    if size.width() > area.width() or size.height() > area.height():
        fit_to_screen(window, size)
    else:
        keep_on_screen(window, area, QSize(0, 0))


def keep_on_screen(window: QWidget, area: QRect, frame: QSize) -> None:
    """Move the window so that its whole frame lies inside `area`."""
    x = min(max(window.x(), area.left()), max(area.left(), area.right() + 1 - window.width() - frame.width()))
    y = min(
        max(window.y(), area.top()), max(area.top(), area.bottom() + 1 - window.height() - frame.height())
    )
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


def scrolling(content: QWidget, name: str, horizontal: bool = True) -> QScrollArea:
    """`content` in a frameless scroll area (objectName `name`): it scrolls when the window is smaller than
    it."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    if not horizontal:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setWidget(content)
    area.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
    return area
