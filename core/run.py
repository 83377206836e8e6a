"""One training run: a network, its optimizer, its way of getting the gradient, and its history (the loss of
every step, the accuracy after every epoch, the seconds it took).

`Run.step(x, t)` is the lesson's train_step on a batch of floats: gradient, update, loss.
`Run.train_batch(rows, labels)` does the same on rows of the stored uint8 images, with the fast
kernels (kernels.py); the trainer uses it. A Run knows nothing of threads or events: the
Trainer (trainer.py) decides when it steps, measures and stops, for one run or several.
"""

from __future__ import annotations

import math
import time
from enum import Enum

import numpy as np

from .augment_ahead import AugmentAhead, spare_core
from .blank_pixels import without_blank_pixels
from .inside import StepStats
from .kernels import BackpropStep, InPlaceSGD, fast_optimizer, numerical_gradient_fast, predict_labels
from .network import TwoLayerNet
from .regularization import inference_params
from .training_set import training_rows

#: A run has diverged when its mean loss over this many iterations is above this value.
DIVERGENCE_WINDOW, DIVERGENCE_LOSS = 20, 8.0
#: The loss of guessing the ten digits equally; a run whose loss stays above it (plus the margin) has
#: learnt worse than nothing (only checked when TrainConfig.diverge_above_guessing is set).
GUESSING_LOSS, GUESS_MARGIN, GUESS_WINDOW = math.log(10.0), 0.03, 100


class RunStatus(str, Enum):
    """Where a run stands; the value is the word the command line's JSON and the window show."""

    RUNNING = "running"
    PAUSED = "paused"
    COMPLETED = "completed"
    STOPPED = "stopped"
    DIVERGED = "diverged"
    TARGET_REACHED = "target reached"

    def __str__(self) -> str:
        return self.value


class Run:
    """A network in training with its optimizer and history; config is a trainer.TrainConfig, data the MNIST
    arrays.
    """

    def __init__(self, config, data, net: TwoLayerNet | None = None, run_id: int = 0):
        cfg = self.config = config
        self.run_id = run_id
        rng = np.random.default_rng(cfg.seed)
        # The same four streams as always, so a seed gives the numbers it always gave; the batch
        # stream goes to the BatchSource (the trainer's), the others are this run's own.
        init_rng, self.batch_rng, sample_rng, self.aug_rng = rng.spawn(4)
        # Streams added later come after those four, so they leave the four's numbers as they were.
        subset_rng, self.mask_rng = rng.spawn(2)
        self.x_train, self.t_train = data.x_train, data.t_train.astype(np.intp)
        rows = training_rows(self.x_train.shape[0], cfg.train_size, cfg.train_subset, subset_rng)
        if rows is not None:
            self.x_train, self.t_train = self.x_train[rows], self.t_train[rows]
        self.x_test, self.t_test = data.x_test, data.t_test.astype(np.intp)
        train_size = self.x_train.shape[0]
        self.total = cfg.total_iters(train_size)
        self.per_epoch = cfg.iters_per_epoch(train_size)
        if net is None:
            net = TwoLayerNet(
                self.x_train.shape[1],
                cfg.hidden_size,
                10,
                cfg.weight_init_std,
                activation=cfg.activation,
                init=cfg.init,
                seed=init_rng,
                dtype=np.float32,
                weight_decay=cfg.weight_decay,
                dropout=cfg.dropout,
            )
            net.mask_rng = self.mask_rng
        self.net = net
        self.params = net.params
        sample = sample_rng.choice(train_size, min(cfg.train_sample, train_size), replace=False)
        self.x_sample, self.t_sample = self.x_train[sample], self.t_train[sample]
        self.lr = cfg.lr  # the base learning rate (set_lr changes it; cosine decay scales it)
        self.status = RunStatus.RUNNING
        self.message = ""
        self.done = 0  # iterations completed
        self.losses = np.empty(self.total, dtype=np.float32)
        self.epochs: list = []  # trainer.EpochDone, one per measurement
        self.seconds = 0.0  # training time, set-up included, pauses excluded
        self.eval_seconds = 0.0  # the part of `seconds` spent measuring accuracy
        self.optimizer = fast_optimizer(
            cfg.optimizer, cfg.lr
        )  # same numbers as optimizers.py, no temporaries
        self._kernel: BackpropStep | None = None
        self._ahead: AugmentAhead | None = None  # makes augmented batches (prepare)
        self.last_step: StepStats | None = None  # what the last inspected step did (inspect=True)
        self.last_pixels: np.ndarray | None = None  # its augmented images (uint8), if augmented

    def prepare(self) -> None:
        """Make the optimizer and the kernel's buffers (the trainer times this as part of the run)."""
        cfg = self.config
        # Plain SGD with backprop: the backward pass hands over -lr * gradient, added to the weights.
        self.fused_sgd = isinstance(self.optimizer, InPlaceSGD) and cfg.method == "backprop"
        # Backprop on the stored images trains only the pixels with ink in some training image
        # (blank_pixels.py): the same network for fewer multiplications. Augmented images may move
        # ink anywhere, and the numerical gradient nudges every weight, so they use all 784.
        pixels, self.x_batches = None, self.x_train
        # Weight decay pulls on every weight, blank pixels' too, so it trains all 784.
        if cfg.method == "backprop" and not cfg.augment and not cfg.weight_decay:
            pixels, self.x_batches = without_blank_pixels(self.x_train)
        self._kernel = BackpropStep(
            self.params,
            cfg.batch_size,
            cfg.activation,
            pixels=pixels,
            weight_decay=cfg.weight_decay,
            dropout=cfg.dropout,
            rng=self.mask_rng,
        )
        self.trained = self._kernel.train_params  # params, or with W1 narrowed to the inked pixels' rows
        if cfg.augment:
            self._ahead = AugmentAhead(
                self.x_train, self.aug_rng, cfg.batch_size, self._kernel.x.dtype, threaded=spare_core()
            )

    def lr_at(self, i: int) -> float:
        """The learning rate of iteration i (0-based): the base rate, or its cosine decay to 0."""
        if self.config.lr_decay == "cosine":
            return 0.5 * self.lr * (1.0 + math.cos(math.pi * i / self.total))
        return self.lr

    # ---- one step ----------------------------------------------------------------------------
    def step(self, x, t) -> float:
        """The lesson's train_step on float inputs x (rows in 0..1) and labels t: gradient, update; returns
        the batch's loss.

        It trains net.params directly with the readable network; use it or the trainer's fast
        train_batch on a run, not both (the kernel may train its own narrowed copy of W1).
        """
        net = self.net
        if self.config.method == "numerical":
            grads, loss = numerical_gradient_fast(net.params, x, t, net.activation, return_loss=True)
            grads = {k: g.astype(net.params[k].dtype) for k, g in grads.items()}
        else:
            mask = net.new_mask(x.shape[0]) if net.dropout else None  # one mask for the loss and gradient
            loss, grads = net.loss(x, t, mask), net.gradient(x, t, mask)
        self.optimizer.update(net.params, grads)
        return float(loss)

    def train_batch(
        self, rows: np.ndarray, labels: np.ndarray, i: int, inspect: bool = False, next_rows=None
    ) -> float:
        """Iteration i (0-based) on the stored images at `rows`, with the fast kernels; records and returns
        its loss. With augmentation, `next_rows` (the rows of iteration i + 1, if known) start being
        altered on another core meanwhile (augment_ahead.py).

        With inspect (a single step asked for while paused), the same iteration also keeps what it did
        in `last_step` (a core.inside.StepStats): the guesses before, the loss before and after on this
        batch, the gradient the optimizer was given and how far each weight moved.
        """
        cfg, kernel, opt = self.config, self._kernel, self.optimizer
        lr = self.lr_at(i)
        opt.lr = lr
        # An inspected step hands the optimizer the plain gradient (SGD then takes lr x it away)
        # rather than SGD's fused -lr x gradient, so the gradient it reports is the one the update used.
        fused = self.fused_sgd and not inspect
        scale = opt.gradient_scale() if fused else 1.0
        xb = None  # the batch as floats, when the kernel does not gather the stored rows itself
        if cfg.augment:
            xb = self._ahead.batch(rows, next_rows)
        elif cfg.method == "numerical":
            xb = kernel.load_batch_uint8(self.x_train, rows)
        if inspect:
            seen, before, guesses = self._look_before(rows, xb)
        if cfg.method == "numerical":
            grads, loss = numerical_gradient_fast(self.params, xb, labels, cfg.activation, return_loss=True)
            grads = {k: g.astype(self.params[k].dtype) for k, g in grads.items()}
        elif xb is not None:
            loss, grads = kernel(xb, labels, scale=scale)
        else:
            loss, grads = kernel.train_on(
                self.x_batches, rows, labels, scale=scale
            )  # gathers the uint8 rows itself
        self.losses[i] = loss
        if self.diverged_at(i, loss, lr):
            return loss
        if inspect:
            used = {k: g.copy() for k, g in grads.items()}
        if fused:
            opt.add_changes(self.trained, grads)  # grads are -lr * gradient already
        else:
            opt.update(self.trained, grads)
        self.done = i + 1
        if inspect:
            self.last_step = self._look_after(seen, labels, before, guesses, loss, used)
            self.last_pixels = None if xb is None or not cfg.augment else _to_uint8(seen)
        return loss

    def _look_before(self, rows, xb):
        """For an inspected step: the batch as the network sees it, the weights and the guesses before."""
        self.sync()
        dtype = self.params["W1"].dtype
        seen = xb.copy() if xb is not None else self.x_train[rows].astype(dtype) * dtype.type(1.0 / 255.0)
        before = {k: v.copy() for k, v in self.params.items()}
        guesses = self.net.predict(seen).argmax(axis=1)
        return seen, before, guesses

    def _look_after(self, seen, labels, before, guesses, loss, used) -> StepStats:
        """For an inspected step: the loss after on the same batch, the gradient used, the moves made."""
        self.sync()
        pixels = self._kernel.pixels
        if pixels is not None and used["W1"].shape != before["W1"].shape:
            # the kernel's gradient covers the inked pixels' rows only; the others' is exactly 0
            full = np.zeros_like(before["W1"])
            full[pixels] = used["W1"]
            used["W1"] = full
        # Differences of two float32 weights are exact in float64: the moves, to the last bit.
        updates = {k: self.params[k].astype(np.float64) - before[k].astype(np.float64) for k in before}
        loss_after = float(self.net.loss(seen, labels))
        return StepStats(guesses, float(loss), loss_after, used, updates)

    def diverged_at(self, i: int, loss: float, lr: float) -> bool:
        """Whether the loss of iteration i shows the run has diverged; if so, status and message say so."""
        # Diverged: the loss is NaN/inf, or has stayed far above random guessing (ln 10 = 2.3)
        # for a while. The 1e-7 inside the log caps the loss near 16, so a blown-up network
        # often shows a loss stuck at 13-16 rather than infinity.
        losses = self.losses
        stuck = (
            loss > DIVERGENCE_LOSS
            and i + 1 >= DIVERGENCE_WINDOW
            and losses[i + 1 - DIVERGENCE_WINDOW : i + 1].mean() > DIVERGENCE_LOSS
        )
        if math.isfinite(loss) and not stuck and not self._worse_than_guessing(i):
            return False
        recent = losses[max(0, i + 1 - DIVERGENCE_WINDOW) : i + 1]
        if not math.isfinite(loss):
            what = f"became {loss}"
        elif stuck:
            what = f"stayed near {recent.mean():.1f} (random guessing gives 2.3)"
        else:
            what = f"stayed above {GUESSING_LOSS:.2f} (worse than guessing) for {GUESS_WINDOW} iterations"
        self.finish(
            RunStatus.DIVERGED,
            f"training diverged at iteration {i + 1}: the loss {what} with learning rate {lr:g}; "
            f"try a smaller learning rate, such as {lr / 10:g}",
        )
        return True

    def _worse_than_guessing(self, i: int) -> bool:
        """With config.diverge_above_guessing (comparisons): the mean loss of the last GUESS_WINDOW iterations
        is
        (checked every 10 from iteration 2 * GUESS_WINDOW) above guessing all ten digits equally (ln 10)
        by a margin. A learning rate far too large can leave a sigmoid network stuck there, never NaN.
        """
        n = i + 1
        if not self.config.diverge_above_guessing or n < 2 * GUESS_WINDOW or n % 10:
            return False
        return float(self.losses[n - GUESS_WINDOW : n].mean()) > GUESSING_LOSS + GUESS_MARGIN

    def weights_blew_up(self) -> bool:
        """At the end: NaN or infinite weights are a divergence too (the loss may not have shown it yet)."""
        if self.status != RunStatus.DIVERGED and not all(np.isfinite(v).all() for v in self.params.values()):
            self.finish(
                RunStatus.DIVERGED,
                f"the weights became NaN or infinite with learning rate {self.lr:g}; "
                f"try a smaller learning rate, such as {self.lr / 10:g}",
            )
        return self.status == RunStatus.DIVERGED

    def finish(self, status: RunStatus, message: str = "") -> None:
        self.status, self.message = status, message

    def release(self) -> None:
        """Let go of the augmenting worker thread, if any (the trainer calls this when the run ends)."""
        if self._ahead is not None:
            self._ahead.close()

    @property
    def active(self) -> bool:
        return self.status in (RunStatus.RUNNING, RunStatus.PAUSED)

    # ---- measuring -----------------------------------------------------------------------------
    def sync(self) -> None:
        """Make `params` hold every trained weight (the kernel may train a narrowed copy of W1)."""
        if self._kernel is not None:
            self._kernel.sync()

    def accuracies(self) -> tuple[float, float]:
        """(test accuracy, train accuracy on the fixed sample) of the weights now; adds the time to
        eval_seconds.
        """
        self.sync()
        e0 = time.perf_counter()
        act, params = self.config.activation, self.inference_params()
        test_acc = float(np.mean(predict_labels(params, self.x_test, act) == self.t_test))
        train_acc = float(np.mean(predict_labels(params, self.x_sample, act) == self.t_sample))
        self.eval_seconds += time.perf_counter() - e0
        return test_acc, train_acc

    def inference_params(self) -> dict:
        """The weights to predict with (with dropout, W2 scaled by 1 - ratio: regularization.py)."""
        self.sync()
        return inference_params(self.params, self.config.dropout)

    def params_copy(self) -> dict:
        """A copy of the weights to predict with (for the drawing pad, saved models)."""
        return {k: v.copy() for k, v in self.inference_params().items()}


def _to_uint8(x: np.ndarray) -> np.ndarray:
    """Images in 0..1 as uint8 pixels 0..255 (to show them)."""
    return np.clip(np.rint(np.asarray(x) * 255.0), 0, 255).astype(np.uint8)
