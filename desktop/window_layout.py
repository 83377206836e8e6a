"""Where the Training tab's panels sit: three columns (controls, curves over sample digits, the pad),
each in a scroll area, under the message and data banners, in tabs that other views join.

The layout also follows the interface's size: a zoom or presentation mode widens the pad's column,
thickens the curves, enlarges the pad (as far as the window has room for it) and fits the columns to
the window again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from . import theme
from .draw_pad import PEN_WIDTH
from .screen_fit import scrolling
from .status_bar import StatusBar
from .view_tabs import ViewTabs

#: The columns' usual widths (left, middle, right) and the middle column's split (curves, digits).
SPLITTER_SIZES = {"main": [330, 700, 330], "center": [520, 300]}
#: In presentation mode the pad's ink shows at least this much wider than usual, so the back row sees it:
#: by a larger pad where the window has room (the network then reads the same picture), else by a wider pen.
PRESENTATION_INK = 1.3
READER_WIDTH = 380  # the pad's column at most (times the zoom)
CARD_MARGINS = (24, 22)  # px, theme.card's margins across and down


def pad_view_scale(factor: float, room: float, side: int) -> float:
    """How large to show the pad: `factor` (the interface's zoom) if `room` px fit a pad that large, else as
    large as fits, but never smaller than as designed (a column that is short already scrolls)."""
    return min(factor, max(1.0, room / side))


def pad_pen_width(view_scale: float, presentation: bool) -> float:
    """The pad's pen (in pad pixels): as designed, or in presentation mode wide enough that the ink shows
    PRESENTATION_INK times wider on screen than usual."""
    return PEN_WIDTH * (max(1.0, PRESENTATION_INK / view_scale) if presentation else 1.0)


def _splitter(orientation, name: str, widgets, stretch) -> QSplitter:
    s = QSplitter(orientation)
    s.setObjectName(name)
    s.setChildrenCollapsible(False)
    s.setHandleWidth(8)
    for i, (w, k) in enumerate(zip(widgets, stretch, strict=True)):
        s.addWidget(w)
        s.setStretchFactor(i, k)
    return s


class WindowLayout:
    """Builds window `w`'s central widget from its panels and keeps the columns fitted to its size."""

    def __init__(self, w):
        self.w = w
        self.fit_on_next_resize = False  # after a zoom: fit the columns to the window's next size
        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(10, 8, 10, 6)
        outer.setSpacing(8)
        outer.addWidget(w.message_bar)
        outer.addWidget(w.data_banner)

        self.center_splitter = _splitter(
            Qt.Vertical, "centerSplitter", [theme.card(w.plots), theme.card(w.samples)], [3, 2]
        )
        # Each column scrolls when the window is smaller than it (a 1024x700 projector, 150% scaling):
        # nothing is cut off or pushed off screen, and the window never asks for more than the screen.
        self.reader_card = right = theme.card(w.reader)
        right.setMaximumWidth(READER_WIDTH)
        center = scrolling(self.center_splitter, "centerScroll")
        self.reader_scroll = reader = scrolling(right, "readerScroll", horizontal=False)
        bar = reader.verticalScrollBar().sizeHint().width()
        reader.setMinimumWidth(right.minimumSizeHint().width() + bar)
        reader.setMaximumWidth(READER_WIDTH + bar)
        self.main_splitter = _splitter(
            Qt.Horizontal, "mainSplitter", [w.training_panel, center, reader], [0, 1, 0]
        )

        # Views live in tabs, so that more can be added beside Training; one tab shows no tab bar.
        self.tabs = ViewTabs()
        training_tab = QWidget()
        training_tab.setObjectName("trainingTab")
        tl = QVBoxLayout(training_tab)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.main_splitter)
        self.tabs.addTab(training_tab, "")  # the window names its tabs in the current language
        from .compare_page import ComparePage  # the Compare tab (issue 11)

        self.compare_page = ComparePage(w)
        # In a scroll area like the Training tab's columns, so a 1024x700 screen still fits the window.
        self.tabs.addTab(scrolling(self.compare_page, "compareScroll"), "")
        outer.addWidget(self.tabs, 1)
        w.setCentralWidget(central)
        w.setStatusBar(StatusBar())

    def apply_scale(self, factor: float, presentation: bool) -> None:
        """Follow a new interface size: curves, the pad and its column, then the columns' widths."""
        w = self.w
        w.plots.set_scale(factor)
        bar = self.reader_scroll.verticalScrollBar().sizeHint().width()
        self.reader_card.setMaximumWidth(int(READER_WIDTH * factor))
        self.reader_scroll.setMaximumWidth(int(READER_WIDTH * factor) + bar)
        w.plots.acc_plot.setMinimumHeight(int(90 * factor))
        w.reader.set_scale(factor)  # the big predicted digit has a font of its own
        self.fit_pad()
        # the columns are fitted again now (zoom) and when the window has its new size (full screen)
        self.fit_on_next_resize = True
        QTimer.singleShot(0, self.fit_columns)

    def resized(self) -> None:
        if self.fit_on_next_resize:
            self.fit_on_next_resize = False
            self.fit_columns()
        else:
            self.fit_pad()  # a smaller window may leave less room for an enlarged pad (or more)

    def _left_width(self, factor: float) -> int:
        """The left column's width as fit_columns sets it."""
        left = int(SPLITTER_SIZES["main"][0] * factor)
        if self.w.width() < 1280 * factor:
            left = min(left, self.w.training_panel.content_width())
        return left

    def fit_pad(self) -> None:
        """The pad at the interface's size (280 px times the zoom) where the window has room for it: the
        middle column keeps its minimum width, and the reader's title and answer show with the pad
        without scrolling. Its pen follows (pad_pen_width), and the pad's column fits around it."""
        w = self.w
        factor, canvas = w.view_scale.factor, w.canvas
        bar = self.reader_scroll.verticalScrollBar().sizeHint().width()
        middle = self.center_splitter.minimumSizeHint().width()
        room_across = w.width() - 40 - self._left_width(factor) - middle - bar - CARD_MARGINS[0]
        room_down = self.reader_scroll.viewport().height() - w.reader.height_beside_pad() - CARD_MARGINS[1]
        scale = pad_view_scale(factor, min(room_across, room_down), canvas.side)
        canvas.set_view_scale(scale)
        canvas.pen_width = pad_pen_width(canvas.view_scale(), w.view_scale.presentation)
        self.reader_scroll.setMinimumWidth(self.reader_card.minimumSizeHint().width() + bar)

    def fit_columns(self) -> None:
        """Side columns at their usual 330 px when the window is wide, at their content's width when not."""
        w = self.w
        self.fit_pad()
        width = w.width()
        factor = w.view_scale.factor
        left, right = (int(n * factor) for n in (SPLITTER_SIZES["main"][0], SPLITTER_SIZES["main"][2]))
        if width < 1280 * factor:
            left = self._left_width(factor)
            right = min(right, self.main_splitter.widget(2).minimumWidth())
        self.main_splitter.setSizes([left, max(width - left - right - 40, 1), right])
        self.center_splitter.setSizes(SPLITTER_SIZES["center"])

    def restore(self, settings) -> None:
        """The splitters as the user left them (after fitting them to this window)."""
        self.fit_columns()
        for key, splitter in self._splitters():
            value = settings.value(key)
            if value is not None:
                splitter.restoreState(value)

    def save(self, settings) -> None:
        for key, splitter in self._splitters():
            settings.setValue(key, splitter.saveState())

    def _splitters(self):
        return (("window/mainSplitter", self.main_splitter), ("window/centerSplitter", self.center_splitter))
