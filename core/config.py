"""What decides a training run (TrainConfig, whose defaults are the lesson's), the named presets, and
what a model file records about the run that made it.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

from .batches import SAMPLINGS
from .errors import UserError
from .network import INITS
from .optimizers import OPTIMIZERS
from .regularization import check_regularization
from .training_set import check_training_set

if TYPE_CHECKING:
    from .events import TrainResult

METHODS = ("backprop", "numerical")

#: The longest run allowed (its loss history alone is 4 bytes per iteration).
MAX_ITERS = 50_000_000


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
    # Holding the network back from memorising (regularization.py): the L2 lambda, and the fraction of
    # hidden units dropped in each training step. The lesson uses neither.
    weight_decay: float = 0.0
    dropout: float = 0.0
    # Train on part of the training set: the first train_size images, or (train_subset "random") a
    # seeded random choice of them. None: all of it, as the lesson does.
    train_size: int | None = None
    train_subset: str = "first"
    eval_every_epoch: bool = True
    diverge_above_guessing: bool = False  # a loss stuck above ln 10 counts as diverged (run.py)
    eval_every: int = 0  # iterations between accuracy checks (0: one epoch; a tiny training set wants more)
    train_sample: int = 5000  # how many training images the train accuracy is measured on
    snapshot_seconds: float = 0.25  # a copy of the weights at most this often
    # BLAS threads for the matrix products while training (0: the library's own choice). One is
    # fastest here: the products are small, and with two, OpenBLAS waits on a second core that the
    # window (or anything else) may be using, and is then many times slower.
    blas_threads: int = 1

    def validate(self) -> "TrainConfig":
        """Refuse nonsense with a clear message (each check names the value and the allowed range)."""

        def need(ok, msg):
            if not ok:
                raise UserError(msg)

        need(1 <= self.hidden_size <= 4096, f"hidden units must be 1-4096, not {self.hidden_size}")
        need(
            self.activation in ("sigmoid", "relu"),
            f"activation must be sigmoid or relu, not {self.activation!r}",
        )
        need(self.init in INITS, f"weight init must be one of {', '.join(INITS)}, not {self.init!r}")
        need(
            self.optimizer in OPTIMIZERS,
            f"optimizer must be one of {', '.join(OPTIMIZERS)}, not {self.optimizer!r}",
        )
        need(
            math.isfinite(self.lr) and 0 < self.lr <= 1e4,
            f"learning rate must be a number above 0, not {self.lr}",
        )
        need(1 <= self.batch_size <= 60000, f"batch size must be 1-60000, not {self.batch_size}")
        need(self.method in METHODS, f"gradient method must be backprop or numerical, not {self.method!r}")
        need(self.iters >= 1 or self.epochs, f"iterations must be at least 1, not {self.iters}")
        need(self.epochs is None or self.epochs > 0, f"epochs must be above 0, not {self.epochs}")
        # One float32 loss per iteration is kept (4 MB per million): cap runs where that stays small.
        need(
            self.total_iters() <= MAX_ITERS,
            f"a run may have at most {MAX_ITERS:,} iterations, not {self.total_iters():,}; use fewer "
            "iterations or epochs",
        )
        check_regularization(self.weight_decay, self.dropout)
        need(
            self.method == "backprop" or not (self.weight_decay or self.dropout),
            "the numerical gradient here is the lesson's, without weight decay or dropout: use backprop "
            "for those",
        )
        check_training_set(self.train_size, self.train_subset)
        need(
            self.eval_every >= 0,
            f"iterations between accuracy checks must be 0 or more, not {self.eval_every}",
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
        """Iterations that see as many images as the training set holds (60,000 / batch size), or as many
        as the part of it this run trains on (train_size).
        """
        if self.train_size:
            train_size = min(train_size, self.train_size)
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
    # Tuned on a 2-core machine (see benchmarks/bench.py): 98% test accuracy after 4-5 epochs for seeds
    # 0-5. 256 hidden units learn nearly as much per epoch as 512 at half the cost (192 needs 6
    # epochs); shuffled epochs reach 98% about an epoch sooner than batches drawn with replacement;
    # Adam at 3e-3 a little sooner than 2e-3; the cosine decay runs over 8 epochs because a
    # 6-epoch one ended one seed at 97.98%. The run stops when it reaches --target-accuracy.
    "fast": dict(
        hidden_size=256,
        activation="relu",
        init="he",
        optimizer="adam",
        lr=3e-3,
        batch_size=128,
        epochs=8,
        lr_decay="cosine",
        sampling="shuffle",
    ),
    # The model that ships with the app (resources/default_model.npz; README "The default model"):
    # Simard et al.'s 784-800-10 network with elastic, affine and stroke-thickness augmentation
    # (augment.py), trained with Adam and a cosine decay; still the lesson's two-layer network.
    # 200 epochs, not 100: the network underfits its altered digits, and the longer decay read
    # 99.34% and 99.37% of MNIST's test set for seeds 0 and 1, against 99.20% and 99.27%.
    "default": dict(
        hidden_size=800, activation="relu", init="he", optimizer="adam", lr=1e-3,
        batch_size=128, epochs=200, lr_decay="cosine", sampling="shuffle", augment=True,
    ),
}


def preset_config(name: str, **overrides) -> TrainConfig:
    """The TrainConfig of a named preset, with some fields overridden."""
    if name not in PRESETS:
        raise UserError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
    return replace(TrainConfig(**PRESETS[name]), **overrides)


def run_metadata(config: TrainConfig, result: "TrainResult | None" = None, **extra) -> dict:
    """What a model file records about the run that made it: architecture, activation, settings,
    accuracies.
    """
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
