"""The window's status bar: a message on the left, where MNIST comes from on the right, and a long message
shortened with "…" (the whole of it in the tooltip) so that it never runs into the MNIST text.

QStatusBar draws a temporary message across its whole width, under the permanent widgets on the right;
a message longer than the room beside them would be printed through them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar


class StatusBar(QStatusBar):
    """showMessage() as usual, shortened to the room left of the MNIST status (dataStatusLabel)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data_status = QLabel("")
        self.data_status.setObjectName("dataStatusLabel")
        self.addPermanentWidget(self.data_status)
        self.setSizeGripEnabled(True)
        self._full = ""
        self.messageChanged.connect(self._on_message_changed)

    def room(self) -> int:
        """Pixels free for a message: the bar's width less the MNIST status, the grip and margins."""
        used = self.data_status.width() if self.data_status.isVisible() else 0
        return max(0, self.width() - used - 40)

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        short = self.fontMetrics().elidedText(text, Qt.ElideRight, self.room())
        super().showMessage(short, timeout)
        self.setToolTip(text if short != text else "")

    def full_message(self) -> str:
        """The message shown now, unshortened ("" when none is)."""
        return self._full if self.currentMessage() else ""

    def set_data_status(self, short: str, full: str = "") -> None:
        """The MNIST status: a short text, and where the data comes from in its tooltip."""
        self.data_status.setText(short)
        self.data_status.setToolTip(full or short)

    def _on_message_changed(self, text: str) -> None:
        if not text:
            self._full = ""
            self.setToolTip("")
