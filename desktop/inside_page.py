"""The "Inside the network" page: the hidden units' weight pictures, your digit's path through the network,
the confusion matrix with its digits, one step at a time, and the gradient check, assembled from their panels.

The page computes nothing heavy itself and runs no training: the window gives it snapshots
(`set_snapshot`), the digit being read (`set_reading`), the test-set evaluation (`set_evaluation`),
a step's results (`set_step`) and a gradient check (`set_gradient_check`), and listens to
`stepRequested` and `gradientCheckRequested`. Only the panel on screen is redrawn (live weights at
most UPDATES_PER_SECOND times a second, the test-set evaluation at most EVALUATIONS_PER_SECOND), so a
hidden page costs the training nothing; the others catch up when they are shown.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.evaluation import evaluate
from .activation_view import ActivationView
from .confusion_view import ConfusionView
from .digit_sheet import DigitSheet
from .gradcheck_view import GradientCheckView
from .i18n import Retranslating
from .step_view import StepView
from .weights_view import WeightsView

UPDATES_PER_SECOND = 4
EVALUATIONS_PER_SECOND = 1


class InsidePage(Retranslating, QWidget):
    """The Inside tab; objectName insideTab, with stepButton and gradientCheckButton."""

    stepRequested = Signal()
    gradientCheckRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("insideTab")
        self._params = None
        self._activation = "sigmoid"
        self._x: np.ndarray | None = None
        self._stale: set[str] = set()
        self._evaluation = None
        self._to_evaluate = None
        self._x_test: np.ndarray | None = None
        self._t_test: np.ndarray | None = None
        self._last: dict[int, float] = {}  # when each timer last fired
        #: Seconds spent redrawing panels and evaluating the test set (bench_inside reports it).
        self.busy_seconds = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._snapshot_due)
        self._eval_timer = QTimer(self)
        self._eval_timer.setSingleShot(True)
        self._eval_timer.timeout.connect(self._evaluation_due)

        self.step_button = QPushButton()
        self.step_button.setObjectName("stepButton")
        self.step_button.setShortcut(QKeySequence(Qt.Key_F10))
        self.step_button.clicked.connect(self.stepRequested)
        self.gradient_check_button = QPushButton()
        self.gradient_check_button.setObjectName("gradientCheckButton")
        self.gradient_check_button.clicked.connect(self.gradientCheckRequested)
        self.status = QLabel("")
        self.status.setObjectName("insideStatus")

        self.weights = WeightsView()
        self.activations = ActivationView()
        self.activations.unitClicked.connect(self._show_unit)
        self.confusion = ConfusionView()
        self.sheet = DigitSheet(page_size=40)
        self.sheet.setObjectName("confusionDigits")
        self.confusion.cellClicked.connect(self._show_cell)
        self.sheet.digitClicked.connect(self._read_clicked)
        self.mistakes = mistakes = QSplitter(Qt.Horizontal)
        mistakes.addWidget(self.confusion)
        mistakes.addWidget(self.sheet)
        self.step_view = StepView()
        self.step_view.sheet.digitClicked.connect(self._read_clicked)
        self.gradcheck_view = GradientCheckView()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("insideTabs")
        for panel in (self.weights, self.activations, mistakes, self.step_view, self.gradcheck_view):
            self.tabs.addTab(panel, "")
        self.tabs.currentChanged.connect(self._shown)

        bar = QHBoxLayout()
        bar.addWidget(self.step_button)
        bar.addWidget(self.gradient_check_button)
        bar.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    # ---- inputs ----
    def step_tip(self) -> str:
        return self.tr(
            "Run exactly one iteration (F10): draw a mini-batch, compute the gradient, "
            "update the weights. Works when training is stopped or paused."
        )

    def retranslate(self) -> None:
        """Buttons and tab titles in the current language (each panel does its own)."""
        self.setAccessibleName(self.tr("Inside the network"))
        self.step_button.setText(self.tr("Step"))
        self.step_button.setToolTip(self.step_tip())
        self.gradient_check_button.setText(self.tr("Gradient check"))
        self.gradient_check_button.setToolTip(
            self.tr(
                "Compute the gradient both ways on the current batch, "
                "numerically and by backpropagation, and compare them."
            )
        )
        for panel, title in (
            (self.weights, self.tr("Hidden units")),
            (self.activations, self.tr("Your digit inside")),
            (self.mistakes, self.tr("Confusion matrix")),
            (self.step_view, self.tr("One step")),
            (self.gradcheck_view, self.tr("Gradient check")),
        ):
            self.tabs.setTabText(self.tabs.indexOf(panel), title)
        if hasattr(self, "_status"):
            self.status.setText(self._status())

    def set_snapshot(self, params: dict, activation: str) -> None:
        """New weights (a copy the page may keep): the panel on screen follows, a few times a second at most.
        """
        self._params, self._activation = params, activation
        self._stale |= {"weights", "activations"}
        self._soon(self._timer, 1.0 / UPDATES_PER_SECOND, self._snapshot_due)

    def set_reading(self, x784) -> None:
        """The digit being read (784 values in 0..1, e.g. the pad or a clicked test digit), or None."""
        self._x = None if x784 is None else np.asarray(x784, dtype=np.float64).reshape(784)
        self._stale.add("activations")
        self._refresh()

    def set_test_set(self, x_test_u8: np.ndarray, t_test: np.ndarray) -> None:
        """The test images (uint8 rows of 784) and labels that evaluate_when_shown() reads."""
        self._x_test, self._t_test = x_test_u8, t_test

    def evaluate_when_shown(self, params: dict, activation: str) -> None:
        """Weights to evaluate on the test set (after an epoch, or an opened model): done while the confusion
        matrix is on screen, at most EVALUATIONS_PER_SECOND times a second, else when it is next shown."""
        self._to_evaluate = (params, activation)
        self._soon(self._eval_timer, 1.0 / EVALUATIONS_PER_SECOND, self._evaluation_due)

    def set_evaluation(self, evaluation, x_test_u8: np.ndarray) -> None:
        """A core.evaluation.Evaluation of the test set and its images (uint8 rows of 784), for the confusion
        matrix."""
        self._evaluation, self._x_test = evaluation, x_test_u8
        self._to_evaluate = None
        self.confusion.set_evaluation(evaluation)
        cell = self.confusion.selected_cell()
        if cell is not None and evaluation is not None:
            self._show_cell(*cell, evaluation.misread(*cell))

    def set_step(self, stats, pixels_u8: np.ndarray, indices, labels) -> None:
        """The result of one step (core.inside.StepStats) on the batch pixels_u8[indices]; shows the step tab
        the first time, and later unless the hidden units or the digit inside are on screen (so one can
        press Step again and again and watch them change)."""
        first = self.step_view.stats() is None
        self.step_view.set_step(stats, pixels_u8, indices, labels)
        if first or self.tabs.currentWidget() not in (self.weights, self.activations):
            self.tabs.setCurrentWidget(self.step_view)

    def set_gradient_check(self, check, note="") -> None:
        """A core.inside.GradientCheck (and a note for its verdict); shows the gradient-check tab."""
        self.gradcheck_view.set_check(check, note)
        self.tabs.setCurrentWidget(self.gradcheck_view)

    def set_step_enabled(self, enabled: bool) -> None:
        """Step and the gradient check only make sense while no training is running."""
        self.step_button.setEnabled(enabled)
        self.gradient_check_button.setEnabled(enabled)

    def set_status(self, text) -> None:
        """The note beside the buttons: a text, or a function that makes it in the current language."""
        self._status = text if callable(text) else (lambda: text)
        self.status.setText(self._status())

    # ---- work: only the panel on screen is redrawn, the others when they are shown ----
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._shown()

    def _soon(self, timer: QTimer, interval: float, due) -> None:
        """Call due() now if this timer last fired `interval` seconds ago or more, else let the timer call it
        then."""
        if timer.isActive():
            return
        wait = interval - (time.perf_counter() - self._last.get(id(timer), -1e9))
        if wait <= 0:
            due()
        else:
            timer.start(int(wait * 1000) + 1)

    def _refresh(self) -> None:
        if not self.isVisible():
            return
        t0 = time.perf_counter()
        self._redraw_current()
        self.busy_seconds += time.perf_counter() - t0

    def _redraw_current(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.weights and "weights" in self._stale and self._params is not None:
            self._stale.discard("weights")
            self.weights.set_weights(self._params["W1"], self._params["W2"])
        elif current is self.activations and "activations" in self._stale and self._params is not None:
            self._stale.discard("activations")
            self.activations.set_inputs(self._params, self._activation, self._x)

    def _snapshot_due(self) -> None:
        self._last[id(self._timer)] = time.perf_counter()
        self._refresh()

    def _evaluation_due(self) -> None:
        """Evaluate the newest weights waiting for it, if the confusion matrix is on screen.

        Reading 10,000 test images is the page's biggest job, so it has its own, slower timer.
        """
        if not (self.isVisible() and self.tabs.currentWidget() is self.mistakes):
            return
        if self._to_evaluate is not None and self._t_test is not None:
            t0 = self._last[id(self._eval_timer)] = time.perf_counter()
            params, activation = self._to_evaluate
            self.set_evaluation(evaluate(params, activation, self._x_test, self._t_test), self._x_test)
            self.busy_seconds += time.perf_counter() - t0

    def _shown(self, *_args) -> None:
        """The page or another panel came on screen: bring it up to date now."""
        self._refresh()
        self._evaluation_due()

    def _read_clicked(self, _index: int, pixels_u8) -> None:
        """A digit clicked in a sheet (a confusion cell's, a step's batch): follow it through the network."""
        self.tabs.setCurrentWidget(self.activations)
        self.set_reading(np.asarray(pixels_u8) / 255.0)

    def _show_unit(self, j: int) -> None:
        self.weights.select_unit(j)
        self.tabs.setCurrentWidget(self.weights)

    def _show_cell(self, true: int, read: int, indices) -> None:
        ev = self._evaluation
        if ev is None or self._x_test is None:
            return
        n = len(indices)
        def title() -> str:
            if true == read:
                return self.tr("{0} read correctly: %Ln digit(s)", "", n).format(true)
            return self.tr("{0} read as {1}: %Ln digit(s)", "", n).format(true, read)

        self.sheet.set_digits(self._x_test, indices, ev.labels[indices], ev.predictions[indices], title)
