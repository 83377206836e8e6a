"""Measure what the window costs the training: the same job trained headless and inside the window, in one
run, and how late a 10 ms timer fires on the window's thread meanwhile.

    python -m mnist_studio.desktop.bench_gui [--iters N] [--repeat R] [--tab inside [--panel P]] [--json]

Reported: iterations per second headless and in the window (the training loop's own clock, pauses
excluded, as TrainResult counts them) and their ratio (want >= 0.9), as the median over pairs of
runs (headless, then window) so that other programs' load hits both sides alike; the lateness of a
10 ms timer on the GUI thread during training, p50 and p99 (want p99 < 50 ms), from extra window
runs with that timer; how many batches the worker sent per second (at most 10) and how often the
loss plot redrew, and the CPU time the window's thread used per second of training (painting
included; a figure that other programs' load hardly changes). With --tab inside the window shows the
"Inside the network" tab while it trains (--panel: the hidden units, a test digit inside, or the
confusion matrix), fed as always, and the page's own busy time is reported too (want ratio >= 0.85).
Runs offscreen when there is no display.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np


def _parse(argv):
    p = argparse.ArgumentParser(
        prog="python -m mnist_studio.desktop.bench_gui", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("--iters", type=int, default=4000, help="iterations per run (default 4000)")
    p.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="pairs of runs (headless, then window) (default 5); the median pair counts",
    )
    p.add_argument("--data-dir", help="MNIST folder (default: as the app resolves it)")
    p.add_argument("--hidden", type=int, default=50, help="hidden units (default 50, the lesson's)")
    p.add_argument(
        "--draw", action="store_true", help="also draw on the pad while training, as a student would"
    )
    p.add_argument(
        "--tab",
        choices=("training", "inside"),
        default="training",
        help="the tab on screen while training (default training)",
    )
    p.add_argument(
        "--panel",
        choices=("weights", "digit", "confusion"),
        default="weights",
        help="with --tab inside: the Inside panel on screen (default weights: the live unit pictures)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform not in ("linux",):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QSettings, Qt, QTimer

    from mnist_studio.core.errors import UserError
    from mnist_studio.core.mnist import load_raw
    from mnist_studio.core.trainer import TrainConfig, Trainer

    from .app import _densify, make_app
    from .main_window import MainWindow

    app = make_app()
    import tempfile

    scratch = tempfile.TemporaryDirectory(prefix="mnist-studio-bench-")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, scratch.name)
    QCoreApplication.setOrganizationName("MNIST Studio bench")

    try:
        data = load_raw(args.data_dir)
    except UserError as e:
        print(f"bench_gui: {e}", file=sys.stderr)
        return 1
    cfg = TrainConfig(iters=args.iters, hidden_size=args.hidden)

    def headless() -> float:
        result = Trainer(cfg, data, lambda e: None).run()
        return result.iters_per_second

    window = MainWindow(data_dir=args.data_dir)
    window.resize(1380, 880)
    window.show()
    window.use_data(data)
    window.controls.set_config(cfg)
    page = window.inside_page
    if args.tab == "inside":
        window.tabs.setCurrentIndex(window.inside.page_index)
        page.tabs.setCurrentWidget(
            {"weights": page.weights, "digit": page.activations, "confusion": page.mistakes}[args.panel]
        )
        window.inside.show_test_digit(0)
        app.processEvents()

    def in_window(probe: bool) -> tuple[float, list[float], dict]:
        late: list[float] = []
        clock = QElapsedTimer()
        timer = QTimer()
        timer.setTimerType(Qt.PreciseTimer)
        timer.setInterval(10)
        last = [None]

        def tick():
            now = clock.nsecsElapsed() / 1e6
            if last[0] is not None:
                late.append(max(0.0, now - last[0] - 10.0))
            last[0] = now

        timer.timeout.connect(tick)
        results = []

        def on_finished(_run_id, result):
            results.append(result)

        window.runs.finished.connect(on_finished)
        paints0 = window.plots.loss_plot.paints
        strokes = [[(70 + 10 * k, 60 + 6 * k) for k in range(20)], [(200, 60), (150, 230)]]
        draw_timer = QTimer()
        draw_step = [0]

        def draw():
            window.canvas.clear() if draw_step[0] % 3 == 0 else window.canvas.draw_stroke(
                _densify(strokes[draw_step[0] % 2])
            )
            draw_step[0] += 1

        draw_timer.timeout.connect(draw)
        clock.start()
        if probe:
            timer.start()
        if args.draw:
            draw_timer.start(300)
        t0, cpu0, busy0 = time.perf_counter(), time.thread_time(), page.busy_seconds
        if not window.start_training():
            raise SystemExit("bench_gui: training did not start: " + window.message_bar.text())
        run = window.current_run()
        loop = QEventLoop()  # a real event loop, as app.exec() runs it: it sleeps when idle
        window.runs.ended.connect(loop.quit)
        if window.runs.any_running:
            loop.exec()
        window.runs.ended.disconnect(loop.quit)
        wall, gui_cpu = time.perf_counter() - t0, time.thread_time() - cpu0
        timer.stop()
        draw_timer.stop()
        window.runs.finished.disconnect(on_finished)
        app.processEvents()
        res = results[-1]
        info = {
            "batches_per_second": run.batches / max(res.seconds, 1e-9),
            "plot_refreshes_per_second": (window.plots.loss_plot.paints - paints0) / wall,
            "gui_cpu_per_second": gui_cpu / wall,
            "inside_busy_per_second": (page.busy_seconds - busy0) / wall,
        }
        return res.iters_per_second, late, info

    # The 10 ms timer is a probe, and a probe costs something: its callback is Python, so each tick
    # takes the GIL from the training thread. Speed is therefore measured in runs without it, and
    # the timer's lateness in separate runs with it (whose speed is reported too).
    h_runs, w_runs, p_runs, lateness, infos = [], [], [], [], []
    for _ in range(max(1, args.repeat)):
        h_runs.append(headless())
        ips, _, info = in_window(probe=False)
        w_runs.append(ips)
        infos.append(info)
        window.reset_training()
        ips, late, _ = in_window(probe=True)
        p_runs.append(ips / h_runs[-1])
        lateness += late
        window.reset_training()
    window.close()
    window.shutdown()
    scratch.cleanup()

    h = statistics.median(h_runs)
    w = statistics.median(w_runs)
    # Each window run is compared with the headless run just before it, so that a change in the
    # machine's load (other programs) during the benchmark does not count against either side.
    pair_ratios = [wr / hr for hr, wr in zip(h_runs, w_runs) if hr]
    lat = np.array(lateness) if lateness else np.zeros(1)
    out = {
        "iters": args.iters,
        "hidden": args.hidden,
        "repeat": args.repeat,
        "draw": args.draw,
        "tab": args.tab if args.tab == "training" else f"inside/{args.panel}",
        "headless_iters_per_second": round(h, 1),
        "window_iters_per_second": round(w, 1),
        "ratio": round(statistics.median(pair_ratios), 3) if pair_ratios else None,
        "pair_ratios": [round(r, 3) for r in pair_ratios],
        "ratio_with_timer_probe": round(statistics.median(p_runs), 3),
        "timer_late_ms_p50": round(float(np.percentile(lat, 50)), 2),
        "timer_late_ms_p99": round(float(np.percentile(lat, 99)), 2),
        "timer_late_ms_max": round(float(lat.max()), 2),
        "batches_per_second": round(statistics.median(i["batches_per_second"] for i in infos), 1),
        "plot_refreshes_per_second": round(
            statistics.median(i["plot_refreshes_per_second"] for i in infos), 1
        ),
        "gui_cpu_per_second": round(statistics.median(i["gui_cpu_per_second"] for i in infos), 3),
        "inside_busy_ms_per_second": round(
            1000 * statistics.median(i["inside_busy_per_second"] for i in infos), 1
        ),
        "headless_runs": [round(x, 1) for x in h_runs],
        "window_runs": [round(x, 1) for x in w_runs],
    }
    want = "0.9" if args.tab == "training" else "0.85"
    print(f"tab on screen: {out['tab']}")
    print(
        f"headless: {h:,.0f} it/s   window: {w:,.0f} it/s   ratio {out['ratio']} "
        f"(median of pairs {out['pair_ratios']}; want >= {want})"
    )
    print(
        f"10 ms timer lateness on the GUI thread: p50 {out['timer_late_ms_p50']} ms, "
        f"p99 {out['timer_late_ms_p99']} ms (want p99 < 50); "
        f"speed ratio while the timer runs: {out['ratio_with_timer_probe']}"
    )
    print(
        f"worker batches/s: {out['batches_per_second']}   "
        f"plot redraws/s: {out['plot_refreshes_per_second']}   "
        f"window-thread CPU: {out['gui_cpu_per_second']} s per second of training"
    )
    if args.tab == "inside":
        print(
            f"the Inside page's redraws and evaluations: {out['inside_busy_ms_per_second']} ms "
            "per second of training"
        )
    if args.json:
        print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
