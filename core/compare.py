"""Several runs trained side by side on one batch source: a Comparison starts them, pauses and stops them
together, and reports each run's figures (iterations, speed, loss, accuracies, status) at the end.

Runs that go at about the same speed train in lock-step in one thread (Trainer.many): at iteration i
each run takes batch i, so K runs cost what they would one after another and nothing more. A race
of a slow run beside a fast one (the numerical gradient beside backpropagation) puts each run in a
thread of its own, reading the same BatchSource at its own pace: the fast run is not held back to the
slow one's speed, and batch i is still the same images for both.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

import numpy as np

from .batches import BatchSource
from .events import Finished
from .experiments import RunSpec, check_run_count, differences, experiment, experiment_configs
from .run import RunStatus
from .trainer import TrainConfig, Trainer


@dataclass
class RunReport:
    """One run's outcome, as `mnist-studio compare --json` prints it."""

    name: str
    differs: dict  # the settings this run does not share with all the others
    config: TrainConfig
    result: object  # events.TrainResult

    def as_dict(self) -> dict:
        r = self.result
        losses = np.asarray(r.losses)
        return {
            "name": self.name,
            "differs": self.differs,
            "settings": self.config.to_dict(),
            "iterations": r.iterations,
            "seconds": round(r.seconds, 4),
            "iters_per_second": round(r.iters_per_second, 3),
            "final_loss": float(losses[-1]) if losses.size else None,
            "test_accuracy": r.test_accuracy,
            "train_accuracy": r.train_accuracy,
            "status": str(r.status),
            "message": r.message,
            "loss_every_100": [float(v) for v in losses[99::100]],
        }


class Comparison:
    """Runs (RunSpec, TrainConfig) side by side on one batch source and reports every event to callback.

    run() blocks until all are done (or stopped); pause, resume and stop are thread-safe. Events carry
    run ids first_id, first_id + 1, ... in the order of `runs`.
    """

    def __init__(
        self,
        runs,
        data,
        callback=None,
        *,
        free_running: bool = False,
        race: bool = False,
        seconds: float | None = None,
        first_id: int = 0,
    ):
        runs = list(runs)
        check_run_count(len(runs))
        self.specs = [spec for spec, _ in runs]
        self.configs = [cfg.validate() for _, cfg in runs]
        self.run_ids = [first_id + i for i in range(len(runs))]
        self.data = data
        self.race = race
        self.seconds = seconds
        self.time_up = False
        self._user_callback = callback or (lambda event: None)
        self._lock = threading.Lock()  # free-running runs report from several threads
        if free_running:
            # The source the lock-step trainer would make: seeded by the first run, as Trainer.run does.
            first = self.configs[0]
            batch_rng = np.random.default_rng(first.seed).spawn(4)[1]
            labels = data.t_train if not first.train_size else None
            if labels is None:
                raise ValueError("free-running runs train on the whole training set")
            self.source = BatchSource(labels, first.batch_size, batch_rng, first.sampling)
            self.trainers = [
                Trainer(cfg, data, self._callback, run_id=rid, batches=self.source)
                for cfg, rid in zip(self.configs, self.run_ids)
            ]
        else:
            self.source = None
            self.trainers = [Trainer.many(self.configs, data, self._callback, run_ids=self.run_ids)]
        self.reports: list[RunReport] = []

    @classmethod
    def of_experiment(
        cls, key: str, data, callback=None, iters=None, seed=0, base=None, **kw
    ) -> "Comparison":
        """The built-in experiment `key` (experiments.py) on this data."""
        exp = experiment(key)
        kw.setdefault("free_running", exp.free_running)
        kw.setdefault("race", exp.race)
        return cls(experiment_configs(key, iters, seed, base), data, callback, **kw)

    def _callback(self, event) -> None:
        if self.race and type(event) is Finished:
            self.stop()  # the first run to finish ends the race (the others' Finished come after)
        if self.source is not None:
            with self._lock:
                self._user_callback(event)
        else:
            self._user_callback(event)

    # ---- controls (any thread) ----
    def pause(self) -> None:
        for t in self.trainers:
            t.pause()

    def resume(self) -> None:
        for t in self.trainers:
            t.resume()

    def stop(self) -> None:
        for t in self.trainers:
            t.stop()

    @property
    def paused(self) -> bool:
        return any(t.paused for t in self.trainers)

    # ---- running ----
    def run(self) -> list[RunReport]:
        """Train every run to its end; returns one RunReport per run, in order."""
        timer = None
        if self.seconds:

            def time_up():
                self.time_up = True
                self.stop()

            timer = threading.Timer(self.seconds, time_up)
            timer.daemon = True
            timer.start()
        try:
            if len(self.trainers) == 1:
                self.trainers[0].run()
            else:
                errors = []

                def go(trainer):
                    if trainer.config.method == "numerical":
                        lower_this_threads_priority()
                    try:
                        trainer.run()
                    except BaseException as e:  # reported in the caller's thread below
                        errors.append(e)
                        self.stop()

                threads = [threading.Thread(target=go, args=(t,), daemon=True) for t in self.trainers]
                for th in threads:
                    th.start()
                for th in threads:
                    th.join()
                if errors:
                    raise errors[0]
        finally:
            if timer is not None:
                timer.cancel()
        results = [r for t in self.trainers for r in t.results]
        for result in results:
            # A run stopped by --seconds ran for the time it was given: that is its end, not a Stop.
            if result.status == RunStatus.STOPPED and self.time_up:
                result.status = RunStatus.COMPLETED
                result.message = f"ran for {self.seconds:g} seconds: {result.iterations} iterations"
        self.reports = [
            RunReport(spec.name, differences(cfg, self.configs), cfg, result)
            for spec, cfg, result in zip(self.specs, self.configs, results)
        ]
        return self.reports


def lower_this_threads_priority(niceness: int = 19) -> None:
    """Let the calling thread give way to the others for the CPU (Linux: a nice value per thread).

    The numerical run is slow by design; on a machine with two cores it would otherwise take a core's
    share from the backprop run beside it (and the window). Elsewhere this does nothing.
    """
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + niceness)
    except (AttributeError, OSError):
        pass


def custom_runs(
    configs: list[TrainConfig], names: list[str] | None = None
) -> list[tuple[RunSpec, TrainConfig]]:
    """Runs of the learner's own settings (one changed per run), named "run 1", "run 2", ... by default."""
    check_run_count(len(configs))
    names = names or [f"run {i + 1}" for i in range(len(configs))]
    return [(RunSpec(name), cfg) for name, cfg in zip(names, configs)]


def shared_iteration_gap(a, b) -> float:
    """The largest difference between two runs' losses over the iterations both have done (0 if none)."""
    n = min(len(a), len(b))
    if n == 0:
        return 0.0
    return float(np.max(np.abs(np.asarray(a[:n], np.float64) - np.asarray(b[:n], np.float64))))


#: Columns of the Compare page's CSV export: one row per run and iteration.
CSV_HEADER = ("run", "iteration", "seconds", "loss", "smoothed_loss", "test_accuracy", "train_accuracy")


def csv_rows(runs):
    """The CSV of several runs: CSV_HEADER, then a row per (run, iteration); runs gives (name, History,
    seconds of each iteration) per run. Accuracies are filled on the rows where they were measured.
    """
    yield list(CSV_HEADER)
    for name, history, seconds in runs:
        at = {e.iteration: e for e in history.epochs}
        rows = zip(range(1, history.count + 1), seconds, history.losses.tolist(), history.smoothed.tolist())
        for i, sec, loss, smooth in rows:
            e = at.get(i)
            yield [
                name,
                i,
                f"{sec:.4f}",
                f"{loss:.6g}",
                f"{smooth:.6g}",
                f"{e.test:.4f}" if e else "",
                f"{e.train:.4f}" if e else "",
            ]
