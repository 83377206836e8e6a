"""A long run in the window (not a test: pytest does not collect it): the seed job for 1,000,000 iterations at
full speed, watching memory and how late a 10 ms timer fires on the window's thread.

    MNIST_STUDIO_DATA=../shared/mnist python tests/reliability_longrun.py [--iters 1000000] [--runs 1] [--json
    FILE]

Samples every 2 s: resident memory (VmRSS from /proc, so Linux only), iterations done, points on
the loss plot. A 10 ms PreciseTimer on the window's thread records how late each tick is (what a
user feels as a stutter). At the end: the time of a full redraw of the loss plot with all the
points, at the whole-run zoom and zoomed into the last 1%, and of the window's whole plot refresh.
Runs offscreen when there is no display.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    now = peak = 0.0
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return now, peak


def pct(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--iters", type=int, default=1_000_000)
    p.add_argument(
        "--runs",
        type=int,
        default=1,
        help="runs one after the other in the same window (each new run keeps the last faintly)",
    )
    p.add_argument("--data-dir", default=None)
    p.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    args = p.parse_args(argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QSettings, Qt, QTimer

    from mnist_studio.desktop.app import make_app
    from mnist_studio.desktop.main_window import MainWindow

    app = make_app()
    scratch = tempfile.TemporaryDirectory(prefix="mnist-studio-longrun-")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, scratch.name)
    QCoreApplication.setOrganizationName("MNIST Studio long run")

    w = MainWindow(data_dir=args.data_dir)
    w.resize(1380, 880)
    w.show()
    end = time.monotonic() + 60
    while w.data is None and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    if w.data is None:
        print("no MNIST: set MNIST_STUDIO_DATA or pass --data-dir", file=sys.stderr)
        return 1
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)

    all_runs = []
    for run_no in range(1, args.runs + 1):
        print(f"--- run {run_no} of {args.runs}: {args.iters:,} iterations", flush=True)
        rss_before, _ = rss_mb()
        w.controls.iters_spin.setValue(args.iters)
        assert w.controls.config().iters == args.iters, "the iterations box does not go this high"

        late_ms: list[float] = []
        clock = QElapsedTimer()
        tick = QTimer()
        tick.setTimerType(Qt.PreciseTimer)
        tick.setInterval(10)
        last = [None]

        def on_tick():
            now = clock.nsecsElapsed() / 1e6
            if last[0] is not None:
                late_ms.append(max(0.0, now - last[0] - 10.0))
            last[0] = now

        tick.timeout.connect(on_tick)

        samples = []  # (seconds, rss MB, iterations, points on the plot, loss-plot paint ms)
        t0 = time.perf_counter()

        def sample():
            b = w.current_run().last_batch
            rss, _ = rss_mb()
            samples.append(
                (
                    time.perf_counter() - t0,
                    rss,
                    b.iteration if b else 0,
                    w.plots.point_count(),
                    w.plots.paint_cost() * 1000,
                )
            )
            s = samples[-1]
            print(
                f"{s[0]:7.1f} s  rss {s[1]:7.1f} MB  it {s[2]:>9,}  points {s[3]:>9,}  paint {s[4]:6.1f} ms",
                flush=True,
            )

        sampler = QTimer()
        sampler.setInterval(2000)
        sampler.timeout.connect(sample)

        clock.start()
        assert w.start_training(), w.message_bar.text()
        tick.start()
        sampler.start()
        loop = QEventLoop()
        w.runs.ended.connect(loop.quit)
        if w.runs.any_running:
            loop.exec()  # a real event loop, as in the app, until the training thread has ended
        tick.stop()
        sampler.stop()
        for _ in range(50):
            app.processEvents()
            time.sleep(0.01)
        sample()
        wall = time.perf_counter() - t0
        result = w.current_run().result
        rss_after, rss_peak = rss_mb()

        # ---- a redraw with all the points ----
        lp = w.plots.loss_plot

        def time_paint(n=7):
            times = []
            for _ in range(n):
                a = time.perf_counter()
                lp.viewport().repaint()
                times.append((time.perf_counter() - a) * 1000)
            return statistics.median(times)

        def time_refresh(n=7):
            times = []
            for _ in range(n):
                a = time.perf_counter()
                w.plots.refresh()
                lp.viewport().repaint()
                w.plots.acc_plot.viewport().repaint()
                times.append((time.perf_counter() - a) * 1000)
            return statistics.median(times)

        paint_full = time_paint()
        refresh_full = time_refresh()
        total = result.iterations
        lp.getPlotItem().setXRange(total * 0.99, total, padding=0)
        app.processEvents()
        paint_zoom = time_paint()
        lp.getPlotItem().setXRange(0, total, padding=0.01)
        app.processEvents()
        w.plots.set_log_scale(True)
        app.processEvents()
        paint_log = time_paint()
        w.plots.set_log_scale(False)

        # After the first 10% of the run (all start-up allocations done) to the end.
        early = next((s for s in samples if s[2] >= 0.1 * total), samples[0])
        figures = {
            "iterations": total,
            "status": result.status,
            "wall_seconds": round(wall, 1),
            "training_seconds": round(result.seconds, 1),
            "iters_per_second": round(result.iters_per_second),
            "final_test_accuracy": result.test_accuracy,
            "points_on_plot": w.plots.point_count(),
            "rss_before_start_mb": round(rss_before, 1),
            "rss_at_10pct_mb": round(early[1], 1),
            "rss_end_mb": round(rss_after, 1),
            "rss_peak_mb": round(rss_peak, 1),
            "rss_growth_10pct_to_end_mb": round(rss_after - early[1], 1),
            "rss_growth_whole_run_mb": round(rss_after - rss_before, 1),
            "timer_ticks": len(late_ms),
            "timer_late_p50_ms": round(pct(late_ms, 50), 2),
            "timer_late_p99_ms": round(pct(late_ms, 99), 2),
            "timer_late_max_ms": round(max(late_ms), 1) if late_ms else None,
            "timer_ticks_late_over_50ms": sum(v > 50 for v in late_ms),
            "timer_ticks_late_over_100ms": sum(v > 100 for v in late_ms),
            "loss_plot_paint_ms_during_run_last": round(samples[-1][4], 2),
            "loss_plot_paint_ms_full_range": round(paint_full, 2),
            "loss_plot_paint_ms_last_1pct": round(paint_zoom, 2),
            "loss_plot_paint_ms_log_scale": round(paint_log, 2),
            "plot_refresh_and_paint_ms": round(refresh_full, 2),
            "samples": [[round(v, 2) for v in s] for s in samples],
        }
        figures["run"] = run_no
        all_runs.append(figures)
        print(json.dumps({k: v for k, v in figures.items() if k != "samples"}), flush=True)
    w.shutdown()
    w.close()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(all_runs, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
