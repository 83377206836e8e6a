"""Saving any panel as a PNG picture: a "Save picture as PNG..." action for right-click menus, and the atomic
write behind it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..core.durable import write_atomically


def png_bytes(widget: QWidget) -> bytes:
    """The widget as it looks on screen, encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def save_widget_png(widget: QWidget, path) -> Path:
    """Write the widget's picture to path (temporary file, then rename); OSError if the folder cannot be
    written."""
    payload = png_bytes(widget)
    return write_atomically(Path(path), lambda f: f.write(payload), binary=True)


def ask_and_save(widget: QWidget, suggested: str) -> Path | None:
    """Ask where to save the widget's picture, save it, and say so if that fails; returns the path or None."""
    name, _ = QFileDialog.getSaveFileName(
        widget,
        QCoreApplication.translate("export", "Save picture as PNG"),
        suggested,
        QCoreApplication.translate("export", "PNG pictures (*.png)"),
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".png":
        path = path.with_suffix(".png")
    try:
        return save_widget_png(widget, path)
    except OSError as e:
        QMessageBox.warning(
            widget,
            QCoreApplication.translate("export", "Could not save the picture"),
            QCoreApplication.translate("export", "{0}: {1}. Choose another folder.").format(
                path, e.strerror or e
            ),
        )
        return None


def retranslate_save_actions(root: QWidget) -> None:
    """Relabel every "Save picture as PNG..." action under root in the current language."""
    for action in root.findChildren(QAction, "savePictureAction"):
        action.setText(QCoreApplication.translate("export", "Save picture as PNG..."))


def add_save_action(widget: QWidget, suggested: str) -> QAction:
    """Give the widget a right-click menu with "Save picture as PNG..."; returns the action (File > Export can
    reuse it)."""
    action = QAction(QCoreApplication.translate("export", "Save picture as PNG..."), widget)
    action.setObjectName("savePictureAction")  # the window relabels these on a change of language
    action.triggered.connect(lambda: ask_and_save(widget, suggested))
    widget.addAction(action)
    widget.setContextMenuPolicy(Qt.ActionsContextMenu)
    return action
