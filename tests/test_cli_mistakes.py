"""The command line's answers to a teacher's slips: one line, exit 2, `mnist-studio: error:`; and the
README's usage lines name every flag."""

from __future__ import annotations

import re
import sys
from importlib.metadata import version
from pathlib import Path

import bench  # benchmarks/bench.py (conftest puts benchmarks/ on the path)
import numpy as np
import pytest
from PIL import Image
from test_cli import assert_user_error, run

from mnist_studio.core import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def test_a_negative_seed_is_one_line_not_a_traceback():
    proc = run("train", "--seed", "-1", "--iters", 3)
    assert_user_error(proc, "mnist-studio train: error:", "--seed", "-1")
    assert proc.returncode == 2


@pytest.mark.parametrize("value", ["1.5", "2", "98", "0", "-0.5"])
def test_target_accuracy_is_a_fraction_and_anything_else_is_refused(value):
    proc = run("train", "--target-accuracy", value, "--iters", 3)
    assert_user_error(proc, "mnist-studio train: error:", "--target-accuracy", value)
    assert proc.returncode == 2


def test_target_accuracy_as_a_fraction_is_taken_as_it_is():
    args = cli.build_parser().parse_args(["train", "--target-accuracy", "0.98"])
    assert args.target_accuracy == 0.98
    assert cli.build_parser().parse_args(["train", "--target-accuracy", "1"]).target_accuracy == 1.0


def test_version_names_the_installed_version():
    proc = run("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"mnist-studio {version('mnist-studio')}"


def test_predict_errors_exit_2_with_the_common_prefix_and_still_read_the_rest(tmp_path):
    good = tmp_path / "one.png"
    ink = np.full((60, 60), 255, np.uint8)
    ink[10:50, 28:33] = 0  # a dark upright bar: a "1"
    Image.fromarray(ink).save(good)
    proc = run("predict", tmp_path / "missing.png", good)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert proc.stderr.startswith("mnist-studio: error: ") and "missing.png" in proc.stderr
    assert proc.stdout.startswith(f"{good}: ")  # the readable picture was still read


def test_bench_says_when_pytorch_rows_are_left_out_and_how_to_add_them(monkeypatch, capsys):
    real_find_spec = bench.importlib.util.find_spec
    monkeypatch.setattr(
        bench.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "torch" else real_find_spec(name, *a),
    )
    monkeypatch.setattr(bench, "load_raw", lambda folder: None)

    class Stop(Exception):
        pass

    def stop(*_args):
        raise Stop

    monkeypatch.setattr(bench, "bench_seed_job", stop)  # the measurements themselves are not under test here
    with pytest.raises(Stop):
        bench.main()
    out = capsys.readouterr().out
    assert "PyTorch is not installed" in out and "pip install torch" in out


def _readme_usage() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## The command line") :]
    return section[section.index("```") + 3 : section.index("```", section.index("```") + 3)]


def _flags(action_holder) -> set[str]:
    return {
        o for a in action_holder._actions for o in a.option_strings if o.startswith("--") and o != "--help"
    }


def test_readme_usage_lines_name_every_flag_of_every_command():
    usage = _readme_usage()
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in commands.items():
        lines = re.findall(rf"^mnist-studio {name}\b.*(?:\n {{10,}}.*)*", usage, re.M)
        assert lines, f"README has no usage line for {name}"
        missing = {f for f in _flags(sub) if f not in lines[0]}
        assert not missing, f"README's usage of {name} omits {sorted(missing)}"
    from mnist_studio.desktop.launcher import APP_OPTIONS

    for flag in [*APP_OPTIONS, "--version"]:
        assert re.search(rf"^mnist-studio \[?{flag}\b|^mnist-studio .*\[{flag}\b", usage, re.M), (
            f"README's usage omits the window's {flag}"
        )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checks the Linux folder the README names")
def test_trained_models_go_where_the_readme_says(tmp_path, mnist_dir):
    home = tmp_path / "home"
    proc = run(
        "train",
        "--iters",
        3,
        "--quiet",
        "--data-dir",
        mnist_dir,
        env={"HOME": str(home), "XDG_DATA_HOME": ""},
    )
    assert proc.returncode == 0, proc.stderr
    saved = [p for p in home.rglob("*.npz")]
    assert len(saved) == 1 and saved[0].parent == home / ".local/share/mnist-studio/models"
    assert (
        "`~/.local/share/mnist-studio/models` on Linux), whichever data folder was used"
        in README.read_text(encoding="utf-8")
    )
