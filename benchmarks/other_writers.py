"""How well a model reads digits by people who are not in MNIST: scikit-learn's 1,797 digits by 43 writers,
drawn on the pad at random places and sizes, either polarity, and read through the pad's own code.

MNIST's test set is written by the same kind of writers as its training set, so a model can score
99% there and still misread a drawing-pad user. scikit-learn's ``load_digits`` (UCI optical
digits: 8x8 pictures, 17 grey levels, 43 writers) is an independent set of hands. Each digit is
scaled up (bilinear, so its strokes are smooth and grey-edged like a pen's, not blocky) to a
random size, put at a random place on a 280x280 pad, dark-on-light or light-on-dark at random, and
read exactly as the window reads the pad: ``core.preprocess.to_mnist`` then the network's forward
pass (see desktop/reader.py). The layout is seeded, so two runs draw the same pads.

These digits are a check, not training data: never tune a model on them.

Run (scikit-learn comes with the ``bench`` extra: pip install -e '.[bench]'):

    MNIST_STUDIO_DATA=... python benchmarks/other_writers.py [--model FILE.npz] [--seed 0] [--json] [--tta]
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import numpy as np
from PIL import Image
from threadpoolctl import threadpool_limits

from mnist_studio.core.errors import UserError
from mnist_studio.core.kernels import predict_labels
from mnist_studio.core.mnist import load_raw
from mnist_studio.core.modelfile import default_model_path, load_model
from mnist_studio.core.network import TwoLayerNet
from mnist_studio.core.preprocess import to_mnist

PAD = 280  # px, the drawing pad's side (desktop/draw_pad.py)
SIZES = (0.25, 0.9)  # a drawn digit's height, as a fraction of the pad: small in a corner to filling it


def load_other_writers() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's digits as (1797, 8, 8) ink strengths in 0..1 and their labels."""
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        raise UserError("this benchmark needs scikit-learn: pip install -e '.[bench]'") from None
    digits = load_digits()
    return digits.images / 16.0, digits.target.astype(np.intp)


def draw_on_pad(ink: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One small ink picture (0..1) on a 280x280 uint8 pad: scaled up, at a random place, random polarity."""
    side = round(rng.uniform(*SIZES) * PAD)
    big = Image.fromarray((ink * 255).astype(np.uint8)).resize((side, side), Image.Resampling.BILINEAR)
    strength = np.asarray(big, np.float32) / 255.0
    top, left = rng.integers(0, PAD - side + 1, 2)
    pad = np.zeros((PAD, PAD), np.float32)
    pad[top : top + side, left : left + side] = strength
    if rng.random() < 0.5:  # dark ink on white paper, as the pad draws
        pad = 1.0 - pad
    return np.rint(pad * 255).astype(np.uint8)


def pad_inputs(images: np.ndarray, seed: int) -> np.ndarray:
    """The (n, 784) pictures the network sees when each digit is drawn on the pad (to_mnist of the pad)."""
    rng = np.random.default_rng(seed)
    return np.stack([to_mnist(draw_on_pad(ink, rng)).ravel() for ink in images])


def tta_probabilities(net: TwoLayerNet, x: np.ndarray) -> np.ndarray:
    """Test-time augmentation: mean probabilities over the picture and copies turned and moved a little."""
    from mnist_studio.core.augment import distort

    img = x.reshape(-1, 28, 28)
    views = [(0, (0, 0)), (-8, (0, 0)), (8, (0, 0)), (0, (1, 0)), (0, (-1, 0)), (0, (0, 1)), (0, (0, -1))]
    total = np.zeros((x.shape[0], 10))
    for angle, shift in views:
        total += net.predict(distort(img, angle, shift=shift).reshape(-1, 784))
    return total / len(views)


def measure(model_path, mnist_dir=None, seed: int = 0, tta: bool = False) -> dict:
    """Accuracy on the other writers' digits drawn on the pad, MNIST test accuracy and reading cost."""
    params, meta = load_model(model_path)
    activation = meta.get("activation", "sigmoid")
    net = TwoLayerNet.from_params(params, activation)
    images, labels = load_other_writers()
    x = pad_inputs(images, seed).astype(params["W1"].dtype)
    other = float(np.mean(net.predict(x).argmax(axis=1) == labels))
    data = load_raw(mnist_dir)
    mnist = float(np.mean(predict_labels(params, data.x_test, activation) == data.t_test))
    # One reading as the pad does it: a pad picture through to_mnist and the forward pass. With
    # the BLAS library's own thread count (what the window uses), and with one thread: on a busy
    # machine a second BLAS thread waits for a core and costs more than the product itself.
    pads = [draw_on_pad(ink, np.random.default_rng(k)) for k, ink in enumerate(images[:200])]

    def read_all_ms():
        t0 = time.perf_counter()
        for pad in pads:
            net.predict(to_mnist(pad).reshape(1, 784).astype(params["W1"].dtype))
        return (time.perf_counter() - t0) / len(pads) * 1000

    read_ms = read_all_ms()
    with threadpool_limits(1, user_api="blas"):
        read_ms_one_thread = read_all_ms()
    result = {
        "model": str(model_path),
        "hidden_units": int(params["W1"].shape[1]),
        "other_writers_accuracy": other,
        "other_writers_digits": int(labels.size),
        "mnist_test_accuracy": mnist,
        "read_ms": read_ms,
        "read_ms_one_blas_thread": read_ms_one_thread,
        "seed": seed,
    }
    if tta:
        tta = tta_probabilities(net, x).argmax(axis=1)
        result["other_writers_accuracy_tta"] = float(np.mean(tta == labels))
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="model file (default: the one that ships with the app)")
    parser.add_argument("--data-dir", help="MNIST folder (default: $MNIST_STUDIO_DATA)")
    parser.add_argument("--seed", type=int, default=0, help="seed for where and how big each digit is drawn")
    parser.add_argument("--tta", action="store_true", help="also read with test-time augmentation")
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = parser.parse_args(argv)
    try:
        r = measure(args.model or default_model_path(), args.data_dir, args.seed, args.tta)
    except UserError as e:
        print(f"other_writers: error: {e}", file=sys.stderr)
        return 2
    print(f"{r['model']} (784-{r['hidden_units']}-10)")
    share, count = r["other_writers_accuracy"], r["other_writers_digits"]
    print(f"  other writers' digits drawn on the pad: {share:.2%} of {count:,}")
    if args.tta:
        print(f"  ... with test-time augmentation:      {r['other_writers_accuracy_tta']:.2%}")
    print(f"  MNIST test set:                         {r['mnist_test_accuracy']:.2%} of 10,000")
    print(
        f"  reading one pad drawing: {r['read_ms']:.2f} ms (to_mnist + forward pass; "
        f"{r['read_ms_one_blas_thread']:.2f} ms with one BLAS thread)"
    )
    if args.json:
        print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
