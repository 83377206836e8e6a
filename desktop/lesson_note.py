"""One iteration of the lesson's training loop in plain words, for the settings in the panel: the note
under the Training column ("show the network 100 random training digits, measure how wrong it is..."),
and the numbers it quotes (how many weights, a speed to two figures).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from mnist_studio.core.config import TrainConfig


def n_weights(hidden: int) -> int:
    """Weights and biases of the 784-hidden-10 network."""
    return 784 * hidden + hidden + hidden * 10 + 10


def speed_text(rate: float) -> str:
    """Iterations a second to two significant figures (9.8, 12, 0.45)."""
    return f"{rate:.2g}" if rate < 100 else f"{rate:,.0f}"


def describe_iteration(cfg: TrainConfig) -> str:
    """One iteration of this config in plain words (the left panel's lesson note)."""
    weights = n_weights(cfg.hidden_size)
    translate = QCoreApplication.translate
    if cfg.method == "backprop":
        how = translate("Lesson", "by backpropagation")
    else:
        how = translate("Lesson", "numerically, nudging each one in turn")
    step = {
        "sgd": translate("Lesson", "a small step"),
        "momentum": translate("Lesson", "a step with momentum"),
        "nesterov": translate("Lesson", "a look-ahead momentum step"),
        "adagrad": translate("Lesson", "an adaptive step"),
        "rmsprop": translate("Lesson", "an adaptive step"),
        "adam": translate("Lesson", "an Adam step"),
    }.get(cfg.optimizer, translate("Lesson", "a step"))
    if cfg.sampling == "shuffle":
        digits = translate("Lesson", "the next {batch} training digits of this epoch's shuffled order")
    else:
        digits = translate("Lesson", "{batch} random training digits")
    return translate(
        "Lesson",
        "<b>One iteration:</b> show the network {digits}, measure how wrong "
        "it is (the loss), find which way each of its {weights} weights should move ({how}), "
        "and move them all {step} downhill (learning rate {lr})."
    ).format(
        digits=digits.format(batch=f"{cfg.batch_size:,}"),
        weights=f"{weights:,}",
        how=how,
        step=step,
        lr=f"{cfg.lr:g}",
    )
