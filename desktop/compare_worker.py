"""A comparison in the background: the core Comparison (several runs on one batch source) runs in a worker
object moved to its own QThread, and the worker hands the window each run's news in batches, at most ten
a second (the pattern of training.py, for many runs at once).

The runs report every iteration; the worker collects them per run (losses, finished epochs, the newest
weights) and sends one dict {run id: ProgressBatch} when 100 ms have passed, so the window's thread
does a little work ten times a second whatever the number of runs or their speed.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback

import numpy as np
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from mnist_studio.core.compare import Comparison
from mnist_studio.core.element_loop import lesson_loop_estimate
from mnist_studio.core.errors import UserError
from mnist_studio.core.events import EpochDone, Finished, Snapshot, Step

from .training import BATCH_INTERVAL, ProgressBatch


class _RunNews:
    """What one run has reported since the last batch."""

    def __init__(self):
        self.losses: list[float] = []
        self.first = 1
        self.epochs: list = []
        self.snapshot = None
        self.last: Step | None = None


class CompareWorker(QObject):
    """Runs one Comparison in the thread it is moved to and sends batched progress of every run."""

    batch = Signal(object)  # {run id: (ProgressBatch, seconds the run has trained)}
    runFinished = Signal(int, object)  # run id, TrainResult
    finished = Signal(object)  # [RunReport], when every run has ended
    failed = Signal(str)
    estimated = Signal(float)  # seconds per iteration of the lesson's element loop (if asked to measure)
    done = Signal()  # always the last signal

    def __init__(self, comparison: Comparison, interval: float = BATCH_INTERVAL, measure_element_loop=False):
        super().__init__()
        self.measure_element_loop = measure_element_loop
        self.comparison = comparison
        comparison._user_callback = self._on_event
        self.interval = float(interval)
        self._lock = threading.Lock()
        self._news = {rid: _RunNews() for rid in comparison.run_ids}
        self._next_send = 0.0
        self._t0: float | None = None  # when training started; pauses move it on
        self._paused_at: float | None = None

    # ---- controls (the window's thread) ----
    def pause(self) -> None:
        self.comparison.pause()
        if self._paused_at is None:
            self._paused_at = time.perf_counter()
        self.flush()

    def resume(self) -> None:
        if self._paused_at is not None and self._t0 is not None:
            self._t0 += time.perf_counter() - self._paused_at
        self._paused_at = None
        self.comparison.resume()

    def stop(self) -> None:
        self.comparison.stop()

    def _seconds(self, run_id: int) -> float:
        """How long this run has trained: its own share of a lock-step loop, or the wall time of a
        free-running one (pauses left out)."""
        for trainer in self.comparison.trainers:
            for run in trainer.runs:
                if run.run_id == run_id and len(trainer.runs) > 1:
                    return run.seconds
        if self._t0 is None:
            return 0.0
        return (self._paused_at or time.perf_counter()) - self._t0

    @Slot()
    def run(self) -> None:
        try:
            if self.measure_element_loop:  # at the start, before the runs take the CPU
                self.estimated.emit(
                    lesson_loop_estimate(self.comparison.data, self.comparison.configs[0].seed)
                )
            self._t0 = time.perf_counter()
            reports = self.comparison.run()
            self.flush()
            self.finished.emit(reports)
        except UserError as e:
            self.flush()
            self.failed.emit(str(e))
        except MemoryError:
            self.flush()
            self.failed.emit("not enough memory for these runs: try fewer runs or fewer hidden units")
        except Exception as e:  # a bug: details on stderr, one clear line in the window
            traceback.print_exc(file=sys.stderr)
            self.flush()
            self.failed.emit(f"the comparison stopped by an unexpected error ({type(e).__name__}: {e})")
        finally:
            self.done.emit()

    def _on_event(self, event) -> None:
        # Called from the training threads for every event: keep it cheap.
        kind = type(event)
        with self._lock:
            news = self._news.get(event.run_id)
            if news is None:
                return
            if kind is Step:
                if not news.losses:
                    news.first = event.iteration
                news.losses.append(event.loss)
                news.last = event
            elif kind is EpochDone:
                news.epochs.append(event)
            elif kind is Snapshot:
                news.snapshot = event
        if kind is Finished:
            self.flush()
            self.runFinished.emit(event.run_id, event.result)
        elif kind is Step:
            now = time.perf_counter()
            if now >= self._next_send or self.comparison.paused:
                self.flush(now)

    def flush(self, now: float | None = None) -> None:
        """Send what every run has reported so far (nothing if nothing is new)."""
        with self._lock:
            out = {}
            for rid, news in self._news.items():
                last = news.last
                if last is None or (not news.losses and not news.epochs and news.snapshot is None):
                    continue
                out[rid] = (
                    ProgressBatch(
                        run_id=rid,
                        first_iteration=news.first,
                        losses=np.asarray(news.losses, dtype=np.float32),
                        iteration=last.iteration,
                        total=last.total,
                        lr=last.lr,
                        epochs=news.epochs,
                        snapshot=news.snapshot,
                    ),
                    self._seconds(rid),
                )
                news.losses, news.epochs, news.snapshot = [], [], None
            self._next_send = (now or time.perf_counter()) + self.interval
            if out:
                self.batch.emit(out)  # under the lock: batches reach the window in order


def start_worker(
    worker: CompareWorker, on_batch, on_run_finished, on_finished, on_failed, on_ended
) -> QThread:
    """Move the worker to a new thread, connect its signals (queued to the caller's thread) and start it."""
    thread = QThread()
    thread.setObjectName("compareThread")
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.done.connect(thread.quit, Qt.DirectConnection)
    worker.batch.connect(on_batch, Qt.QueuedConnection)
    worker.runFinished.connect(on_run_finished, Qt.QueuedConnection)
    worker.finished.connect(on_finished, Qt.QueuedConnection)
    worker.failed.connect(on_failed, Qt.QueuedConnection)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(on_ended)
    thread.start()
    return thread
