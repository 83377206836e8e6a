"""The benchmark's baselines are the lesson's code and its measuring tools tell the truth (quick: no timing is
asserted).
"""

import sys

import bench
import numpy as np
import pytest
from book_reference import SeedNet
from threadpoolctl import threadpool_limits

from mnist_studio.core.kernels import numerical_gradient_fast
from mnist_studio.core.mnist import load_raw
from mnist_studio.core.network import PARAM_NAMES, TwoLayerNet


@pytest.fixture(scope="module")
def data(mnist_dir):
    return load_raw(mnist_dir)


def batch(data, n=20, seed=0):
    idx = np.random.default_rng(seed).integers(0, 60000, n)
    return data.x_train[idx] / 255.0, data.t_train[idx].astype(np.intp)


def test_the_seed_baseline_is_the_lessons_network(data):
    """Same weights, same loss; the gradient differs only by the lesson's dropped 1e-7 factor (about 1e-6
    relative).
    """
    x, t = batch(data)
    seed_net = SeedNet(784, 50, 10, rng=np.random.RandomState(1))
    ours = TwoLayerNet.from_params(seed_net.params)
    onehot = np.eye(10)[t]
    assert seed_net.loss(x, onehot) == pytest.approx(ours.loss(x, t), rel=1e-12)
    g_seed, g_ours = seed_net.gradient(x, onehot), ours.gradient(x, t)
    for k in PARAM_NAMES:
        np.testing.assert_allclose(g_seed[k], g_ours[k], rtol=1e-4, atol=1e-9)


def test_the_seed_baseline_trains(data):
    x32 = data.x_train[:3000].astype(np.float32) / np.float32(255.0)
    onehot = np.eye(10)[data.t_train[:3000]]
    with threadpool_limits(1, user_api="blas"):  # two threads can crawl when the other core is busy
        net, seconds = bench.seed_baseline(x32, onehot, iters=1000)
    assert seconds > 0
    x, t = data.x_test[:1000] / 255.0, data.t_test[:1000]
    assert np.mean(np.argmax(net.predict(x), axis=1) == t) > 0.75


def test_the_sampled_element_loop_gives_the_numerical_gradient(data):
    x, t = batch(data, n=10, seed=1)
    net = TwoLayerNet(seed=2)
    picks = [("W1", 0), ("W1", 300 * 50 + 7), ("W1", 406 * 50 + 49), ("b1", 3), ("W2", 77), ("b2", 9)]
    values, seconds = bench.seed_numerical_loop_sample(net.params, x, t, picks)
    fast = numerical_gradient_fast(net.params, x, t, "sigmoid")
    expected = np.array([fast[k].reshape(-1)[i] for k, i in picks])
    np.testing.assert_allclose(values, expected, rtol=1e-6, atol=1e-12)
    assert seconds > 0
    # the loop put every weight back
    np.testing.assert_array_equal(net.params["W1"], TwoLayerNet(seed=2).params["W1"])


def test_peak_memory_is_the_childs_own():
    """A child that fills 200 MB reports at least that; a bare interpreter far less (not the parent's
    size).
    """
    hog = np.ones(30_000_000)  # the bench process itself is big: its size must not leak into the figure
    big, code, _ = bench.peak_memory_of("code", "import numpy as np; a = np.ones(25_000_000); a += 1")
    small, code2, _ = bench.peak_memory_of("code", "import sys")
    del hog
    if sys.platform.startswith("linux"):
        assert code == 0 and code2 == 0
        assert big >= 190
        assert small < 60


def test_summary_table_shows_the_ratios():
    report = {
        "seed_job": {
            "iterations": 10000,
            "ours": {"loop_seconds": 2.0},
            "numpy_float64": {"seconds": 7.0},
            "speedup_vs_numpy_float64": 3.5,
            "torch": {"seconds": 5.0},
            "speedup_vs_torch": 2.5,
        },
        "numerical": {
            "ours_seconds_per_iteration": 0.05,
            "seed_loop_seconds_per_iteration": 30.0,
            "speedup": 600.0,
        },
        "fast_preset": {
            "target": 0.98,
            "ours_median_seconds": 4.0,
            "torch": {"median_seconds": 10.0},
            "speedup_vs_torch": 2.5,
        },
        "memory": {"peak_mb": 120.0},
    }
    text = "\n".join(bench.summary_table(report))
    for needle in ("10,000 iterations", "2.00 s", "3.5x", "2.5x", "600x", "time to 98%", "120 MB"):
        assert needle in text
    # without PyTorch installed the table just has no PyTorch rows
    del report["seed_job"]["torch"], report["seed_job"]["speedup_vs_torch"]
    del report["fast_preset"]["torch"], report["fast_preset"]["speedup_vs_torch"]
    text = "\n".join(bench.summary_table(report))
    assert "PyTorch" not in text and "3.5x" in text and "4.00 s" in text


def test_a_second_thread_is_used_only_when_clearly_faster(monkeypatch):
    monkeypatch.setattr(bench.os, "cpu_count", lambda: 2)
    calls = []
    assert bench._thread_choice(lambda n: calls.append(n) or 1.0, quick=True) == (1, {})
    assert calls == []  # quick runs do not probe
    assert bench._thread_choice({1: 1.0, 2: 0.9}.get, quick=False)[0] == 1
    assert bench._thread_choice({1: 1.0, 2: 0.5}.get, quick=False) == (2, {1: 1.0, 2: 0.5})


def test_a_two_thread_run_slowed_by_a_busy_core_is_timed_again_on_one():
    seconds = {2: 30.0, 1: 5.0}  # the probe foretold 0.4 s per 100 units on 2 threads
    ran = []

    def run(threads):
        ran.append(threads)
        return seconds[threads], 1000, f"result on {threads}"

    assert bench._guarded(run, 2, {1: 0.5, 2: 0.4}, 100) == (5.0, "result on 1", 1)
    assert ran == [2, 1]
    ran.clear()
    seconds[2] = 4.5  # as foretold: no second run
    assert bench._guarded(run, 2, {1: 0.5, 2: 0.4}, 100) == (4.5, "result on 2", 2)
    assert ran == [2]


def test_no_installed_module_imports_pytorch():
    """PyTorch is only a baseline of the benchmark (benchmarks/, not installed): the app never needs it."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    offenders = []
    for folder in ("core", "desktop", "resources"):
        for path in (root / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(n.split(".")[0] == "torch" for n in names):
                    offenders.append(str(path.relative_to(root)))
    assert offenders == []


def test_the_command_line_finds_the_benchmark_in_the_checkout():
    from mnist_studio.core.cli import benchmarks_folder

    assert (benchmarks_folder() / "bench.py").samefile(bench.__file__)
