"""Smaller things a teacher hit: a download error that lets you type a mirror (and remembers it) instead of
naming a command-line flag, "Only mistakes" that does not widen the window, and Help > About that says
the version and the lesson the app comes from."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton


def test_a_failed_download_offers_a_mirror_typed_in_the_window_and_remembers_it(
    qtbot, tmp_path, monkeypatch, mnist_dir
):
    from mirror_server import MirrorServer

    from mnist_studio.desktop import MainWindow

    folder = tmp_path / "fresh"
    monkeypatch.setenv("MNIST_STUDIO_DATA", str(folder))
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.data_banner.isVisible(), timeout=10000)
    w.download_mirrors = ["http://127.0.0.1:9/nothing-here/"]  # nothing listens on port 9
    w.start_download()
    qtbot.waitUntil(lambda: w.message_bar.level() == "error" and bool(w.message_bar.text()), timeout=20000)
    message = w.message_bar.text()
    assert "--mirror" not in message and "mirror" in message  # no command-line flag in a window
    edit = w.findChild(QLineEdit, "mirrorEdit")
    assert edit is not None and edit.isVisible()

    with MirrorServer(mnist_dir) as mirror:
        QTest.keyClicks(edit, mirror.url)
        QTest.mouseClick(w.findChild(QPushButton, "mirrorButton"), Qt.LeftButton)
        qtbot.waitUntil(lambda: w.data is not None, timeout=60000)
        assert w.data_flow.mirrors[0] == mirror.url
    assert QSettings().value("data/mirror") == mirror.url
    w.shutdown()
    w.close()

    again = MainWindow()  # the next start tries the typed mirror first
    qtbot.addWidget(again)
    assert again.data_flow.mirrors[0] == mirror.url and len(again.data_flow.mirrors) > 1
    assert again.findChild(QLineEdit, "mirrorEdit").text() == mirror.url
    again.shutdown()


def test_only_mistakes_does_not_widen_the_window(qtbot, mnist_dir):
    from mnist_studio.desktop import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.data is not None, timeout=20000)
    w.resize(1000, 660)
    qtbot.wait(50)
    before = w.size()
    w.mistakes_check.setChecked(True)
    qtbot.waitUntil(lambda: "are wrong" in w.sample_summary.text(), timeout=10000)
    qtbot.wait(50)
    assert w.size() == before
    assert w.minimumSizeHint().width() <= 1000
    summary = w.sample_summary
    assert summary.heightForWidth(summary.width()) <= summary.height() + 1  # the whole text shows
    w.shutdown()


def test_about_names_the_version_and_the_lesson(qtbot, monkeypatch):
    from importlib.metadata import version

    from mnist_studio.desktop import MainWindow

    shown = {}
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.update(text=text))
    w = MainWindow()
    qtbot.addWidget(w)
    w.about()
    assert version("mnist-studio") in shown["text"]
    assert "Deep Learning from Scratch" in shown["text"]
    assert "lesson" in shown["text"].lower()
    w.shutdown()
