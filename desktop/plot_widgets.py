"""Two small helpers of the curves: round axis ends (nice_ceil) and a PlotWidget that times its own
paints (TimedPlotWidget), so that a window can redraw a slow plot less often.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg


def nice_ceil(value: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) at or above value."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    exp = np.floor(np.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * 10**exp >= value * (1 - 1e-9):
            return float(step * 10**exp)
    return float(10 ** (exp + 1))


class TimedPlotWidget(pg.PlotWidget):
    """A PlotWidget that remembers how long its paints take, so the window can redraw it less often when
    they are slow."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.paint_seconds = 0.0  # moving average of recent paints
        self.paints = 0

    def paintEvent(self, event):
        t0 = time.perf_counter()
        super().paintEvent(event)
        dt = time.perf_counter() - t0
        self.paint_seconds = dt if self.paints == 0 else 0.8 * self.paint_seconds + 0.2 * dt
        self.paints += 1
