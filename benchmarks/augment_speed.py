"""How much faster augmented training runs when the next batch is altered on the second core meanwhile
(core/augment_ahead.py), measured beside the same run altering each batch when it is needed.

Both runs are the default model's recipe (784-800-10, augmentation on) for the same iterations and
seed, interleaved (worker, no worker, worker, ...) so that a busy moment hurts both alike; the
figure is the ratio of the best times. The two runs must end with the very same weights: the
worker changes the time, not the numbers.

    MNIST_STUDIO_DATA=... python benchmarks/augment_speed.py [--epochs 1] [--repeat 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

import mnist_studio.core.run as run_module
from mnist_studio.core.augment_ahead import spare_core
from mnist_studio.core.config import preset_config
from mnist_studio.core.mnist import load_raw
from mnist_studio.core.trainer import Trainer


def timed(cfg, data, worker: bool):
    """One training run with or without the worker thread: (seconds of its loop, its result)."""
    run_module.spare_core = (lambda: True) if worker else (lambda: False)
    try:
        result = Trainer(cfg, data).run()
    finally:
        run_module.spare_core = spare_core
    return result.seconds, result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", help="MNIST folder (default: $MNIST_STUDIO_DATA)")
    parser.add_argument("--epochs", type=float, default=1.0, help="epochs per run (default 1)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each kind; the best counts")
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = parser.parse_args(argv)
    data = load_raw(args.data_dir)
    cfg = preset_config("default", epochs=args.epochs, eval_every_epoch=False)
    best = {True: float("inf"), False: float("inf")}
    weights = {}
    for _ in range(args.repeat):
        for worker in (True, False):
            seconds, result = timed(cfg, data, worker)
            best[worker] = min(best[worker], seconds)
            weights[worker] = result.params
    same = all(np.array_equal(weights[True][k], weights[False][k]) for k in weights[True])
    iters = cfg.total_iters()
    out = {
        "iterations": iters,
        "seconds_with_worker": best[True],
        "seconds_without_worker": best[False],
        "speedup": best[False] / best[True],
        "same_weights": same,
        "spare_core": spare_core(),
    }
    print(f"default recipe, {iters:,} iterations of 128 augmented digits (best of {args.repeat}):")
    print(f"  altering each batch when needed:        {best[False]:.1f} s ({iters / best[False]:.0f} it/s)")
    print(f"  altering the next batch on another core: {best[True]:.1f} s ({iters / best[True]:.0f} it/s)")
    print(f"  speed-up {out['speedup']:.2f}x; same weights bit for bit: {'yes' if same else 'NO'}")
    if args.json:
        print(json.dumps(out))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
