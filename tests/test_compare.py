"""The lesson's experiments side by side: the numerical and backprop runs compute the same losses, SGD is
the slowest optimizer, weight decay narrows the overfitting gap, a learning rate of 10 diverges while the
others train on, and `mnist-studio compare` reports every run."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from mnist_studio.core.cli import main
from mnist_studio.core.compare import Comparison, shared_iteration_gap
from mnist_studio.core.element_loop import days_for
from mnist_studio.core.errors import UserError
from mnist_studio.core.experiments import (
    EXPERIMENTS,
    MAX_RUNS,
    RunSpec,
    best_index,
    describe,
    differences,
    experiment_configs,
)
from mnist_studio.core.mnist import load_raw
from mnist_studio.core.trainer import TrainConfig


@pytest.fixture(scope="module")
def data(mnist_dir):
    return load_raw(mnist_dir)


def test_every_experiment_has_its_runs_and_a_paragraph():
    assert list(EXPERIMENTS) == [
        "gradients",
        "optimizers",
        "init",
        "learning-rates",
        "overfitting",
        "hidden-units",
    ]
    counts = {k: len(e.runs) for k, e in EXPERIMENTS.items()}
    assert counts == {
        "gradients": 2,
        "optimizers": 6,
        "init": 6,
        "learning-rates": 5,
        "overfitting": 4,
        "hidden-units": 4,
    }
    for e in EXPERIMENTS.values():
        assert len(e.explanation) > 200 and "Watch" in e.explanation


def test_runs_of_an_experiment_differ_in_exactly_their_own_setting():
    pairs = experiment_configs("optimizers", iters=10)
    configs = [c for _, c in pairs]
    assert {c.batch_size for c in configs} == {128} and {c.iters for c in configs} == {10}
    assert differences(configs[5], configs) == {"optimizer": "adam", "lr": 0.001}
    assert describe(differences(configs[5], configs)) == "optimizer adam, learning rate 0.001"
    init = [c for _, c in experiment_configs("init")]
    assert differences(init[4], init) == {"activation": "relu", "init": "xavier"}


def test_the_desktop_shows_exactly_cores_texts():
    pytest.importorskip("PySide6")
    from mnist_studio.desktop.compare_texts import EXPERIMENT_TEXTS, SETTING_TEXTS

    assert EXPERIMENT_TEXTS == {k: (e.title, e.explanation) for k, e in EXPERIMENTS.items()}
    from mnist_studio.core.experiments import SETTING_LABELS

    assert SETTING_TEXTS == SETTING_LABELS


def test_the_best_run_is_the_most_accurate_or_before_that_the_lowest_loss():
    assert best_index([(0.9, 0.3, True), (0.95, 0.4, True), (0.99, 0.1, False)]) == 1  # diverged runs never
    assert best_index([(None, 0.5, True), (None, 0.2, True)]) == 1
    assert best_index([(None, None, True)]) is None


def test_more_than_eight_runs_are_refused(data):
    runs = [(RunSpec(f"r{i}"), TrainConfig(iters=5)) for i in range(MAX_RUNS + 1)]
    with pytest.raises(UserError, match="1 to 8 runs"):
        Comparison(runs, data)


def test_the_lessons_element_loop_estimate_is_scaled_to_days():
    assert days_for(10000, 8.64) == pytest.approx(1.0)


def test_numerical_and_backprop_runs_have_the_same_loss_at_every_iteration(data):
    pairs = [(s, replace(c, iters=6, eval_every_epoch=False)) for s, c in experiment_configs("gradients")]
    reports = Comparison(pairs, data, free_running=True).run()
    num, back = (r.result for r in reports)
    assert [r.name for r in reports] == ["numerical", "backprop"]
    assert num.iterations == back.iterations == 6
    # The same weights and batches: the losses start equal (float32 sums) and stay so.
    assert shared_iteration_gap(num.losses, back.losses) < 2e-6
    # and they take the same steps: the weights after 6 updates agree, and they did move
    from mnist_studio.core.network import TwoLayerNet

    start = TwoLayerNet(seed=np.random.default_rng(0).spawn(4)[0], dtype=np.float32).params
    for k in ("W1", "b1", "W2", "b2"):
        moved = np.abs(back.params[k] - start[k]).max()
        assert moved > 1e-4, k
        assert np.abs(num.params[k] - back.params[k]).max() < 1e-3 * moved, k


def test_the_race_ends_when_backprop_finishes_and_backprop_is_far_ahead(data):
    pairs = [(s, replace(c, eval_every_epoch=False)) for s, c in experiment_configs("gradients", iters=400)]
    reports = Comparison(pairs, data, free_running=True, race=True).run()
    num, back = (r.result for r in reports)
    assert str(back.status) == "completed" and back.iterations == 400
    assert str(num.status) == "stopped" and num.iterations < back.iterations
    assert shared_iteration_gap(num.losses, back.losses) < 2e-6


def test_learning_rate_10_diverges_while_the_others_train_on(data):
    reports = Comparison.of_experiment("learning-rates", data, iters=400).run()
    status = {r.name: str(r.result.status) for r in reports}
    assert status == {
        "lr 0.001": "completed",
        "lr 0.01": "completed",
        "lr 0.1": "completed",
        "lr 1": "completed",
        "lr 10": "diverged",
    }
    assert all(r.result.iterations == 400 for r in reports if r.name != "lr 10")
    assert reports[-1].result.iterations < 400
    assert "worse than guessing" in reports[-1].result.message


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_after_2000_iterations_sgd_has_the_highest_loss(data, seed):
    reports = Comparison.of_experiment("optimizers", data, seed=seed).run()
    # the loss now: the mean of the last 100 mini-batch losses (one batch is noisy)
    final = {r.name: float(np.mean(r.result.losses[-100:])) for r in reports}
    assert all(r.result.iterations == 2000 for r in reports)
    assert max(final, key=final.get) == "SGD", final


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_weight_decay_narrows_the_gap_between_train_and_test_accuracy(data, seed):
    pairs = experiment_configs("overfitting", seed=seed)[:2]  # plain, weight decay
    pairs = [(s, replace(c, eval_every=1000)) for s, c in pairs]
    plain, decayed = (r.result for r in Comparison(pairs, data).run())
    assert plain.train_accuracy > 0.99  # the 300 images are memorised
    gap = plain.train_accuracy - plain.test_accuracy
    assert gap > 0.1
    assert decayed.train_accuracy - decayed.test_accuracy < gap


def test_compare_command_prints_a_table_and_one_json_object(data, capsys):
    assert main(["compare", "learning-rates", "--iters", "300", "--json", "--quiet"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith("Learning rates") and "lr 0.001" in out[2]
    doc = json.loads(out[-1])
    runs = doc["runs"]
    assert [r["name"] for r in runs] == ["lr 0.001", "lr 0.01", "lr 0.1", "lr 1", "lr 10"]
    keys = {
        "name",
        "settings",
        "iterations",
        "seconds",
        "iters_per_second",
        "final_loss",
        "test_accuracy",
        "train_accuracy",
        "status",
        "loss_every_100",
    }
    assert all(keys <= set(r) for r in runs)
    lr1 = runs[3]
    assert lr1["settings"]["lr"] == 1.0 and lr1["iterations"] == 300 and lr1["status"] == "completed"
    assert len(lr1["loss_every_100"]) == 3 and lr1["loss_every_100"][-1] == pytest.approx(lr1["final_loss"])
    assert lr1["iters_per_second"] == pytest.approx(lr1["iterations"] / lr1["seconds"], rel=0.01)


def test_compare_for_a_few_seconds_ends_every_run_on_time(data, capsys):
    assert main(["compare", "hidden-units", "--seconds", "1", "--json", "--quiet"]) == 0
    runs = json.loads(capsys.readouterr().out.strip().splitlines()[-1])["runs"]
    assert {r["status"] for r in runs} == {"completed"}
    assert all(0 < r["iterations"] < 1_000_000 for r in runs)


def test_compare_refuses_an_unknown_experiment(capsys):
    with pytest.raises(SystemExit) as e:
        main(["compare", "dropout-party"])
    assert e.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
