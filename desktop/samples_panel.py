"""The sample digits panel: a grid of test digits with the network's guesses (sample_grid.py), how many
it gets wrong, a switch to show only mistakes, and a button for other digits.

Its inputs are the test set (`set_data`) and the model whose guesses to show (`set_model`, called
with each new snapshot of the weights); it works out the guesses itself, at most once a second.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .i18n import Retranslating
from .sample_grid import SampleGrid


class SamplesPanel(Retranslating, QWidget):
    """The card under the curves: title, summary (sampleSummary), mistakesCheck, newSamplesButton, the
    grid (sampleGrid)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = SampleGrid()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        head.addWidget(self.title)
        self.summary = QLabel("")
        self.summary.setObjectName("sampleSummary")
        head.addWidget(self.summary, 1)
        self.mistakes_check = QCheckBox()
        self.mistakes_check.setObjectName("mistakesCheck")
        head.addWidget(self.mistakes_check)
        self.new_samples_button = QPushButton()
        self.new_samples_button.setObjectName("newSamplesButton")
        head.addWidget(self.new_samples_button)
        lay.addLayout(head)
        lay.addWidget(self.grid, 1)

        self.grid.summaryChanged.connect(self.summary.setText)
        self.new_samples_button.clicked.connect(self.grid.new_samples)
        self.mistakes_check.toggled.connect(self.grid.set_only_mistakes)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Test digits"))
        self.summary.setToolTip(self.tr("How many of the digits shown the network gets wrong."))
        self.mistakes_check.setText(self.tr("Only mistakes"))
        self.mistakes_check.setToolTip(
            self.tr("Show only test digits the network gets wrong (searched among all 10,000).")
        )
        self.new_samples_button.setText(self.tr("New samples"))
        self.new_samples_button.setToolTip(self.tr("Show other randomly chosen test digits."))

    # ---- inputs ----
    def set_data(self, x_test, t_test) -> None:
        self.grid.set_data(x_test, t_test)

    def set_model(self, model) -> None:
        self.grid.set_model(model)
