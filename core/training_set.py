"""Which training images a run learns from: all 60,000 (the lesson), the first N, or a random N chosen by
the run's seed. A small training set is how the overfitting experiment makes a network memorise.
"""

from __future__ import annotations

import numpy as np

from .errors import UserError

SUBSETS = ("first", "random")


def check_training_set(train_size: int | None, subset: str) -> None:
    """Refuse a size that is not 1-60000 images, or a subset that is not first or random."""
    if train_size is not None and not 1 <= train_size <= 60000:
        raise UserError(f"training-set size must be 1-60000 images, not {train_size}")
    if subset not in SUBSETS:
        raise UserError(f"training subset must be first or random, not {subset!r}")


def training_rows(available: int, train_size: int | None, subset: str, rng) -> np.ndarray | None:
    """The rows of the training set to learn from (in order), or None for all of them."""
    if not train_size or train_size >= available:
        return None
    if subset == "random":
        return np.sort(rng.choice(available, train_size, replace=False))
    return np.arange(train_size)


def images_key(config):
    """What decides a run's training images: runs that share batches must agree on it."""
    if not config.train_size:
        return None
    return (config.train_size, config.train_subset, config.seed if config.train_subset == "random" else None)
