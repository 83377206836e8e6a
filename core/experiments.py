"""The lesson's experiments, ready to run side by side: each is a named list of runs that differ in one
setting (the gradient method, the optimizer, the weight init, the learning rate, regularization, the
hidden layer's width), with a paragraph saying what to watch for.

The runs of an experiment share a seed, so runs with the same architecture start from the same weights,
and they train on the same batches (compare.py), so the one setting is the only difference. The
explanations are in English here; `key` names each text, so the window can show a translation.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .errors import UserError
from .trainer import TrainConfig

#: The most runs one comparison holds (each needs its own colour and curve).
MAX_RUNS = 8


@dataclass(frozen=True)
class RunSpec:
    """One run of an experiment: its short name, and the settings that make it differ from the base."""

    name: str
    settings: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Experiment:
    """A named list of runs on one base configuration, with what to watch for."""

    key: str
    title: str
    explanation: str
    runs: tuple[RunSpec, ...]
    base: dict = field(default_factory=dict)  # changes to the lesson's settings that every run shares
    iters: int = 2000  # iterations each run trains, unless told otherwise
    # Free-running: each run in its own thread on the shared batches, at its own speed (the race of
    # a slow run beside a fast one); otherwise the runs train in lock-step in one thread.
    free_running: bool = False
    race: bool = False  # when the first run has finished, the others stop


def _spec(name: str, **settings) -> RunSpec:
    return RunSpec(name, settings)


EXPERIMENTS: dict[str, Experiment] = {
    e.key: e
    for e in (
        Experiment(
            "gradients",
            "Numerical gradient vs backpropagation",
            "Two copies of the lesson's network start from the same weights and see the same batches; one "
            "gets its gradient by nudging every weight (the numerical gradient), the other by "
            "backpropagation. Watch the iterations per second: backpropagation is thousands of times "
            "faster. Yet at every iteration both have done, their losses are the same number: they "
            "compute the same gradient. The lesson's own element-by-element loop would be slower still.",
            (_spec("numerical", method="numerical"), _spec("backprop", method="backprop")),
            iters=10000,
            free_running=True,
            race=True,
        ),
        Experiment(
            "optimizers",
            "Optimizers: SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam",
            "Six copies of the lesson's network, same weights, same batches, each with its own update rule "
            "at its usual learning rate (the book's chapter 6). Watch how fast each loss falls: plain SGD "
            "creeps, the ones with momentum or per-weight step sizes race ahead. Which one is best "
            "depends on the problem: here, try to guess before you press Start.",
            (
                _spec("SGD", optimizer="sgd", lr=0.01),
                _spec("Momentum", optimizer="momentum", lr=0.01),
                _spec("Nesterov", optimizer="nesterov", lr=0.01),
                _spec("AdaGrad", optimizer="adagrad", lr=0.01),
                _spec("RMSprop", optimizer="rmsprop", lr=0.01),
                _spec("Adam", optimizer="adam", lr=0.001),
            ),
            base={"batch_size": 128},
        ),
        Experiment(
            "init",
            "Weight initialisation: 0.01 vs Xavier vs He",
            "The same network started from small random weights (std 0.01, the lesson's), from Xavier's "
            "(1/sqrt(n)) or He's (sqrt(2/n)), with sigmoid and with ReLU hidden units. Watch the first "
            "few hundred iterations: too-small weights make every hidden unit alike and learning stalls "
            "for a while; weights scaled to the layer start learning at once. He suits ReLU, Xavier sigmoid.",
            (
                _spec("sigmoid, std 0.01", activation="sigmoid", init="std"),
                _spec("sigmoid, Xavier", activation="sigmoid", init="xavier"),
                _spec("sigmoid, He", activation="sigmoid", init="he"),
                _spec("ReLU, std 0.01", activation="relu", init="std"),
                _spec("ReLU, Xavier", activation="relu", init="xavier"),
                _spec("ReLU, He", activation="relu", init="he"),
            ),
        ),
        Experiment(
            "learning-rates",
            "Learning rates from 0.001 to 10",
            "The lesson's network with SGD at five learning rates. Watch the loss: at 0.001 it barely moves, "
            "0.1 is the lesson's choice, 1 is faster still on this network, and at 10 the steps are so "
            "large that the loss jumps up instead of down: that run diverges and is marked so, while "
            "the others go on. Too small is slow; too large never arrives.",
            tuple(_spec(f"lr {lr:g}", lr=lr) for lr in (0.001, 0.01, 0.1, 1.0, 10.0)),
        ),
        Experiment(
            "overfitting",
            "Overfitting: 300 images, with and without weight decay and dropout",
            "The lesson's network trained on only 300 images, for 1,000 epochs. Watch the two accuracy lines "
            "of each run: without help, train accuracy (dashed) reaches 100% while test accuracy "
            "(solid) stays far below: the network memorises its 300 digits. Weight decay keeps the "
            "weights small and narrows that gap; dropout switches off half the hidden units at random "
            "in every step.",
            (
                _spec("plain"),
                _spec("weight decay 0.03", weight_decay=0.03),
                _spec("dropout 0.5", dropout=0.5),
                _spec("both", weight_decay=0.03, dropout=0.5),
            ),
            base={"train_size": 300, "eval_every": 30},
            iters=3000,
        ),
        Experiment(
            "hidden-units",
            "Hidden units: 10, 50, 200, 800",
            "The lesson's network with a narrower or a wider hidden layer. Watch accuracy and speed "
            "together: 10 units learn fast but soon run out of room, 800 units learn the most per "
            "iteration but each iteration costs many times more. The lesson's 50 are a fair compromise.",
            tuple(_spec(f"{h} hidden", hidden_size=h) for h in (10, 50, 200, 800)),
        ),
    )
}


def experiment(key: str) -> Experiment:
    """The built-in experiment called key; a UserError naming the choices for anything else."""
    try:
        return EXPERIMENTS[key]
    except KeyError:
        raise UserError(f"unknown experiment {key!r}; choose one of {', '.join(EXPERIMENTS)}") from None


def experiment_configs(key: str, iters: int | None = None, seed: int = 0, base: TrainConfig | None = None):
    """[(RunSpec, TrainConfig)] for the experiment's runs: base (the lesson's, by default) with the
    experiment's shared changes and each run's own, for `iters` iterations (the experiment's default).
    """
    exp = experiment(key)
    start = replace(
        base or TrainConfig(),
        epochs=None,
        seed=seed,
        iters=iters or exp.iters,
        diverge_above_guessing=True,  # so that a learning rate far too large is called diverged
        **exp.base,
    )
    return [(spec, replace(start, **spec.settings).validate()) for spec in exp.runs]


# ---- what differs ----------------------------------------------------------------------------------
#: How each setting is named when a run differs from the others in it.
SETTING_LABELS = {
    "method": "gradient",
    "optimizer": "optimizer",
    "lr": "learning rate",
    "activation": "activation",
    "init": "init",
    "weight_init_std": "init std",
    "hidden_size": "hidden units",
    "batch_size": "batch",
    "weight_decay": "weight decay",
    "dropout": "dropout",
    "train_size": "training images",
    "train_subset": "subset",
    "lr_decay": "lr decay",
    "augment": "augment",
    "sampling": "sampling",
    "seed": "seed",
}


def differences(config: TrainConfig, others: list[TrainConfig]) -> dict:
    """The settings of config that are not the same in every one of others (config included or not)."""
    mine = config.to_dict()
    varied = {}
    for name in SETTING_LABELS:
        if any(o.to_dict()[name] != mine[name] for o in others):
            varied[name] = mine[name]
    return varied


def describe(varied: dict) -> str:
    """ "optimizer adam, learning rate 0.001": the settings a run differs in, for a table cell."""
    parts = []
    for name, value in varied.items():
        text = f"{value:g}" if isinstance(value, float) else str(value)
        parts.append(f"{SETTING_LABELS.get(name, name)} {text}")
    return ", ".join(parts) or "the same settings"


def best_index(readings) -> int | None:
    """Which run is best, from (test accuracy or None, last loss or None, not diverged) per run: the highest
    test accuracy; before any is measured, the lowest loss. None if no run qualifies.
    """
    ok = [(i, acc, loss) for i, (acc, loss, fine) in enumerate(readings) if fine and loss is not None]
    with_acc = [(acc, i) for i, acc, _ in ok if acc is not None]
    if with_acc:
        return max(with_acc)[1]
    return min(((loss, i) for i, _, loss in ok), default=(None, None))[1]


def check_run_count(n: int) -> None:
    """Refuse a comparison of no runs or of more than MAX_RUNS."""
    if not 1 <= n <= MAX_RUNS:
        raise UserError(f"a comparison holds 1 to {MAX_RUNS} runs, not {n}: remove some runs")
