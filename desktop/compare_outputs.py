"""What the Compare page makes of its runs besides the table and curves: the race's figures (numerical vs
backprop), a run's weights saved as a model or handed to the drawing pad, every history as one CSV, the
plot as a PNG. Functions of the page (compare_page.ComparePage), which keeps them out of its own module.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton

from mnist_studio.core.compare import csv_rows
from mnist_studio.core.durable import write_atomically
from mnist_studio.core.element_loop import days_for
from mnist_studio.core.errors import UserError
from mnist_studio.core.history import History, RateMeter
from mnist_studio.core.trainer import TrainConfig, run_metadata

from .export import save_widget_png


@dataclass
class RunEntry:
    """One run on the page: what it is, and what has come back from it."""

    name: str
    config: TrainConfig
    colour: str
    differs: dict = field(default_factory=dict)
    run_id: int = 0
    history: History | None = None
    rate: RateMeter = field(default_factory=RateMeter)
    seconds: float = 0.0
    result: object = None
    params: dict | None = None  # the newest weights to predict with
    status: str = ""


def status_word(page, e) -> str:
    """A run's status as the table shows it: running, paused, finished, stopped or diverged."""
    if e.result is not None:
        return {
            "completed": QCoreApplication.translate("ComparePage", "finished"),
            "stopped": QCoreApplication.translate("ComparePage", "stopped"),
            "diverged": QCoreApplication.translate("ComparePage", "diverged"),
            "target reached": QCoreApplication.translate("ComparePage", "finished"),
        }.get(str(e.result.status), str(e.result.status))
    if e.history is None or not page.running:
        return ""
    return (
        QCoreApplication.translate("ComparePage", "paused")
        if page.pause_button.isChecked()
        else QCoreApplication.translate("ComparePage", "running")
    )


def build_row(page) -> QHBoxLayout:
    """The row under the plots: the race's figures, and the buttons that use, save or export runs."""
    bottom = QHBoxLayout()
    page.status_label = QLabel()
    page.status_label.setObjectName("compareStatusLabel")
    page.status_label.setWordWrap(True)
    bottom.addWidget(page.status_label, 1)
    buttons = (
        ("pad_button", "compareUsePadButton", lambda: use_on_pad(page, page.selected_row())),
        ("save_button", "compareSaveModelButton", lambda: ask_save_model(page)),
        ("csv_button", "compareExportCsvButton", lambda: ask_export_csv(page)),
        ("png_button", "compareSavePngButton", lambda: ask_save_png(page)),
    )
    for attr, name, action in buttons:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(action)
        setattr(page, attr, button)
        bottom.addWidget(button)
    return bottom


def show_race(page) -> None:
    """The race's figures under the table: speed ratio, loss gap over shared iterations, the lesson's loop."""
    if page.experiment_key() != "gradients" or len(page.entries) != 2:
        return
    num, back = page.entries
    if num.history is None or back.history is None:
        return
    parts = []
    r_num = num.history.count / num.seconds if num.seconds else None
    r_back = back.history.count / back.seconds if back.seconds else None
    if r_num and r_back:
        parts.append(
            QCoreApplication.translate("ComparePage", "backprop is %1x faster").replace(
                "%1", f"{r_back / r_num:,.0f}"
            )
        )
    n = min(num.history.count, back.history.count)
    if n:
        gap = float(abs(num.history.losses[:n] - back.history.losses[:n]).max())
        parts.append(
            QCoreApplication.translate(
                "ComparePage",
                "over the %Ln iterations both have done, their losses differ by at most %1",
                "",
                n,
            ).replace("%1", f"{gap:.1e}")
        )
    if page.element_loop:
        parts.append(
            QCoreApplication.translate(
                "ComparePage", "the lesson's element-by-element loop: about %1 days for 10,000 iterations"
            ).replace("%1", f"{days_for(10000, page.element_loop):.1f}")
        )
    page.status_label.setText("  ·  ".join(parts))


# ---- a run's weights ----
def use_on_pad(page, row: int | None) -> bool:
    """Let the drawing pad read with this run's newest weights."""
    if row is None or row >= len(page.entries) or page.entries[row].params is None:
        return False
    e = page.entries[row]
    last = e.history.last_epoch if e.history is not None else None
    name = QCoreApplication.translate("ComparePage", "Compared run: %1").replace("%1", e.name)
    page.w.source.set_run(
        e.run_id,
        e.params,
        e.config.activation,
        e.history.count,
        last.test if last else None,
        follow=True,
        name=name,
    )
    page.w.show_info(
        QCoreApplication.translate("ComparePage", "The drawing pad now reads with \u201c%1\u201d.").replace(
            "%1", e.name
        )
    )
    return True


def save_model(page, row: int, path) -> bool:
    """Save this run's newest weights as a model file (core's format)."""
    from mnist_studio.core.modelfile import save_model

    e = page.entries[row]
    if e.params is None:
        return False
    path = Path(path)
    if path.suffix.lower() != ".npz":
        path = path.with_name(path.name + ".npz")
    try:
        save_model(path, e.params, run_metadata(e.config, e.result, compared_as=e.name))
    except (UserError, OSError) as err:
        page.w.show_error(err)
        return False
    page.w.show_info(
        QCoreApplication.translate("ComparePage", "Saved \u201c%1\u201d to %2.")
        .replace("%1", e.name)
        .replace("%2", str(path))
    )
    return True


def export_csv(page, path) -> bool:
    """Every run's history in one CSV: run, iteration, seconds, loss, smoothed loss, accuracies."""
    runs = [
        (e.name, e.history, page.plots._lines[e.run_id].seconds_at(e.history.iterations))
        for e in page.entries
        if e.history is not None and e.run_id in page.plots._lines
    ]
    try:
        write_atomically(Path(path), lambda f: csv.writer(f).writerows(csv_rows(runs)))
    except OSError as err:
        reason = err.strerror or str(err)
        page.w.show_error(
            lambda: QCoreApplication.translate(
                "FileFlows", "{path}: could not write the CSV file ({reason}); choose another folder"
            ).format(path=path, reason=reason)
        )
        return False
    return True


def ask_save_model(page) -> None:
    row = page.selected_row()
    if row is None:
        return
    path, _ = QFileDialog.getSaveFileName(
        page, QCoreApplication.translate("ComparePage", "Save model"), "compared-run.npz", "*.npz"
    )
    if path:
        page.save_model(row, path)


def ask_export_csv(page) -> None:
    path, _ = QFileDialog.getSaveFileName(
        page, QCoreApplication.translate("ComparePage", "Export all runs"), "comparison.csv", "*.csv"
    )
    if path:
        page.export_csv(path)


def ask_save_png(page) -> None:
    path, _ = QFileDialog.getSaveFileName(
        page, QCoreApplication.translate("ComparePage", "Save plot as PNG"), "comparison.png", "*.png"
    )
    if path:
        try:
            save_widget_png(page.plots, path)
        except OSError as err:
            reason = err.strerror or str(err)
            page.w.show_error(
                lambda: QCoreApplication.translate(
                    "ComparePage", "{path}: could not save the picture ({reason})"
                ).format(path=path, reason=reason)
            )
