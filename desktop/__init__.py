"""MNIST Studio desktop app: the Qt window that trains live and reads digits you draw.

`from mnist_studio.desktop import MainWindow` works, but Qt is loaded only when a Qt name is first
used, so `mnist-studio train` and the other headless commands never import Qt.
"""


def __getattr__(name):
    if name == "MainWindow":
        from .main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
