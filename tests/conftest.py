"""Shared test setup: tests find the real MNIST files ($MNIST_STUDIO_DATA, else where `download` put them)."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

# Qt without a screen: the window tests run offscreen (set before anything imports Qt).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

# The book's reference code and the benchmark live in benchmarks/ (not installed); tests import them by name.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from mirror_server import GENUINE_SHA256, shared_mnist_dir

_SHARED = shared_mnist_dir()
if _SHARED is not None:
    # Every test (and every subprocess it starts) finds the real data without extra flags.
    os.environ["MNIST_STUDIO_DATA"] = str(_SHARED)


NO_MNIST = (
    "needs the real MNIST files: run `mnist-studio download` (about 11 MB, into your user data folder) "
    "or set MNIST_STUDIO_DATA to a folder holding the four .gz files"
)


@pytest.fixture(scope="session")
def mnist_dir():
    """The folder holding the four real MNIST .gz files (read-only); skips the test if it is not there."""
    if _SHARED is None:
        pytest.skip(NO_MNIST)
    return _SHARED


@pytest.fixture(autouse=True)
def _qt_settings_per_test(request, tmp_path):
    """Window tests keep their QSettings in a fresh folder: no test sees another's (or the user's)
    settings.
    """
    if not request.node.path.name.startswith("test_desktop"):
        yield
        return
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "qt-settings"))
    QCoreApplication.setOrganizationName("MNIST Studio tests")
    QCoreApplication.setApplicationName("MNIST Studio tests")
    yield


@pytest.fixture(scope="session")
def genuine(mnist_dir) -> dict[str, str]:
    """SHA-256 of each decompressed MNIST file by its .gz name: the published sums, not the code's table."""
    return dict(GENUINE_SHA256)


@pytest.fixture
def trainer_thread():
    """start(trainer) runs it in a daemon thread -> (thread, box with "result"); every trainer started is
    stopped and joined when the test ends, pass or fail, so a broken pause cannot hang the suite.
    """
    started = []

    def start(trainer):
        box = {}
        thread = threading.Thread(target=lambda: box.setdefault("result", trainer.run()), daemon=True)
        thread.start()
        started.append((trainer, thread))
        return thread, box

    yield start
    for trainer, thread in started:
        trainer.stop()
        thread.join(30)


@pytest.fixture
def window(qtbot, mnist_dir):
    """The main window, shown, with the real MNIST loaded; its runs and threads are shut down afterwards."""
    from mnist_studio.desktop import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.data is not None, timeout=20000)
    yield w
    w.shutdown()
