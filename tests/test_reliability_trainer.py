"""The trainer's controls pressed in awkward orders from another thread (as a window's buttons do): whatever
the order, a Stop ends the run.
"""

from __future__ import annotations

import threading

import pytest

from mnist_studio.core.mnist import load_raw
from mnist_studio.core.trainer import Step, TrainConfig, Trainer


@pytest.fixture(scope="module")
def data(mnist_dir):
    return load_raw(mnist_dir)


def started(data, trainer_thread):
    """A long run that has done a few iterations, running in its own thread."""
    going = threading.Event()

    def on_event(ev):
        if isinstance(ev, Step) and ev.iteration >= 5:
            going.set()

    trainer = Trainer(TrainConfig(iters=1_000_000), data, on_event)
    thread, box = trainer_thread(trainer)
    assert going.wait(30)
    return trainer, thread, box


@pytest.mark.parametrize(
    "presses",
    [
        ("stop", "pause"),  # Pause pressed just after Stop, before the run has wound down
        ("pause", "stop", "pause"),
        ("stop", "pause", "resume", "pause"),
        ("pause", "resume", "pause", "stop", "pause", "pause"),
    ],
    ids=lambda p: "-".join(p),
)
def test_a_stop_is_never_undone_by_a_later_pause(data, presses, trainer_thread):
    trainer, thread, box = started(data, trainer_thread)
    for press in presses:
        getattr(trainer, press)()
    thread.join(30)
    assert not thread.is_alive()
    assert box["result"].status == "stopped"


def test_pause_and_stop_from_many_threads_at_once(data, trainer_thread):
    trainer, thread, box = started(data, trainer_thread)
    barrier = threading.Barrier(4)

    def hammer(action):
        barrier.wait()
        for _ in range(2000):
            getattr(trainer, action)()

    workers = [threading.Thread(target=hammer, args=(a,)) for a in ("pause", "resume", "pause", "stop")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    thread.join(30)
    assert not thread.is_alive()
    assert box["result"].status == "stopped"
