"""What the window does with training runs: Start makes a new RunController (in the RunSet) from the
panel's settings, its batches go to the curves and its newest weights to the pad and the sample digits,
Pause / Stop / Reset and a live learning rate go to it, and its end is reported in words.

The window shows one run at a time (the newest, with the one before it faint behind it), but
nothing here limits how many run at once: each controller has its own thread and history.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from mnist_studio.core.errors import UserError
from mnist_studio.core.progress import format_duration

from .run_controller import RunController, RunSet
from .training_panel import IDLE, PAUSED, RUNNING


def rate_text(rate: float) -> str:
    """Iterations per second, e.g. "1,234 it/s" (it/s reads the same in both languages)."""
    return f"{rate:,.0f} it/s" if rate >= 10 else f"{rate:.2f} it/s"


class TrainingFlow(QObject):
    """Connects the training panel, the curves, the model source and the RunSet of one window."""

    stateChanged = Signal()  # a run started, paused, resumed or ended: buttons and menus follow

    def __init__(self, window, panel, plots, source, parent=None):
        super().__init__(parent)
        self.w, self.panel, self.plots, self.source = window, panel, plots, source
        self.runs = RunSet(self)
        self.current: RunController | None = None  # the run the panels show
        self._previous: RunController | None = None  # drawn faint behind it
        self._follow = False  # the pad switches to the current run at its first weights

        rc = panel.run_controls
        rc.start_button.clicked.connect(self.start)
        rc.pause_button.toggled.connect(self._pause_toggled)
        rc.stop_button.clicked.connect(self.stop)
        rc.reset_button.clicked.connect(self.reset)
        panel.controls.lrChanged.connect(self._lr_changed)
        panel.controls.settingChanged.connect(self._setting_changed)
        self.runs.batch.connect(self._on_batch)
        self.runs.finished.connect(self._on_finished)
        self.runs.failed.connect(lambda _id, message: self.w.show_error(message))
        self.runs.ended.connect(lambda _id: self.stateChanged.emit())
        plots.refreshed.connect(self._show_progress)

    # ---- state ----
    @property
    def running(self) -> bool:
        return self.current is not None and self.current.running

    def state(self) -> str:
        if not self.running:
            return IDLE
        return PAUSED if self.current.paused else RUNNING

    def trained_model(self):
        """The current run's newest weights as a Model (None before its first snapshot, after a reset or
        a blow-up)."""
        return None if self.current is None else self.source.run_model(self.current.run_id)

    # ---- buttons ----
    def start(self, paused: bool = False) -> bool:
        """Start a run with the settings in the panel (paused: waiting before its first iteration, for Step);
        False (with a message) if it cannot start."""
        data = self.w.data
        if self.running:
            return False
        if data is None:
            self.w.show_error(
                lambda: self.tr("MNIST is not loaded yet: download it or choose its folder first.")
            )
            return False
        cfg = self.panel.controls.config()
        try:
            run = self.runs.start(cfg, data, paused)
        except UserError as e:
            self.w.show_error(e)
            return False
        old, self._previous, self.current = self._previous, self.current, run
        if old is not None:
            self.plots.remove_history(old.run_id)
            self.source.drop_run(old.run_id)
            self.runs.remove(old.run_id)
        if self._previous is not None:
            if self._previous.history.count:
                self.plots.show_history(self._previous.history, faint=True)
            else:
                self.plots.remove_history(self._previous.run_id)
        self.plots.show_history(run.history, run.colour, follow=cfg.method == "numerical")
        self._follow = True
        total = run.history.total
        self.panel.begin(total)
        self.w.message_bar.hide()
        self.stateChanged.emit()
        self.w.statusBar().showMessage(
            self.tr(
                "Training: {total} iterations, {method}, {hidden} hidden units, learning rate {lr}"
            ).format(
                total=f"{total:,}",
                method=self.tr("backpropagation")
                if cfg.method == "backprop"
                else self.tr("numerical gradient"),
                hidden=cfg.hidden_size,
                lr=f"{cfg.lr:g}",
            ),
            5000,
        )
        return True

    def stop(self) -> None:
        if self.current is not None:
            self.current.stop()

    def reset(self) -> None:
        """Forget the trained networks and the curves (the settings stay)."""
        if self.runs.any_running:
            return
        self.plots.clear_all()
        for run in self.runs.runs():
            self.source.drop_run(run.run_id)
            self.runs.remove(run.run_id)
        self.current = self._previous = None
        self.panel.reset()
        self.stateChanged.emit()

    def _pause_toggled(self, paused: bool) -> None:
        if not self.running:
            return
        if paused:
            self.current.pause()
            self.panel.set_stats(lambda: self.tr("Paused: press Resume to go on."))
        else:
            self.current.resume()
        self.stateChanged.emit()

    def _lr_changed(self, lr: float) -> None:
        if self.running:
            try:
                self.current.set_lr(lr)
            except UserError as e:
                self.w.show_error(e)
                return
            self.w.statusBar().showMessage(
                self.tr("Learning rate now {lr}: applied live from the next iteration.").format(lr=f"{lr:g}"),
                5000,
            )
        self._setting_changed()

    def _setting_changed(self) -> None:
        cfg = self.panel.controls.config()
        pending = False
        if self.running:
            now = self.current.config.to_dict()
            pending = any(v != now[k] for k, v in cfg.to_dict().items() if k != "lr")
        self.panel.show_settings(cfg, pending)

    # ---- news from the runs ----
    @Slot(int, object)
    def _on_batch(self, run_id: int, b) -> None:
        run = self.runs.get(run_id)
        if run is None:
            return
        if b.snapshot is not None and run is self.current:
            s = b.snapshot
            self.source.set_run(
                run_id, s.params, s.activation, s.iteration, run.test_accuracy, follow=self._follow
            )
            if self._follow and self._previous is not None:
                self.source.drop_run(self._previous.run_id)  # the pad now has the new run's weights
            self._follow = False
        if run_id in self.plots.run_ids():
            self.plots.request_refresh()

    def _show_progress(self) -> None:
        run = self.current
        if run is None or not run.running or run.last_batch is None:
            return
        b = run.last_batch
        self.panel.set_progress(b.iteration, b.total)
        if run.paused:
            return
        rate = run.history.rate
        speed, left = rate.rate, rate.seconds_left(b.iteration, b.total) if rate.rate else 0

        def stats() -> str:
            parts = []
            if speed:
                parts += [rate_text(speed), self.tr("{time} left").format(time=format_duration(left))]
            parts.append(self.tr("learning rate {lr}").format(lr=f"{b.lr:.3g}"))
            return "  ·  ".join(parts)

        if run.config.method == "numerical" and rate.rate:
            self.panel.controls.note_numerical_speed(run.config.hidden_size, rate.rate)
        self.panel.set_stats(stats)

    @Slot(int, object)
    def _on_finished(self, run_id: int, result) -> None:
        run = self.runs.get(run_id)
        if run is not self.current:
            return
        self.plots.refresh(final=True)

        def summary() -> str:
            bits = [
                self.tr("%Ln iterations in {time}", "", result.iterations).format(
                    time=format_duration(result.seconds)
                )
            ]
            if result.iters_per_second:
                bits.append(rate_text(result.iters_per_second))
            if result.test_accuracy is not None:
                bits.append(self.tr("test accuracy {acc}").format(acc=f"{result.test_accuracy:.2%}"))
            return "  ·  ".join(bits)

        self.panel.set_finished(result.iterations, result.status == "completed", summary)
        if result.status == "diverged":
            for run in self.runs.runs():  # the pad falls back to the opened or the default model
                self.source.drop_run(run.run_id)
            lr = result.lr if result.lr is not None else result.config.lr
            self.w.show_error(
                lambda: self.tr(
                    "Training diverged after %Ln iterations: the loss or the weights stopped being numbers "
                    "a network can learn with, at learning rate {lr}; "
                    "try a smaller learning rate, such as {smaller}.",
                    "",
                    result.iterations,
                ).format(lr=f"{lr:g}", smaller=f"{lr / 10:g}")
            )
        elif result.status == "target reached":
            acc = result.test_accuracy or 0.0
            self.w.show_info(
                lambda: self.tr(
                    "Reached {acc} test accuracy after %Ln iterations.", "", result.iterations
                ).format(acc=f"{acc:.2%}")
            )
        else:
            if result.test_accuracy is None:
                text = (
                    self.tr("Done after %Ln iterations.", "", result.iterations)
                    if result.status == "completed"
                    else self.tr("Stopped after %Ln iterations.", "", result.iterations)
                )
            else:
                acc = f"{result.test_accuracy:.2%}"
                text = (
                    self.tr(
                        "Done after %Ln iterations: {acc} of the test digits right.", "", result.iterations
                    )
                    if result.status == "completed"
                    else self.tr(
                        "Stopped after %Ln iterations: {acc} of the test digits right.", "", result.iterations
                    )
                ).format(acc=acc)
            self.w.statusBar().showMessage(text, 10000)
        if result.params is not None and result.status != "diverged":
            self.source.set_run(
                run_id,
                {k: v.copy() for k, v in result.params.items()},
                result.config.activation,
                result.iterations,
                result.test_accuracy,
                follow=self._follow,
            )
            if self._follow and self._previous is not None:
                self.source.drop_run(self._previous.run_id)
            self._follow = False
