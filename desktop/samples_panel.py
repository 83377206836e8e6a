"""The sample digits panel: a grid of test digits with the network's guesses (sample_grid.py), how many
it gets wrong, a switch to show only mistakes, and a button for other digits.

Its inputs are the test set (`set_data`) and the model whose guesses to show (`set_model`, called
with each new snapshot of the weights); it works out the guesses itself, at most once a second.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from .i18n import Retranslating
from .sample_grid import SampleGrid


class SamplesPanel(Retranslating, QWidget):
    """The card under the curves: title, summary (sampleSummary), mistakesCheck, newSamplesButton, the
    grid (sampleGrid)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = SampleGrid()
        self._reader_model = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        head.addWidget(self.title)
        self.summary = QLabel("")
        self.summary.setObjectName("sampleSummary")
        # The summary has a line of its own, wraps, and never asks for width: "Only mistakes" makes it
        # longer, and that must not make the window wider.
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        head.addStretch(1)
        self.mistakes_check = QCheckBox()
        self.mistakes_check.setObjectName("mistakesCheck")
        head.addWidget(self.mistakes_check)
        self.new_samples_button = QPushButton()
        self.new_samples_button.setObjectName("newSamplesButton")
        head.addWidget(self.new_samples_button)
        lay.addLayout(head)
        # Which network's guesses these are: they change at Start (the untrained network gets almost
        # all wrong) and with the pad's model list, and the pad reads with the same network.
        self.reader_label = QLabel("")
        self.reader_label.setObjectName("gridModelLabel")
        line = QHBoxLayout()
        line.addWidget(self.summary, 1)
        line.addWidget(self.reader_label)
        lay.addLayout(line)
        lay.addWidget(self.grid, 1)

        self.grid.summaryChanged.connect(self.summary.setText)
        self.grid.readerChanged.connect(self._show_reader)
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
        self.reader_label.setToolTip(self.tr("The network whose guesses are shown; the pad reads with it too."))  # noqa: E501
        self._show_reader(self._reader_model)

    # ---- inputs ----
    def set_data(self, x_test, t_test) -> None:
        self.grid.set_data(x_test, t_test)

    def set_model(self, model) -> None:
        self.grid.set_model(model)

    def _show_reader(self, model) -> None:
        self._reader_model = model
        self.reader_label.setText(reader_text(model) if self.grid.summary() else "")


def reader_text(model) -> str:
    """'Read by ...': which network's guesses the grid shows, in a few words, in the current language."""
    translate = QCoreApplication.translate
    if model is None:
        return translate("SamplesPanel", "no network yet")
    if model.kind == "training":
        return translate("SamplesPanel", "Read by the network being trained")
    name = model.name if len(model.name) <= 24 else model.name[:22] + "…"
    if model.test_accuracy is not None:
        name += f" ({model.test_accuracy:.1%})"
    return translate("SamplesPanel", "Read by: %1").replace("%1", name)
