"""Pieces two Inside panels share: a small table with a row per parameter (W1, b1, W2, b2), and the
layout of a picture on the left with notes and that table on its right."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QTableWidget, QVBoxLayout, QWidget

from ..core.network import PARAM_NAMES


def parameter_table(columns: int) -> QTableWidget:
    """A read-only table with one row per parameter (W1, b1, W2, b2) and `columns` columns."""
    table = QTableWidget(len(PARAM_NAMES), columns)
    table.setVerticalHeaderLabels(list(PARAM_NAMES))
    table.setEditTriggers(QTableWidget.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    table.setMaximumWidth(320)
    return table


def picture_beside_notes(panel: QWidget, picture: QWidget, *notes: QWidget) -> None:
    """Lay out `panel`: `picture` taking three quarters of the width, `notes` stacked on its right."""
    side = QVBoxLayout()
    for note in notes:
        side.addWidget(note)
    side.addStretch(1)
    layout = QHBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(picture, 3)
    layout.addLayout(side, 1)
