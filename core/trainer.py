"""The lesson's training loop (draw a mini-batch, get the gradient, update, repeat), made watchable: it
reports events and can be paused, stepped or stopped from another thread.

A Trainer drives one Run (run.py), or several in lock-step: at iteration i every run trains on
batch i of one shared BatchSource (batches.py), so runs compared side by side see the very same
images. It knows nothing of windows: whoever runs it passes a callback that receives events (the
loss of every step, the accuracy after every epoch, a copy of the weights a few times a second,
the end), each naming its run by run_id.
"""

from __future__ import annotations

import math
import threading
import time
from contextlib import nullcontext

import numpy as np
from threadpoolctl import threadpool_limits

from .batches import BatchSource

# The settings live in config.py; they are imported from here too, as they always were.
from .config import MAX_ITERS, METHODS, PRESETS, TrainConfig, preset_config, run_metadata  # noqa: F401
from .errors import UserError
from .events import EpochDone, Finished, Snapshot, Step, StepDetail, TrainResult
from .network import TwoLayerNet
from .run import Run, RunStatus
from .training_set import images_key


class Trainer:
    """Trains one run (or several in lock-step, see many) on MNIST arrays (uint8 images, labels) and reports
    what happens to a callback.

    pause, resume, step_once, stop and set_lr are thread-safe and take effect before the next
    iteration; run() is meant for a worker thread (or the caller's, for the command line).
    """

    def __init__(
        self,
        config: TrainConfig,
        data,
        callback=None,
        net: TwoLayerNet | None = None,
        *,
        run_id: int = 0,
        batches: BatchSource | None = None,
    ):
        self.run_id = run_id  # every event of the first run carries it
        self.config = config.validate()
        # A source shared with trainers in other threads (free-running runs on the same batches);
        # by default each trainer draws its own from its seed.
        wanted = (config.batch_size, config.sampling)
        if batches is not None and (batches.batch_size, batches.sampling) != wanted:
            raise UserError(
                f"this run takes batches of {config.batch_size} ({config.sampling}), but the shared source "
                f"gives {batches.batch_size} ({batches.sampling})"
            )
        self.batches = batches
        # The cursor is taken now, not when run() starts in its thread: a trainer started first
        # could otherwise finish a block (and the source let it go) before this one is counted.
        self._shared_reader = batches.reader() if batches is not None else None
        self.data = data
        self.callback = callback or (lambda event: None)
        self.net = net
        self._plan = [(self.config, net, run_id)]
        self.runs: list[Run] = []
        self.results: list[TrainResult] = []  # one per run, in order, once run() returns
        self._cond = threading.Condition()  # guards the three fields below; the loop waits on it when paused
        self._paused = False
        self._stopping = False
        self._steps_allowed = 0  # single iterations asked for while paused
        self._new_lr: dict[int | None, float] = {}  # set_lr before the runs exist: run id (None: all) -> rate

    @classmethod
    def many(cls, configs, data, callback=None, run_ids=None) -> "Trainer":
        """A trainer for several runs in lock-step: at iteration i each run trains on the same batch i.

        The batches come from one BatchSource seeded by the first config's seed; each run's own
        seed still decides its first weights (same architecture and seed: same weights) and the
        sample its train accuracy is measured on. The runs must share batch size and sampling.
        """
        configs = [c.validate() for c in configs]
        if not configs:
            raise UserError("no runs to train: give at least one configuration")
        first = configs[0]
        for c in configs[1:]:
            if (c.batch_size, c.sampling) != (first.batch_size, first.sampling):
                raise UserError(
                    "runs trained together share their batches, so they need the same batch size and "
                    "sampling "
                    f"(got {first.batch_size}/{first.sampling} and {c.batch_size}/{c.sampling})"
                )
            if images_key(c) != images_key(first):
                raise UserError(
                    "runs trained together share their batches, so they need the same training images "
                    f"(got {first.train_size} {first.train_subset} and {c.train_size} {c.train_subset})"
                )
        run_ids = list(run_ids) if run_ids is not None else list(range(len(configs)))
        if len(run_ids) != len(configs) or len(set(run_ids)) != len(run_ids):
            raise UserError(f"each run needs its own id: got {run_ids} for {len(configs)} runs")
        trainer = cls(first, data, callback, run_id=run_ids[0])
        trainer._plan = [(c, None, r) for c, r in zip(configs, run_ids)]
        return trainer

    # ---- thread-safe controls (take effect before the next iteration) ----
    def pause(self):
        # Once a stop is asked for, a pause must not hold the loop back from ending: a Pause
        # pressed just after Stop would otherwise leave the run waiting, paused, for ever.
        with self._cond:
            if not self._stopping:
                self._paused = True

    def resume(self):
        with self._cond:
            self._paused = False
            self._cond.notify_all()

    def step_once(self):
        """While paused, let exactly one more iteration run (a Step button); does nothing while running.

        That iteration is laid open: besides its Step it reports a StepDetail (its batch, loss before
        and after, gradient and update) and a Snapshot of the weights it left.
        """
        with self._cond:
            if self._paused:
                self._steps_allowed += 1
                self._cond.notify_all()

    def stop(self):
        with self._cond:
            self._stopping = True
            self._paused = False
            self._cond.notify_all()

    @property
    def paused(self) -> bool:
        return self._paused

    def set_lr(self, lr: float, run_id: int | None = None):
        """Change the learning rate from now on (applies at the next iteration), of one run or of all."""
        if not (math.isfinite(lr) and lr > 0):
            raise UserError(f"learning rate must be a number above 0, not {lr}")
        with self._cond:  # not lost if the runs are being made right now
            for run in self.runs:
                if run_id is None or run.run_id == run_id:
                    run.lr = float(lr)
            if not self.runs:
                self._new_lr[run_id] = float(lr)

    def _wait_turn(self) -> tuple[bool, bool]:
        """Wait while paused (unless a single step was asked for); (go on, this is a single step): go on is
        False once a stop is asked for."""
        with self._cond:
            while self._paused and not self._steps_allowed and not self._stopping:
                self._cond.wait()
            stepped = bool(self._steps_allowed) and not self._stopping
            if self._steps_allowed:
                self._steps_allowed -= 1
            return not self._stopping, stepped

    # ---- the loop ----
    def run(self) -> TrainResult:
        """Train until every run is done; returns the first run's result (all are in self.results)."""
        data = self.data
        runs = [Run(cfg, data, net, run_id) for cfg, net, run_id in self._plan]
        with self._cond:
            for run in runs:
                run.lr = self._new_lr.get(run.run_id, self._new_lr.get(None, run.lr))
            self.runs = runs
        self.net = runs[0].net
        first = runs[0]
        if self._shared_reader is not None:
            readers = [self._shared_reader]
        else:
            cfg = first.config
            source = BatchSource(first.t_train, cfg.batch_size, first.batch_rng, cfg.sampling)
            readers = [source.reader() for _ in runs]
        emit = self.callback
        alone = len(runs) == 1  # one run: its clock is the loop's; several: each run's own share
        last_snap = [-1.0] * len(runs)
        total = max(r.total for r in runs)

        def evaluate(run: Run, i: int):
            test_acc, train_acc = run.accuracies()
            ev = EpochDone(i / run.per_epoch, i, test_acc, train_acc, run.run_id)
            run.epochs.append(ev)
            emit(ev)
            return ev

        snapped_at = [-1] * len(runs)  # the iteration of each run's last snapshot

        def snapshot(run: Run, i: int):
            snapped_at[runs.index(run)] = i
            emit(Snapshot(i, run.params_copy(), run.config.activation, run.run_id))

        t0 = time.perf_counter()  # the clock includes the preparations below
        for run in runs:
            r0 = time.perf_counter()
            run.prepare()
            if not alone:
                run.seconds += time.perf_counter() - r0
        blas = runs[0].config.blas_threads
        threads = threadpool_limits(blas, user_api="blas") if blas else nullcontext()
        with threads, np.errstate(over="ignore", under="ignore"):
            for i in range(total):
                stepped = False
                if self._paused or self._stopping:
                    paused_at = time.perf_counter()
                    for n, run in enumerate(runs):
                        if run.active:
                            run.status = RunStatus.PAUSED
                            if not self._stopping and snapped_at[n] != run.done:
                                # a paused run's pictures show exactly the weights it stopped at
                                snapshot(run, run.done)
                    going_on, stepped = self._wait_turn()
                    for run in runs:
                        if run.active:
                            run.status = RunStatus.RUNNING
                    t0 += time.perf_counter() - paused_at  # the clock stops while paused
                    if not going_on:
                        for run in runs:
                            if run.active:
                                run.finish(RunStatus.STOPPED, f"stopped after {run.done} iterations")
                        break
                for n, (run, reader) in enumerate(zip(runs, readers)):
                    if not run.active:
                        continue
                    if i >= run.total:
                        run.finish(RunStatus.COMPLETED)
                        reader.close()  # so the source need not keep batches for it
                        continue
                    r0 = time.perf_counter()
                    rows, labels = reader.next()
                    ahead = reader.peek()[0] if run.config.augment and i + 1 < run.total else None
                    loss = run.train_batch(rows, labels, i, inspect=stepped, next_rows=ahead)
                    if not run.active:  # diverged
                        reader.close()
                        continue
                    done = run.done
                    emit(Step(done, run.total, loss, run.optimizer.lr, run.run_id))
                    cfg = run.config
                    if stepped:
                        detail = StepDetail(done, rows.copy(), labels.copy(), run.last_step, run.optimizer.lr,
                                            cfg.optimizer, run.last_pixels, run.run_id)
                        emit(detail)
                    if cfg.eval_every_epoch and done % (cfg.eval_every or run.per_epoch) == 0:
                        ev = evaluate(run, done)
                        if cfg.target_accuracy is not None and ev.test_accuracy >= cfg.target_accuracy:
                            run.finish(
                                RunStatus.TARGET_REACHED,
                                f"reached {ev.test_accuracy:.2%} test accuracy after {done} iterations",
                            )
                    now = time.perf_counter()
                    if run.active and (stepped or now - last_snap[n] >= cfg.snapshot_seconds):
                        last_snap[n] = now
                        snapshot(run, done)
                    if not alone:
                        run.seconds += time.perf_counter() - r0
                if not any(run.active for run in runs):
                    break
            for run in runs:
                run.sync()
            if alone:
                runs[0].seconds += time.perf_counter() - t0
            for run, reader in zip(runs, readers):
                reader.close()
                run.release()
                if run.active:
                    run.finish(RunStatus.COMPLETED)
                if not run.weights_blew_up():
                    if run.done > 0 and (not run.epochs or run.epochs[-1].iteration != run.done):
                        evaluate(run, run.done)
                    snapshot(run, run.done)
        self.results = [self._result(run) for run in runs]
        for run, result in zip(runs, self.results):
            emit(Finished(result, run.run_id))
        return self.results[0]

    @staticmethod
    def _result(run: Run) -> TrainResult:
        diverged = run.status == RunStatus.DIVERGED
        last = run.epochs[-1] if run.epochs and not diverged else None
        done, seconds = run.done, run.seconds
        return TrainResult(
            status=run.status,
            message=run.message or f"trained {done} iterations",
            iterations=done,
            seconds=seconds,
            iters_per_second=done / seconds if seconds > 0 else 0.0,
            test_accuracy=last.test_accuracy if last else None,
            train_accuracy=last.train_accuracy if last else None,
            losses=run.losses[:done],
            epochs=run.epochs,
            params=run.inference_params() if not diverged else None,
            config=run.config,
            lr=run.lr,
            eval_seconds=run.eval_seconds,
        )
