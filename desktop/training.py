"""Training in the background: the core Trainer runs in a worker object moved to its own QThread, and the
worker hands the window its news in batches, at most 10 a second (desktop/run_controller.py owns the
thread; several can run at once).

The trainer reports every single iteration (thousands a second). Sending each one to the window
would flood its event queue and freeze it, so the worker collects them (losses, epoch results,
the newest copy of the weights) and sends one `ProgressBatch` when 100 ms have passed since the
last. The window redraws at a steady rate whatever the training speed, and every batch it handles
is a moment its Python code holds the GIL that the training loop needs: ten a second is plenty for
a plot that redraws five times a second, and costs the training almost nothing.

This is the pattern of Qt's threading guide: a QObject worker, `moveToThread`, `thread.started`
runs the job, and the thread's event loop is quit when the job is done.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from mnist_studio.core.errors import UserError
from mnist_studio.core.trainer import EpochDone, Finished, Snapshot, Step, StepDetail, TrainConfig, Trainer

#: Seconds between two batches sent to the window: 10 updates a second at most.
BATCH_INTERVAL = 0.1


@dataclass
class ProgressBatch:
    """What happened since the last batch: new mini-batch losses, finished epochs, the newest weights."""

    run_id: int
    first_iteration: int  # the iteration number of losses[0] (1-based)
    losses: np.ndarray  # float32, one per iteration, in order
    iteration: int  # iterations done so far
    total: int
    lr: float
    epochs: list = field(default_factory=list)  # EpochDone events
    snapshot: Snapshot | None = None  # the newest copy of the weights, if one came
    lr_changes: list = field(default_factory=list)  # (iteration, lr) where the learning rate changed
    steps: list = field(default_factory=list)  # StepDetail events: single steps taken while paused


class TrainWorker(QObject):
    """Runs one Trainer job in the thread it is moved to, and sends batched progress to the window."""

    batch = Signal(object)  # ProgressBatch
    finished = Signal(object)  # TrainResult (completed, stopped, target reached or diverged)
    failed = Signal(str)  # one-line message: the run could not go on
    done = Signal()  # always the last signal of a run

    def __init__(self, config: TrainConfig, data, interval: float = BATCH_INTERVAL, run_id: int = 0):
        super().__init__()
        # Built here (in the window's thread) so that bad settings fail at once with a UserError,
        # and so that pause/stop/set_lr work even before the thread has started.
        self.trainer = Trainer(config, data, self._on_event, run_id=run_id)
        self.run_id = run_id
        self.interval = float(interval)
        # A cosine schedule changes the rate every iteration: only a constant one is worth listing.
        self._track_lr = config.lr_decay == "none"
        self._lr_seen: float | None = None
        self._lr_changes: list[tuple[int, float]] = []
        self._lock = threading.Lock()
        self._losses: list[float] = []
        self._first = 1
        self._epochs: list[EpochDone] = []
        self._snapshot: Snapshot | None = None
        self._steps: list[StepDetail] = []
        self._last: Step | None = None
        self._next_send = 0.0
        self.batches_sent = 0

    # ---- runs in the worker thread ----
    @Slot()
    def run(self) -> None:
        try:
            self.trainer.run()  # the trainer itself keeps NumPy to one BLAS thread (TrainConfig.blas_threads)
        except UserError as e:
            self.flush()
            self.failed.emit(str(e))
        except MemoryError:
            self.flush()
            self.failed.emit(
                self.tr("Not enough memory for this network: try fewer hidden units or a smaller batch size.")
            )
        # a bug, not a user mistake: keep the details on stderr, a clear line in the window
        except Exception as e:
            traceback.print_exc(file=sys.stderr)
            self.flush()
            self.failed.emit(self.tr(
                "Training stopped by an unexpected error ({error}); details were printed to the console."
            ).format(error=f"{type(e).__name__}: {e}"))
        finally:
            self.done.emit()

    def _on_event(self, event) -> None:
        # Called from the training loop for every event; must stay cheap (it runs every iteration).
        if type(event) is Step:
            with self._lock:
                if not self._losses:
                    self._first = event.iteration
                self._losses.append(event.loss)
                self._last = event
                if event.lr != self._lr_seen and self._track_lr:
                    self._lr_seen = event.lr
                    self._lr_changes.append((event.iteration, event.lr))
            now = time.perf_counter()
            if now >= self._next_send or self.trainer.paused:
                self.flush(now)  # paused: send what we have, the window must show all of it
        elif type(event) is EpochDone:
            with self._lock:
                self._epochs.append(event)
        elif type(event) is Snapshot:
            with self._lock:
                self._snapshot = event
            if self.trainer.paused:
                self.flush()  # the weights a pause or a single step left: on screen now, not at the next step
        elif type(event) is StepDetail:
            with self._lock:
                self._steps.append(event)
            self.flush()
        elif type(event) is Finished:
            self.flush()
            self.finished.emit(event.result)

    # ---- either thread ----
    def flush(self, now: float | None = None) -> None:
        """Send everything collected so far as one batch (nothing if there is nothing new)."""
        with self._lock:
            last = self._last
            if last is None or (
                not self._losses and not self._epochs and self._snapshot is None and not self._steps
            ):
                return
            batch = ProgressBatch(
                run_id=self.run_id,
                first_iteration=self._first,
                losses=np.asarray(self._losses, dtype=np.float32),
                iteration=last.iteration,
                total=last.total,
                lr=last.lr,
                epochs=self._epochs,
                snapshot=self._snapshot,
                lr_changes=self._lr_changes,
                steps=self._steps,
            )
            self._steps = []
            self._lr_changes = []
            self._losses = []
            self._epochs = []
            self._snapshot = None
            self._next_send = (now or time.perf_counter()) + self.interval
            self.batches_sent += 1
            # Emitted under the lock, through a queued connection (see RunController.start): batches
            # reach the window in the order they were made, even when the window's own thread
            # flushes one (at a pause) while the training thread sends another.
            self.batch.emit(batch)
