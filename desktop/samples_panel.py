"""The sample digits panel: a grid of test digits with the network's guesses (sample_grid.py), how many
it gets wrong, a switch to show only mistakes, and a button for other digits.

Its inputs are the test set (`set_data`) and the model whose guesses to show (`set_model`, called
with each new snapshot of the weights); it works out the guesses itself, at most once a second.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from .sample_grid import SampleGrid


class SamplesPanel(QWidget):
    """The card under the curves: title, summary (sampleSummary), mistakesCheck, newSamplesButton, the
    grid (sampleGrid)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = SampleGrid()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        head = QHBoxLayout()
        title = QLabel("Test digits")
        title.setObjectName("cardTitle")
        head.addWidget(title)
        self.summary = QLabel("")
        self.summary.setObjectName("sampleSummary")
        self.summary.setToolTip("How many of the digits shown the network gets wrong.")
        # The summary has a line of its own, wraps, and never asks for width: "Only mistakes" makes it
        # longer, and that must not make the window wider.
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        head.addStretch(1)
        self.mistakes_check = QCheckBox("Only mistakes")
        self.mistakes_check.setObjectName("mistakesCheck")
        self.mistakes_check.setToolTip(
            "Show only test digits the network gets wrong (searched among all 10,000)."
        )
        head.addWidget(self.mistakes_check)
        self.new_samples_button = QPushButton("New samples")
        self.new_samples_button.setObjectName("newSamplesButton")
        self.new_samples_button.setToolTip("Show other randomly chosen test digits.")
        head.addWidget(self.new_samples_button)
        lay.addLayout(head)
        lay.addWidget(self.summary)
        lay.addWidget(self.grid, 1)

        self.grid.summaryChanged.connect(self.summary.setText)
        self.new_samples_button.clicked.connect(self.grid.new_samples)
        self.mistakes_check.toggled.connect(self.grid.set_only_mistakes)

    # ---- inputs ----
    def set_data(self, x_test, t_test) -> None:
        self.grid.set_data(x_test, t_test)

    def set_model(self, model) -> None:
        self.grid.set_model(model)
