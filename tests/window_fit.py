"""Opens the window on an offscreen screen of a given size and scale and lists what does not fit (run as a
script by test_desktop_screen_sizes.py, one process per screen, since Qt reads the screen's size and
scale once at start).

    python window_fit.py WIDTH HEIGHT [--presentation] [--no-data] [--failed-download] [--grab FILE]

prints one JSON object: the screen's available area, the window's frame, and `faults`, one line per
named widget outside the window (or outside the scroll area that holds it) and per label whose text
needs more room than it has.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path


def screen_file(width: int, height: int) -> str:
    """A configuration file for Qt's offscreen platform: one screen of this size (logical pixels x scale)."""
    spec = {"screens": [{"name": "projector", "x": 0, "y": 0, "width": width, "height": height,
                         "logicalDpi": 96, "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}
    fd, path = tempfile.mkstemp(suffix=".json", prefix="screen-")
    with os.fdopen(fd, "w") as f:
        json.dump(spec, f)
    return path


def layout_faults(window, sideways_ok: bool = False) -> list[str]:
    """Named widgets not reachable inside the window, labels cut short, columns that scroll sideways
    (unless `sideways_ok`) and a status message that runs into the MNIST status, as readable lines."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QScrollArea, QWidget

    faults = []
    inside = window.rect()

    def rect_in(widget, ancestor) -> QRect:
        return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())

    def scroll_area_of(widget):
        p = widget.parentWidget()
        while p is not None and p is not window:
            if isinstance(p, QScrollArea):
                return p
            p = p.parentWidget()
        return None

    for w in window.findChildren(QWidget):
        name = w.objectName()
        if not name or name.startswith("qt_") or not w.isVisible() or w.width() == 0:
            continue
        if isinstance(w.parentWidget(), QAbstractScrollArea) and w.parentWidget().viewport() is w:
            continue
        area = scroll_area_of(w)
        if area is None:
            r = rect_in(w, window)
            if not inside.contains(r):
                faults.append(f"{name} at {r.getRect()} is outside the window {inside.getRect()}")
        else:
            content = area.widget()
            r = rect_in(w, content)
            if not content.rect().contains(r):
                faults.append(f"{name} at {r.getRect()} is outside its scroll area's content")
            viewport = rect_in(area.viewport(), window)
            if not inside.contains(viewport):
                faults.append(f"scroll area {area.objectName()} at {viewport.getRect()} is off the window")
    if not sideways_ok:
        for area in window.findChildren(QAbstractScrollArea):
            if area.isVisible() and area.horizontalScrollBar().isVisible():
                faults.append(f"scroll area {area.objectName() or type(area).__name__} scrolls sideways")
    bar = window.statusBar()
    message, status = bar.currentMessage(), bar.findChild(QLabel, "dataStatusLabel")
    if message and status is not None and status.isVisible():
        room = status.mapTo(bar, QPoint(0, 0)).x()
        if bar.fontMetrics().horizontalAdvance(message) > room:
            faults.append(f"the status message {message[:40]!r}… runs into the MNIST status")
    for lab in window.findChildren(QLabel):
        if not lab.isVisible() or not lab.text():
            continue
        name = lab.objectName() or repr(lab.text()[:30])
        if lab.wordWrap():
            need = lab.heightForWidth(lab.width())
            if need > lab.height() + 1:
                faults.append(f"label {name} needs {need} px of height, has {lab.height()}")
        elif lab.sizeHint().width() > lab.width():
            faults.append(f"label {name} needs {lab.sizeHint().width()} px, has {lab.width()}")
    return faults


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("width", type=int)
    ap.add_argument("height", type=int)
    ap.add_argument("--presentation", action="store_true")
    ap.add_argument("--no-data", action="store_true")
    ap.add_argument("--failed-download", action="store_true")
    ap.add_argument("--grab", default=None)
    args = ap.parse_args()
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen_file(args.width, args.height)}"
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    settings_dir = tempfile.mkdtemp(prefix="fit-settings-")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, settings_dir)
    QCoreApplication.setOrganizationName("MNIST Studio fit")
    QCoreApplication.setApplicationName("MNIST Studio fit")
    app = QApplication([sys.argv[0]])
    from mnist_studio.desktop import theme
    from mnist_studio.desktop.main_window import MainWindow

    theme.apply_theme(app)
    data_dir = tempfile.mkdtemp(prefix="no-mnist-") if args.no_data else None
    w = MainWindow(data_dir=data_dir)
    w.show()

    def settle(seconds: float, until=lambda: False) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not until():
            app.processEvents()
            time.sleep(0.01)

    settle(20, lambda: (w.data is not None) if not args.no_data else w.data_banner.isVisible())
    frame_before = w.frameGeometry().getRect()
    if args.failed_download:
        w.data_flow.mirrors = ["http://127.0.0.1:9/nothing-here/"]
        w.data_flow.start_download()
        settle(20, lambda: not w.data_flow.service.downloading and w.message_bar.isVisible())
    growth = {}
    if args.presentation:
        from PySide6.QtGui import QFontInfo
        from PySide6.QtWidgets import QLabel

        def sizes() -> dict:
            labels = {id(lab): (lab, QFontInfo(lab.font()).pixelSize()) for lab in w.findChildren(QLabel)
                      if lab.isVisible() and lab.text()}
            axis = w.plots.loss_plot.getPlotItem().getAxis("left")
            curve = w.plots.acc_legend.items[0][1] if w.plots.acc_legend.items else None
            # the ink's width on screen: the pen (in pad pixels) times the pad's screen pixels per pad pixel
            ink = w.canvas.pen_width * w.canvas.view_scale()
            return {"labels": labels, "tick": QFontInfo(axis.style["tickFont"] or axis.font()).pixelSize(),
                    "ink": ink, "pad": w.canvas.width(), "curve": curve}

        before = sizes()
        w.actions.presentation.setChecked(True)
        settle(0.5)
        after = sizes()
        growth = {
            "labels_not_larger": [
                lab.objectName() or lab.text()[:30] for key, (lab, px) in before["labels"].items()
                if key in after["labels"] and after["labels"][key][1] <= px
            ],
            "tick_growth": after["tick"] / before["tick"],
            "ink_growth": round(after["ink"] / before["ink"], 6),
            "pad_growth": after["pad"] / before["pad"],
            "factor": w.view_scale.factor,
            "full_screen": w.isFullScreen(),
        }
    settle(0.5)
    area = w.screen().availableGeometry()
    frame = w.frameGeometry()
    from PySide6.QtCore import QPoint, QRect

    viewport = w.layout_.reader_scroll.viewport()

    def in_view(widget) -> bool:
        return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))
    out = {
        "available": area.getRect(),
        "frame": frame.getRect(),
        "frame_before": frame_before,
        **growth,
        "scale": w.devicePixelRatioF(),
        "inside_screen": area.contains(frame),
        "pad_and_answer_in_view": in_view(w.canvas) and in_view(w.reader.prediction_label),
        "faults": layout_faults(w, sideways_ok=args.presentation and w.width() < 1024),
    }
    if args.grab:
        w.grab().save(str(Path(args.grab)))
    print(json.dumps(out))
    w.shutdown()


if __name__ == "__main__":
    main()
