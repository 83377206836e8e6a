"""A text progress bar: how much is done, how fast it goes and how long is left, redrawn on one terminal line.

On a terminal the bar redraws in place at most ~10 times a second; when the output goes to a file or
a CI log it writes a plain line at most every ~2 seconds instead, so logs stay short. It never raises
because of its output stream: a progress bar must not stop a download or a training run.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

TTY_INTERVAL = 0.1  # seconds between redraws on a terminal (<= 10 per second)
LOG_INTERVAL = 2.0  # seconds between plain lines when not on a terminal
BAR_WIDTH = 24

_BYTE_UNITS = ((1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB"), (1, "B"))


def format_duration(seconds: float) -> str:
    """Seconds as m:ss, or h:mm:ss from one hour on."""
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _byte_scale(n: float) -> tuple[int, str]:
    for factor, name in _BYTE_UNITS:
        if n >= factor:
            return factor, name
    return 1, "B"


class Progress:
    """Shows progress of `total` units of work on `stream` (default: sys.stderr at the time of creation).

    Call `update(n_done)` with the absolute amount done so far, then `close()` (or use it as a
    context manager). With unit="B" the amounts are shown in KB/MB/GB and the rate in MB/s etc.
    A total of None or 0 means unknown: then there is no bar, percentage or ETA.
    `enabled=False` makes every call a no-op, so callers need no `if`s. `initial` is work done
    before timing began (e.g. the part of a file already downloaded); it is not counted in the rate.
    """

    def __init__(
        self,
        total: int | float | None,
        unit: str = "it",
        label: str = "",
        stream: TextIO | None = None,
        enabled: bool = True,
        *,
        initial: int | float = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total if total and total > 0 else None
        self.unit = unit
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and self.stream is not None
        self.n = initial
        self._initial = initial  # already done before we started timing (a resumed download)
        self.closed = False
        self._clock = clock
        self._start = clock()
        self._last_draw = self._start
        self._last_len = 0
        try:
            self.is_tty = bool(self.stream.isatty())
        except (AttributeError, ValueError, OSError):
            self.is_tty = False
        self._interval = TTY_INTERVAL if self.is_tty else LOG_INTERVAL

    # -- numbers ---------------------------------------------------------------------------

    def elapsed(self) -> float:
        return max(0.0, self._clock() - self._start)

    def rate(self) -> float | None:
        """Units per second since the start, or None before there is anything to measure."""
        t = self.elapsed()
        if t <= 0 or self.n <= self._initial:
            return None
        return (self.n - self._initial) / t

    def eta(self) -> float | None:
        """Seconds left at the average rate so far, or None if unknown."""
        r = self.rate()
        if self.total is None or not r:
            return None
        return max(0.0, (self.total - self.n) / r)

    def _amount(self, n: float, scale: tuple[int, str] | None = None) -> str:
        if self.unit == "B":
            factor, name = scale or _byte_scale(n)
            return f"{n / factor:.1f}" if factor > 1 else f"{int(n)}"
        return f"{int(n)}" if float(n).is_integer() else f"{n:.1f}"

    def line(self, final: bool = False) -> str:
        """The text shown now, e.g. 'train-images [#####.....] 45% 4.4/9.7 MB 3.1 MB/s ETA 0:02'."""
        parts = [self.label] if self.label else []
        if self.total is not None:
            frac = min(1.0, max(0.0, self.n / self.total))
            if self.is_tty:
                filled = int(frac * BAR_WIDTH)
                parts.append("[" + "#" * filled + "." * (BAR_WIDTH - filled) + "]")
            parts.append(f"{frac * 100:3.0f}%")
        if self.unit == "B":
            scale = _byte_scale(self.total if self.total is not None else self.n)
            done = self._amount(self.n, scale)
            shown_unit = scale[1]
            amount = (
                f"{done}/{self._amount(self.total, scale)} {shown_unit}"
                if self.total is not None
                else f"{done} {shown_unit}"
            )
        else:
            amount = (
                f"{self._amount(self.n)}/{self._amount(self.total)} {self.unit}"
                if self.total is not None
                else f"{self._amount(self.n)} {self.unit}"
            )
        parts.append(amount)
        r = self.rate()
        if r is None:
            parts.append(f"? {self._rate_unit(1)[1]}/s")
        else:
            factor, name = self._rate_unit(r)
            parts.append(f"{r / factor:.1f} {name}/s")
        if final:
            parts.append(f"in {format_duration(self.elapsed())}")
        else:
            eta = self.eta()
            if eta is not None:
                parts.append(f"ETA {format_duration(eta)}")
        return " ".join(parts)

    def _rate_unit(self, r: float) -> tuple[int, str]:
        if self.unit == "B":
            return _byte_scale(r)
        return 1, self.unit

    # -- drawing ---------------------------------------------------------------------------

    def update(self, n_done: int | float) -> None:
        """Record that n_done units (in total, not since last time) are done; redraw if it is time to."""
        self.n = n_done
        if not self.enabled or self.closed:
            return
        now = self._clock()
        if now - self._last_draw < self._interval:
            return
        self._last_draw = now
        self._draw(final=False)

    def close(self) -> None:
        """Draw the final state (with the time taken) and end the line. Safe to call twice.

        Draws nothing when nothing at all is known (no total, nothing done): an empty line helps no one.
        """
        if self.closed:
            return
        self.closed = True
        if self.enabled and (self.total is not None or self.n):
            self._draw(final=True)

    def _draw(self, final: bool) -> None:
        text = self.line(final=final)
        try:
            if self.is_tty:
                # Pad with spaces to wipe the rest of a longer previous line.
                pad = " " * max(0, self._last_len - len(text))
                self.stream.write("\r" + text + pad + ("\n" if final else ""))
                self._last_len = len(text)
            else:
                self.stream.write(text + "\n")
            self.stream.flush()
        except (ValueError, OSError, AttributeError):
            # A closed or broken stream: stop drawing, keep working.
            self.enabled = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
