"""One iteration of the lesson, laid open: the mini-batch it drew (each digit with its label and the network's
guess before the step), the loss on that batch before and after the step, and how large the gradient and the
update of each parameter were.

The lesson's loop is four steps, repeated: draw a mini-batch, compute the gradient, update the
weights, repeat. The Step button runs exactly one of them; this panel shows what it did.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (
    QLabel,
    QTableWidgetItem,
    QWidget,
)

from ..core.network import PARAM_NAMES
from .digit_sheet import DigitSheet
from .export import add_save_action
from .i18n import Retranslating
from .panel_parts import parameter_table, picture_beside_notes


class StepView(Retranslating, QWidget):
    """The last single step: its batch, its losses and its gradient and update sizes; objectName stepView."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stepView")
        self._stats = None
        self._indices = np.zeros(0, dtype=np.intp)
        self.sheet = DigitSheet(page_size=100)
        self.sheet.empty_maker = lambda: self.tr(
            "Press Step to run one iteration and see its mini-batch here."
        )
        self.losses = QLabel()
        self.losses.setObjectName("stepLosses")
        self.losses.setWordWrap(True)
        self.table = parameter_table(2)
        self.table.setObjectName("stepNorms")
        picture_beside_notes(self, self.sheet, self.losses, self.table)
        self.save_action = add_save_action(self, "one-step.png")
        self.retranslate()

    def retranslate(self) -> None:
        """Its words in the current language (the step shown, if any, said again)."""
        self.setAccessibleName(self.tr("One training step"))
        self.table.setHorizontalHeaderLabels([self.tr("|gradient|"), self.tr("|update|")])
        self.table.setToolTip(
            self.tr(
                "The length (square root of the sum of squares) of each parameter's gradient, "
                "and of how far the step moved it. With SGD the update is the learning rate "
                "times the gradient."
            )
        )
        if self._stats is None:
            self.losses.setText(self.tr("Loss on this batch: run a step to see it."))
        else:
            self._show_losses(self._stats)

    def set_step(self, stats, pixels_u8: np.ndarray, indices, labels) -> None:
        """Show a core.inside.StepStats for the batch pixels_u8[indices] with these labels (one per index)."""
        self._stats = stats
        self._indices = np.asarray(indices, dtype=np.intp)
        wrong = int(np.sum(np.asarray(stats.guesses_before) != np.asarray(labels)))
        n = len(self._indices)
        self.sheet.set_digits(
            pixels_u8,
            self._indices,
            labels,
            stats.guesses_before,
            lambda: self.tr(
                "The mini-batch: %Ln digit(s), each with its label \u2192 the guess before the step; "
                "{0} wrong",
                "",
                n,
            ).format(wrong),
        )
        self._show_losses(stats)
        grads, updates = stats.gradient_norms, stats.update_norms
        for row, name in enumerate(PARAM_NAMES):
            for col, value in enumerate((grads[name], updates[name])):
                item = self.table.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, col, item)
                item.setText(f"{value:.3e}")

    def _show_losses(self, stats) -> None:
        self.losses.setText(
            self.tr("Loss on this batch: {0:.4f} before the step, {1:.4f} after ({2:+.4f}).").format(
                stats.loss_before, stats.loss_after, stats.loss_after - stats.loss_before
            )
        )

    # ---- state, for tests and scripts ----
    def batch_indices(self) -> np.ndarray:
        """The indices of the batch's images, all pages."""
        return self._indices.copy()

    def stats(self):
        """The core.inside.StepStats shown (its gradients are the ones the step used)."""
        return self._stats
