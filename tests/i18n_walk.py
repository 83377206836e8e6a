"""Every text a user can see in a window, for the language tests: widget texts, tooltips, status tips,
placeholders, accessible names, combo items, tabs, menus and actions, plot axes and legends.

`english_words(text)` finds the English left in a Chinese text (names that stay in Latin letters in
the lesson, units and file names excepted); `chinese(text)` finds Chinese in an English one.
"""

from __future__ import annotations

import html
import re

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QTableWidget,
    QTabWidget,
    QWidget,
)

#: Words that stay as they are in the Chinese texts (the lesson's and the glossary's own usage), and
#: units, keys, file-format and math names.
ALLOWED = set(
    # the lesson's and the glossary's names that stay in Latin letters
    "mnist studio sgd momentum nesterov adagrad rmsprop adam relu sigmoid softmax xavier he mini batch "
    "epoch numpy dropout twolayernet python "  # TwoLayerNet: the lesson's class; Python: in the book's title
    # file formats, units, keys, parameter names
    "csv png jpeg jpg bmp tif svg hdf5 npz gz it mb pt ctrl enter esc f10 sha max b1 b2 w1 w2 e^ nan inf "
    # pyqtgraph's plot options (dy/dx, FFT) and the names of the languages
    "dy dx fft matplotlib language english".split()
)
#: Qt's own inner widgets (a tab bar's scroll arrows): Qt names them, in English, for screen readers.
QT_INTERNAL = {"ScrollLeftButton", "ScrollRightButton"}
_TAG = re.compile(r"<[^>]+>")
_FILE = re.compile(
    r"\b[a-z]+://\S*|[\w./\\~-]*[/\\][\w./\\~-]*|\b[\w-]+\.(?:gz|npz|png|csv|jpg|jpeg|bmp)\b"
)
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9^]+")
_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def plain(text: str) -> str:
    """Rich text to plain: tags and entities gone, addresses, paths and file names removed."""
    text = html.unescape(_TAG.sub(" ", text or ""))
    return _FILE.sub(" ", text)


#: Captions written in capitals that are words, not acronyms (an untranslated one must still be found).
_SHOUTED = {"loss", "test", "train", "accuracy"}


def english_words(text: str) -> list[str]:
    """The English words in a text meant to be Chinese (allowed names and acronyms excepted)."""
    found = []
    for word in _WORD.findall(_PLACEHOLDER.sub(" ", plain(text))):
        low = word.lower()
        if low in ALLOWED or (word.isupper() and len(word) <= 5 and low not in _SHOUTED):
            continue
        found.append(word)
    return found


def chinese(text: str) -> list[str]:
    return _CJK.findall(text or "")


def _item_texts(box: QComboBox):
    for i in range(box.count()):
        yield f"item {i}", box.itemText(i)
        tip = box.itemData(i, Qt.ToolTipRole)
        if isinstance(tip, str):
            yield f"item {i} tooltip", tip


def _plot_texts(plot: pg.PlotWidget):
    item = plot.getPlotItem()
    for side in ("left", "bottom", "top", "right"):
        axis = item.getAxis(side)
        if axis.isVisible() and axis.labelText:
            yield f"{side} axis", axis.labelText
    if item.legend is not None:
        for _sample, label in item.legend.items:
            yield "legend", label.text
    for child in item.items:
        if isinstance(child, pg.TextItem) and child.isVisible():
            yield "text item", child.toPlainText()


def widget_texts(root: QWidget):
    """(where, text) for every text of root and its children a user can see or hear."""
    widgets = [root] + root.findChildren(QWidget)
    for w in widgets:
        if w.objectName() in QT_INTERNAL or w.objectName().startswith("qt_"):
            continue
        name = f"{type(w).__name__}#{w.objectName() or '?'}"
        for kind, text in (
            ("tooltip", w.toolTip()),
            ("status tip", w.statusTip()),
            ("accessible name", w.accessibleName()),
            ("what's this", w.whatsThis()),
        ):
            if text:
                yield f"{name} {kind}", text
        if w.isWindow() and w.windowTitle():
            yield f"{name} title", w.windowTitle()
        if isinstance(w, QLabel):
            yield name, w.text()
        elif isinstance(w, QAbstractButton):
            yield name, w.text()
        elif isinstance(w, QLineEdit):
            yield f"{name} placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            for where, text in _item_texts(w):
                yield f"{name} {where}", text
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QProgressBar):
            yield f"{name} format", w.format()
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"{name} tab {i}", w.tabText(i)
                yield f"{name} tab {i} tooltip", w.tabToolTip(i)
        elif isinstance(w, QMenu):
            yield f"{name} title", w.title()
        elif isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                head = w.horizontalHeaderItem(c)
                if head is not None:
                    yield f"{name} column {c}", head.text()
            for r in range(w.rowCount()):
                for c in range(w.columnCount()):
                    item = w.item(r, c)
                    if item is not None:
                        yield f"{name} cell {r},{c}", item.text()
        elif isinstance(w, pg.PlotWidget):
            for where, text in _plot_texts(w):
                yield f"{name} {where}", text
    for a in root.findChildren(QAction):
        if a.isSeparator():
            continue
        name = f"action#{a.objectName() or a.text()}"
        for kind, text in (("text", a.text()), ("tooltip", a.toolTip()), ("status tip", a.statusTip())):
            yield f"{name} {kind}", text.replace("&", "")


def _form_texts(ui, where: str):
    """The texts of a pyqtgraph form (an axis's or the plot's options) by its widget attributes."""
    for attr, w in vars(ui).items():
        if not isinstance(w, QWidget):
            continue
        if w.toolTip():
            yield f"{where}.{attr} tooltip", w.toolTip()
        if isinstance(w, (QAbstractButton, QLabel)):
            yield f"{where}.{attr}", w.text()
        elif isinstance(w, QGroupBox):
            yield f"{where}.{attr}", w.title()


def _menu_texts(menu: QMenu, where: str):
    yield f"{where} title", menu.title()
    for a in menu.actions():
        if a.isSeparator():
            continue
        yield f"{where} > {a.text()}", a.text()
        if a.menu() is not None:
            yield from _menu_texts(a.menu(), f"{where} > {a.text()}")


def plot_menu_texts(root: QWidget):
    """pyqtgraph's right-click menus of every plot under root (they are not children of the window)."""
    for k, plot in enumerate(root.findChildren(pg.PlotWidget)):
        item = plot.getPlotItem()
        where = f"{plot.objectName() or k} menu"
        menu = item.getViewBox().menu
        if menu is not None:
            yield from _menu_texts(menu, where)
            for axis, ui in zip("XY", menu.ctrl):
                yield from _form_texts(ui, f"{where} {axis} axis")
        yield from _menu_texts(item.ctrlMenu, f"{where} plot options")
        yield from _form_texts(item.ctrl, f"{where} plot options")


def window_texts(window):
    """Everything widget_texts finds, plus the plots' right-click menus and what is painted or shown
    on demand: the sample grid's summary and tooltip, the About box, the status bar."""
    yield from widget_texts(window)
    yield from plot_menu_texts(window)
    yield "sample grid summary", window.sample_grid.summary()
    yield "sample grid tooltip", window.sample_grid.tooltip_text()
    yield "about box", window.about_text()
    yield "status bar", window.statusBar().currentMessage()
