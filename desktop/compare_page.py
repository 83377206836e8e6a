"""The Compare page: pick one of the lesson's experiments (or your own runs), press Start, and watch the runs
race on the same batches: a table of their numbers, their loss and accuracy curves, the best one marked.

The page only assembles and connects: the runs train in core (compare.Comparison) on a worker thread
(compare_worker.py), the numbers go to the table (compare_table.py) and the curves to the plots
(compare_plots.py). Any run can be saved as a model or handed to the drawing pad.
"""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.core import experiments as ex
from mnist_studio.core.compare import Comparison
from mnist_studio.core.errors import UserError
from mnist_studio.core.history import History
from mnist_studio.core.trainer import TrainConfig

from . import compare_outputs, theme
from . import compare_texts as texts
from .compare_outputs import RunEntry
from .compare_plots import COMPARE_COLOURS, ComparePlots
from .compare_table import CompareTable
from .compare_worker import CompareWorker, start_worker

CUSTOM = "custom"
#: Run ids of compared runs start here, clear of the Training page's runs (1, 2, ...).
FIRST_RUN_ID = 1000


class ComparePage(QWidget):
    """The Compare tab (objectName compareTab); `window` gives the data, the Training settings and the pad."""

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.setObjectName("compareTab")
        self.w = window
        self.entries: list[RunEntry] = []
        self.custom: list[TrainConfig] = []
        self.worker: CompareWorker | None = None
        self.thread = None
        self.element_loop: float | None = None  # the lesson's loop, seconds per iteration
        self._next_id = FIRST_RUN_ID
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(250)  # table and curves: 4 times a second
        self._timer.timeout.connect(self.refresh)
        self.retranslate()
        self._experiment_changed()

    # ---- building ----
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.experiment_label = QLabel()
        top.addWidget(self.experiment_label)
        self.experiment_combo = QComboBox()
        self.experiment_combo.setObjectName("experimentCombo")
        for key in ex.EXPERIMENTS:
            self.experiment_combo.addItem("", key)
        self.experiment_combo.addItem("", CUSTOM)
        self.experiment_combo.currentIndexChanged.connect(self._experiment_changed)
        top.addWidget(self.experiment_combo, 1)
        self.iters_label = QLabel()
        top.addWidget(self.iters_label)
        self.iters_spin = QSpinBox()
        self.iters_spin.setObjectName("compareItersSpin")
        self.iters_spin.setRange(1, 1_000_000)
        self.iters_spin.setSingleStep(500)
        self.iters_spin.setGroupSeparatorShown(True)
        top.addWidget(self.iters_spin)
        self.start_button = QPushButton()
        self.start_button.setObjectName("compareStartButton")
        self.start_button.clicked.connect(self.start)
        self.pause_button = QPushButton()
        self.pause_button.setObjectName("comparePauseButton")
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self._pause_toggled)
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("compareStopButton")
        self.stop_button.clicked.connect(self.stop)
        for b in (self.start_button, self.pause_button, self.stop_button):
            top.addWidget(b)
        outer.addLayout(top)

        self.explanation = QLabel()
        self.explanation.setObjectName("experimentExplanation")
        self.explanation.setWordWrap(True)
        outer.addWidget(self.explanation)

        custom = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.setObjectName("compareAddButton")
        self.add_button.clicked.connect(self.add_current_settings)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("compareRemoveButton")
        self.remove_button.clicked.connect(self.remove_selected)
        custom.addWidget(self.add_button)
        custom.addWidget(self.remove_button)
        custom.addStretch(1)
        self.custom_row = QWidget()
        self.custom_row.setLayout(custom)
        outer.addWidget(self.custom_row)

        self.table = CompareTable()
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.plots = ComparePlots()
        split = QSplitter(Qt.Vertical)
        split.setObjectName("compareSplitter")
        split.addWidget(self.table)
        split.addWidget(theme.card(self.plots))
        split.setStretchFactor(1, 3)
        split.setSizes([200, 500])
        outer.addWidget(split, 1)

        outer.addLayout(compare_outputs.build_row(self))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:  # a translator was installed: show its words
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.experiment_label.setText(self.tr("Experiment:"))
        for i in range(self.experiment_combo.count()):
            key = self.experiment_combo.itemData(i)
            text = self.tr("Your own runs (Training settings)") if key == CUSTOM else texts.title(key)
            self.experiment_combo.setItemText(i, text)
        self.iters_label.setText(self.tr("Iterations:"))
        self.iters_spin.setToolTip(self.tr("How many iterations each run trains."))
        self.start_button.setText(self.tr("Start"))
        self.pause_button.setText(self.tr("Pause"))
        self.stop_button.setText(self.tr("Stop"))
        self.add_button.setText(self.tr("Add the Training settings as a run"))
        self.add_button.setToolTip(
            self.tr(
                "Change one setting on the Training page, then add it here: up to %Ln runs.", "", ex.MAX_RUNS
            )
        )
        self.remove_button.setText(self.tr("Remove the selected run"))
        self.pad_button.setText(self.tr("Use on the drawing pad"))
        self.save_button.setText(self.tr("Save model..."))
        self.csv_button.setText(self.tr("Export CSV..."))
        self.png_button.setText(self.tr("Save plot as PNG..."))
        self.table.retranslate()
        for row, e in enumerate(getattr(self, "entries", [])):
            self.table.relabel(row, texts.run_name(e.name), texts.describe(e.differs))
        if getattr(self, "_best", None) is not None:
            self.table.mark_best(self._best, [texts.run_name(e.name) for e in self.entries])
        self.plots.retranslate()
        self._show_explanation()

    # ---- state ----
    @property
    def running(self) -> bool:
        return self.thread is not None

    def experiment_key(self) -> str:
        return self.experiment_combo.currentData()

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:
        running = self.running
        self.start_button.setEnabled(not running and bool(self.entries))
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        self.experiment_combo.setEnabled(not running)
        self.iters_spin.setEnabled(not running)
        self.custom_row.setVisible(self.experiment_key() == CUSTOM)
        self.add_button.setEnabled(not running and len(self.custom) < ex.MAX_RUNS)
        self.remove_button.setEnabled(not running and self.selected_row() is not None)
        row = self.selected_row()
        has_weights = row is not None and row < len(self.entries) and self.entries[row].params is not None
        self.pad_button.setEnabled(has_weights)
        self.save_button.setEnabled(has_weights)
        has_history = any(e.history is not None and e.history.count for e in self.entries)
        self.csv_button.setEnabled(has_history)

    def _show_explanation(self) -> None:
        key = self.experiment_key()
        if key == CUSTOM:
            self.explanation.setText(
                self.tr(
                    "Your own comparison: set up a run on the Training page and add it, change one setting "
                    "and add again, and so on. The runs share their batches, so they need the same batch size."  # noqa: E501
                )
            )
        else:
            self.explanation.setText(texts.explanation(key))

    def _experiment_changed(self, _index: int = 0) -> None:
        if self.running:
            return
        key = self.experiment_key()
        if key != CUSTOM:
            self.iters_spin.setValue(ex.experiment(key).iters)
        self._show_explanation()
        self._plan()

    def _plan(self) -> None:
        """Make the entries (and empty rows) of the chosen experiment or of the custom runs."""
        key = self.experiment_key()
        if key == CUSTOM:
            configs = [replace(c, iters=self.iters_spin.value(), epochs=None) for c in self.custom]
            names = [self.tr("run %1").replace("%1", str(i + 1)) for i in range(len(configs))]
        else:
            seed = self.w.controls.config().seed if hasattr(self.w, "controls") else 0
            pairs = ex.experiment_configs(key, self.iters_spin.value(), seed)
            names, configs = [s.name for s, _ in pairs], [c for _, c in pairs]
        self.entries = [
            RunEntry(name, cfg, COMPARE_COLOURS[i % len(COMPARE_COLOURS)], ex.differences(cfg, configs))
            for i, (name, cfg) in enumerate(zip(names, configs))
        ]
        self.table.set_runs(
            [(e.colour, texts.run_name(e.name), texts.describe(e.differs)) for e in self.entries]
        )
        self.plots.clear()
        self.status_label.setText("")
        self._update_buttons()

    # ---- custom runs ----
    def add_current_settings(self) -> bool:
        """Add the Training page's settings as a run of the custom comparison."""
        if len(self.custom) >= ex.MAX_RUNS or self.running:
            return False
        self.custom.append(self.w.controls.config())
        self.experiment_combo.setCurrentIndex(self.experiment_combo.findData(CUSTOM))
        self._plan()
        return True

    def remove_selected(self) -> None:
        row = self.selected_row()
        if self.running or row is None or self.experiment_key() != CUSTOM or row >= len(self.custom):
            return
        del self.custom[row]
        self._plan()

    # ---- running ----
    def start(self) -> bool:
        """Train the planned runs side by side; False (with a message) if they cannot start."""
        data = self.w.data
        if self.running or not self.entries:
            return False
        if data is None:
            self.w.show_error(self.tr("MNIST is not loaded yet: download it or choose its folder first."))
            return False
        self._plan()  # fresh entries (a second Start compares anew)
        key = self.experiment_key()
        exp = ex.EXPERIMENTS.get(key)
        numerical = any(e.config.method == "numerical" for e in self.entries)
        runs = [(ex.RunSpec(e.name), e.config) for e in self.entries]
        try:
            comparison = Comparison(
                runs,
                data,
                free_running=exp.free_running if exp else numerical,
                race=exp.race if exp else False,
                first_id=self._next_id,
            )
        except (UserError, ValueError) as e:
            self.w.show_error(str(e))
            return False
        n_train = len(data.x_train)
        for i, e in enumerate(self.entries):
            e.run_id = comparison.run_ids[i]
            e.history = History(e.config.total_iters(n_train), e.config.iters_per_epoch(n_train), e.run_id)
            self.plots.add_run(e.history, e.colour)
        self._next_id += len(self.entries)
        self.element_loop = None
        measure = key == "gradients"
        self.worker = CompareWorker(comparison, measure_element_loop=measure)
        self.worker.estimated.connect(self._on_estimate)
        self.thread = start_worker(
            self.worker,
            self._on_batch,
            self._on_run_finished,
            self._on_finished,
            self._on_failed,
            self._on_ended,
        )
        self.pause_button.setChecked(False)
        self._timer.start()
        self._update_buttons()
        return True

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()

    def _pause_toggled(self, paused: bool) -> None:
        if self.worker is None:
            return
        if paused:
            self.worker.pause()
        else:
            self.worker.resume()
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))

    def shutdown(self, timeout_ms: int = 1000) -> bool:
        """Stop the runs and wait for the thread; True if it ended (or never ran)."""
        thread = self.thread
        if thread is None:
            return True
        self.stop()
        if self.worker is not None:
            self.worker.resume()
        thread.quit()
        if not thread.wait(timeout_ms):
            return False
        self._on_ended()
        return True

    # ---- news (the window's thread) ----
    def _entry(self, run_id: int) -> RunEntry | None:
        for e in self.entries:
            if e.run_id == run_id:
                return e
        return None

    @Slot(object)
    def _on_batch(self, batches: dict) -> None:
        now = time.perf_counter()
        for rid, (b, seconds) in batches.items():
            e = self._entry(rid)
            if e is None or e.history is None:
                continue
            e.history.add_losses(b.first_iteration, b.losses)
            for ev in b.epochs:
                e.history.add_epoch(ev.iteration, ev.test_accuracy, ev.train_accuracy)
            if b.snapshot is not None:
                e.params = b.snapshot.params
            e.seconds = seconds
            e.rate.update(now, b.iteration)
            self.plots.note_time(rid, b.iteration, seconds)

    @Slot(int, object)
    def _on_run_finished(self, run_id: int, result) -> None:
        e = self._entry(run_id)
        if e is None:
            return
        e.result = result
        e.seconds = result.seconds
        if result.params is not None:
            e.params = {k: v.copy() for k, v in result.params.items()}

    @Slot(object)
    def _on_finished(self, reports) -> None:
        for e, report in zip(self.entries, reports):
            e.result = report.result
        self.refresh(final=True)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.w.show_error(message)

    @Slot(float)
    def _on_estimate(self, seconds: float) -> None:
        self.element_loop = seconds

    @Slot()
    def _on_ended(self) -> None:
        thread = self.thread
        if thread is None:
            return
        thread.wait()
        self.thread = None
        self.worker = None
        self._timer.stop()
        self.pause_button.setChecked(False)
        self.refresh(final=True)
        self._update_buttons()
        if getattr(self.w, "_close_pending", False):  # the window was closed while a run was ending
            self.w.close()

    # ---- showing ----
    def refresh(self, final: bool = False) -> None:
        """Table, best mark, curves and the race's figures from what has arrived (final: all of it, now)."""
        readings = []
        for row, e in enumerate(self.entries):
            h = e.history
            if h is None:
                readings.append((None, None, False))
                continue
            last = h.last_epoch
            rate = e.result.iters_per_second if e.result is not None else e.rate.rate
            if rate is None and e.seconds:
                rate = h.count / e.seconds
            loss = h.last_smoothed
            self.table.show_reading(
                row,
                h.count,
                rate,
                e.seconds,
                loss,
                last.test if last else None,
                last.train if last else None,
                compare_outputs.status_word(self, e),
            )
            ok = e.result is None or e.result.ok
            readings.append((last.test if last else None, loss, ok))
        self._best = ex.best_index(readings)
        self.table.mark_best(self._best, [texts.run_name(e.name) for e in self.entries])
        self.plots.refresh(force=final)
        self._show_race()
        self._update_buttons()

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.plots.highlight(
            self.entries[row].run_id if row is not None and row < len(self.entries) else None
        )
        self._update_buttons()

    # ---- a run's weights and the page's records (compare_outputs.py) ----
    def _show_race(self) -> None:
        compare_outputs.show_race(self)

    def use_on_pad(self, row: int | None) -> bool:
        """Let the drawing pad read with this run's newest weights."""
        return compare_outputs.use_on_pad(self, row)

    def save_model(self, row: int, path) -> bool:
        """Save this run's newest weights as a model file (core's format)."""
        return compare_outputs.save_model(self, row, path)

    def export_csv(self, path) -> bool:
        """Every run's history in one CSV: run, iteration, seconds, loss, smoothed loss, accuracies."""
        return compare_outputs.export_csv(self, path)
