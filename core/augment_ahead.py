"""Augmenting the next mini-batch on a second core while the network trains on this one: the same numbers
as augmenting each batch when it is needed, in about half the time on a two-core machine.

Altering a batch of 128 digits (augment.py) costs about as much as the training step itself, and
both are single-threaded, so on a machine with two cores one of them sat idle. Here a worker
thread alters batch i + 1 while the step of batch i runs (NumPy and the BLAS library let go of
Python's lock while they compute). The batches are altered one after another, in order, from the
one random generator, so every batch gets exactly the random changes it would get without the
worker: a seed still gives the same network, bit for bit (tests/test_augment_ahead.py checks it).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .augment import augment_batch


def spare_core() -> bool:
    """Whether this process may use more than one core (a worker thread would otherwise only take turns)."""
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # not on Linux
        return (os.cpu_count() or 1) > 1


class AugmentAhead:
    """Altered copies of training batches, each made a step ahead by a worker thread given the next rows."""

    def __init__(self, images_u8, rng: np.random.Generator, batch_size: int, dtype=np.float32, threaded=True):
        self.images = images_u8
        self.rng = rng
        # Two buffers taking turns: the worker fills one while the step reads the other.
        self._buffers = [np.empty((batch_size, images_u8.shape[1]), dtype) for _ in range(2)]
        self._turn = 0
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="augment-ahead") if threaded else None
        self._pending = None  # (rows, the Future of the batch being made)

    def _make(self, rows: np.ndarray) -> np.ndarray:
        out = self._buffers[self._turn]
        self._turn ^= 1
        return augment_batch(self.images[rows], self.rng, out=out)

    def batch(self, rows: np.ndarray, next_rows: np.ndarray | None = None) -> np.ndarray:
        """The altered batch of these rows (float32 in 0..1); with next_rows, starts making that one.

        The returned array stays valid until the call after next (its buffer is then refilled).
        """
        pending, self._pending = self._pending, None
        if pending is not None:
            made_rows, future = pending
            xb = future.result()
            if not np.array_equal(made_rows, rows):
                # The rows made ahead are not the rows asked for: the trainer broke its word. Their
                # random changes were drawn already, so the run could no longer be repeated.
                raise RuntimeError("augment_ahead: the batch made ahead is not the batch asked for")
        else:
            xb = self._make(rows)
        if next_rows is not None and self._pool is not None:
            self._pending = (next_rows, self._pool.submit(self._make, next_rows))
        return xb

    def close(self) -> None:
        """Finish the batch being made (its changes are drawn; nothing uses them) and let the worker go."""
        if self._pending is not None:
            self._pending[1].result()
            self._pending = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)
