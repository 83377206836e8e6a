"""The window's views as tabs (Training now; more later), with one tab the tab bar hides itself, so the window
looks as it always has.

QTabWidget answers every layout request from inside a page (a label whose text changes, a few
times a second while training) by repainting the whole page, the plots included, and redrawing
a plot runs Python on the window's thread, holding the GIL the training threads need. A page's
layout request does not move the tab bar or the page, so ViewTabs passes it on to the window
without the repaint, and lays itself out again only when the tab bar changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget


class ViewTabs(QTabWidget):
    """A QTabWidget (objectName viewTabs) that does not repaint its pages when their contents ask for a new
    layout."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("viewTabs")
        self.setDocumentMode(True)
        self.setTabBarAutoHide(True)
        self._laid_out_for = None

    def _tab_bar_state(self):
        bar = self.tabBar()
        return self.count(), bar.isVisibleTo(self), bar.sizeHint().toTuple(), self.size().toTuple()

    def event(self, e) -> bool:
        if e.type() == QEvent.LayoutRequest and self.isVisible():
            state = self._tab_bar_state()
            if state == self._laid_out_for:
                self.updateGeometry()  # the window may still need to know the page's new size hints
                return True
            self._laid_out_for = state
        return super().event(e)
