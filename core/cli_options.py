"""The command line's options: what each subcommand accepts, each value checked as it is parsed.

A bad value or a wrong option ends in one line naming it (and `--help`), never a traceback.
"""

from __future__ import annotations

import argparse

import numpy as np

PROG = "mnist-studio"


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong option is one line (what is wrong, and where to read more), not the whole
    usage.
    """

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _positive_int(text: str) -> int:
    value = _whole(text)
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


def _non_negative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (value >= 0 and np.isfinite(value)):
        raise argparse.ArgumentTypeError(f"{text} must be a number from 0 up")
    return value


def _seed(text: str) -> int:
    value = _whole(text)
    if not 0 <= value < 2**63:  # NumPy's generators take any whole number from 0 up
        raise argparse.ArgumentTypeError(f"{value} is not a seed: use a whole number from 0 (e.g. --seed 0)")
    return value


def _fraction(text: str) -> float:
    """An accuracy as a fraction of 1, as --json prints it (0.98 is 98%); a percentage is refused."""
    value = _positive_float(text)
    if value > 1:  # 98 or 1.5 (a slip): refuse rather than guess whether 2 meant 2% or 0.02
        raise argparse.ArgumentTypeError(
            f"{text} is not a fraction: give the accuracy as a fraction of 1, e.g. 0.98 for 98%"
        )
    return value


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mnist-studio")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


# ---- the parser ----------------------------------------------------------------------------
def build_parser(commands: dict) -> argparse.ArgumentParser:
    """The parser of every subcommand; commands maps each subcommand's name to the function that runs it."""
    from .optimizers import OPTIMIZERS
    from .trainer import METHODS, PRESETS

    parser = _Parser(
        prog=PROG,
        description="Watch a two-layer network learn handwritten digits. With no command, opens the window.",
        epilog="The window: mnist-studio [--data-dir D] [--model FILE.npz] [--self-test]",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def data_dir(p):
        p.add_argument(
            "--data-dir",
            metavar="D",
            help="folder with the MNIST files (default: $MNIST_STUDIO_DATA, else your data folder)",
        )

    p = sub.add_parser(
        "train",
        help="train a network on MNIST and save it",
        description="Train the lesson's network (or a preset) on MNIST and save the model.",
    )
    data_dir(p)
    p.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        default="seed",
        help="starting recipe: seed = the lesson's job (default), fast = reaches 98%% soonest, "
        "default = the shipped model",
    )
    p.add_argument("--hidden", dest="hidden_size", type=_positive_int, help="hidden units (seed: 50)")
    p.add_argument("--activation", choices=("sigmoid", "relu"), help="hidden activation (seed: sigmoid)")
    p.add_argument("--init", choices=("std", "xavier", "he"), help="weight init (seed: std = 0.01 x randn)")
    p.add_argument("--optimizer", choices=list(OPTIMIZERS), help="update rule (seed: sgd)")
    p.add_argument("--lr", type=_positive_float, help="learning rate (seed: 0.1)")
    p.add_argument(
        "--lr-decay",
        dest="lr_decay",
        choices=("none", "cosine"),
        help="none (seed) or cosine: the learning rate falls smoothly to 0 by the end",
    )
    p.add_argument(
        "--batch-size", dest="batch_size", type=_positive_int, help="images per mini-batch (seed: 100)"
    )
    group = p.add_mutually_exclusive_group()
    group.add_argument("--iters", type=_positive_int, help="iterations (seed: 10000)")
    group.add_argument(
        "--epochs", type=_positive_float, help="passes over the 60,000 training images, instead of --iters"
    )
    p.add_argument(
        "--method", choices=METHODS, help="gradient: backprop (default) or numerical (the lesson's slow way)"
    )
    p.add_argument(
        "--augment",
        action="store_true",
        help="randomly shift, rotate, scale, slant, bend (elastic) and thicken or thin training digits",
    )
    p.add_argument(
        "--weight-decay",
        dest="weight_decay",
        type=_non_negative_float,
        metavar="L",
        help="L2 weight decay lambda: adds 0.5 L (W1^2 + W2^2) to the loss (seed: 0)",
    )
    p.add_argument(
        "--dropout",
        type=_non_negative_float,
        metavar="R",
        help="fraction of hidden units switched off in each training step, 0-1 (seed: 0)",
    )
    p.add_argument(
        "--train-size",
        dest="train_size",
        type=_positive_int,
        metavar="N",
        help="train on N training images only (default: all 60,000)",
    )
    p.add_argument(
        "--train-subset",
        dest="train_subset",
        choices=("first", "random"),
        help="with --train-size: the first N images (default) or a random N chosen by the seed",
    )
    p.add_argument(
        "--seed",
        type=_seed,
        help="random seed, a whole number from 0 (default 0): the same seed gives the same run",
    )
    p.add_argument(
        "--target-accuracy",
        dest="target_accuracy",
        type=_fraction,
        metavar="A",
        help="stop once the test accuracy reaches A, a fraction of 1 (0.98 = 98%%)",
    )
    p.add_argument("--out", metavar="FILE.npz", help="where to save the model (default: your models folder)")
    p.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=commands["train"])

    p = sub.add_parser("evaluate", help="test accuracy and confusion matrix of a model")
    p.add_argument("--model", metavar="FILE", help="model file (default: the model that ships with the app)")
    data_dir(p)
    p.add_argument(
        "--mistakes",
        metavar="FILE.png",
        help="also draw every misread test digit, labelled 'true -> read', in this PNG",
    )
    p.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    p.set_defaults(func=commands["evaluate"])

    p = sub.add_parser("weights", help="draw the hidden units' input weights as a PNG grid")
    p.add_argument("--model", metavar="FILE", help="model file (default: the model that ships with the app)")
    p.add_argument("--out", metavar="FILE.png", required=True, help="where to save the picture")
    p.add_argument("--zoom", type=_positive_int, default=3, help="screen pixels per weight (default 3)")
    p.set_defaults(func=commands["weights"])

    p = sub.add_parser("predict", help="read the digit in image files (PNG, JPEG, BMP)")
    p.add_argument("--model", metavar="FILE", help="model file (default: the model that ships with the app)")
    p.add_argument("--json", action="store_true", help="one JSON object per image")
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.set_defaults(func=commands["predict"])

    p = sub.add_parser("download", help="download MNIST (about 11 MB) and verify it")
    data_dir(p)
    p.add_argument(
        "--mirror",
        action="append",
        metavar="URL",
        help="base URL to download from instead of the built-in mirrors (repeatable)",
    )
    p.add_argument(
        "--timeout",
        type=_positive_float,
        default=30.0,
        metavar="S",
        help="seconds to wait for a mirror to connect or to send more data before trying the next one "
             "(default 30)",
    )
    p.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar and no notes about failed mirrors (errors still print)",
    )
    p.set_defaults(func=commands["download"])

    p = sub.add_parser("gradcheck", help="compare numerical and backprop gradients on real MNIST")
    data_dir(p)
    p.add_argument("--batch-size", type=_positive_int, default=100, help="mini-batch size (default 100)")
    p.add_argument(
        "--activation",
        choices=("sigmoid", "relu"),
        default="sigmoid",
        help="hidden activation (default sigmoid)",
    )
    p.add_argument(
        "--seed", type=_seed, default=0, help="random seed for the network and the batch (default 0)"
    )
    p.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    p.set_defaults(func=commands["gradcheck"])

    p = sub.add_parser(
        "bench", help="measure training speed, numerical-gradient speed, time to 98%% and memory"
    )
    p.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    p.add_argument("--quick", action="store_true", help="a short smoke run instead of the full benchmark")
    p.set_defaults(func=commands["bench"])

    from .cli_compare import add_parser as add_compare_parser

    add_compare_parser(sub, commands, _positive_int, _positive_float, _seed)
    return parser
