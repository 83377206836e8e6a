"""Measure what the Inside page costs the training, and how long one redraw of a hidden-unit grid takes.

    python -m mnist_studio.desktop.bench_inside [--iters N] [--repeat R] [--hidden H] [--tab T] [--json]

Speed: the same job trained headless, then on a thread while the Inside page is open (on the panel
--tab) and fed as the window would feed it (every weight snapshot, which the page redraws a few
times a second; evaluate_when_shown after every epoch; a test digit followed through the network),
as the median ratio over pairs of runs, and how many milliseconds per second the page's redraws and
evaluations held the window's thread (a figure that other programs' load disturbs less). Redraw:
`WeightsView.set_weights` plus a synchronous repaint of the grid, for 256 units, median and worst
of 50. Runs offscreen without a display. `bench_gui --tab inside` measures the whole window with the
page on screen.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time

import numpy as np


def _parse(argv):
    p = argparse.ArgumentParser(
        prog="python -m mnist_studio.desktop.bench_inside", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("--iters", type=int, default=4000, help="iterations per run (default 4000)")
    p.add_argument(
        "--repeat", type=int, default=3, help="pairs of runs (headless, then with the page) (default 3)"
    )
    p.add_argument("--hidden", type=int, default=50, help="hidden units of the trained network (default 50)")
    p.add_argument(
        "--tab",
        choices=("weights", "digit", "confusion"),
        default="weights",
        help="the Inside panel on screen while training (default weights: the live unit pictures)",
    )
    p.add_argument("--data-dir", help="MNIST folder (default: as the app resolves it)")
    p.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    return p.parse_args(argv)


def redraw_ms(view, W1: np.ndarray, W2: np.ndarray, repeats: int = 50) -> list[float]:
    """Milliseconds for each of `repeats` redraws of the grid (new weights each time, painted at once)."""
    times = []
    for k in range(repeats):
        changed = W1 + np.float32(1e-4 * k)  # new numbers every time, made outside the clock
        t0 = time.perf_counter()
        view.set_weights(changed, W2)
        view.grid_widget.viewport().repaint()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main(argv=None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QObject, Qt, Signal

    from mnist_studio.core.errors import UserError
    from mnist_studio.core.mnist import load_raw
    from mnist_studio.core.modelfile import load_default_model
    from mnist_studio.core.trainer import (
        EpochDone,
        Finished,
        Snapshot,
        TrainConfig,
        Trainer,
    )

    from .app import make_app
    from .inside_page import InsidePage

    app = make_app()
    try:
        data = load_raw(args.data_dir)
    except UserError as e:
        print(f"bench_inside: {e}", file=sys.stderr)
        return 1
    cfg = TrainConfig(iters=args.iters, hidden_size=args.hidden)
    page = InsidePage()
    page.resize(1300, 850)
    page.show()
    page.set_reading(data.x_test[0] / 255.0)
    app.processEvents()
    page.busy_seconds = 0.0
    page.set_test_set(data.x_test, data.t_test)
    tab = {"weights": page.weights, "digit": page.activations, "confusion": page.mistakes}[args.tab]
    page.tabs.setCurrentWidget(tab)

    class Relay(QObject):
        event = Signal(object)

    relay = Relay()
    latest = {}
    counts = {"snapshots": 0}

    def on_event(ev) -> None:  # on the GUI thread
        if isinstance(ev, Snapshot):
            latest["snapshot"] = ev
            counts["snapshots"] += 1
            page.set_snapshot(ev.params, ev.activation)
        elif isinstance(ev, EpochDone) and "snapshot" in latest:
            snap = latest["snapshot"]
            page.evaluate_when_shown(snap.params, snap.activation)
        elif isinstance(ev, Finished):
            loop.quit()

    relay.event.connect(on_event, Qt.QueuedConnection)
    loop = QEventLoop()

    def with_page() -> float:
        results = []

        def callback(ev):
            if isinstance(ev, (Snapshot, EpochDone)):
                relay.event.emit(ev)
            elif isinstance(ev, Finished):
                results.append(ev.result)
                relay.event.emit(ev)

        thread = threading.Thread(target=lambda: Trainer(cfg, data, callback).run())
        t0 = time.perf_counter()
        thread.start()
        loop.exec()
        thread.join()
        app.processEvents()
        wall.append(time.perf_counter() - t0)
        return results[-1].iters_per_second

    h_runs, p_runs, wall = [], [], []
    for _ in range(max(1, args.repeat)):
        h_runs.append(Trainer(cfg, data, lambda e: None).run().iters_per_second)
        p_runs.append(with_page())
    ratios = [p / h for h, p in zip(h_runs, p_runs)]
    busy = page.busy_seconds  # the page's own redraws and evaluations, on the window's thread

    params, _meta = load_default_model()
    page.tabs.setCurrentWidget(page.weights)
    app.processEvents()
    times = redraw_ms(page.weights, params["W1"], params["W2"])
    out = {
        "iters": args.iters,
        "hidden": args.hidden,
        "headless_iters_per_second": round(statistics.median(h_runs), 1),
        "with_page_iters_per_second": round(statistics.median(p_runs), 1),
        "ratio": round(statistics.median(ratios), 3),
        "pair_ratios": [round(r, 3) for r in ratios],
        "snapshots_per_run": counts["snapshots"] // len(p_runs),
        "tab": args.tab,
        "page_busy_ms_per_second": round(1000 * busy / sum(wall), 1),
        "redraw_256_units_ms_median": round(statistics.median(times), 2),
        "redraw_256_units_ms_max": round(max(times), 2),
    }
    print(
        f"headless: {out['headless_iters_per_second']:,.0f} it/s   with the Inside page: "
        f"{out['with_page_iters_per_second']:,.0f} it/s   ratio {out['ratio']} "
        f"(pairs {out['pair_ratios']}; want >= 0.85)"
    )
    busy_ms = out["page_busy_ms_per_second"]
    print(f"the page kept the window's thread busy {busy_ms} ms per second of training")
    print(
        f"redraw of a 256-unit grid: median {out['redraw_256_units_ms_median']} ms, "
        f"worst {out['redraw_256_units_ms_max']} ms of {len(times)} (want < 20 ms)"
    )
    if args.json:
        print(json.dumps(out))
    page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
