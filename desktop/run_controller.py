"""One training run in the window (a RunController: its id, colour, settings, worker thread and the
History its batches fill) and the set of them (a RunSet), so that several runs can train at once, each in
its own thread.

A controller is used for one run: it starts the run's thread, takes in the worker's batches (at most
ten a second) on the window's thread, keeps the newest weights for the drawing pad and the sample
digits, and ends the thread cleanly. Panels never touch the thread: they read the controller.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from mnist_studio.core.history import History
from mnist_studio.core.trainer import Snapshot, TrainConfig

from . import theme
from .training import BATCH_INTERVAL, ProgressBatch, TrainWorker


class RunController(QObject):
    """A run: `start()` it, then pause, resume, stop, change its learning rate live; its history fills as
    batches arrive."""

    batch = Signal(object)  # ProgressBatch, after the history has taken it in
    finished = Signal(object)  # TrainResult
    failed = Signal(str)  # one-line message: the run could not go on
    ended = Signal()  # its thread has ended and been released

    def __init__(
        self,
        run_id: int,
        config: TrainConfig,
        data,
        colour: str,
        parent=None,
        interval: float = BATCH_INTERVAL,
    ):
        super().__init__(parent)
        # Building the worker builds the Trainer, which refuses bad settings (UserError) before any
        # thread exists.
        self.worker: TrainWorker | None = TrainWorker(config, data, interval, run_id=run_id)
        self.run_id = run_id
        self.config = config
        self.colour = colour
        n_train = len(data.x_train)
        self.history = History(config.total_iters(n_train), config.iters_per_epoch(n_train), run_id)
        self.result = None  # the TrainResult once the run has finished
        self.last_batch: ProgressBatch | None = None
        self.batches = 0  # how many batches have arrived (the worker sends at most 10 a second)
        self.snapshot: Snapshot | None = None  # the newest copy of the weights
        self.thread: QThread | None = None
        self._started = False

    @property
    def name(self) -> str:
        return self.tr("Run {id}").format(id=self.run_id)

    @property
    def running(self) -> bool:
        return self.thread is not None

    @property
    def paused(self) -> bool:
        return self.worker is not None and self.running and self.worker.trainer.paused

    @property
    def test_accuracy(self) -> float | None:
        """The newest test accuracy measured (after an epoch or at the end)."""
        last = self.history.last_epoch
        return last.test if last else None

    def start(self, paused: bool = False) -> None:
        """Start the run in a thread of its own (Qt's worker pattern); a controller runs once. Paused: it
        waits before its first iteration (for step_once)."""
        if self._started:
            raise RuntimeError(f"{self.name} has already been started")
        self._started = True
        if paused:  # before the thread exists, so not one iteration can slip through
            self.worker.trainer.pause()
            self.history.rate.pause()
        worker, thread = self.worker, QThread()
        thread.setObjectName("trainingThread")
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.done.connect(thread.quit, Qt.DirectConnection)  # quit its event loop from its own thread
        worker.batch.connect(self._on_batch, Qt.QueuedConnection)
        worker.finished.connect(self._on_finished, Qt.QueuedConnection)
        worker.failed.connect(self.failed, Qt.QueuedConnection)
        thread.finished.connect(worker.deleteLater)  # deleted in its own thread as that thread ends
        thread.finished.connect(self._on_thread_finished)
        self.thread = thread
        thread.start()

    # ---- controls (the window's thread) ----
    def pause(self) -> None:
        if self.running:
            self.worker.trainer.pause()
            self.history.rate.pause()
            self.worker.flush()  # whatever arrived before the pause goes on screen now

    def resume(self) -> None:
        if self.running:
            self.history.rate.pause()  # measure afresh from here: the paused time is not training time
            self.worker.trainer.resume()

    def stop(self) -> None:
        if self.running:
            self.worker.trainer.stop()

    def step_once(self) -> bool:
        """Run exactly one iteration of a paused run (its details come as a StepDetail in a
        batch); False if it is not paused."""
        if not self.paused:
            return False
        self.worker.trainer.step_once()
        return True

    def set_lr(self, lr: float) -> bool:
        """Change the learning rate from the next iteration (UserError if it is not a rate); False if not
        running."""
        if not self.running:
            return False
        self.worker.trainer.set_lr(lr)
        return True

    def shutdown(self, timeout_ms: int = 1000) -> bool:
        """Stop the run and wait for its thread; True if it ended (or never ran) within the timeout."""
        thread = self.thread
        if thread is None:
            return True
        self.stop()
        thread.quit()
        if not thread.wait(timeout_ms):
            return False
        self._on_thread_finished()
        return True

    # ---- news from the worker (queued to the window's thread) ----
    @Slot(object)
    def _on_batch(self, b: ProgressBatch) -> None:
        h = self.history
        for iteration, lr in b.lr_changes:
            h.note_lr(iteration, lr)
        h.add_losses(b.first_iteration, b.losses)
        for e in b.epochs:
            h.add_epoch(e.iteration, e.test_accuracy, e.train_accuracy)
        if b.snapshot is not None:
            self.snapshot = b.snapshot
        h.rate.update(time.perf_counter(), b.iteration)
        self.last_batch = b
        self.batches += 1
        self.batch.emit(b)

    @Slot(object)
    def _on_finished(self, result) -> None:
        self.result = result
        self.finished.emit(result)

    @Slot()
    def _on_thread_finished(self) -> None:
        # QThread.finished comes just before the thread really ends: wait for that (a moment at
        # most), and only then let the Python references (and so the QThread) go.
        thread = self.thread
        if thread is None:
            return
        thread.wait()
        self.thread = None
        self.worker = None
        self.ended.emit()


class RunSet(QObject):
    """The runs of this window by id: starts new ones (each its own thread and colour) and passes on
    their news with the run's id."""

    batch = Signal(int, object)  # run id, ProgressBatch
    finished = Signal(int, object)  # run id, TrainResult
    failed = Signal(int, str)
    ended = Signal(int)

    def __init__(self, parent=None, interval: float = BATCH_INTERVAL):
        super().__init__(parent)
        self.interval = interval
        self._runs: dict[int, RunController] = {}
        self._next_id = 1

    def start(self, config: TrainConfig, data, paused: bool = False) -> RunController:
        """Start a new run with these settings on this data (paused: waiting before its first iteration);
        UserError (and nothing started) for bad settings."""
        run_id = self._next_id
        # The first colour not taken by a running run: one run at a time always has the usual blue.
        taken = {r.colour for r in self._runs.values() if r.running}
        free = [c for c in theme.RUN_COLOURS if c not in taken]
        colour = free[0] if free else theme.RUN_COLOURS[(run_id - 1) % len(theme.RUN_COLOURS)]
        run = RunController(run_id, config, data, colour, self, self.interval)
        self._next_id += 1
        self._runs[run_id] = run
        run.batch.connect(lambda b, i=run_id: self.batch.emit(i, b))
        run.finished.connect(lambda r, i=run_id: self.finished.emit(i, r))
        run.failed.connect(lambda m, i=run_id: self.failed.emit(i, m))
        run.ended.connect(lambda i=run_id: self.ended.emit(i))
        run.start(paused)
        return run

    def get(self, run_id: int) -> RunController | None:
        return self._runs.get(run_id)

    def runs(self) -> list[RunController]:
        return list(self._runs.values())

    @property
    def any_running(self) -> bool:
        return any(r.running for r in self._runs.values())

    def remove(self, run_id: int) -> None:
        """Forget a run that has ended (a running one is kept: stop it first)."""
        run = self._runs.get(run_id)
        if run is not None and not run.running:
            del self._runs[run_id]
            run.deleteLater()

    def shutdown(self, timeout_ms: int = 1000) -> bool:
        """Stop every run and wait for their threads; True if all ended within the timeout (each)."""
        for run in self._runs.values():
            run.stop()
        return all([run.shutdown(timeout_ms) for run in list(self._runs.values())])
