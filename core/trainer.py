"""The lesson's training loop (draw a random mini-batch, get the gradient, update, repeat), made watchable: it reports events and can be paused or stopped from another thread.

It knows nothing of windows: whoever runs it passes a callback that receives events (the loss of
every step, the accuracy after every epoch, a copy of the weights a few times a second, the end).
"""

from __future__ import annotations

import math
import threading
import time
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field, replace

import numpy as np
from threadpoolctl import threadpool_limits

from .augment import augment_batch
from .blank_pixels import without_blank_pixels
from .errors import UserError
from .fastpath import BackpropStep, InPlaceSGD, fast_optimizer, numerical_gradient_fast, predict_labels
from .network import INITS, TwoLayerNet
from .optimizers import OPTIMIZERS

METHODS = ("backprop", "numerical")
SAMPLINGS = ("replacement", "shuffle")

#: The longest run allowed (its loss history alone is 4 bytes per iteration).
MAX_ITERS = 50_000_000

#: A run has diverged when its mean loss over this many iterations is above this value.
DIVERGENCE_WINDOW, DIVERGENCE_LOSS = 20, 8.0

#: Batches drawn with replacement come from one random draw per this many iterations.
BATCH_BLOCK = 64


@dataclass
class TrainConfig:
    """Everything that decides a training run; the defaults are the lesson's."""

    hidden_size: int = 50
    activation: str = "sigmoid"
    init: str = "std"
    weight_init_std: float = 0.01
    optimizer: str = "sgd"
    lr: float = 0.1
    batch_size: int = 100
    iters: int = 10000
    epochs: float | None = None  # if set, overrides iters: epochs * (60000 / batch_size)
    method: str = "backprop"
    augment: bool = False
    seed: int = 0
    lr_decay: str = "none"  # "none" or "cosine" (lr falls smoothly to 0 by the last iteration)
    # "replacement": every batch drawn at random from all images, as the lesson does; "shuffle":
    # each epoch visits every image once, in a new random order (learns a little more per epoch).
    sampling: str = "replacement"
    target_accuracy: float | None = None  # stop once the per-epoch test accuracy reaches this
    eval_every_epoch: bool = True
    train_sample: int = 5000  # how many training images the train accuracy is measured on
    snapshot_seconds: float = 0.25  # a copy of the weights at most this often
    # BLAS threads for the matrix products while training (0: the library's own choice). One is
    # fastest here: the products are small, and with two, OpenBLAS waits on a second core that the
    # window (or anything else) may be using; measured 10x slower on a busy 2-core machine.
    blas_threads: int = 1

    def validate(self) -> "TrainConfig":
        """Refuse nonsense with a clear message (each check names the value and the allowed range)."""
        def need(ok, msg):
            if not ok:
                raise UserError(msg)

        need(1 <= self.hidden_size <= 4096, f"hidden units must be 1-4096, not {self.hidden_size}")
        need(self.activation in ("sigmoid", "relu"), f"activation must be sigmoid or relu, not {self.activation!r}")
        need(self.init in INITS, f"weight init must be one of {', '.join(INITS)}, not {self.init!r}")
        need(self.optimizer in OPTIMIZERS, f"optimizer must be one of {', '.join(OPTIMIZERS)}, not {self.optimizer!r}")
        need(math.isfinite(self.lr) and 0 < self.lr <= 1e4, f"learning rate must be a number above 0, not {self.lr}")
        need(1 <= self.batch_size <= 60000, f"batch size must be 1-60000, not {self.batch_size}")
        need(self.method in METHODS, f"gradient method must be backprop or numerical, not {self.method!r}")
        need(self.iters >= 1 or self.epochs, f"iterations must be at least 1, not {self.iters}")
        need(self.epochs is None or self.epochs > 0, f"epochs must be above 0, not {self.epochs}")
        # One float32 loss per iteration is kept (4 MB per million): cap runs where that stays small.
        need(
            self.total_iters() <= MAX_ITERS,
            f"a run may have at most {MAX_ITERS:,} iterations, not {self.total_iters():,}; use fewer iterations or epochs",
        )
        need(self.sampling in SAMPLINGS, f"sampling must be replacement or shuffle, not {self.sampling!r}")
        need(self.blas_threads >= 0, f"BLAS threads must be 0 (automatic) or more, not {self.blas_threads}")
        need(self.lr_decay in ("none", "cosine"), f"lr decay must be none or cosine, not {self.lr_decay!r}")
        need(
            self.target_accuracy is None or 0 < self.target_accuracy <= 1,
            f"target accuracy must be a fraction in (0, 1], e.g. 0.98, not {self.target_accuracy}",
        )
        return self

    def iters_per_epoch(self, train_size: int = 60000) -> int:
        """Iterations that see as many images as the training set holds (60,000 / batch size)."""
        return max(train_size // self.batch_size, 1)

    def total_iters(self, train_size: int = 60000) -> int:
        if self.epochs:
            return max(int(round(self.epochs * self.iters_per_epoch(train_size))), 1)
        return int(self.iters)

    def to_dict(self) -> dict:
        return asdict(self)


#: Named recipes. "seed" is the lesson's job; "fast" is tuned to reach 98% test accuracy soonest.
PRESETS: dict[str, dict] = {
    "seed": {},
    # Tuned on a 2-core machine (see core/bench.py): 98% test accuracy after 4-5 epochs for seeds
    # 0-5. 256 hidden units learn nearly as much per epoch as 512 at half the cost (192 needs 6
    # epochs); shuffled epochs reach 98% about an epoch sooner than batches drawn with replacement;
    # Adam at 3e-3 a little sooner than 2e-3; the cosine decay runs over 8 epochs because a
    # 6-epoch one ended one seed at 97.98%. The run stops when it reaches --target-accuracy.
    "fast": dict(
        hidden_size=256, activation="relu", init="he", optimizer="adam", lr=3e-3,
        batch_size=128, epochs=8, lr_decay="cosine", sampling="shuffle",
    ),
    # The model that ships with the app (resources/default_model.npz; README "The default model"):
    # Simard et al.'s 784-800-10 network with elastic, affine and stroke-thickness augmentation
    # (augment.py), trained with Adam and a cosine decay; still the lesson's two-layer network.
    "default": dict(
        hidden_size=800, activation="relu", init="he", optimizer="adam", lr=1e-3,
        batch_size=128, epochs=100, lr_decay="cosine", sampling="shuffle", augment=True,
    ),
}


def preset_config(name: str, **overrides) -> TrainConfig:
    """The TrainConfig of a named preset, with some fields overridden."""
    if name not in PRESETS:
        raise UserError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
    return replace(TrainConfig(**PRESETS[name]), **overrides)


# ---- events --------------------------------------------------------------------------------
@dataclass
class Step:
    """One iteration is done: its mini-batch loss."""

    iteration: int  # 1-based count of iterations done
    total: int
    loss: float
    lr: float
    run_id: int = 0  # which run it belongs to, when several train side by side


@dataclass
class EpochDone:
    """Accuracy measured at the end of an epoch (and at the very end of the run)."""

    epoch: float
    iteration: int
    test_accuracy: float
    train_accuracy: float
    run_id: int = 0


@dataclass
class Snapshot:
    """A copy of the weights, for predictions in another thread while training goes on."""

    iteration: int
    params: dict
    activation: str
    run_id: int = 0


@dataclass
class Finished:
    """The run ended: status is completed, stopped, target reached or diverged."""

    result: "TrainResult"
    run_id: int = 0


@dataclass
class TrainResult:
    status: str
    message: str
    iterations: int
    seconds: float  # the training loop and its set-up, pauses excluded, evaluations included
    iters_per_second: float
    test_accuracy: float | None
    train_accuracy: float | None
    losses: np.ndarray
    epochs: list = field(default_factory=list)
    params: dict | None = None
    config: TrainConfig | None = None
    eval_seconds: float = 0.0  # the part of `seconds` spent measuring accuracy after each epoch

    @property
    def ok(self) -> bool:
        return self.status != "diverged"


def run_metadata(config: TrainConfig, result: "TrainResult | None" = None, **extra) -> dict:
    """What a model file records about the run that made it: architecture, activation, settings, accuracies."""
    meta = {
        "architecture": {"input_size": 784, "hidden_size": config.hidden_size, "output_size": 10},
        "activation": config.activation,
        "training": config.to_dict(),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    if result is not None:
        meta["training"]["iterations_done"] = result.iterations
        meta["test_accuracy"] = result.test_accuracy
        meta["train_accuracy"] = result.train_accuracy
    meta["training"].update(extra)
    return meta


class Trainer:
    """Runs one training job on MNIST arrays (uint8 images, labels) and reports what happens to a callback."""

    def __init__(self, config: TrainConfig, data, callback=None, net: TwoLayerNet | None = None, *, run_id: int = 0):
        self.run_id = run_id  # every event this trainer sends carries it
        self.config = config.validate()
        self.data = data
        self.callback = callback or (lambda event: None)
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()
        self._control = threading.Lock()  # pause and stop never interleave (see pause)
        self._lr = config.lr
        self.net = net

    # ---- thread-safe controls (take effect before the next iteration) ----
    def pause(self):
        # Once a stop is asked for, a pause must not hold the loop back from ending: a Pause
        # pressed just after Stop would otherwise leave the run waiting, paused, for ever.
        with self._control:
            if not self._stop.is_set():
                self._running.clear()

    def resume(self):
        self._running.set()

    def stop(self):
        with self._control:
            self._stop.set()
            self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def set_lr(self, lr: float):
        """Change the learning rate from now on (applies at the next iteration)."""
        if not (math.isfinite(lr) and lr > 0):
            raise UserError(f"learning rate must be a number above 0, not {lr}")
        self._lr = float(lr)

    # ---- the loop ----
    def run(self) -> TrainResult:
        cfg = self.config
        data = self.data
        rng = np.random.default_rng(cfg.seed)
        init_rng, batch_rng, sample_rng, aug_rng = rng.spawn(4)
        x_train, t_train = data.x_train, data.t_train.astype(np.intp)
        x_test, t_test = data.x_test, data.t_test.astype(np.intp)
        train_size = x_train.shape[0]
        total = cfg.total_iters(train_size)
        per_epoch = cfg.iters_per_epoch(train_size)

        if self.net is None:
            self.net = TwoLayerNet(
                x_train.shape[1], cfg.hidden_size, 10, cfg.weight_init_std,
                activation=cfg.activation, init=cfg.init, seed=init_rng, dtype=np.float32,
            )
        params = self.net.params
        seconds, t0 = 0.0, time.perf_counter()  # the clock includes the preparations below
        optimizer = fast_optimizer(cfg.optimizer, cfg.lr)  # same numbers as optimizers.py, no temporaries
        # Plain SGD with backprop: the backward pass hands over -lr * gradient, added to the weights.
        fused_sgd = isinstance(optimizer, InPlaceSGD) and cfg.method == "backprop"
        # Backprop on the stored images trains only the pixels with ink in some training image
        # (blank_pixels.py): the same network for 8.5% fewer multiplications. Augmented images may
        # move ink anywhere, and the numerical gradient nudges every weight, so they use all 784.
        pixels, x_batches = None, x_train
        if cfg.method == "backprop" and not cfg.augment:
            pixels, x_batches = without_blank_pixels(x_train)
        step = BackpropStep(params, cfg.batch_size, cfg.activation, pixels=pixels)
        trained = step.train_params  # params, or with W1 narrowed to the inked pixels' rows
        sample = sample_rng.choice(train_size, min(cfg.train_sample, train_size), replace=False)
        x_sample, t_sample = x_train[sample], t_train[sample]
        losses = np.empty(total, dtype=np.float32)
        epochs: list[EpochDone] = []
        emit = self.callback

        eval_clock = [0.0]  # seconds spent measuring accuracy (inside `seconds`)

        def evaluate(i):
            step.sync()
            e0 = time.perf_counter()
            test_acc = float(np.mean(predict_labels(params, x_test, cfg.activation) == t_test))
            train_acc = float(np.mean(predict_labels(params, x_sample, cfg.activation) == t_sample))
            ev = EpochDone(i / per_epoch, i, test_acc, train_acc, self.run_id)
            eval_clock[0] += time.perf_counter() - e0
            epochs.append(ev)
            emit(ev)
            return ev

        def snapshot(i):
            step.sync()
            emit(Snapshot(i, {k: v.copy() for k, v in params.items()}, cfg.activation, self.run_id))

        status, message, done = "completed", "", 0
        last_snap = -1.0
        threads = threadpool_limits(cfg.blas_threads, user_api="blas") if cfg.blas_threads else nullcontext()
        with threads, np.errstate(over="ignore", under="ignore"):
            for i in range(total):
                if not self._running.is_set():  # paused: stop the clock while we wait
                    seconds += time.perf_counter() - t0
                    self._running.wait()
                    t0 = time.perf_counter()
                if self._stop.is_set():
                    status, message = "stopped", f"stopped after {done} iterations"
                    break

                lr = self._lr
                if cfg.lr_decay == "cosine":
                    lr = 0.5 * self._lr * (1.0 + math.cos(math.pi * i / total))
                optimizer.lr = lr

                if cfg.sampling == "shuffle":
                    j = i % per_epoch
                    if j == 0:
                        order = batch_rng.permutation(train_size)
                        t_order = t_train[order]
                    index = order[j * cfg.batch_size : (j + 1) * cfg.batch_size]
                    tb = t_order[j * cfg.batch_size : (j + 1) * cfg.batch_size]
                else:
                    # with replacement, as the lesson; drawn BATCH_BLOCK batches at a time (one call, not 64)
                    j = i % BATCH_BLOCK
                    if j == 0:
                        block = batch_rng.integers(0, train_size, (BATCH_BLOCK, cfg.batch_size))
                        t_block = t_train[block]
                    index, tb = block[j], t_block[j]
                scale = optimizer.gradient_scale() if fused_sgd else 1.0
                if cfg.method == "numerical":
                    xb = augment_batch(x_train[index], aug_rng, out=step.x) if cfg.augment else step.load_batch_uint8(x_train, index)
                    grads, loss = numerical_gradient_fast(params, xb, tb, cfg.activation, return_loss=True)
                    grads = {k: g.astype(params[k].dtype) for k, g in grads.items()}
                elif cfg.augment:
                    loss, grads = step(augment_batch(x_train[index], aug_rng, out=step.x), tb, scale=scale)
                else:
                    loss, grads = step.train_on(x_batches, index, tb, scale=scale)  # gathers the uint8 rows itself

                losses[i] = loss
                # Diverged: the loss is NaN/inf, or has stayed far above random guessing (ln 10 = 2.3)
                # for a while. The 1e-7 inside the log caps the loss near 16, so a blown-up network
                # often shows a loss stuck at 13-16 rather than infinity.
                stuck = (
                    loss > DIVERGENCE_LOSS and i + 1 >= DIVERGENCE_WINDOW
                    and losses[i + 1 - DIVERGENCE_WINDOW : i + 1].mean() > DIVERGENCE_LOSS
                )
                if not math.isfinite(loss) or stuck:
                    status = "diverged"
                    recent = losses[max(0, i + 1 - DIVERGENCE_WINDOW) : i + 1]
                    what = f"became {loss}" if not math.isfinite(loss) else f"stayed near {recent.mean():.1f} (random guessing gives 2.3)"
                    message = (
                        f"training diverged at iteration {i + 1}: the loss {what} with learning rate {lr:g}; "
                        f"try a smaller learning rate, such as {lr / 10:g}"
                    )
                    break
                if fused_sgd:
                    optimizer.add_changes(trained, grads)  # grads are -lr * gradient already
                else:
                    optimizer.update(trained, grads)
                done = i + 1
                emit(Step(done, total, loss, lr, self.run_id))

                if cfg.eval_every_epoch and done % per_epoch == 0:
                    ev = evaluate(done)
                    if cfg.target_accuracy is not None and ev.test_accuracy >= cfg.target_accuracy:
                        status = "target reached"
                        message = f"reached {ev.test_accuracy:.2%} test accuracy after {done} iterations"
                        break
                now = time.perf_counter()
                if now - last_snap >= cfg.snapshot_seconds:
                    last_snap = now
                    snapshot(done)

            step.sync()
            seconds += time.perf_counter() - t0
            eval_seconds = eval_clock[0]
            if status != "diverged" and not all(np.isfinite(v).all() for v in params.values()):
                status = "diverged"
                message = f"the weights became NaN or infinite with learning rate {self._lr:g}; try a smaller learning rate, such as {self._lr / 10:g}"
            if status != "diverged":
                if done > 0 and (not epochs or epochs[-1].iteration != done):
                    evaluate(done)
                snapshot(done)
        last = epochs[-1] if epochs and status != "diverged" else None
        result = TrainResult(
            status=status,
            message=message or f"trained {done} iterations",
            iterations=done,
            seconds=seconds,
            iters_per_second=done / seconds if seconds > 0 else 0.0,
            test_accuracy=last.test_accuracy if last else None,
            train_accuracy=last.train_accuracy if last else None,
            losses=losses[:done],
            epochs=epochs,
            params=params if status != "diverged" else None,
            config=cfg,
            eval_seconds=eval_seconds,
        )
        emit(Finished(result, self.run_id))
        return result

