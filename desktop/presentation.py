"""Presentation mode and zoom, for a class watching on a projector: the window full screen, every label,
number card, axis and tick in a larger font, thicker curves and a larger drawing pad (View >
Presentation mode, F11), and Ctrl+= / Ctrl+- / Ctrl+0 to zoom the interface in any mode. Both are
remembered between runs.

Qt cannot change the screen's scale while the app runs, so the zoom is applied to what sets a size:
the application's font (most widgets follow it), every "font-size: ... pt" in the style sheets (titles,
number cards), and the plots and the pad, which are told the factor.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

#: How much larger presentation mode makes everything, before any zoom: up to 1.5x on a screen with room
#: (1920x1080), at least 1.15x on one already scaled up (1920x1080 at 150% or 200% is 1280x720 or
#: 960x540 of the window's pixels, smaller than the window's own design).
PRESENTATION = (1.15, 1.5)
DESIGN = (1200, 780)  # the window's size (logical pixels) at which everything shows without scrolling
ZOOM_STEP = 0.1
ZOOM_RANGE = (0.7, 2.0)

_FONT_SIZE = re.compile(r"font-size:\s*([0-9.]+)pt")
_BASE_SHEET = "mnistStudioBaseSheet"  # a widget's own style sheet before any zoom
_SCALED_SHEET = "mnistStudioScaledSheet"  # ... and as this module last set it


def scale_sheet(sheet: str, factor: float) -> str:
    """The style sheet with every `font-size: N pt` multiplied by factor."""
    return _FONT_SIZE.sub(lambda m: f"font-size: {float(m.group(1)) * factor:.3g}pt", sheet)


class ViewScale(QObject):
    """The window's zoom (1 = as designed) and presentation mode; `changed(factor)` after either changes."""

    changed = Signal(float)

    def __init__(self, window, settings, parent=None):
        super().__init__(parent)
        self.w, self.settings = window, settings
        app = QApplication.instance()
        self._base_font = app.font().pointSizeF() if app.property("mnistStudioFont") is None else float(
            app.property("mnistStudioFont")
        )
        app.setProperty("mnistStudioFont", self._base_font)
        if app.property(_BASE_SHEET) is None:
            app.setProperty(_BASE_SHEET, app.styleSheet())
        self.zoom = 1.0
        self.presentation = False
        self._applied = 1.0

    @property
    def factor(self) -> float:
        """How much larger than designed the window is drawn now."""
        return self.zoom * (self.presentation_factor() if self.presentation else 1.0)

    def presentation_factor(self) -> float:
        """How much larger presentation mode makes the window on its screen (see PRESENTATION)."""
        area = self.w.screen().availableGeometry()
        room = min(area.width() / DESIGN[0], area.height() / DESIGN[1])
        return round(min(max(room, PRESENTATION[0]), PRESENTATION[1]), 2)

    # ---- what the menu calls ----
    def zoom_in(self) -> None:
        self.set_zoom(self.zoom + ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom - ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float, remember: bool = True) -> None:
        self.zoom = round(min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1]), 2)
        if remember:
            self.settings.setValue("view/zoom", self.zoom)
        self.apply()

    def set_presentation(self, on: bool) -> None:
        """Full screen and larger (on), or back to the window as it was (off)."""
        on = bool(on)
        if on != self.presentation:
            self.presentation = on
            self.settings.setValue("view/presentation", on)
            if on:
                self.w.showFullScreen()
            else:
                self.w.showNormal()
        self.apply()

    def restore(self) -> tuple[bool, float]:
        """The presentation mode and zoom saved last time (not applied: the window does that when shown)."""
        try:
            zoom = float(self.settings.value("view/zoom", 1.0))
        except (TypeError, ValueError):
            zoom = 1.0
        on = str(self.settings.value("view/presentation", "false")).lower() == "true"
        return on, zoom

    # ---- applying ----
    def apply(self) -> None:
        """Size fonts, style sheets, plots and the pad for the current factor."""
        f = self.factor
        if abs(f - self._applied) < 1e-9:
            return
        self._applied = f
        app = QApplication.instance()
        font = app.font()
        font.setPointSizeF(self._base_font * f)
        app.setFont(font)
        app.setStyleSheet(scale_sheet(str(app.property(_BASE_SHEET)), f))
        for widget in [self.w, *self.w.findChildren(QWidget)]:
            sheet = widget.styleSheet()
            if widget.property(_SCALED_SHEET) != sheet:  # set by its panel since: a new base
                if "font-size" not in sheet:
                    continue
                widget.setProperty(_BASE_SHEET, sheet)
            scaled = scale_sheet(str(widget.property(_BASE_SHEET)), f)
            widget.setProperty(_SCALED_SHEET, scaled)
            widget.setStyleSheet(scaled)
        self.changed.emit(f)

    def reset_application(self) -> None:
        """Give the application its own font and style sheet back (the window is going away)."""
        app = QApplication.instance()
        font = app.font()
        font.setPointSizeF(self._base_font)
        app.setFont(font)
        app.setStyleSheet(str(app.property(_BASE_SHEET)))
        self._applied = 1.0
