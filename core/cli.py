"""The command line: each step of the app (train, evaluate, weights, predict, download, gradcheck, bench)
as a command that needs no window.

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

from .cli_compare import cmd_compare  # noqa: F401 (build_parser finds every cmd_ here)
from .cli_options import PROG
from .cli_options import build_parser as build_options_parser
from .errors import UserError


def _print_json(obj) -> None:
    print(json.dumps(obj), flush=True)


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
        for name in (
            "hidden_size",
            "activation",
            "init",
            "optimizer",
            "lr",
            "lr_decay",
            "batch_size",
            "method",
            "seed",
            "target_accuracy",
            "weight_decay",
            "dropout",
            "train_size",
            "train_subset",
        )
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
            _note(
                bar,
                f"epoch {ev.epoch:.2f}: test accuracy {ev.test_accuracy:.2%}, train accuracy "
                f"{ev.train_accuracy:.2%}",
            )

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
        f"({rate:,.0f} iterations/s) plus {result.eval_seconds:.2f} s measuring accuracy; model saved to "
        f"{saved}"
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
                    {
                        "epoch": round(e.epoch, 3),
                        "iteration": e.iteration,
                        "test_accuracy": e.test_accuracy,
                        "train_accuracy": e.train_accuracy,
                    }
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
    from .evaluation import evaluate
    from .mnist import load_raw

    net, meta, path = _load_net(args.model)
    data = load_raw(args.data_dir)
    result = evaluate(net.params, meta.get("activation", "sigmoid"), data.x_test, data.t_test)
    confusion, accuracy = result.confusion, result.accuracy
    print(f"{path.name}: test accuracy {accuracy:.2%} on {len(result.labels):,} MNIST test digits")
    print("confusion (rows: true digit, columns: predicted):")
    print("      " + " ".join(f"{d:>5}" for d in range(10)))
    for d in range(10):
        print(f"  {d}:  " + " ".join(f"{n:>5}" for n in confusion[d]))
    if args.mistakes:
        from .sheets import mistakes_image, save_png

        wrong = result.mistakes()
        saved = save_png(args.mistakes, mistakes_image(data.x_test, wrong, result.labels, result.predictions))
        print(f"{len(wrong):,} misread test digits drawn in {saved}")
    if args.json:
        _print_json({"model": str(path), "test_accuracy": accuracy, "confusion": confusion.tolist()})
    return 0


# ---- weights -------------------------------------------------------------------------------
def cmd_weights(args) -> int:
    from .inside import grid_columns
    from .sheets import save_png, weights_image

    net, _meta, path = _load_net(args.model)
    W1 = net.params["W1"]
    saved = save_png(args.out, weights_image(W1, zoom=args.zoom))
    units = W1.shape[1]
    print(
        f"{path.name}: {units} hidden units' input weights ({grid_columns(units)} per row; red positive, "
        f"blue negative) drawn in {saved}"
    )
    return 0


# ---- predict -------------------------------------------------------------------------------
def cmd_predict(args) -> int:
    from .picture import read_picture
    from .preprocess import to_mnist

    net, _meta, _path = _load_net(args.model)
    failures = 0
    for name in args.images:
        try:
            # Prepared exactly as the window puts a picture on its pad, then read like the pad.
            pad = read_picture(name)
            digit_img = None if pad is None else to_mnist(pad)
        except UserError as e:  # the other pictures are still read; the exit code says one failed
            print(f"{PROG}: error: {e}", file=sys.stderr)
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
    return 2 if failures else 0


# ---- download ------------------------------------------------------------------------------
def cmd_download(args) -> int:
    import logging

    from .download import download_mnist
    from .download import log as download_log
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
        folder = download_mnist(
            args.data_dir, mirrors=args.mirror or None, progress=not args.quiet, timeout=args.timeout
        )
    finally:
        download_log.removeHandler(handler)
    print(f"MNIST is ready in {resolve_data_dir(folder)}")
    return 0


# ---- gradcheck -----------------------------------------------------------------------------
def gradient_check(
    data, batch: int = 100, hidden: int = 50, activation: str = "sigmoid", seed: int = 0
) -> dict:
    """Numerical vs backprop gradient of a fresh network on a real MNIST mini-batch, per parameter.

    For each parameter: the largest difference relative to the largest gradient entry, and the
    mean absolute difference (the number the lesson prints).
    """
    from .inside import check_gradients
    from .network import TwoLayerNet

    rng = np.random.default_rng(seed)
    net = TwoLayerNet(
        784, hidden, 10, activation=activation, init="std" if activation == "sigmoid" else "he", seed=rng
    )
    index = rng.choice(data.x_train.shape[0], batch, replace=False)
    x = data.x_train[index].astype(np.float64) / 255.0
    t = data.t_train[index]
    check = check_gradients(net.params, activation, x, t)
    return {
        key: {
            "max_relative_difference": check.max_relative_difference[key],
            "mean_abs_difference": check.mean_abs_difference[key],
        }
        for key in ("W1", "b1", "W2", "b2")
    }


def cmd_gradcheck(args) -> int:
    from .mnist import load_raw

    data = load_raw(args.data_dir)
    t0 = time.perf_counter()
    report = gradient_check(data, batch=args.batch_size, activation=args.activation, seed=args.seed)
    seconds = time.perf_counter() - t0
    worst = max(v["max_relative_difference"] for v in report.values())
    print(
        f"numerical vs backprop gradient on {args.batch_size} real MNIST digits (784-50-10 "
        f"{args.activation}, float64, h = 1e-4):"
    )
    for key, v in report.items():
        print(
            f"  {key:>2}: max relative difference {v['max_relative_difference']:.2e}   mean |difference| "
            f"{v['mean_abs_difference']:.2e}"
        )
    verdict = "agree" if worst < 1e-6 else "DISAGREE"
    print(f"the two gradients {verdict} (worst {worst:.1e}; expected < 1e-6) [{seconds:.2f} s]")
    if args.json:
        _print_json(
            {
                "parameters": report,
                "max_relative_difference": worst,
                "agree": worst < 1e-6,
                "seconds": seconds,
            }
        )
    return 0 if worst < 1e-6 else 1


# ---- bench ---------------------------------------------------------------------------------
def benchmarks_folder() -> Path:
    """The checkout's benchmarks/ folder (the benchmark and its baselines are not installed with the app)."""
    folder = Path(__file__).resolve().parent.parent / "benchmarks"
    if not (folder / "bench.py").is_file():
        raise UserError(
            f"the benchmark is not installed with the app: run `mnist-studio bench` from a checkout of the "
            f"source, installed with pip install -e (no {folder / 'bench.py'})"
        )
    return folder


def cmd_bench(args) -> int:
    import importlib

    folder = str(benchmarks_folder())
    if folder not in sys.path:
        sys.path.insert(0, folder)  # bench.py imports its neighbours (baselines, book_reference) by name
    bench = importlib.import_module("bench")
    return bench.main(json_output=args.json, quick=args.quick)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line's parser (cli_options.py), each subcommand wired to its function here."""
    commands = {c[len("cmd_") :]: f for c, f in globals().items() if c.startswith("cmd_")}
    return build_options_parser(commands)


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
