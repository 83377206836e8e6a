"""Start the desktop app: parse the window's options, set up Qt (names, icon, look), open the main window; or,
with --self-test, check offscreen that the window, the pad and training all work.

    mnist-studio                       open the window
    mnist-studio --data-dir DIR        use the MNIST files in DIR
    mnist-studio --model FILE          read drawings with this model file
    mnist-studio --self-test           check the installed app without showing a window
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def _parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="mnist-studio",
        description="Watch a neural network learn handwritten digits, and draw digits for it to read.",
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder with the four MNIST files (default: $MNIST_STUDIO_DATA or the per-user folder)",
    )
    p.add_argument("--model", metavar="FILE", help="a model file (.npz) for the drawing pad")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="check offscreen that the app works; prints one line, exit code 0 if it does",
    )
    return p.parse_args(argv)


def broken_qt_binding() -> str | None:
    """Why the installed PySide6 cannot run this app, or None.

    PySide6 6.12.0 hands back None and True without a reference on Python 3.11 and older; the
    interpreter then dies ("deallocating None") after a few thousand Qt calls, i.e. a minute into
    training. Python 3.12 made those objects immortal, so there it is harmless.
    """
    try:
        import PySide6
    except ImportError as e:
        return f"PySide6 is not installed ({e}); install it with: pip install PySide6-Essentials"
    if PySide6.__version__ == "6.12.0" and sys.version_info < (3, 12):
        return (
            "PySide6 6.12.0 crashes on Python 3.11 and older (a reference-counting bug); "
            'install another version with: pip install "PySide6-Essentials>=6.5,!=6.12.0"'
        )
    return None


def _no_display() -> bool:
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return False


#: Harmless notes from Qt's platform plugins that would only confuse a user reading the console.
QUIET_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def _qt_message(mode, context, message: str) -> None:
    if message in QUIET_QT_MESSAGES:
        return
    print(message, file=sys.stderr, flush=True)


def make_app(argv0: str = "mnist-studio"):
    """The QApplication with the app's names, icon and look (reuses one that exists)."""
    from PySide6.QtCore import QCoreApplication, Qt, qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from . import theme
    from .icons import app_icon
    from .main_window import APPLICATION, ORGANIZATION

    qInstallMessageHandler(_qt_message)
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication([argv0])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QGuiApplication.setApplicationDisplayName(APPLICATION)
    QGuiApplication.setDesktopFileName("mnist-studio")
    app.setWindowIcon(app_icon())
    theme.apply_theme(app)
    from . import i18n

    i18n.install_saved()  # the user's choice in View > Language, else the system's language
    return app


def run_app(argv: list[str] | None = None) -> int:
    """Open the window (or run the self-test); returns the process exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parse(argv)
    broken = broken_qt_binding()
    if broken:
        print(f"mnist-studio: {broken}", file=sys.stderr)
        return 1
    if args.self_test and (_no_display() or os.environ.get("QT_QPA_PLATFORM") is None):
        # The self-test never needs to show anything: run it offscreen unless told otherwise.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif _no_display() and not os.environ.get("QT_QPA_PLATFORM"):
        # Without this, Qt aborts the process (core dump) with a page about platform plugins.
        print(
            "mnist-studio: no screen to show the window on (DISPLAY and WAYLAND_DISPLAY are not set); "
            "start it from a desktop session, or use the command line: mnist-studio --help",
            file=sys.stderr,
        )
        return 2
    from .system_libs import xcb_problem

    missing = xcb_problem()
    if missing:  # Qt would abort with a misleading page about xcb-cursor
        print(f"mnist-studio: {missing}", file=sys.stderr)
        return 2
    try:
        app = make_app()
    except Exception as e:  # no Qt platform at all: say so in one line
        print(f"mnist-studio: cannot start the window: {e}", file=sys.stderr)
        return 1
    if args.self_test:
        return self_test(app, args)

    from .main_window import MainWindow

    window = MainWindow(data_dir=args.data_dir, model=args.model)
    window.show()
    code = app.exec()
    window.shutdown()
    return int(code)


# ---------------------------------------------------------------------------------------------
# self-test

#: Strokes of a "1" and a "7" on the 280x280 pad, as a hand would draw them.
SELF_TEST_STROKES = {
    1: [[(125, 70), (150, 45), (152, 120), (152, 235)]],
    7: [[(78, 58), (200, 58), (170, 120), (125, 235)]],
}


def _wait(app, condition, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.005)
    app.processEvents()
    return condition()


def _tiny_dataset(n_train: int = 600, n_test: int = 100):
    """Random digit-like data (ten blobs at ten places) for the self-test when MNIST is missing."""
    from types import SimpleNamespace

    import numpy as np

    rng = np.random.default_rng(0)

    def make(n):
        t = rng.integers(0, 10, n).astype(np.uint8)
        x = rng.integers(0, 40, (n, 784)).astype(np.uint8)
        for i, d in enumerate(t):
            r, c = divmod(int(d), 5)
            img = x[i].reshape(28, 28)
            img[4 + r * 12 : 12 + r * 12, 2 + c * 5 : 6 + c * 5] = 255
        return x, t

    x_train, t_train = make(n_train)
    x_test, t_test = make(n_test)
    return SimpleNamespace(x_train=x_train, t_train=t_train, x_test=x_test, t_test=t_test)


def self_test(app, args) -> int:
    """Build the window, read drawn digits with the default model, train a moment, stop; one line of
    result."""
    try:
        details = _self_test_steps(app, args)
    except _Failed as e:
        print(f"self-test failed: {e}", flush=True)
        return 1
    except Exception as e:
        print(f"self-test failed: {type(e).__name__}: {e}", flush=True)
        return 1
    print(f"self-test ok ({details})", flush=True)
    return 0


class _Failed(Exception):
    pass


def _self_test_steps(app, args) -> str:
    # A scratch settings file: the self-test must not change the user's saved settings.
    import tempfile

    from PySide6.QtCore import QCoreApplication, QSettings

    from .main_window import MainWindow
    from .models import DEFAULT, OPENED

    scratch = tempfile.TemporaryDirectory(prefix="mnist-studio-selftest-")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, scratch.name)
    QCoreApplication.setOrganizationName("MNIST Studio self-test")

    t0 = time.monotonic()
    window = MainWindow(data_dir=args.data_dir, model=args.model)
    window.show()
    app.processEvents()
    startup = time.monotonic() - t0
    from . import i18n

    # The scratch settings hold no choice, so this is the system's language (LANG / LC_ALL).
    language = i18n.install_saved()
    app.processEvents()
    qt_cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")  # from Qt's qtbase_<lang>.qm
    notes = [
        f"window in {startup:.2f} s",
        f"language {language} ({window.start_button.text().strip()}, {qt_cancel})",
    ]
    try:
        if language != i18n.ENGLISH and qt_cancel == "Cancel":
            raise _Failed(f"Qt's own translation (qtbase_{language}.qm) was not found")
        if args.model and window.source.get(OPENED) is None:
            raise _Failed(f"the model given with --model could not be opened: {window.message_bar.text()}")
        # 1. the default model reads drawn digits
        if window.source.get(DEFAULT) is None:
            raise _Failed("the default model could not be loaded (resources/default_model.npz)")
        window.source.choose(DEFAULT)
        read = []
        for digit, strokes in SELF_TEST_STROKES.items():
            window.canvas.clear()
            for stroke in strokes:
                window.canvas.draw_stroke(_densify(stroke))
            window.reader.predict_now()
            got = window.reader.prediction()
            if got != digit:
                raise _Failed(f"drew a {digit} on the pad, the default model read {got}")
            read.append(f"{digit}->{got} ({window.reader.probabilities[got]:.0%})")
        notes.append("pad read " + ", ".join(read))
        window.canvas.clear()
        window.reader.predict_now()
        if window.reader.prediction() is not None:
            raise _Failed("the cleared pad still shows a digit")

        # 2. training starts, reports, and stops; its thread ends
        _wait(app, lambda: window.data is not None or not window.data_banner.isHidden(), 15.0)
        if window.data is None:
            window.use_data(_tiny_dataset(), "synthetic data (MNIST not found)")
            data_name = "synthetic data"
        else:
            data_name = "MNIST"
        window.controls.iters_spin.setValue(100000)
        if not window.start_training():
            raise _Failed("training did not start: " + window.message_bar.text())
        if not _wait(app, lambda: window.current_run().history.count >= 50, 20.0):
            raise _Failed("training started but no loss arrived within 20 s")
        window.stop_training()
        thread = window.current_run().thread
        if not _wait(app, lambda: not window.runs.any_running, 5.0):
            raise _Failed("the training thread did not end within 5 s of Stop")
        if thread is not None and thread.isRunning():
            raise _Failed("the training thread is still running")
        n = window.current_run().history.count
        notes.append(f"trained {n} iterations on {data_name} and stopped, thread joined")
    finally:
        window.close()
        window.shutdown()
        app.processEvents()
        scratch.cleanup()
    return "; ".join(notes)


def _densify(points, step: float = 4.0):
    """Points every `step` px along a polyline: what mouse events along a stroke look like."""
    out = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = max(1, int(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 / step))
        out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(1, n + 1)]
    return out
