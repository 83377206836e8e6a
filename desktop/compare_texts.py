"""The Compare page's texts from core (experiment titles and explanations, setting names), marked for
translation: core keeps them in English under a key, and the window shows them through Qt's translator.

tests/test_compare.py checks that these are exactly core's texts, so a change in core cannot go unseen.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "experiments"

#: key -> (title, explanation), as in core/experiments.py
EXPERIMENT_TEXTS = {
    "gradients": (
        QT_TRANSLATE_NOOP("experiments", "Numerical gradient vs backpropagation"),
        QT_TRANSLATE_NOOP(
            "experiments",
            "Two copies of the lesson's network start from the same weights and see the same batches; "
            "one gets its gradient by nudging every weight (the numerical gradient), the other by "
            "backpropagation. Watch the iterations per second: backpropagation is thousands of times "
            "faster. Yet at every iteration both have done, their losses are the same number: they "
            "compute the same gradient. The lesson's own element-by-element loop would be slower "
            "still.",
        ),
    ),
    "optimizers": (
        QT_TRANSLATE_NOOP("experiments", "Optimizers: SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam"),
        QT_TRANSLATE_NOOP(
            "experiments",
            "Six copies of the lesson's network, same weights, same batches, each with its own update "
            "rule at its usual learning rate (the book's chapter 6). Watch how fast each loss falls: "
            "plain SGD creeps, the ones with momentum or per-weight step sizes race ahead. Which one "
            "is best depends on the problem: here, try to guess before you press Start.",
        ),
    ),
    "init": (
        QT_TRANSLATE_NOOP("experiments", "Weight initialisation: 0.01 vs Xavier vs He"),
        QT_TRANSLATE_NOOP(
            "experiments",
            "The same network started from small random weights (std 0.01, the lesson's), from "
            "Xavier's (1/sqrt(n)) or He's (sqrt(2/n)), with sigmoid and with ReLU hidden units. Watch "
            "the first few hundred iterations: too-small weights make every hidden unit alike and "
            "learning stalls for a while; weights scaled to the layer start learning at once. He "
            "suits ReLU, Xavier sigmoid.",
        ),
    ),
    "learning-rates": (
        QT_TRANSLATE_NOOP("experiments", "Learning rates from 0.001 to 10"),
        QT_TRANSLATE_NOOP(
            "experiments",
            "The lesson's network with SGD at five learning rates. Watch the loss: at 0.001 it barely "
            "moves, 0.1 is the lesson's choice, 1 is faster still on this network, and at 10 the "
            "steps are so large that the loss jumps up instead of down: that run diverges and is "
            "marked so, while the others go on. Too small is slow; too large never arrives.",
        ),
    ),
    "overfitting": (
        QT_TRANSLATE_NOOP(
            "experiments", "Overfitting: 300 images, with and without weight decay and dropout"
        ),
        QT_TRANSLATE_NOOP(
            "experiments",
            "The lesson's network trained on only 300 images, for 1,000 epochs. Watch the two "
            "accuracy lines of each run: without help, train accuracy (dashed) reaches 100% while "
            "test accuracy (solid) stays far below: the network memorises its 300 digits. Weight "
            "decay keeps the weights small and narrows that gap; dropout switches off half the hidden "
            "units at random in every step.",
        ),
    ),
    "hidden-units": (
        QT_TRANSLATE_NOOP("experiments", "Hidden units: 10, 50, 200, 800"),
        QT_TRANSLATE_NOOP(
            "experiments",
            "The lesson's network with a narrower or a wider hidden layer. Watch accuracy and speed "
            "together: 10 units learn fast but soon run out of room, 800 units learn the most per "
            "iteration but each iteration costs many times more. The lesson's 50 are a fair "
            "compromise.",
        ),
    ),
}

#: setting name -> how the "What differs" column names it
SETTING_TEXTS = {
    "method": QT_TRANSLATE_NOOP("experiments", "gradient"),
    "optimizer": QT_TRANSLATE_NOOP("experiments", "optimizer"),
    "lr": QT_TRANSLATE_NOOP("experiments", "learning rate"),
    "activation": QT_TRANSLATE_NOOP("experiments", "activation"),
    "init": QT_TRANSLATE_NOOP("experiments", "init"),
    "weight_init_std": QT_TRANSLATE_NOOP("experiments", "init std"),
    "hidden_size": QT_TRANSLATE_NOOP("experiments", "hidden units"),
    "batch_size": QT_TRANSLATE_NOOP("experiments", "batch"),
    "weight_decay": QT_TRANSLATE_NOOP("experiments", "weight decay"),
    "dropout": QT_TRANSLATE_NOOP("experiments", "dropout"),
    "train_size": QT_TRANSLATE_NOOP("experiments", "training images"),
    "train_subset": QT_TRANSLATE_NOOP("experiments", "subset"),
    "lr_decay": QT_TRANSLATE_NOOP("experiments", "lr decay"),
    "augment": QT_TRANSLATE_NOOP("experiments", "augment"),
    "sampling": QT_TRANSLATE_NOOP("experiments", "sampling"),
    "seed": QT_TRANSLATE_NOOP("experiments", "seed"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def title(key: str) -> str:
    return tr(EXPERIMENT_TEXTS[key][0])


def explanation(key: str) -> str:
    return tr(EXPERIMENT_TEXTS[key][1])


def describe(varied: dict) -> str:
    """The settings a run differs in, translated: "optimizer adam, learning rate 0.001"."""
    parts = []
    for name, value in varied.items():
        parts.append(f"{tr(SETTING_TEXTS.get(name, name))} {value_text(name, value)}")
    return ", ".join(parts) or QCoreApplication.translate("experiments", "the same settings")


def value_text(name: str, value) -> str:
    """A setting's value as the table shows it: an option's label in the current language, or the number."""
    from . import i18n
    from .options import ACTIVATIONS, DECAYS, INITS, METHODS, OPTIMIZERS, SAMPLINGS, option_text

    if i18n.current_language() == i18n.ENGLISH:  # the values as the command line spells them
        return f"{value:g}" if isinstance(value, float) else str(value)
    tables = {
        "method": METHODS,
        "activation": ACTIVATIONS,
        "init": INITS,
        "optimizer": OPTIMIZERS,
        "sampling": SAMPLINGS,
        "lr_decay": DECAYS,
    }
    for label, data, _tip in tables.get(name, ()):
        if data == value:
            return option_text(label)
    if isinstance(value, bool):
        return (
            tr(QT_TRANSLATE_NOOP("experiments", "on"))
            if value
            else tr(QT_TRANSLATE_NOOP("experiments", "off"))
        )
    return f"{value:g}" if isinstance(value, float) else str(value)


#: the experiments' run names (core's, in English) as the table shows them
RUN_NAMES = (
    (r"numerical", QT_TRANSLATE_NOOP("experiments", "numerical gradient")),
    (r"backprop", QT_TRANSLATE_NOOP("experiments", "backpropagation")),
    (r"plain", QT_TRANSLATE_NOOP("experiments", "plain")),
    (r"both", QT_TRANSLATE_NOOP("experiments", "both")),
    (r"lr (\S+)", QT_TRANSLATE_NOOP("experiments", "lr %1")),
    (r"weight decay (\S+)", QT_TRANSLATE_NOOP("experiments", "weight decay %1")),
    (r"dropout (\S+)", QT_TRANSLATE_NOOP("experiments", "dropout %1")),
    (r"(\d+) hidden", QT_TRANSLATE_NOOP("experiments", "%1 hidden")),
    (r"(sigmoid|ReLU), std (\S+)", QT_TRANSLATE_NOOP("experiments", "%1, std %2")),
    (r"run (\d+)", QT_TRANSLATE_NOOP("ComparePage", "run %1")),
)


def run_name(name: str) -> str:
    """A run's name in the current language (names of optimizers and inits stay as they are)."""
    from . import i18n

    if i18n.current_language() == i18n.ENGLISH:
        return name
    for pattern, text in RUN_NAMES:
        m = re.fullmatch(pattern, name)
        if m:
            out = QCoreApplication.translate("ComparePage" if text == "run %1" else CONTEXT, text)
            for i, group in enumerate(m.groups(), 1):
                out = out.replace(f"%{i}", group)
            return out
    return name
