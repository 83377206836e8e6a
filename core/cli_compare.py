"""`mnist-studio compare EXPERIMENT`: one of the lesson's experiments (experiments.py) run side by side on
the same batches, with progress on stderr and a table (or one JSON object) of every run at the end.
"""

from __future__ import annotations

import json
import sys
import time

from .errors import UserError


def add_parser(sub, commands: dict, positive_int, positive_float, seed) -> None:
    """The `compare` subcommand's options (called by cli_options.build_parser)."""
    from .experiments import EXPERIMENTS

    p = sub.add_parser(
        "compare",
        help="run one of the lesson's experiments: several runs side by side on the same batches",
        description="Train the runs of an experiment side by side on the same batches and compare them. "
        + " ".join(f"{k}: {e.title}." for k, e in EXPERIMENTS.items()),
    )
    p.add_argument("experiment", choices=list(EXPERIMENTS), metavar="EXPERIMENT", help=", ".join(EXPERIMENTS))
    p.add_argument(
        "--data-dir",
        metavar="D",
        help="folder with the MNIST files (default: $MNIST_STUDIO_DATA, else your data folder)",
    )
    group = p.add_mutually_exclusive_group()
    group.add_argument("--iters", type=positive_int, help="iterations per run (default: the experiment's)")
    group.add_argument(
        "--seconds", type=positive_float, metavar="S", help="train for S seconds of wall time instead"
    )
    p.add_argument("--seed", type=seed, default=0, help="random seed of every run (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=commands["compare"])


def _table(reports) -> list[str]:
    """The runs as aligned text rows, the best (experiments.best_index) marked *."""
    from .experiments import best_index

    i = best_index(
        [
            (r.result.test_accuracy, r.result.losses[-1] if r.result.losses.size else None, r.result.ok)
            for r in reports
        ]
    )
    best = reports[i] if i is not None else None
    head = (
        f"  {'run':<20} {'iters':>7} {'it/s':>9} {'seconds':>8} {'loss':>8} {'test':>7} {'train':>7}  status"
    )
    rows = [head]
    for r in reports:
        res = r.result
        loss = f"{res.losses[-1]:.4f}" if res.losses.size else "-"
        test = f"{res.test_accuracy:.2%}" if res.test_accuracy is not None else "-"
        train = f"{res.train_accuracy:.2%}" if res.train_accuracy is not None else "-"
        mark = "*" if r is best else " "
        rows.append(
            f"{mark} {r.name:<20} {res.iterations:>7,} {res.iters_per_second:>9,.1f} {res.seconds:>8.2f} "
            f"{loss:>8} {test:>7} {train:>7}  {res.status}"
        )
    return rows


def race_figures(reports, per_iter: float) -> dict:
    """For the gradients race: the speed ratio, the largest loss gap over shared iterations, and the
    lesson's element-loop time (measured on a sample of weights).
    """
    from .compare import shared_iteration_gap
    from .element_loop import days_for

    by_name = {r.name: r.result for r in reports}
    num, back = by_name["numerical"], by_name["backprop"]
    return {
        "shared_iterations": int(min(num.iterations, back.iterations)),
        "max_loss_difference": shared_iteration_gap(num.losses, back.losses),
        "speed_ratio": back.iters_per_second / num.iters_per_second if num.iters_per_second else None,
        "element_loop_seconds_per_iteration": per_iter,
        "element_loop_days_for_10000": days_for(10000, per_iter),
    }


def cmd_compare(args) -> int:
    from .compare import Comparison
    from .events import Step
    from .experiments import experiment
    from .mnist import load_raw

    exp = experiment(args.experiment)
    data = load_raw(args.data_dir)
    iters = args.iters
    if args.seconds:
        iters = 50_000_000 // 8  # the clock ends the runs
    done: dict[int, int] = {}
    last_print = [time.perf_counter()]

    def on_event(ev):
        if type(ev) is Step:
            done[ev.run_id] = ev.iteration
            now = time.perf_counter()
            if not args.quiet and now - last_print[0] >= 2.0:
                last_print[0] = now
                parts = [f"{spec.name} {done.get(i, 0):,}" for i, spec in enumerate(comparison.specs)]
                print(f"{args.experiment}: " + ", ".join(parts), file=sys.stderr, flush=True)

    per_iter = None
    if args.experiment == "gradients":  # measured at the start, before the runs take the CPU
        from .element_loop import lesson_loop_estimate

        per_iter = lesson_loop_estimate(data, args.seed)
    comparison = Comparison.of_experiment(
        args.experiment, data, on_event, iters=iters, seed=args.seed, seconds=args.seconds
    )
    if args.seconds and exp.race:
        comparison.race = False  # with a time limit, the clock ends the race
    try:
        reports = comparison.run()
    except KeyboardInterrupt:
        comparison.stop()
        raise
    print(f"{exp.title} (seed {args.seed}):")
    for row in _table(reports):
        print(row)
    extra = {}
    if args.experiment == "gradients":
        extra = race_figures(reports, per_iter)
        ratio = extra["speed_ratio"]
        print(
            f"backprop is {ratio:,.0f}x faster; over the {extra['shared_iterations']:,} iterations both did, "
            f"their losses differ by at most {extra['max_loss_difference']:.1e}; the lesson's "
            f"element-by-element loop takes {extra['element_loop_seconds_per_iteration']:.0f} s an "
            f"iteration here: about "
            f"{extra['element_loop_days_for_10000']:.1f} days for 10,000 iterations"
            if ratio
            else "the numerical run did no iteration"
        )
    if args.json:
        out = {"experiment": args.experiment, "seed": args.seed, "runs": [r.as_dict() for r in reports]}
        out.update(extra)
        print(json.dumps(out), flush=True)
    if not reports:
        raise UserError("no runs were trained")
    return 0
