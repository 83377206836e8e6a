"""How fast MNIST Studio trains, measured beside the code it is compared with, so every figure is a ratio
taken on the same machine at the same moment.

`mnist-studio bench [--json]` (from a checkout) or `python benchmarks/bench.py [--json] [--quick]` runs
four measurements and prints a table (with --json, one JSON
object as the last line):

1. The seed's job (784-50-10 sigmoid, SGD 0.1, batch 100, 10,000 iterations) by our trainer,
   against the lesson's own code in plain float64 NumPy (book_reference.py, layer classes and all)
   and against PyTorch on the CPU if it is installed. Each side's clock covers its training loop
   only: drawing the batch, forward, backward, update, recording the loss. Accuracy checks after
   each epoch are timed apart (our trainer reports them as `eval_seconds`), since the lesson's
   loop measures train accuracy on all 60,000 images and ours on a 5,000-image sample. Data
   preparation is outside every clock (the baselines get their float arrays ready-made), except
   that our first run also times making the training set's copy without its blank pixels
   (blank_pixels.py, 30-90 ms); later runs in the process reuse it, as the window's runs do.
2. The numerical gradient: seconds per iteration of `--method numerical`, against the lesson's
   element-by-element loop. That loop takes 15-60 s per iteration, so it is timed on a random
   sample of the 39,760 weights (4,000; 200 when quick) and scaled up: every weight costs it the
   same two loss evaluations. The sampled values are also checked against ours.
3. The fast preset: seconds until the per-epoch test accuracy reaches 98%, evaluations included,
   against PyTorch's standard strong recipe (784-512-10 ReLU, Adam 1e-3, batch 128, shuffled).
4. Peak memory (resident set) of a whole `train` run, in a fresh process.

The baselines get their best thread count: each is tried briefly with 1 and 2 threads first, and
2 is used if clearly faster; a 2-thread run that then goes much slower than its probe foretold (the
second core got busy) is run again on 1 and the faster kept. Our trainer always uses one BLAS
thread (see TrainConfig.blas_threads); quick runs give every baseline 1 thread too. Each
timing is the best of a few runs, interleaved, because a shared machine is noisy. The whole bench
takes 1.5-3 minutes on a 2-core machine; quick=True is a ~30-second smoke version (2,000 iterations
of the seed job, one run each, one seed for the fast preset): its ratios are rougher.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time

import numpy as np
from baselines import (
    TARGET,
    _torch,
    seed_baseline,
    seed_numerical_loop_sample,
    torch_seed_job,
    torch_strong_recipe,
)
from threadpoolctl import threadpool_info, threadpool_limits

from mnist_studio.core.kernels import numerical_gradient_fast
from mnist_studio.core.mnist import load_raw
from mnist_studio.core.network import PARAM_NAMES, TwoLayerNet
from mnist_studio.core.paths import resolve_data_dir
from mnist_studio.core.trainer import TrainConfig, Trainer, preset_config

SEED_ITERS = 10_000
PROBE_ITERS, STRONG_PROBE_ITERS = (
    300,
    60,
)  # iterations of the short runs that choose a baseline's thread count
MB = 1024 * 1024

TORCH_MISSING = (
    "note: PyTorch is not installed, so its rows are left out of this bench; to include them: "
    "pip install torch (its CPU-only build is enough)"
)


# ---- helpers ----------------------------------------------------------------------------------
def _thread_choice(probe, quick):
    """The thread count a baseline runs with, and the probe times: 2 only if a short probe ran at least 15%
    faster with 2 (tried 3 times each, in turns).

    Quick runs skip the probe and use 1: a second thread is a gamble on a shared 2-core machine.
    """
    if quick or (os.cpu_count() or 1) < 2:
        return 1, {}
    probe(1)  # warm-up: first calls pay for allocations and library loading
    times = {1: math.inf, 2: math.inf}
    for _ in range(3):
        for c in (1, 2):
            times[c] = min(times[c], probe(c))
    return (2 if times[2] < 0.85 * times[1] else 1), times


def _guarded(run, threads, probes, probe_units):
    """Time run(threads) -> (seconds, units done, result); returns (seconds, result, threads).

    If it ran on 2 threads and took over 1.5x longer per unit than its probe, the second core got
    busy meanwhile (two threads then wait on each other for milliseconds at a time): it is timed
    once more on 1 thread and the faster run is kept, so a busy spell cannot inflate our ratio.
    """
    secs, units, result = run(threads)
    if threads == 2 and secs / units > 1.5 * probes[2] / probe_units:
        secs1, _, result1 = run(1)
        if secs1 < secs:
            return secs1, result1, 1
    return secs, result, threads


def _blas_probe(fn):
    def probe(threads):
        with threadpool_limits(threads, user_api="blas"):
            return fn()

    return probe


def _accuracy_of(predict, x_test, t_test):
    return float(np.mean(np.argmax(predict(x_test), axis=1) == t_test))


# Runs a module or a script and, as it exits, writes its peak resident memory (bytes) to a file.
# The peak is the process's own VmHWM: the rusage of a child on Linux also counts the memory of
# the parent it was forked from (the bench itself, hundreds of MB with PyTorch loaded).
_PEAK_WRAPPER = """
import atexit, runpy, sys

def _peak():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r if sys.platform == "darwin" else r * 1024

def _write(path=sys.argv[1]):
    with open(path, "w") as f:
        f.write(str(_peak()))

atexit.register(_write)
mode, target = sys.argv[2], sys.argv[3]
sys.argv = [target] + sys.argv[4:]
if mode == "module":
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    exec(compile(target, "<bench>", "exec"), {"__name__": "__main__"})
"""


def peak_memory_of(mode, target, args=(), env=None) -> tuple[float | None, int, str]:
    """Run a module (mode "module") or Python source (mode "code") in a fresh interpreter; return (peak
    resident MB, exit code, last line of stderr).
    """
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "peak")
        cmd = [sys.executable, "-c", _PEAK_WRAPPER, out, mode, target, *map(str, args)]
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
        last = (proc.stderr.strip().splitlines() or [""])[-1]
        try:
            with open(out) as f:
                return int(f.read()) / MB, proc.returncode, last
        except (OSError, ValueError):  # no resource module (Windows) or the child died hard
            return None, proc.returncode, last


def _machine() -> dict:
    blas = [
        {k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    ]
    info = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas,
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "load_average_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }
    if importlib.util.find_spec("torch") is not None:
        from importlib.metadata import version

        info["torch"] = version("torch")
    return info


# ---- the four measurements ---------------------------------------------------------------------
def bench_seed_job(data, quick, log):
    iters = 2000 if quick else SEED_ITERS
    reps = 1 if quick else 3
    x_test, t_test = data.x_test, data.t_test.astype(np.intp)
    cfg = preset_config("seed", iters=iters)

    # the baselines' inputs as they would have them, and their faster thread counts
    x32 = data.x_train.astype(np.float32) / np.float32(255.0)  # the book's load_mnist(normalize=True)
    onehot = np.eye(10)[data.t_train]
    np_threads, np_probes = _thread_choice(
        _blas_probe(lambda: seed_baseline(x32, onehot, PROBE_ITERS)[1]), quick
    )
    torch = _torch()
    if torch is not None:
        xt = torch.from_numpy(x32)
        tt = torch.from_numpy(data.t_train.astype(np.int64))
        t_threads, t_probes = _thread_choice(
            lambda n: torch_seed_job(torch, xt, tt, PROBE_ITERS, threads=n)[1], quick
        )

    def numpy_run(threads):
        with threadpool_limits(threads, user_api="blas"):
            net, secs = seed_baseline(x32, onehot, iters)
        return secs, iters, net

    def torch_run(threads):
        model, secs = torch_seed_job(torch, xt, tt, iters, threads=threads)
        return secs, iters, model

    # the timed runs, taking turns so that a busy spell on the machine hits all of them alike
    ours, np_runs, t_runs = [], [], []
    for rep in range(reps):
        r = Trainer(cfg, data).run()
        ours.append((r.seconds - r.eval_seconds, r.seconds, r.eval_seconds, r.test_accuracy, len(r.epochs)))
        if rep < 2:  # the float64 code is slow: two runs
            secs, net, used = _guarded(numpy_run, np_threads, np_probes, PROBE_ITERS)
            np_runs.append((secs, used))
        if torch is not None:
            secs, model, used = _guarded(torch_run, t_threads, t_probes, PROBE_ITERS)
            t_runs.append((secs, used))

    loop, total, evals, acc, n_evals = min(ours)
    out = {
        "iterations": iters,
        "ours": {
            "loop_seconds": loop,
            "seconds_with_evaluations": total,
            "eval_seconds": evals,
            "iters_per_second": iters / loop,
            "test_accuracy": acc,
            "runs": len(ours),
        },
    }
    log(
        f"  ours      {loop:7.2f} s loop ({iters / loop:,.0f} it/s) + {evals:.2f} s for {n_evals} "
        f"evaluations; test accuracy {acc:.2%}"
    )

    acc64 = _accuracy_of(net.predict, x_test.astype(np.float64) / 255.0, t_test)
    secs, np_threads = min(np_runs)
    out["numpy_float64"] = {
        "seconds": secs,
        "iters_per_second": iters / secs,
        "test_accuracy": acc64,
        "blas_threads": np_threads,
        "thread_probe_seconds": np_probes,
        "runs": len(np_runs),
    }
    out["speedup_vs_numpy_float64"] = secs / loop
    log(
        f"  lesson's float64 NumPy {secs:7.2f} s ({np_threads} BLAS thread{'s' * (np_threads > 1)}); "
        f"test accuracy {acc64:.2%}  -> ours is {secs / loop:.1f}x faster"
    )

    if torch is not None:
        with torch.no_grad():
            acc_t = _accuracy_of(
                lambda x: model(torch.from_numpy(x)).numpy(), x_test.astype(np.float32) / 255.0, t_test
            )
        secs, t_threads = min(t_runs)
        out["torch"] = {
            "seconds": secs,
            "iters_per_second": iters / secs,
            "test_accuracy": acc_t,
            "threads": t_threads,
            "thread_probe_seconds": t_probes,
            "runs": len(t_runs),
            "version": torch.__version__,
        }
        out["speedup_vs_torch"] = secs / loop
        log(
            f"  PyTorch {torch.__version__} {secs:7.2f} s ({t_threads} thread{'s' * (t_threads > 1)}); "
            f"test accuracy {acc_t:.2%}  -> ours is {secs / loop:.1f}x faster"
        )
    return out


def bench_numerical(data, quick, log):
    iters = 2 if quick else 5
    cfg = TrainConfig(method="numerical", iters=iters, eval_every_epoch=False)
    per_iter = min(Trainer(cfg, data).run().seconds for _ in range(1 if quick else 2)) / iters
    log(f"  ours      {per_iter:7.3f} s per iteration ({1 / per_iter:.1f} iterations per second)")

    # the lesson's loop on a random sample of weights of a fresh net, on one real batch
    rng = np.random.default_rng(0)
    net = TwoLayerNet(seed=0)
    idx = rng.integers(0, data.x_train.shape[0], 100)
    x, t = data.x_train[idx] / 255.0, data.t_train[idx].astype(np.intp)
    sizes = {k: net.params[k].size for k in PARAM_NAMES}
    total = sum(sizes.values())
    n_pick = 200 if quick else 4000
    flat = rng.choice(total, n_pick, replace=False)
    bounds = np.cumsum([0] + [sizes[k] for k in PARAM_NAMES])
    which = np.searchsorted(bounds, flat, side="right") - 1  # the parameter array each pick falls in
    picks = [(PARAM_NAMES[j], int(f - bounds[j])) for f, j in zip(flat, which)]
    with threadpool_limits(1, user_api="blas"):  # the loop's products are tiny: one thread is its fastest
        values, secs = seed_numerical_loop_sample(net.params, x, t, picks)
        ours = numerical_gradient_fast(net.params, x, t, "sigmoid")
    loop_per_iter = secs * total / n_pick
    ours_values = np.array([ours[k].reshape(-1)[i] for k, i in picks])
    scale = max(float(np.abs(values).max()), 1e-12)
    max_diff = float(np.abs(values - ours_values).max()) / scale
    log(
        f"  lesson's element loop {loop_per_iter:7.1f} s per iteration (timed on {n_pick} of {total} "
        "weights, scaled up)"
        f"  -> ours is {loop_per_iter / per_iter:,.0f}x faster; largest difference {max_diff:.1e} of the "
        "largest gradient"
    )
    return {
        "ours_seconds_per_iteration": per_iter,
        "seed_loop_seconds_per_iteration": loop_per_iter,
        "seed_loop_sampled_weights": n_pick,
        "weights": total,
        "speedup": loop_per_iter / per_iter,
        "max_difference_relative_to_largest": max_diff,
    }


def bench_fast_preset(data, quick, log):
    seeds = (0,) if quick else (0, 1, 2)
    torch = _torch()
    if torch is not None:
        xt = torch.from_numpy(data.x_train.astype(np.float32) / np.float32(255.0))
        tt = torch.from_numpy(data.t_train.astype(np.int64))
        xs = torch.from_numpy(data.x_test.astype(np.float32) / np.float32(255.0))
        ts = torch.from_numpy(data.t_test.astype(np.int64))
        threads, probes = _thread_choice(
            lambda n: torch_strong_recipe(torch, xt, tt, xs, ts, threads=n, max_iters=STRONG_PROBE_ITERS)[0],
            quick,
        )

        def torch_run(seed, threads):
            secs, epochs, acc, done = torch_strong_recipe(torch, xt, tt, xs, ts, seed=seed, threads=threads)
            return secs, done, (epochs, acc)

    ours, runs = [], []
    for seed in seeds:  # taking turns, as in the seed job
        r = Trainer(preset_config("fast", seed=seed, target_accuracy=TARGET), data).run()
        o = {
            "seed": seed,
            "seconds": r.seconds,
            "eval_seconds": r.eval_seconds,
            "epochs": r.epochs[-1].epoch if r.epochs else None,
            "test_accuracy": r.test_accuracy,
            "reached": r.status == "target reached",
        }
        ours.append(o)
        log(
            f"  ours, seed {seed}: {o['seconds']:6.2f} s to {o['test_accuracy']:.2%}"
            f" after {o['epochs']:g} epochs ({o['eval_seconds']:.2f} s of it evaluating)"
            f"{'' if o['reached'] else '  NOT REACHED'}"
        )
        if torch is not None:
            secs, (epochs, acc), used = _guarded(
                lambda n, seed=seed: torch_run(seed, n), threads, probes, STRONG_PROBE_ITERS
            )
            runs.append(
                {
                    "seed": seed,
                    "seconds": secs,
                    "epochs": epochs,
                    "test_accuracy": acc,
                    "reached": acc >= TARGET,
                    "threads": used,
                }
            )
            log(
                f"  PyTorch 784-512-10 Adam 1e-3, seed {seed}: {secs:6.2f} s to {acc:.2%} after {epochs} "
                "epochs"
                f" ({used} thread{'s' * (used > 1)})"
            )
    ours_med = float(np.median([o["seconds"] for o in ours]))
    out = {
        "target": TARGET,
        "ours": ours,
        "ours_median_seconds": ours_med,
        "all_reached": all(o["reached"] for o in ours),
    }
    if torch is not None:
        med = float(np.median([r["seconds"] for r in runs]))
        out["torch"] = {
            "runs": runs,
            "median_seconds": med,
            "threads": threads,
            "thread_probe_seconds": probes,
        }
        out["speedup_vs_torch"] = med / ours_med
        log(
            f"  -> ours reaches {TARGET:.0%} {med / ours_med:.1f}x sooner (median of {len(seeds)} "
            f"seed{'s' * (len(seeds) > 1)})"
        )
    return out


def bench_memory(data_dir, quick, log):
    iters = 600 if quick else SEED_ITERS
    env = dict(os.environ, MNIST_STUDIO_DATA=str(data_dir))
    peak, how = None, "trainer"
    with tempfile.TemporaryDirectory() as tmp:
        if importlib.util.find_spec("mnist_studio.core.cli") is not None:
            args = ["train", "--iters", iters, "--out", os.path.join(tmp, "m.npz"), "--data-dir", data_dir]
            peak, code, err = peak_memory_of("module", "mnist_studio.core.cli", args, env)
            if code == 0:
                how = "train"
            else:
                log(f"  (`train` failed: {err}; measuring the trainer instead)")
        if how == "trainer":
            script = (
                "from mnist_studio.core.mnist import load_raw\n"
                "from mnist_studio.core.trainer import TrainConfig, Trainer\n"
                f"Trainer(TrainConfig(iters={iters}), load_raw({str(data_dir)!r})).run()\n"
            )
            peak, code, err = peak_memory_of("code", script, env=env)
    base, _, _ = peak_memory_of("code", "import numpy", env=env)
    if peak is None:
        log("  peak memory: this system cannot report it")
        return {"peak_mb": None}
    what = "`mnist-studio train`" if how == "train" else "the trainer in a fresh process"
    log(f"  {what}, {iters} iterations: peak {peak:.0f} MB (Python with NumPy alone: {base:.0f} MB)")
    return {
        "peak_mb": peak,
        "python_numpy_alone_mb": base,
        "measured": how,
        "iterations": iters,
        "exit_code": code,
    }


def summary_table(report) -> list[str]:
    """The figures and ratios as a small table (what, ours, baseline, how many times faster)."""
    rows = [("", "ours", "baseline", "", "ratio")]
    sj = report["seed_job"]
    its = f"{sj['iterations']:,}"
    rows.append(
        (
            f"seed job, {its} iterations",
            f"{sj['ours']['loop_seconds']:.2f} s",
            "NumPy float64",
            f"{sj['numpy_float64']['seconds']:.2f} s",
            f"{sj['speedup_vs_numpy_float64']:.1f}x",
        )
    )
    if "torch" in sj:
        rows.append(("", "", "PyTorch", f"{sj['torch']['seconds']:.2f} s", f"{sj['speedup_vs_torch']:.1f}x"))
    nu = report["numerical"]
    rows.append(
        (
            "numerical gradient, per iteration",
            f"{nu['ours_seconds_per_iteration']:.3f} s",
            "lesson's loop",
            f"{nu['seed_loop_seconds_per_iteration']:.1f} s",
            f"{nu['speedup']:,.0f}x",
        )
    )
    fp = report["fast_preset"]
    rows.append(
        (
            f"time to {fp['target']:.0%} (fast preset)",
            f"{fp['ours_median_seconds']:.2f} s",
            "PyTorch 512 Adam" if "torch" in fp else "",
            f"{fp['torch']['median_seconds']:.2f} s" if "torch" in fp else "",
            f"{fp['speedup_vs_torch']:.1f}x" if "torch" in fp else "",
        )
    )
    mem = report["memory"]
    if mem.get("peak_mb") is not None:
        rows.append(("peak memory of train", f"{mem['peak_mb']:.0f} MB", "", "", ""))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    return [
        "  ".join(
            c.ljust(w) if i in (0, 2) else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))
        ).rstrip()
        for r in rows
    ]


def main(json_output: bool = False, quick: bool = False, *, data_dir=None) -> int:
    """Run the benchmark, print a readable report (and with json_output one JSON object as the last line); 0
    if our runs met their accuracy targets.
    """
    folder = resolve_data_dir(data_dir)
    data = load_raw(folder)  # a DataError (a UserError) if MNIST is not there

    def log(line):
        print(line, flush=True)

    machine = _machine()
    load = machine["load_average_at_start"]
    blas = ", ".join(f"{b['internal_api']} {b['architecture']}" for b in machine["blas"])
    log(
        f"MNIST Studio bench{' (quick)' if quick else ''}: {machine['cpus']} CPUs, NumPy "
        f"{machine['numpy']} with {blas}"
        + (f", load average {load[0]:.1f} at the start" if load else "")
    )
    if importlib.util.find_spec("torch") is None:
        log(TORCH_MISSING)
    report = {"quick": quick, "machine": machine}
    t0 = time.perf_counter()
    log("1. the seed's job: 784-50-10 sigmoid, SGD 0.1, batch 100 (training loop only)")
    report["seed_job"] = bench_seed_job(data, quick, log)
    log("2. numerical gradient (central differences, float64), seed's job")
    report["numerical"] = bench_numerical(data, quick, log)
    log(f"3. time to {TARGET:.0%} test accuracy, evaluations after each epoch included")
    report["fast_preset"] = bench_fast_preset(data, quick, log)
    log("4. peak memory")
    report["memory"] = bench_memory(folder, quick, log)
    report["bench_seconds"] = time.perf_counter() - t0

    log("")
    for line in summary_table(report):
        log(line)
    ok = report["fast_preset"]["all_reached"] and (
        quick or report["seed_job"]["ours"]["test_accuracy"] >= 0.94
    )
    report["ok"] = ok
    if json_output:
        print(json.dumps(report, default=float))
    return 0 if ok else 1


if __name__ == "__main__":  # python benchmarks/bench.py [--json] [--quick]
    sys.exit(main(json_output="--json" in sys.argv, quick="--quick" in sys.argv))
