"""Measure what comparing runs side by side costs: K runs together against the same runs one after another,
headless and in the window's Compare page (with how late a 10 ms timer fires there), and how much the
numerical run slows the backprop run beside it in the gradients race.

    python -m mnist_studio.desktop.bench_compare [--iters N] [--repeat R] [--json]

Reported, each as the median over R rounds (so other programs' load hits both sides alike):
- together / apart: wall time of the optimizers experiment's 6 runs side by side (lock-step, one batch
  source), headless and in the window, over the sum of the 6 runs trained alone, headless (want <= 1.1);
- the 10 ms timer on the window's thread while the 6 runs train: lateness p50 and p99 (want p99 < 50 ms);
- race: backprop iterations per second beside the numerical run over backprop alone (want >= 0.8).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import replace


def _parse(argv):
    p = argparse.ArgumentParser(
        prog="python -m mnist_studio.desktop.bench_compare", description=__doc__.split("\n")[0]
    )
    p.add_argument("--iters", type=int, default=3000, help="iterations per run (default 3000)")
    p.add_argument("--repeat", type=int, default=3, help="rounds; the median counts (default 3)")
    p.add_argument("--data-dir", help="MNIST folder (default: as the app resolves it)")
    p.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    return p.parse_args(argv)


def _headless(data, iters):
    """(seconds of the 6 runs together, seconds of the 6 runs one after another), headless."""
    from mnist_studio.core.compare import Comparison
    from mnist_studio.core.experiments import experiment_configs
    from mnist_studio.core.trainer import Trainer

    pairs = experiment_configs("optimizers", iters)
    t0 = time.perf_counter()
    Comparison(pairs, data).run()
    together = time.perf_counter() - t0
    apart = 0.0
    for _, cfg in pairs:
        t0 = time.perf_counter()
        Trainer(cfg, data).run()
        apart += time.perf_counter() - t0
    return together, apart


def _race(data, iters):
    """Backprop iterations per second (alone, beside the numerical run)."""
    from mnist_studio.core.compare import Comparison
    from mnist_studio.core.experiments import experiment_configs
    from mnist_studio.core.trainer import Trainer

    pairs = [(s, replace(c, eval_every_epoch=False)) for s, c in experiment_configs("gradients", iters)]
    alone = Trainer(pairs[1][1], data).run().iters_per_second
    reports = Comparison(pairs, data, free_running=True, race=True).run()
    return alone, reports[1].result.iters_per_second


def main(argv=None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform != "linux":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QSettings, QTimer

    from mnist_studio.core.mnist import load_raw

    from .app import make_app
    from .main_window import MainWindow

    app = make_app()
    scratch = tempfile.TemporaryDirectory(prefix="mnist-studio-bench-")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, scratch.name)
    QCoreApplication.setOrganizationName("MNIST Studio bench")
    data = load_raw(args.data_dir)
    window = MainWindow(args.data_dir)
    window.show()
    while window.data is None:
        app.processEvents()
        time.sleep(0.01)
    page = window.compare_page
    window.tabs.setCurrentWidget(page)

    def in_window():
        page.experiment_combo.setCurrentIndex(page.experiment_combo.findData("optimizers"))
        page.iters_spin.setValue(args.iters)
        late, clock = [], QElapsedTimer()
        timer = QTimer()
        timer.setInterval(10)

        def tick():
            late.append(max(clock.restart() - 10, 0))

        timer.timeout.connect(tick)
        t0 = time.perf_counter()
        page.start()
        clock.start()
        timer.start()
        while page.running:
            app.processEvents()
            time.sleep(0.001)
        seconds = time.perf_counter() - t0
        timer.stop()
        return seconds, late

    rounds = []
    for r in range(args.repeat):
        together, apart = _headless(data, args.iters)
        window_seconds, late = in_window()
        alone, beside = _race(data, max(args.iters, 2000))
        late.sort()
        rounds.append(
            {
                "together_over_apart": together / apart,
                "window_over_apart": window_seconds / apart,
                "timer_p50_ms": late[len(late) // 2] if late else None,
                "timer_p99_ms": late[int(len(late) * 0.99)] if late else None,
                "backprop_alone_its": alone,
                "backprop_beside_numerical_its": beside,
                "race_ratio": beside / alone,
            }
        )
        print(f"round {r + 1}: " + ", ".join(f"{k} {v:.3g}" for k, v in rounds[-1].items()), file=sys.stderr)
    summary = {k: statistics.median(x[k] for x in rounds) for k in rounds[0]}
    summary.update(iters=args.iters, repeat=args.repeat, cpus=os.cpu_count())
    print(
        f"6 runs side by side: {summary['together_over_apart']:.2f}x the sum of their headless runs "
        f"(in the window {summary['window_over_apart']:.2f}x); 10 ms timer late by p50 "
        f"{summary['timer_p50_ms']:.0f} ms, p99 {summary['timer_p99_ms']:.0f} ms; backprop beside the "
        f"numerical run at {summary['race_ratio']:.2f}x its speed alone "
        f"({summary['backprop_beside_numerical_its']:.0f} vs {summary['backprop_alone_its']:.0f} it/s)"
    )
    if args.json:
        print(json.dumps(summary))
    window.shutdown()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
