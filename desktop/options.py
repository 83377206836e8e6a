"""The training options the panel offers, each with the words that teach it: the presets, gradient
methods, activations, weight inits, optimizers (with their usual learning rates), batch samplings and
learning-rate schedules.

Labels and explanations are written in English and marked with QT_TRANSLATE_NOOP (context Options):
the tables hold the English, and `option_text` gives a label in the current language when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox

PRESET_LABELS = {
    "seed": (
        QT_TRANSLATE_NOOP("Options", "Lesson (seed)"),
        QT_TRANSLATE_NOOP(
            "Options",
            "The book's job: 784-50-10 sigmoid network, SGD, learning rate 0.1, batch 100, 10,000 "
            "iterations (about 94-95% test accuracy).",
        ),
    ),
    "fast": (
        QT_TRANSLATE_NOOP("Options", "Fast"),
        QT_TRANSLATE_NOOP(
            "Options",
            "A modern recipe that reaches about 98% test accuracy in a minute or two: 256 ReLU units, He "
            "init, Adam, cosine learning-rate decay, 8 epochs.",
        ),
    ),
}
CUSTOM = "custom"

METHODS = [
    (
        QT_TRANSLATE_NOOP("Options", "Backpropagation"),
        "backprop",
        QT_TRANSLATE_NOOP(
            "Options",
            "The chain rule, layer by layer: the exact gradient in one backward pass. Fast.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Options", "Numerical gradient"),
        "numerical",
        QT_TRANSLATE_NOOP(
            "Options",
            "Nudge every weight up and down by 0.0001 and watch the loss: the lesson's slow method, the "
            "same gradient as backprop but hundreds of times slower (the lesson's own loop took a minute "
            "per iteration).",
        ),
    ),
]
METHOD_NOTES = {
    "backprop": QT_TRANSLATE_NOOP("Options", "Exact, by the chain rule. Fast."),
    "numerical": QT_TRANSLATE_NOOP(
        "Options",
        "The lesson's slow method: its speed is measured as it runs, and falls as the hidden layer "
        "grows; a few hundred iterations show it learning.",
    ),
}
ACTIVATIONS = [
    (
        QT_TRANSLATE_NOOP("Options", "Sigmoid"),
        "sigmoid",
        QT_TRANSLATE_NOOP(
            "Options",
            "1 / (1 + e^-x): the lesson's smooth S-curve from 0 to 1.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Options", "ReLU"),
        "relu",
        QT_TRANSLATE_NOOP(
            "Options",
            "max(0, x): passes positive values, blocks negative ones. Learns faster in deeper nets.",
        ),
    ),
]
INITS = [
    (
        QT_TRANSLATE_NOOP("Options", "Fixed std"),
        "std",
        QT_TRANSLATE_NOOP(
            "Options",
            "Random normal weights with the standard deviation set beside (the lesson: 0.01).",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Options", "Xavier"),
        "xavier",
        QT_TRANSLATE_NOOP(
            "Options",
            "Std 1/sqrt(inputs): keeps signals the same size through sigmoid layers.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Options", "He"),
        "he",
        QT_TRANSLATE_NOOP(
            "Options",
            "Std sqrt(2/inputs): the same idea for ReLU layers.",
        ),
    ),
]
OPTIMIZERS = [
    (
        QT_TRANSLATE_NOOP("Options", "SGD"),
        "sgd",
        QT_TRANSLATE_NOOP(
            "Options",
            "Plain gradient descent: step straight downhill by learning rate x gradient (the lesson).",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Options", "Momentum"),
        "momentum",
        QT_TRANSLATE_NOOP(
            "Options",
            "Like a ball rolling downhill: keeps some of the last step's speed.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Options", "Nesterov"),
        "nesterov",
        QT_TRANSLATE_NOOP(
            "Options",
            "Momentum that looks ahead before it steps.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Options", "AdaGrad"),
        "adagrad",
        QT_TRANSLATE_NOOP(
            "Options",
            "Each weight gets its own step size, shrinking for weights that have moved a lot.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Options", "RMSprop"),
        "rmsprop",
        QT_TRANSLATE_NOOP(
            "Options",
            "AdaGrad that forgets old gradients, so steps do not shrink forever.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Options", "Adam"),
        "adam",
        QT_TRANSLATE_NOOP(
            "Options",
            "Momentum plus per-weight step sizes; a good default. Choosing it sets the rate to 0.001.",
        ),
    ),
]
# The learning rate each optimizer is offered with when the user picks it. SGD: 0.1, the lesson's
# job (ch. 4). The others: the defaults of the book's own optimizer classes (ch. 6, core/optimizers.py):
# Momentum, Nesterov, AdaGrad and RMSprop 0.01, Adam 0.001. Their steps are already scaled by the
# gradient's history, so SGD's 0.1 is 10-100x too big for them (Adam at 0.1 saturates the
# sigmoids and stops near 88%). The user can still type any rate afterwards.
USUAL_LR = {"sgd": 0.1, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.01, "rmsprop": 0.01, "adam": 0.001}

SAMPLINGS = [
    (
        QT_TRANSLATE_NOOP("Options", "Random draws"),
        "replacement",
        QT_TRANSLATE_NOOP(
            "Options",
            "Every mini-batch is drawn at random from all 60,000 images, repeats allowed (the lesson).",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Options", "Shuffled epochs"),
        "shuffle",
        QT_TRANSLATE_NOOP(
            "Options",
            "Each epoch shows every image exactly once, in a new random order: learns a little more per "
            "epoch.",
        ),
    ),
]
DECAYS = [
    (
        QT_TRANSLATE_NOOP("Options", "Constant"),
        "none",
        QT_TRANSLATE_NOOP(
            "Options",
            "The learning rate stays as set (the lesson).",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("Options", "Cosine"),
        "cosine",
        QT_TRANSLATE_NOOP(
            "Options",
            "The learning rate falls smoothly to 0 by the last iteration: big steps first, fine ones at "
            "the end.",
        ),
    ),
]


def option_text(text: str) -> str:
    """An option table's label or tooltip in the current language (the tables hold the English)."""
    return QCoreApplication.translate("Options", text)


# ---- the panel's option combos ----
def option_combo(name: str, items) -> QComboBox:
    """A combo box (objectName `name`) with one entry per option of `items`, labelled later by
    translate_option_combo in the current language."""
    box = QComboBox()
    box.setObjectName(name)
    # as narrow as ten letters when the column is: the list that opens shows the whole names
    box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(10)
    for _label, data, _tip in items:
        box.addItem("", data)
    return box


def translate_option_combo(box: QComboBox, items, tooltip: str) -> None:
    """Label each item of an option combo (and its tooltip) in the current language."""
    box.setToolTip(tooltip)
    for i, (label, _data, tip) in enumerate(items):
        box.setItemText(i, option_text(label))
        box.setItemData(i, option_text(tip), Qt.ToolTipRole)


def select_data(box: QComboBox, data) -> None:
    """Choose the entry whose data is `data` (nothing changes when there is none)."""
    i = box.findData(data)
    if i >= 0:
        box.setCurrentIndex(i)
