"""What the window does with the "Inside the network" page: it feeds the page the network the pad reads with
(the run being trained, else the opened or shipped model), the digit being read, the test-set evaluation
after every epoch, and runs Step and the gradient check for it.

The page shows the same network as the drawing pad (`ModelSource.active()`), so the activations and
probabilities on the page are exactly those behind the pad's answer. Step runs one iteration of the
real run, in its own training thread: the trainer reports that iteration's batch, gradient and
update itself (a core StepDetail), so the numbers shown are the ones the weights were changed with.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton

from mnist_studio.core.inside import check_gradients
from mnist_studio.core.network import NUMERICAL_H

from .export import ask_and_save, save_widget_png
from .inside_page import InsidePage
from .screen_fit import scrolling
from .training_panel import RUNNING

#: The gradient check takes at most this many digits of a batch (its cost grows with each one).
CHECK_DIGITS = 100


class InsideFlow(QObject):
    """Creates the Inside tab in window `w` and connects it; `step_action` (F10) and `export_action` are for
    the menus."""

    _checked = Signal(object, object, int)  # a GradientCheck, what it was computed on, hidden sums near 0

    def __init__(self, w):
        super().__init__(w)
        self.w = w
        self.page = page = InsidePage()
        # In a scroll area like the Training tab's columns, so a 1024x700 screen still fits the window.
        self.page_index = w.tabs.addTab(scrolling(page, "insideScroll"), "")
        self._x_train: np.ndarray | None = None
        self._shown = (None, None)  # the model the page shows: (its key, the Model) to evaluate it once
        self._epoch_due: tuple[int, int] | None = None  # (run id, iteration) whose weights to evaluate
        self._last_step = None  # (run id, StepDetail) of the newest step
        self._pad_image: np.ndarray | None = None
        self._reading_from = None  # "pad" or "test": where the digit on the page came from
        self._check_thread: threading.Thread | None = None
        self._checks = 0

        # One Step for the menu (F10), the page's button and the one beside Pause on the Training tab.
        page.step_button.setShortcut(QKeySequence())  # the window's action has F10: one owner, no clash
        self.step_action = QAction(w)
        self.step_action.setShortcut(QKeySequence(Qt.Key_F10))
        self.step_action.triggered.connect(self.step)
        self.export_action = QAction(w)
        self.export_action.triggered.connect(lambda: self.export_picture())
        self.training_step_button = QPushButton()
        self.training_step_button.setObjectName("trainingStepButton")
        self.retranslate()
        self.training_step_button.clicked.connect(self.step)
        w.training_panel.run_controls.add_button(self.training_step_button)

        page.stepRequested.connect(self.step)
        page.gradientCheckRequested.connect(self.gradient_check)
        self._checked.connect(self._on_checked, Qt.QueuedConnection)
        w.source.changed.connect(self._on_model)
        w.runs.batch.connect(self._on_batch)
        w.reader.predicted.connect(self._on_pad_read)
        w.samples.grid.digitClicked.connect(self.show_test_digit)
        w.training.stateChanged.connect(self.update_buttons)
        self._on_model()
        self.update_buttons()

    # ---- inputs from the window ----

    def retranslate(self) -> None:
        """The tab's title, the Step and Export entries and the Training tab's Step, in the current
        language (the page retranslates itself)."""
        self.w.tabs.setTabText(self.page_index, self.tr("Inside the network"))
        step_tip = self.page.step_tip()
        self.step_action.setText(self.tr("Step one iteration"))
        self.step_action.setStatusTip(step_tip)
        self.export_action.setText(self.tr("Export Inside picture as PNG…"))
        self.export_action.setStatusTip(
            self.tr("Save the panel shown on the Inside the network tab as a PNG picture.")
        )
        self.training_step_button.setText(self.tr("Step"))
        self.training_step_button.setToolTip(step_tip)
    def set_data(self, raw) -> None:
        """MNIST is loaded: the test set for the confusion matrix, the training images for a step's batch."""
        self._x_train = raw.x_train
        self.page.set_test_set(raw.x_test, raw.t_test)
        model = self.w.source.active()
        if model is not None:
            self.page.evaluate_when_shown(model.params, model.activation)
        self.update_buttons()

    def update_buttons(self) -> None:
        """Step and the gradient check need MNIST and no run training right now (paused is fine)."""
        ok = self.w.data is not None and self.w.training.state() != RUNNING
        self.page.set_step_enabled(ok)
        self.page.gradient_check_button.setEnabled(ok and self._check_thread is None)
        self.step_action.setEnabled(ok)
        self.training_step_button.setEnabled(ok)

    def _on_model(self) -> None:
        """The pad's network changed (new weights of the run, an opened file, another choice): the page
        follows; a different network is evaluated on the test set once, a run's after each epoch."""
        model = self.w.source.active()
        if model is None:
            return
        self.page.set_snapshot(model.params, model.activation)
        key, shown = self._shown
        if model.key != key or (model.run_id is None and model is not shown):
            self.page.evaluate_when_shown(model.params, model.activation)
        self._shown = (model.key, model)
        self._evaluate_epoch_if_due()

    def _on_batch(self, run_id: int, b) -> None:
        model = self.w.source.active()
        if b.epochs and model is not None and model.run_id == run_id:
            self._epoch_due = (run_id, b.epochs[-1].iteration)
            self._evaluate_epoch_if_due()
        run = self.w.runs.get(run_id)
        if b.steps and run is not None and run is self.w.current_run():
            self._show_step(run, b.steps[-1])

    def _evaluate_epoch_if_due(self) -> None:
        """Evaluate the run's weights at an epoch's end once the pad's network has reached that iteration."""
        due, model = self._epoch_due, self.w.source.active()
        if due is None or model is None or model.run_id != due[0]:
            return
        run = self.w.runs.get(due[0])
        if run is not None and run.snapshot is not None and run.snapshot.iteration >= due[1]:
            self._epoch_due = None
            self.page.evaluate_when_shown(model.params, model.activation)

    def _on_pad_read(self, _probabilities) -> None:
        """The reader read the pad; only a new picture goes to the page (the reader also re-reads the same
        drawing with every new snapshot, which must not replace a clicked test digit)."""
        image = self.w.reader.mnist_image
        if image is None:
            if self._reading_from == "pad":
                self._pad_image = None
                self._reading_from = None
                self.page.set_reading(None)
            return
        if self._pad_image is not None and np.array_equal(image, self._pad_image):
            return
        self._pad_image = np.array(image, copy=True)
        self._reading_from = "pad"
        self.page.set_reading(self._pad_image.reshape(784))

    def show_test_digit(self, index: int) -> None:
        """Follow test digit `index` through the network on the page (a click on the sample digits)."""
        data = self.w.data
        if data is None or not 0 <= index < len(data.x_test):
            return
        self._reading_from = "test"
        self.page.set_reading(data.x_test[index] / 255.0)
        self.w.statusBar().showMessage(
            self.tr(
                "Test digit #{0} (a {1}) now goes through the network: see Inside the network, "
                "Your digit inside."
            ).format(index, int(data.t_test[index])),
            8000,
        )

    # ---- one step ----
    def step(self) -> None:
        """Run exactly one iteration of the lesson's loop (Step, F10)."""
        w, flow = self.w, self.w.training
        if w.data is None:
            w.show_error(self.tr("MNIST is not loaded yet: download it or choose its folder first."))
            return
        if flow.state() == RUNNING:
            self.page.set_status(
                lambda: self.tr("Pause the training first: Step runs one iteration at a time.")
            )
            return
        if not flow.running:
            # Idle, with no run or a finished one: Step starts a new run with the panel's settings, paused
            # before its first iteration (as if Start and Pause had been pressed at once), then steps it.
            # Every step is then a real iteration of a real run: the curve, the pad and the pictures
            # follow it, Resume trains on from there, and Save keeps what the steps learned.
            if not flow.start(True):
                return
        flow.current.step_once()

    def _show_step(self, run, detail) -> None:
        self._last_step = (run.run_id, detail)
        if detail.pixels is not None:  # augmented images: show what was trained on
            pixels, indices = detail.pixels, np.arange(len(detail.rows))
        else:
            pixels, indices = self._x_train, detail.rows
        self.page.set_step(detail.stats, pixels, indices, detail.labels)
        s = detail.stats
        self.page.set_status(
            lambda: self.tr(
                "Iteration {0}: loss on its mini-batch {1:.4f} before the step, {2:.4f} after."
            ).format(detail.iteration, s.loss_before, s.loss_after)
        )
        # The page and the pad show the run just stepped, even if another network was chosen meanwhile.
        self.w.source.choose(f"run-{run.run_id}")

    # ---- gradient check ----
    def gradient_check(self) -> None:
        """Compare the numerical and the backprop gradient of the page's network on the current batch (the
        last step's, else digits picked at random), in a thread: a 256-unit network takes about a second."""
        data, model = self.w.data, self.w.source.active()
        if data is None or model is None or self._check_thread is not None:
            return
        step = self._last_step
        if step is not None and model.run_id == step[0]:
            detail = step[1]
            x = detail.pixels if detail.pixels is not None else data.x_train[detail.rows]
            x, t = x[:CHECK_DIGITS], detail.labels[:CHECK_DIGITS]
            n = len(t)
            what = lambda: self.tr("the last step's mini-batch (%Ln digit(s))", "", n)  # noqa: E731
        else:
            self._checks += 1
            rows = np.random.default_rng(self._checks).choice(len(data.x_train), CHECK_DIGITS, replace=False)
            x, t = data.x_train[rows], data.t_train[rows]
            n = len(t)
            what = lambda: self.tr("%Ln training digit(s) picked at random", "", n)  # noqa: E731
        params = {k: np.array(v, copy=True) for k, v in model.params.items()}
        activation, x = model.activation, x.astype(np.float64) / 255.0
        self.page.set_status(lambda: self.tr("Checking the gradient on {0}…").format(what()))
        QApplication.setOverrideCursor(Qt.BusyCursor)

        def work():
            check = check_gradients(params, activation, x, t)
            # A ReLU hidden sum within h of 0 is nudged across the kink by the central difference.
            near_kink = int(np.sum(np.abs(x @ params["W1"] + params["b1"]) < NUMERICAL_H))
            try:
                self._checked.emit(check, what, near_kink if activation == "relu" else 0)
            except RuntimeError:  # the window closed meanwhile
                pass

        self._check_thread = threading.Thread(target=work, name="gradientCheck", daemon=True)
        self.update_buttons()
        self._check_thread.start()

    def _on_checked(self, check, what, near_kink: int) -> None:
        QApplication.restoreOverrideCursor()
        self._check_thread = None
        note = ""
        if near_kink and check.worst >= 1e-6:
            note = lambda: self.tr(  # noqa: E731 (said again in the new language on a change)
                "This network uses ReLU, which has a kink at 0: %Ln of its hidden sums on this batch lie "
                "within 1e-4 of it, where the numerical difference straddles the kink and so differs from "
                "the slope backprop uses. The lesson's sigmoid network has no kink.",
                "",
                near_kink,
            )
        self.page.set_gradient_check(check, note)
        self.page.set_status(
            lambda: self.tr("Gradient check on {0}: largest relative difference {1:.1e}.").format(
                what(), check.worst
            )
        )
        self.update_buttons()

    # ---- pictures ----
    def export_picture(self, path=None):
        """Save the panel shown on the Inside tab as PNG (asks where unless `path` is given); the path or
        None."""
        self.w.tabs.setCurrentIndex(self.page_index)
        panel = self.page.tabs.currentWidget()
        if path is not None:
            return save_widget_png(panel, path)
        names = {self.page.weights: "hidden-units.png", self.page.activations: "digit-inside.png",
                 self.page.mistakes: "confusion-matrix.png", self.page.step_view: "one-step.png",
                 self.page.gradcheck_view: "gradient-check.png"}
        folder = Path(str(self.w.settings.value("files/imageDir") or Path.home()))
        return ask_and_save(panel, str(folder / names.get(panel, "inside.png")))
