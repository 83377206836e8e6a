"""Where the Training tab's panels sit: three columns (controls, curves over sample digits, the pad),
each in a scroll area, under the message and data banners, in tabs that other views join.

The layout also follows the interface's size: a zoom or presentation mode widens the pad's column,
thickens the curves and the pad's pen, and fits the columns to the window again.
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
PRESENTATION_INK = 1.4  # the pad's pen is this much wider in presentation mode: the back row sees it
READER_WIDTH = 380  # the pad's column at most (times the zoom)


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
        """Follow a new interface size: curves, the pad's pen and its column, then the columns' widths."""
        w = self.w
        w.plots.set_scale(factor)
        w.canvas.pen_width = PEN_WIDTH * (PRESENTATION_INK if presentation else 1.0)
        # the reader's column may grow with its text (the pad itself keeps its size)
        bar = self.reader_scroll.verticalScrollBar().sizeHint().width()
        self.reader_card.setMaximumWidth(int(READER_WIDTH * factor))
        self.reader_scroll.setMaximumWidth(int(READER_WIDTH * factor) + bar)
        self.reader_scroll.setMinimumWidth(self.reader_card.minimumSizeHint().width() + bar)
        w.plots.acc_plot.setMinimumHeight(int(90 * factor))
        w.reader.set_scale(factor)  # the big predicted digit has a font of its own
        # the columns are fitted again now (zoom) and when the window has its new size (full screen)
        self.fit_on_next_resize = True
        QTimer.singleShot(0, self.fit_columns)

    def resized(self) -> None:
        if self.fit_on_next_resize:
            self.fit_on_next_resize = False
            self.fit_columns()

    def fit_columns(self) -> None:
        """Side columns at their usual 330 px when the window is wide, at their content's width when not."""
        w = self.w
        width = w.width()
        factor = w.view_scale.factor
        left, right = (int(n * factor) for n in (SPLITTER_SIZES["main"][0], SPLITTER_SIZES["main"][2]))
        if width < 1280 * factor:
            left = min(left, w.training_panel.content_width())
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
