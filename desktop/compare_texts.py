"""The Compare page's texts from core (experiment titles and explanations, setting names), marked for
translation: core keeps them in English under a key, and the window shows them through Qt's translator.

tests/test_compare.py checks that these are exactly core's texts, so a change in core cannot go unseen.
"""

from __future__ import annotations

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
        text = f"{value:g}" if isinstance(value, float) else str(value)
        parts.append(f"{tr(SETTING_TEXTS.get(name, name))} {text}")
    return ", ".join(parts) or tr("the same settings")
