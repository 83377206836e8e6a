"""The command line as a user runs it: real subprocesses, real MNIST, and the one-line answers to mistakes."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

CLI = [sys.executable, "-m", "mnist_studio.core.cli"]


def run(*args, env=None, timeout=300):
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout, env=full_env
    )


def last_json(stdout):
    return json.loads(stdout.strip().splitlines()[-1])


def assert_user_error(proc, *needles):
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture(scope="module")
def trained(tmp_path_factory, mnist_dir):
    out = tmp_path_factory.mktemp("model") / "m.npz"
    proc = run("train", "--iters", 1200, "--out", out, "--json", "--data-dir", mnist_dir)
    assert proc.returncode == 0, proc.stderr
    return out, last_json(proc.stdout)


def test_train_json_summary_and_model(trained):
    out, summary = trained
    assert summary["iterations"] == 1200
    assert summary["seconds"] > 0 and summary["iters_per_second"] > 0
    assert 0.85 < summary["test_accuracy"] <= 1.0
    assert summary["model"] == str(out) and out.exists()


def test_evaluate_agrees_with_train(trained, mnist_dir):
    out, summary = trained
    proc = run("evaluate", "--model", out, "--json", "--data-dir", mnist_dir)
    assert proc.returncode == 0, proc.stderr
    report = last_json(proc.stdout)
    assert report["test_accuracy"] == pytest.approx(summary["test_accuracy"], abs=1e-4)
    confusion = np.array(report["confusion"])
    assert confusion.shape == (10, 10) and confusion.sum() == 10000
    # rows are the true digits: the MNIST test set's own class counts
    assert list(confusion.sum(axis=1)) == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert np.trace(confusion) / 10000 == pytest.approx(report["test_accuracy"])


def test_predict_real_digits_from_png_and_blank(trained, tmp_path, mnist_dir):
    from PIL import Image

    from mnist_studio.core.mnist import load_raw

    data = load_raw(mnist_dir)
    files = []
    for i in range(5):
        path = tmp_path / f"digit{i}.png"
        # as a person would scan it: dark ink on white paper, large
        Image.fromarray(255 - data.x_test[i].reshape(28, 28)).resize((140, 140)).save(path)
        files.append(path)
    blank = tmp_path / "blank.bmp"
    Image.new("L", (50, 50), 255).save(blank)
    out, _ = trained
    proc = run("predict", "--model", out, "--json", *files, blank)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["digit"] for r in rows[:5]] == [int(d) for d in data.t_test[:5]]  # 7 2 1 0 4
    assert all(abs(sum(r["probabilities"]) - 1) < 1e-4 for r in rows[:5])
    assert rows[5] == {"file": str(blank), "digit": None, "probabilities": [0.0] * 10}


def test_gradcheck_agrees(mnist_dir):
    proc = run("gradcheck", "--json", "--data-dir", mnist_dir)
    assert proc.returncode == 0, proc.stderr
    report = last_json(proc.stdout)
    assert report["agree"] and report["max_relative_difference"] < 1e-6
    assert set(report["parameters"]) == {"W1", "b1", "W2", "b2"}


def test_no_data_says_what_to_run(tmp_path):
    proc = run("train", "--iters", 5, "--data-dir", tmp_path / "empty")
    assert_user_error(proc, "mnist-studio download", "empty")


def test_bad_values_are_one_line(tmp_path):
    assert_user_error(run("train", "--lr", "-1"), "--lr")
    assert_user_error(run("train", "--iters", "0"), "0")
    assert_user_error(run("train", "--batch-size", "lots"), "lots")
    assert_user_error(run("train", "--optimizer", "sgdd"), "sgdd")
    assert_user_error(run("evaluate", "--model", tmp_path / "missing.npz"), "missing.npz")
    not_model = tmp_path / "notes.npz"
    not_model.write_text("hello")
    assert_user_error(run("evaluate", "--model", not_model), "notes.npz")
    bad_image = tmp_path / "broken.png"
    bad_image.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    proc = run("predict", bad_image)
    assert_user_error(proc, "broken.png")


def test_divergence_exits_nonzero_and_writes_no_model(tmp_path, mnist_dir):
    out = tmp_path / "blown.npz"
    proc = run(
        "train",
        "--activation",
        "relu",
        "--init",
        "he",
        "--lr",
        1000,
        "--iters",
        300,
        "--out",
        out,
        "--data-dir",
        mnist_dir,
        "--quiet",
    )
    assert_user_error(proc, "learning rate 1000", "smaller")
    assert not out.exists() and not list(tmp_path.iterdir())


def test_default_model_is_used_when_none_given(mnist_dir):
    from mnist_studio.core.modelfile import default_model_path

    if not default_model_path().exists():
        pytest.fail("the default model is missing from resources/")
    proc = run("evaluate", "--json", "--data-dir", mnist_dir)
    assert proc.returncode == 0, proc.stderr
    assert last_json(proc.stdout)["test_accuracy"] >= 0.975


def test_headless_commands_never_import_qt(mnist_dir, tmp_path):
    code = (
        "import sys; from mnist_studio.core.cli import main; "
        f"main(['train', '--iters', '3', '--quiet', '--out', r'{tmp_path / 'q.npz'}', '--data-dir', "
        f"r'{mnist_dir}']); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]; "
        "print('QT' if bad else 'NOQT', bad)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip().splitlines()[-1].startswith("NOQT"), proc.stdout + proc.stderr


def test_no_screen_is_one_line_not_a_crash():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run(
        [sys.executable, "-m", "mnist_studio.desktop.launcher"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 2
    assert_user_error(proc, "no screen", "mnist-studio --help")
