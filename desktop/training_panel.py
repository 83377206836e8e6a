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

#: Run states the buttons reflect.
IDLE, RUNNING, PAUSED = "idle", "running", "paused"


class RunControls(QWidget):
    """Start, Pause/Resume, Stop, Reset, the progress bar and the run's statistics."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        self.start_button = QPushButton("▶  Start training")
        self.start_button.setObjectName("startButton")
        self.start_button.setToolTip(
            "Train a new network with these settings from random weights (Ctrl+Enter)."
        )
        self.start_button.setMinimumHeight(34)
        grid.addWidget(self.start_button, 0, 0, 1, 3)
        self.pause_button = QPushButton("Pause")
        self.pause_button.setObjectName("pauseButton")
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(
            "Pause the training (it keeps its place); press again to resume (Ctrl+P)."
        )
        grid.addWidget(self.pause_button, 1, 0)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip("End the run now; the network keeps what it has learned so far.")
        grid.addWidget(self.stop_button, 1, 1)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setObjectName("resetButton")
        self.reset_button.setToolTip("Forget the trained network and clear the plots (the settings stay).")
        grid.addWidget(self.reset_button, 1, 2)
        layout.addLayout(grid)
        self._grid = grid

        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("ready")
        self.progress_bar.setToolTip("Iterations done out of the run's total.")
        layout.addWidget(self.progress_bar)

        self.stats_label = QLabel("")
        self.stats_label.setObjectName("statsLabel")
        self.stats_label.setWordWrap(True)
        self.stats_label.setToolTip(
            "Training speed in iterations per second, the time left, and the current epoch and learning rate."
        )
        layout.addWidget(self.stats_label)

        self.pending_label = QLabel("Changed settings apply on the next Start.")
        self.pending_label.setObjectName("pendingLabel")
        self.pending_label.setWordWrap(True)
        self.pending_label.setVisible(False)
        self.pending_label.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        layout.addWidget(self.pending_label)
        self.set_state(IDLE)

    def add_button(self, button: QPushButton) -> None:
        """One more button after Pause / Stop / Reset (Step); Start stays as wide as the row."""
        grid = self._grid
        column = grid.columnCount()
        grid.addWidget(button, 1, column)
        grid.addWidget(self.start_button, 0, 0, 1, column + 1)

    def set_state(self, state: str, can_start: bool = True) -> None:
        """idle | running | paused: which buttons make sense now."""
        running = state in (RUNNING, PAUSED)
        self.start_button.setEnabled(not running and can_start)
        self.pause_button.setEnabled(running)
        self.pause_button.setChecked(state == PAUSED)
        self.pause_button.setText("Resume" if state == PAUSED else "Pause")
        self.stop_button.setEnabled(running)
        self.reset_button.setEnabled(not running)
        if not running:
            self.pending_label.setVisible(False)
        if can_start:
            self.start_button.setToolTip(
                "Train a new network with these settings from random weights (Ctrl+Enter)."
            )
        else:
            self.start_button.setToolTip(
                "Training needs MNIST: download it or choose its folder (see the banner above)."
            )


class TrainingPanel(QFrame):
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
        self.lesson_hint.setToolTip(
            "What the training loop does at every iteration, with the settings above."
        )
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

    def content_width(self) -> int:
        """The width at which every control shows without scrolling sideways (card margins included)."""
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        return self._inner.minimumSizeHint().width() + bar + 4 + 24

    # ---- inputs ----
    def show_settings(self, cfg: TrainConfig, pending: bool = False) -> None:
        """The lesson note for these settings; `pending`: they differ from the running job's (next Start)."""
        self.lesson_hint.setText(describe_iteration(cfg))
        self.run_controls.pending_label.setVisible(pending)

    def set_state(self, state: str, can_start: bool) -> None:
        self.run_controls.set_state(state, can_start)

    def begin(self, total: int) -> None:
        """A run of `total` iterations starts."""
        self.set_progress(0, total)
        self.run_controls.stats_label.setText("Starting…")

    def set_progress(self, iteration: int, total: int) -> None:
        bar = self.run_controls.progress_bar
        if bar.maximum() != total:
            bar.setRange(0, total)
        bar.setValue(min(iteration, total))
        bar.setFormat(f"{iteration:,} / {total:,}")

    def set_stats(self, text: str) -> None:
        self.run_controls.stats_label.setText(text)

    def set_finished(self, iterations: int, completed: bool, text: str) -> None:
        """The run ended after `iterations`; a completed run fills the bar."""
        total = self.run_controls.progress_bar.maximum()
        self.set_progress(total if completed else iterations, total)
        self.run_controls.progress_bar.setFormat(f"{iterations:,} / {total:,}")
        self.set_stats(text)

    def reset(self) -> None:
        bar = self.run_controls.progress_bar
        bar.setRange(0, 1)
        bar.setValue(0)
        bar.setFormat("ready")
        self.set_stats("")
