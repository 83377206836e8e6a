"""Help > About: the app's version and the lesson it grows out of."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox


def app_version() -> str:
    """The installed package's version (as `mnist-studio --version` prints it)."""
    from mnist_studio.core.cli_options import _version

    return _version()


def about_text() -> str:
    """The About box's text in the current language, with the version."""
    translate = QCoreApplication.translate  # lupdate reads translate(...) calls
    text = translate(
        "MainWindow",
        "<h3>MNIST Studio %1</h3><p>Watch a two-layer neural network learn to read handwritten digits, "
        "live, and draw digits for it to read.</p><p>The lesson it comes from: a note on the book "
        "<i>Deep Learning from Scratch</i> (深度学习入门) that builds <code>TwoLayerNet</code> "
        "(784-50-10, sigmoid), trains it on mini-batches of MNIST with the numerical gradient "
        "(mini-batch → gradient → update → repeat, the steps of SGD), finds it very slow, and "
        "promises backpropagation next. Both methods are here, written in NumPy.</p>",
    )
    return text.replace("%1", html.escape(app_version()))


def show_about(parent) -> None:
    """The About box: what the app is for, its version, and the lesson it comes from."""
    QMessageBox.about(parent, QCoreApplication.translate("MainWindow", "About MNIST Studio"), about_text())
