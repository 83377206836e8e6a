"""What a trainer reports while it trains, each event naming its run (run_id).

The loss of every step (Step), the accuracy after every epoch (EpochDone), a copy of the weights
now and then (Snapshot), what a single step asked for while paused did (StepDetail), and how the
run ended (Finished, with its TrainResult). A window or the
command line receives them from the trainer's callback; they are plain data, with no reference back
into the trainer, so they may be handed to another thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .run import RunStatus

if TYPE_CHECKING:
    from .inside import StepStats
    from .trainer import TrainConfig


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
class StepDetail:
    """One iteration run on its own while paused (Trainer.step_once), laid open: the trainer's own batch and
    the numbers of its own step, for a window to show.

    `stats.gradients` is the gradient the optimizer was given (all 784 rows of W1; pixels blank in
    every training image have gradient 0) and `stats.updates` is exactly how far each weight moved.
    """

    iteration: int  # 1-based: the iteration this step completed
    rows: np.ndarray  # the batch: row numbers in the training set
    labels: np.ndarray
    stats: "StepStats"
    lr: float
    optimizer: str
    #: The pixels trained on (uint8 rows of 784) when they are not the stored images (augmented), else None.
    pixels: np.ndarray | None = None
    run_id: int = 0


@dataclass
class Finished:
    """The run ended: result.status is completed, stopped, target reached or diverged."""

    result: "TrainResult"
    run_id: int = 0


@dataclass
class TrainResult:
    """What a run came to: its status (a RunStatus, whose value is the word: "completed", ...), history and
    weights.
    """

    status: RunStatus
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
    lr: float | None = None  # the learning rate at the end (a live change included), before any decay

    @property
    def ok(self) -> bool:
        return self.status != RunStatus.DIVERGED
