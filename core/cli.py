"""The command line: each step of the app (train, evaluate, predict, download, gradcheck, bench) as a command that needs no window.

User mistakes (a missing file, a bad value, no data) end with one clear line on stderr and a
non-zero exit, never a traceback. With --json the last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from .errors import UserError

PROG = "mnist-studio"


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong option is one line (what is wrong, and where to read more), not the whole usage."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _print_json(obj) -> None:
    print(json.dumps(obj), flush=True)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (value > 0 and np.isfinite(value)):
        raise argparse.ArgumentTypeError(f"{text} must be a number above 0")
    return value


def _fraction(text: str) -> float:
    value = _positive_float(text)
    if value > 1:  # 98 means 98 %: accept it, people type percentages
        value /= 100.0
    if value > 1:
        raise argparse.ArgumentTypeError(f"{text} is not an accuracy (use e.g. 0.98 or 98)")
    return value


def _note(bar, text: str) -> None:
    """A line of news on stderr above the progress bar (which redraws itself on its next update)."""
    prefix = "\r\033[K" if bar.is_tty else ""
    print(prefix + text, file=bar.stream, flush=True)


# ---- train ---------------------------------------------------------------------------------
def cmd_train(args) -> int:
    from .mnist import load_raw
    from .modelfile import save_model
    from .paths import user_models_dir
    from .progress import Progress
    from .trainer import EpochDone, Step, Trainer, preset_config, run_metadata

    overrides = {
        name: getattr(args, name)
        for name in ("hidden_size", "activation", "init", "optimizer", "lr", "lr_decay", "batch_size", "method", "seed", "target_accuracy")
        if getattr(args, name) is not None
    }
    if args.augment:
        overrides["augment"] = True
    if args.epochs is not None:
        overrides["epochs"], overrides["iters"] = args.epochs, 0
    elif args.iters is not None:
        overrides["iters"], overrides["epochs"] = args.iters, None
    config = preset_config(args.preset, **overrides).validate()

    out = Path(args.out) if args.out else user_models_dir() / time.strftime("model-%Y%m%d-%H%M%S.npz")
    if out.suffix != ".npz":
        raise UserError(f"{out}: model files end in .npz; choose a name like {out.with_suffix('.npz').name}")
    if out.exists() and out.is_dir():
        raise UserError(f"{out}: is a folder; give a file name for --out, like {out / 'model.npz'}")

    data = load_raw(args.data_dir)
    total = config.total_iters(data.x_train.shape[0])
    bar = Progress(total, unit="it", label="train", enabled=not args.quiet)

    def on_event(ev):
        if isinstance(ev, Step):
            bar.update(ev.iteration)
        elif isinstance(ev, EpochDone) and not args.quiet:
            _note(bar, f"epoch {ev.epoch:.2f}: test accuracy {ev.test_accuracy:.2%}, train accuracy {ev.train_accuracy:.2%}")

    trainer = Trainer(config, data, on_event)
    try:
        result = trainer.run()
    except KeyboardInterrupt:
        trainer.stop()
        raise
    finally:
        bar.close()

    if not result.ok:
        raise UserError(result.message + " (no model was written)")

    meta = run_metadata(config, result, preset=args.preset)
    saved = save_model(out, result.params, meta)
    # `seconds` is the training loop and its set-up (the per-epoch accuracy checks are reported apart), except
    # with --target-accuracy, where it is the time to reach the target, checks included.
    if config.target_accuracy is not None:
        seconds = result.seconds
    else:
        seconds = max(result.seconds - result.eval_seconds, 1e-9)
    rate = result.iterations / seconds
    print(
        f"{result.message}: test accuracy {result.test_accuracy:.2%}; training took {seconds:.2f} s "
        f"({rate:,.0f} iterations/s) plus {result.eval_seconds:.2f} s measuring accuracy; model saved to {saved}"
        if config.target_accuracy is None
        else f"{result.message}, in {seconds:.2f} s "
        f"({rate:,.0f} iterations/s, accuracy checks included); model saved to {saved}"
    )
    if args.json:
        _print_json(
            {
                "status": result.status,
                "iterations": result.iterations,
                "seconds": round(seconds, 4),
                "iters_per_second": round(rate, 2),
                "eval_seconds": round(result.eval_seconds, 4),
                "test_accuracy": result.test_accuracy,
                "train_accuracy": result.train_accuracy,
                "final_loss": float(result.losses[-1]) if result.losses.size else None,
                "epochs": [
                    {"epoch": round(e.epoch, 3), "iteration": e.iteration, "test_accuracy": e.test_accuracy, "train_accuracy": e.train_accuracy}
                    for e in result.epochs
                ],
                "model": str(saved),
                "config": config.to_dict(),
            }
        )
    return 0


# ---- evaluate ------------------------------------------------------------------------------
def _load_net(model_arg):
    """The network in the given model file, or the default model that ships with the app."""
    from .modelfile import default_model_path, load_model
    from .network import TwoLayerNet

    path = Path(model_arg) if model_arg else default_model_path()
    if not model_arg and not path.exists():
        raise UserError(f"the default model {path} is missing from this installation; pass --model FILE.npz")
    params, meta = load_model(path)
    return TwoLayerNet.from_params(params, meta.get("activation", "sigmoid")), meta, path


def cmd_evaluate(args) -> int:
    from .mnist import load_raw

    net, meta, path = _load_net(args.model)
    data = load_raw(args.data_dir)
    t = data.t_test.astype(np.intp)
    predicted = np.concatenate(
        [np.argmax(net.predict(data.x_test[s : s + 2000] / np.float32(255.0)), axis=1) for s in range(0, len(t), 2000)]
    )
    confusion = np.zeros((10, 10), dtype=np.int64)
    np.add.at(confusion, (t, predicted), 1)
    accuracy = float(np.mean(predicted == t))
    print(f"{path.name}: test accuracy {accuracy:.2%} on {len(t):,} MNIST test digits")
    print("confusion (rows: true digit, columns: predicted):")
    print("      " + " ".join(f"{d:>5}" for d in range(10)))
    for d in range(10):
        print(f"  {d}:  " + " ".join(f"{n:>5}" for n in confusion[d]))
    if args.json:
        _print_json({"model": str(path), "test_accuracy": accuracy, "confusion": confusion.tolist()})
    return 0


# ---- predict -------------------------------------------------------------------------------
def cmd_predict(args) -> int:
    from .imagefile import read_gray
    from .preprocess import to_mnist

    net, _meta, _path = _load_net(args.model)
    failures = 0
    for name in args.images:
        try:
            digit_img = to_mnist(read_gray(name))
        except UserError as e:
            print(f"{PROG}: {e}", file=sys.stderr)
            failures += 1
            continue
        if digit_img is None:
            probs, digit = [0.0] * 10, None
            text = f"{name}: nothing drawn (the image is blank)"
        else:
            p = net.predict(digit_img.reshape(1, 784).astype(np.float64))[0]
            probs, digit = [round(float(v), 6) for v in p], int(np.argmax(p))
            text = f"{name}: {digit} ({p[digit]:.1%} sure)"
        if args.json:
            _print_json({"file": str(name), "digit": digit, "probabilities": probs})
        else:
            print(text)
    return 1 if failures else 0


# ---- download ------------------------------------------------------------------------------
def cmd_download(args) -> int:
    import logging

    from .download import download_mnist, log as download_log
    from .paths import resolve_data_dir

    # The downloader logs each failed mirror as it goes ("...: HTTP 404; trying the next mirror").
    # Shown as notes, except with --quiet: the final error names every mirror and its problem
    # anyway, so a failure stays one line. (Unhandled, logging would print them bare on stderr.)
    handler: logging.Handler
    if args.quiet:
        handler = logging.NullHandler()
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(f"{PROG}: note: %(message)s"))
        handler.setLevel(logging.WARNING)
    download_log.addHandler(handler)
    try:
        folder = download_mnist(args.data_dir, mirrors=args.mirror or None, progress=not args.quiet, timeout=args.timeout)
    finally:
        download_log.removeHandler(handler)
    print(f"MNIST is ready in {resolve_data_dir(folder)}")
    return 0


# ---- gradcheck -----------------------------------------------------------------------------
def gradient_check(data, batch: int = 100, hidden: int = 50, activation: str = "sigmoid", seed: int = 0) -> dict:
    """Numerical vs backprop gradient of a fresh network on a real MNIST mini-batch, per parameter.

    For each parameter: the largest difference relative to the largest gradient entry, and the
    mean absolute difference (the number the lesson prints).
    """
    from .network import TwoLayerNet

    rng = np.random.default_rng(seed)
    net = TwoLayerNet(784, hidden, 10, activation=activation, init="std" if activation == "sigmoid" else "he", seed=rng)
    index = rng.choice(data.x_train.shape[0], batch, replace=False)
    x = data.x_train[index].astype(np.float64) / 255.0
    t = data.t_train[index]
    num = net.numerical_gradient(x, t)
    bp = net.gradient(x, t)
    report = {}
    for key in ("W1", "b1", "W2", "b2"):
        diff = np.abs(num[key] - bp[key])
        scale = max(np.abs(num[key]).max(), np.abs(bp[key]).max(), 1e-30)
        report[key] = {"max_relative_difference": float(diff.max() / scale), "mean_abs_difference": float(diff.mean())}
    return report


def cmd_gradcheck(args) -> int:
    from .mnist import load_raw

    data = load_raw(args.data_dir)
    t0 = time.perf_counter()
    report = gradient_check(data, batch=args.batch_size, activation=args.activation, seed=args.seed)
    seconds = time.perf_counter() - t0
    worst = max(v["max_relative_difference"] for v in report.values())
    print(f"numerical vs backprop gradient on {args.batch_size} real MNIST digits (784-50-10 {args.activation}, float64, h = 1e-4):")
    for key, v in report.items():
        print(f"  {key:>2}: max relative difference {v['max_relative_difference']:.2e}   mean |difference| {v['mean_abs_difference']:.2e}")
    verdict = "agree" if worst < 1e-6 else "DISAGREE"
    print(f"the two gradients {verdict} (worst {worst:.1e}; expected < 1e-6) [{seconds:.2f} s]")
    if args.json:
        _print_json({"parameters": report, "max_relative_difference": worst, "agree": worst < 1e-6, "seconds": seconds})
    return 0 if worst < 1e-6 else 1


# ---- bench ---------------------------------------------------------------------------------
def cmd_bench(args) -> int:
    from . import bench

    return bench.main(json_output=args.json, quick=args.quick)


# ---- the parser ----------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    from .optimizers import OPTIMIZERS
    from .trainer import METHODS, PRESETS

    parser = _Parser(
        prog=PROG,
        description="Watch a two-layer network learn handwritten digits. With no command, opens the window.",
        epilog="The window: mnist-studio [--data-dir D] [--model FILE.npz] [--self-test]",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def data_dir(p):
        p.add_argument("--data-dir", metavar="D", help="folder with the MNIST files (default: $MNIST_STUDIO_DATA, else your data folder)")

    p = sub.add_parser("train", help="train a network on MNIST and save it", description="Train the lesson's network (or a preset) on MNIST and save the model.")
    data_dir(p)
    p.add_argument("--preset", choices=sorted(PRESETS), default="seed", help="starting recipe: seed = the lesson's job (default), fast = reaches 98%% soonest, default = the shipped model")
    p.add_argument("--hidden", dest="hidden_size", type=_positive_int, help="hidden units (seed: 50)")
    p.add_argument("--activation", choices=("sigmoid", "relu"), help="hidden activation (seed: sigmoid)")
    p.add_argument("--init", choices=("std", "xavier", "he"), help="weight init (seed: std = 0.01 x randn)")
    p.add_argument("--optimizer", choices=list(OPTIMIZERS), help="update rule (seed: sgd)")
    p.add_argument("--lr", type=_positive_float, help="learning rate (seed: 0.1)")
    p.add_argument("--lr-decay", dest="lr_decay", choices=("none", "cosine"), help="none (seed) or cosine: the learning rate falls smoothly to 0 by the end")
    p.add_argument("--batch-size", dest="batch_size", type=_positive_int, help="images per mini-batch (seed: 100)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--iters", type=_positive_int, help="iterations (seed: 10000)")
    group.add_argument("--epochs", type=_positive_float, help="passes over the 60,000 training images, instead of --iters")
    p.add_argument("--method", choices=METHODS, help="gradient: backprop (default) or numerical (the lesson's slow way)")
    p.add_argument("--augment", action="store_true", help="randomly shift, rotate, scale, slant, bend (elastic) and thicken or thin training digits")
    p.add_argument("--seed", type=int, help="random seed (default 0): the same seed gives the same run")
    p.add_argument("--target-accuracy", dest="target_accuracy", type=_fraction, metavar="A", help="stop once the test accuracy reaches A (e.g. 0.98)")
    p.add_argument("--out", metavar="FILE.npz", help="where to save the model (default: your models folder)")
    p.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="test accuracy and confusion matrix of a model")
    p.add_argument("--model", metavar="FILE", help="model file (default: the model that ships with the app)")
    data_dir(p)
    p.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("predict", help="read the digit in image files (PNG, JPEG, BMP)")
    p.add_argument("--model", metavar="FILE", help="model file (default: the model that ships with the app)")
    p.add_argument("--json", action="store_true", help="one JSON object per image")
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser("download", help="download MNIST (about 11 MB) and verify it")
    data_dir(p)
    p.add_argument("--mirror", action="append", metavar="URL", help="base URL to download from instead of the built-in mirrors (repeatable)")
    p.add_argument("--timeout", type=_positive_float, default=30.0, metavar="S",
                   help="seconds to wait for a mirror to connect or to send more data before trying the next one (default 30)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no notes about failed mirrors (errors still print)")
    p.set_defaults(func=cmd_download)

    p = sub.add_parser("gradcheck", help="compare numerical and backprop gradients on real MNIST")
    data_dir(p)
    p.add_argument("--batch-size", type=_positive_int, default=100, help="mini-batch size (default 100)")
    p.add_argument("--activation", choices=("sigmoid", "relu"), default="sigmoid")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    p.set_defaults(func=cmd_gradcheck)

    p = sub.add_parser("bench", help="measure training speed, numerical-gradient speed, time to 98%% and memory")
    p.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    p.add_argument("--quick", action="store_true", help="a short smoke run instead of the full benchmark")
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (0 ok, 1 failed check, 2 user mistake, 130 interrupted)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except UserError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
