"""Where mini-batches come from: a seeded stream of row numbers (and their labels), numbered 0, 1, 2, ...,
that several runs can read so that they all train on the very same batches.

Two ways to draw, as TrainConfig.sampling says:

- "replacement", the lesson's way: every batch is batch_size rows drawn at random from all
  images, repeats allowed. They are drawn BATCH_BLOCK batches at a time (one call, not 64).
- "shuffle": each epoch visits every image once, in a new random order, cut into batches.

Either way the batches come in blocks (64 batches, or one epoch) drawn one after another from
one seeded generator, so batch i is the same numbers however and whenever it is asked for.
Each run that reads the source gets its own cursor (`reader()`); the source keeps a block only
while some reader still needs it, so a fast run may be ahead of a slow one (free-running runs in
separate threads) and both still see batch i identically. Readers in one thread (runs trained in
lock-step) simply read batch i one after the other from the same block. A reader that falls far
behind (a paused run beside a running one) holds back every block after it: about 1.6 KB per
iteration of batch 100, so pause or stop free-running runs together.
"""

from __future__ import annotations

import threading

import numpy as np

#: Batches drawn with replacement come from one random draw per this many iterations.
BATCH_BLOCK = 64

SAMPLINGS = ("replacement", "shuffle")


class BatchSource:
    """Numbered mini-batches (row numbers, labels) drawn from a seeded generator, block by block, shared by
    any number of readers.
    """

    def __init__(self, labels: np.ndarray, batch_size: int, rng, sampling: str = "replacement"):
        if sampling not in SAMPLINGS:
            raise ValueError(f"sampling must be replacement or shuffle, not {sampling!r}")
        self.labels = np.asarray(labels, dtype=np.intp)
        self.size = self.labels.shape[0]
        self.batch_size = batch_size
        self.sampling = sampling
        self.rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
        # a shuffled epoch holds every image once; the last partial batch is left out, as before
        self.block_len = max(self.size // batch_size, 1) if sampling == "shuffle" else BATCH_BLOCK
        self._blocks: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._drawn = 0  # blocks drawn so far (block k is always the k-th draw)
        self._cursors: list[int] = []  # the next batch each reader will ask for
        self._lock = threading.Lock()

    def _draw_block(self) -> tuple[np.ndarray, np.ndarray]:
        if self.sampling == "shuffle":
            order = self.rng.permutation(self.size)
            return order, self.labels[order]
        block = self.rng.integers(0, self.size, (BATCH_BLOCK, self.batch_size))
        return block, self.labels[block]

    def _block(self, k: int):
        """Block k, drawing the blocks up to it if needed (the caller holds the lock)."""
        while self._drawn <= k:
            self._blocks[self._drawn] = self._draw_block()
            self._drawn += 1
        try:
            return self._blocks[k]
        except KeyError:
            raise IndexError(f"batch block {k} was already released: every reader had passed it") from None

    def batch(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Batch i: (row numbers, their labels)."""
        k, j = divmod(i, self.block_len)
        with self._lock:
            rows, labels = self._block(k)
        b = self.batch_size
        if self.sampling == "shuffle":
            return rows[j * b : (j + 1) * b], labels[j * b : (j + 1) * b]
        return rows[j], labels[j]

    def reader(self) -> "BatchReader":
        """A new cursor at batch 0; blocks are kept until every reader has passed them.

        Take every reader before any of them reads: a block already let go cannot come back.
        """
        with self._lock:
            self._cursors.append(0)
            return BatchReader(self, len(self._cursors) - 1)

    def _advance(self, slot: int, next_i: int) -> None:
        with self._lock:
            self._cursors[slot] = next_i
            oldest = min(self._cursors) // self.block_len
            for k in [k for k in self._blocks if k < oldest]:
                del self._blocks[k]

    def _leave(self, slot: int) -> None:
        """A reader that is done no longer holds blocks back."""
        self._advance(slot, 1 << 62)


class BatchReader:
    """One run's cursor over a BatchSource: next() gives batch 0, 1, 2, ... in turn."""

    def __init__(self, source: BatchSource, slot: int):
        self.source = source
        self._slot = slot
        self.position = 0  # the number of the next batch

    def next(self) -> tuple[np.ndarray, np.ndarray]:
        i = self.position
        out = self.source.batch(i)
        self.position = i + 1
        if self.position % self.source.block_len == 0:  # only a finished block can be let go
            self.source._advance(self._slot, self.position)
        return out

    def peek(self) -> tuple[np.ndarray, np.ndarray]:
        """The batch next() will give, without moving on (batch i is the same whenever it is asked for)."""
        return self.source.batch(self.position)

    def close(self) -> None:
        self.source._leave(self._slot)
