"""The training panel, the window's left column: the settings (controls.py), the Start / Pause / Stop /
Reset buttons with the progress bar and the run's statistics, and a note that says in words what one
iteration does.

It is told what to show (`set_state`, `begin`, `set_progress`, `set_stats`, `set_finished`) and
emits nothing of its own: the window connects its buttons and settings to the run controllers.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.core.trainer import TrainConfig

from .controls import TrainingControls, describe_iteration
from .i18n import Retranslating

#: Run states the buttons reflect.
IDLE, RUNNING, PAUSED = "idle", "running", "paused"


class RunControls(Retranslating, QWidget):
    """Start, Pause/Resume, Stop, Reset, the progress bar and the run's statistics."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        self.start_button = QPushButton()
        self.start_button.setObjectName("startButton")
        self.start_button.setMinimumHeight(34)
        grid.addWidget(self.start_button, 0, 0, 1, 3)
        self.pause_button = QPushButton()
        self.pause_button.setObjectName("pauseButton")
        self.pause_button.setCheckable(True)
        grid.addWidget(self.pause_button, 1, 0)
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("stopButton")
        grid.addWidget(self.stop_button, 1, 1)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("resetButton")
        grid.addWidget(self.reset_button, 1, 2)
        layout.addLayout(grid)
        self._grid = grid

        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        layout.addWidget(self.progress_bar)

        self.stats_label = QLabel("")
        self.stats_label.setObjectName("statsLabel")
        self.stats_label.setWordWrap(True)
        layout.addWidget(self.stats_label)

        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingLabel")
        self.pending_label.setWordWrap(True)
        self.pending_label.setVisible(False)
        self.pending_label.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        layout.addWidget(self.pending_label)
        self._state, self._can_start = IDLE, True
        self._progress = None  # (iteration, total) shown on the bar, or None: ready
        self._stats = lambda: ""  # makes the statistics line in the current language
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the buttons, bar and notes in the current language."""
        self.start_button.setText(self.tr("▶  Start training"))
        self.stop_button.setText(self.tr("Stop"))
        self.reset_button.setText(self.tr("Reset"))
        self.pause_button.setToolTip(
            self.tr("Pause the training (it keeps its place); press again to resume (Ctrl+P).")
        )
        self.stop_button.setToolTip(self.tr("End the run now; the network keeps what it has learned so far."))
        self.reset_button.setToolTip(
            self.tr("Forget the trained network and clear the plots (the settings stay).")
        )
        self.progress_bar.setToolTip(self.tr("Iterations done out of the run's total."))
        self.stats_label.setToolTip(
            self.tr(
                "Training speed in iterations per second, the time left, "
                "and the current epoch and learning rate."
            )
        )
        self.pending_label.setText(self.tr("Changed settings apply on the next Start."))
        self.show_progress(self._progress)
        self.stats_label.setText(self._stats())
        self._show_state()

    def show_progress(self, progress) -> None:
        """(iteration, total) as "1,234 / 10,000" on the bar, or None for "ready"."""
        self._progress = progress
        if progress is None:
            self.progress_bar.setFormat(self.tr("ready"))
        else:
            self.progress_bar.setFormat(f"{progress[0]:,} / {progress[1]:,}")

    def show_stats(self, make) -> None:
        """The statistics line: a text, or a function that makes it in the current language."""
        self._stats = make if callable(make) else (lambda: make)
        self.stats_label.setText(self._stats())

    def add_button(self, button: QPushButton) -> None:
        """One more button after Pause / Stop / Reset (Step); Start stays as wide as the row."""
        grid = self._grid
        column = grid.columnCount()
        grid.addWidget(button, 1, column)
        grid.addWidget(self.start_button, 0, 0, 1, column + 1)

    def set_state(self, state: str, can_start: bool = True) -> None:
        """idle | running | paused: which buttons make sense now."""
        self._state, self._can_start = state, can_start
        self._show_state()

    def _show_state(self) -> None:
        state, can_start = self._state, self._can_start
        running = state in (RUNNING, PAUSED)
        self.start_button.setEnabled(not running and can_start)
        self.pause_button.setEnabled(running)
        self.pause_button.setChecked(state == PAUSED)
        self.pause_button.setText(self.tr("Resume") if state == PAUSED else self.tr("Pause"))
        self.stop_button.setEnabled(running)
        self.reset_button.setEnabled(not running)
        if not running:
            self.pending_label.setVisible(False)
        if can_start:
            self.start_button.setToolTip(
                self.tr("Train a new network with these settings from random weights (Ctrl+Enter).")
            )
        else:
            self.start_button.setToolTip(
                self.tr("Training needs MNIST: download it or choose its folder (see the banner above).")
            )


class TrainingPanel(Retranslating, QFrame):
    """The left card: settings (`controls`), run buttons and progress (`run_controls`), the lesson note
    (lessonHint)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.controls = TrainingControls()
        self.run_controls = RunControls()
        inner = QWidget()
        li = QVBoxLayout(inner)
        li.setContentsMargins(0, 0, 0, 0)
        li.setSpacing(12)
        li.addWidget(self.controls)
        sep = QFrame()
        sep.setFrameShape(QFrame.HLine)
        sep.setStyleSheet("color: #e5e7eb;")
        li.addWidget(sep)
        li.addWidget(self.run_controls)
        li.addStretch(1)
        self.lesson_hint = QLabel()
        self.lesson_hint.setObjectName("lessonHint")
        self.lesson_hint.setWordWrap(True)
        self.lesson_hint.setStyleSheet(
            "QLabel { background: #eef2ff; color: #3730a3; border-radius: 8px; padding: 8px 10px; }"
        )
        li.addWidget(self.lesson_hint)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(inner)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        self._inner, self._scroll = inner, scroll
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 12)
        lay.setSpacing(8)
        lay.addWidget(scroll)
        self.setMaximumWidth(440)
        self.show_settings(self.controls.config())
        self.retranslate()

    def retranslate(self) -> None:
        self.lesson_hint.setToolTip(
            self.tr("What the training loop does at every iteration, with the settings above.")
        )
        self.lesson_hint.setText(describe_iteration(self._shown))

    def content_width(self) -> int:
        """The width at which every control shows without scrolling sideways (card margins included)."""
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        return self._inner.minimumSizeHint().width() + bar + 4 + 24

    # ---- inputs ----
    def show_settings(self, cfg: TrainConfig, pending: bool = False) -> None:
        """The lesson note for these settings; `pending`: they differ from the running job's (next Start)."""
        self._shown = cfg
        self.lesson_hint.setText(describe_iteration(cfg))
        self.run_controls.pending_label.setVisible(pending)

    def set_state(self, state: str, can_start: bool) -> None:
        self.run_controls.set_state(state, can_start)

    def begin(self, total: int) -> None:
        """A run of `total` iterations starts."""
        self.set_progress(0, total)
        self.run_controls.show_stats(lambda: self.tr("Starting…"))

    def set_progress(self, iteration: int, total: int) -> None:
        bar = self.run_controls.progress_bar
        if bar.maximum() != total:
            bar.setRange(0, total)
        bar.setValue(min(iteration, total))
        self.run_controls.show_progress((iteration, total))

    def set_stats(self, text) -> None:
        """The statistics line: a text, or a function that makes it in the current language."""
        self.run_controls.show_stats(text)

    def set_finished(self, iterations: int, completed: bool, text: str) -> None:
        """The run ended after `iterations`; a completed run fills the bar."""
        total = self.run_controls.progress_bar.maximum()
        self.set_progress(total if completed else iterations, total)
        self.run_controls.show_progress((iterations, total))
        self.set_stats(text)

    def reset(self) -> None:
        bar = self.run_controls.progress_bar
        bar.setRange(0, 1)
        bar.setValue(0)
        self.run_controls.show_progress(None)
        self.set_stats("")
