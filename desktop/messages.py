"""A message strip at the top of the window for errors and news: it never blocks (no modal dialog), says what
happened in one line, and can be closed.

Errors from the engine (a diverged run, a bad model file, a failed download) land here, so the
app keeps running and the user can read the advice while trying again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton

from .i18n import Retranslating

ICONS = {"error": ("✖", "#dc2626"), "warning": ("⚠", "#b45309"), "info": ("✔", "#059669")}


class MessageBar(Retranslating, QFrame):
    """objectName messageBar; its text is in the QLabel messageLabel; level is error | warning | info."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setProperty("level", "info")
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        row.setSpacing(8)
        self.icon = QLabel()
        self.icon.setStyleSheet("font-size: 13pt;")
        row.addWidget(self.icon, 0, Qt.AlignTop)
        self.label = QLabel()
        self.label.setObjectName("messageLabel")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        row.addWidget(self.label, 1)
        close = QToolButton()
        close.setObjectName("messageClose")
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        self.close_button = close
        self._make = lambda: ""
        row.addWidget(close, 0, Qt.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """The close button's tooltip, and the message shown, in the current language."""
        self.close_button.setToolTip(self.tr("Hide this message"))
        self.label.setText(self._make())

    def show_message(self, text, level: str = "error", timeout_ms: int = 0) -> None:
        """Show one message (it replaces the previous one); info messages may hide themselves after
        timeout_ms.

        `text` is rich text, or a function that makes it in the current language (so that the message
        follows a change of language while it is shown)."""
        symbol, color = ICONS.get(level, ICONS["error"])
        self.icon.setText(symbol)
        self.icon.setStyleSheet(f"font-size: 13pt; color: {color};")
        self._make = text if callable(text) else (lambda: text)
        self.label.setText(self._make())
        self.setProperty("level", level)
        self.style().unpolish(self)  # re-read the style sheet for the new level
        self.style().polish(self)
        self.show()
        self._timer.stop()
        if timeout_ms:
            self._timer.start(timeout_ms)

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def level(self) -> str:
        return str(self.property("level"))
