"""The main window: training controls on the left, the live plots and sample digits in the middle, the drawing pad on the right; it wires them to the training thread, the data loader, and the model and picture files.

Everything slow happens off the window's thread (MNIST loading, downloading, training), and every
error becomes a message in the window, so the window opens at once and never freezes or dies.
"""

from __future__ import annotations

import csv
import html
import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.core.durable import write_atomically
from mnist_studio.core.errors import UserError
from mnist_studio.core.paths import DATA_ENV, resolve_data_dir
from mnist_studio.core.progress import format_duration
from mnist_studio.core.trainer import run_metadata

from . import theme
from .controls import RunControls, TrainingControls, describe_iteration
from .data import DataBanner, DataService
from .messages import MessageBar
from .models import TRAINING, ModelSource
from .plots import TrainingPlots
from .reader import DigitReader
from .sample_grid import SampleGrid
from .training import TrainingSession

ORGANIZATION = "MNIST Studio"
APPLICATION = "MNIST Studio"
SETTINGS_VERSION = 1


def ensure_app_names() -> None:
    """Give QSettings an organisation and app name if the app (or a test) has not set its own."""
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANIZATION)
    if not QCoreApplication.applicationName() or QCoreApplication.applicationName() in ("python", "python3"):
        QCoreApplication.setApplicationName(APPLICATION)


def _card(*widgets, margins=(12, 10, 12, 12)) -> QFrame:
    frame = QFrame()
    frame.setObjectName("card")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(*margins)
    lay.setSpacing(8)
    for w in widgets:
        lay.addWidget(w)
    return frame


class MainWindow(QMainWindow):
    """The MNIST Studio window. MainWindow() uses the data folder resolved as in core, and the default model."""

    def __init__(self, data_dir: str | os.PathLike | None = None, model: str | os.PathLike | None = None, parent=None):
        super().__init__(parent)
        ensure_app_names()
        theme.configure_pyqtgraph()
        self.settings = QSettings()
        self.setWindowTitle("MNIST Studio")
        self.setObjectName("mainWindow")

        self.data = None  # MnistRaw once loaded
        self.data_dir = self._initial_data_dir(data_dir)
        self.source = ModelSource(self)
        self.session = TrainingSession(self)
        self.data_service = DataService(self)
        self._result = None  # TrainResult of the last run
        self._run_config = None
        self._first_snapshot = True
        self._last_test_acc = None
        self._rate = None
        self._rate_ref = None
        self._last_batch = None
        self._close_pending = False
        self._download_dialog: QProgressDialog | None = None
        self._plot_next_ms = 0.0
        self._plot_min_interval = 0.2
        self.download_mirrors = None  # None: core's mirrors (tests point this at a local one)

        self._build_ui()
        self._build_menus()
        self._connect()
        self._restore_settings()
        self._setting_changed()

        self.data_service.load(self.data_dir)
        self._set_data_status(f"MNIST: loading from {self.data_dir}…")
        self._load_default_model()
        if model:
            self.open_model(model)
        self._update_buttons()

    # =========================================================================================
    # building
    def _build_ui(self) -> None:
        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(10, 8, 10, 6)
        outer.setSpacing(8)

        self.message_bar = MessageBar()
        outer.addWidget(self.message_bar)
        self.data_banner = DataBanner()
        self.data_banner.hide()
        outer.addWidget(self.data_banner)

        # ---- left: settings and run buttons ----
        self.controls = TrainingControls()
        self.run_controls = RunControls()
        left_inner = QWidget()
        li = QVBoxLayout(left_inner)
        li.setContentsMargins(0, 0, 0, 0)
        li.setSpacing(12)
        li.addWidget(self.controls)
        sep = QFrame()
        sep.setFrameShape(QFrame.HLine)
        sep.setStyleSheet("color: #e5e7eb;")
        li.addWidget(sep)
        li.addWidget(self.run_controls)
        li.addStretch(1)
        self.lesson_hint = QLabel()
        self.lesson_hint.setObjectName("lessonHint")
        self.lesson_hint.setWordWrap(True)
        self.lesson_hint.setToolTip("What the training loop does at every iteration, with the settings above.")
        self.lesson_hint.setStyleSheet(
            "QLabel { background: #eef2ff; color: #3730a3; border-radius: 8px; padding: 8px 10px; }"
        )
        li.addWidget(self.lesson_hint)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(left_inner)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        # wide enough for every control: a scroll area would otherwise cut its content off at the side
        scroll.setMinimumWidth(left_inner.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4)
        left = _card(scroll)
        left.setMaximumWidth(440)

        # ---- middle: plots over sample digits ----
        self.plots = TrainingPlots()
        plots_card = _card(self.plots)
        self.sample_grid = SampleGrid()
        samples = QWidget()
        sl = QVBoxLayout(samples)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.setSpacing(6)
        head = QHBoxLayout()
        t = QLabel("Test digits")
        t.setObjectName("cardTitle")
        head.addWidget(t)
        self.sample_summary = QLabel("")
        self.sample_summary.setObjectName("hint")
        self.sample_summary.setToolTip("How many of the digits shown the network gets wrong.")
        head.addWidget(self.sample_summary, 1)
        self.mistakes_check = QCheckBox("Only mistakes")
        self.mistakes_check.setObjectName("mistakesCheck")
        self.mistakes_check.setToolTip("Show only test digits the network gets wrong (searched among all 10,000).")
        head.addWidget(self.mistakes_check)
        self.new_samples_button = QPushButton("New samples")
        self.new_samples_button.setObjectName("newSamplesButton")
        self.new_samples_button.setToolTip("Show other randomly chosen test digits.")
        head.addWidget(self.new_samples_button)
        sl.addLayout(head)
        sl.addWidget(self.sample_grid, 1)
        samples_card = _card(samples)

        self.center_splitter = QSplitter(Qt.Vertical)
        self.center_splitter.setObjectName("centerSplitter")
        self.center_splitter.setChildrenCollapsible(False)
        self.center_splitter.addWidget(plots_card)
        self.center_splitter.addWidget(samples_card)
        self.center_splitter.setStretchFactor(0, 3)
        self.center_splitter.setStretchFactor(1, 2)
        self.center_splitter.setSizes([520, 300])

        # ---- right: the drawing pad ----
        self.reader = DigitReader(self.source)
        right = _card(self.reader)
        right.setMinimumWidth(316)
        right.setMaximumWidth(380)

        self.main_splitter = QSplitter(Qt.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.setChildrenCollapsible(False)
        self.main_splitter.addWidget(left)
        self.main_splitter.addWidget(self.center_splitter)
        self.main_splitter.addWidget(right)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setStretchFactor(2, 0)
        self.main_splitter.setSizes([330, 700, 330])
        self.main_splitter.setHandleWidth(8)
        self.center_splitter.setHandleWidth(8)
        outer.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

        self.data_status = QLabel("")
        self.data_status.setObjectName("dataStatusLabel")
        self.statusBar().addPermanentWidget(self.data_status)
        self.statusBar().setSizeGripEnabled(True)

        # short names for the widgets tests and the self-test use
        self.canvas = self.reader.canvas
        self.start_button = self.run_controls.start_button
        self.pause_button = self.run_controls.pause_button
        self.stop_button = self.run_controls.stop_button
        self.reset_button = self.run_controls.reset_button
        self.progress_bar = self.run_controls.progress_bar

        self._plot_timer = QTimer(self)
        self._plot_timer.setSingleShot(True)
        self._plot_timer.timeout.connect(self._refresh_plots)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu("&File")
        self.open_action = QAction("&Open model…", self, shortcut=QKeySequence.Open, triggered=self._ask_open_model)
        self.open_action.setStatusTip("Read a model file (.npz) saved by MNIST Studio; the pad then reads with it.")
        self.open_image_action = QAction("Open &image…", self, shortcut=QKeySequence("Ctrl+I"), triggered=self._ask_open_image)
        self.open_image_action.setStatusTip("Put a picture of a digit (PNG, JPEG, BMP…) on the drawing pad and read it like a drawing.")
        self.save_action = QAction("&Save model…", self, shortcut=QKeySequence.Save, triggered=self._ask_save_model)
        self.save_action.setStatusTip("Save the trained network's weights to a model file (.npz).")
        self.export_action = QAction("&Export loss history as CSV…", self, shortcut=QKeySequence("Ctrl+E"), triggered=self._ask_export_csv)
        self.export_action.setStatusTip("Write every iteration's loss (and each epoch's accuracy) to a CSV file for a spreadsheet.")
        self.choose_data_action = QAction("Choose MNIST &folder…", self, triggered=self._ask_data_folder)
        self.download_action = QAction("&Download MNIST", self, triggered=self.start_download)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.Quit, triggered=self.close)
        for a in (self.open_action, self.open_image_action, self.save_action, self.export_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.choose_data_action)
        file_menu.addAction(self.download_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        train_menu = mb.addMenu("&Training")
        self.start_action = QAction("&Start", self, shortcut=QKeySequence("Ctrl+Return"), triggered=self.start_training)
        self.pause_action = QAction("&Pause / Resume", self, shortcut=QKeySequence("Ctrl+P"), triggered=self.pause_button.click)
        self.stop_action = QAction("S&top", self, shortcut=QKeySequence("Ctrl+."), triggered=self.stop_training)
        self.reset_action = QAction("&Reset", self, triggered=self.reset_training)
        for a in (self.start_action, self.pause_action, self.stop_action, self.reset_action):
            train_menu.addAction(a)
        train_menu.addSeparator()
        presets = train_menu.addMenu("Presets")
        for i in range(self.controls.preset_combo.count()):
            key = self.controls.preset_combo.itemData(i)
            if key == "custom":
                continue
            presets.addAction(QAction(self.controls.preset_combo.itemText(i), self, triggered=lambda _=False, k=key: self.controls.apply_preset(k)))

        view_menu = mb.addMenu("&View")
        self.log_action = QAction("&Log scale for the loss", self, checkable=True, shortcut=QKeySequence("Ctrl+L"))
        self.log_action.toggled.connect(self.plots.set_log_scale)
        self.plots.logScaleChanged.connect(self.log_action.setChecked)
        view_menu.addAction(self.log_action)
        view_menu.addAction(QAction("&New sample digits", self, shortcut=QKeySequence("Ctrl+N"), triggered=self.sample_grid.new_samples))
        view_menu.addAction(QAction("&Clear the pad", self, triggered=self.canvas.clear))
        view_menu.addSeparator()
        view_menu.addAction(QAction("Reset &layout", self, triggered=self._reset_layout))

        help_menu = mb.addMenu("&Help")
        help_menu.addAction(QAction("&About MNIST Studio", self, triggered=self._about))

    def _connect(self) -> None:
        rc = self.run_controls
        rc.start_button.clicked.connect(self.start_training)
        rc.pause_button.toggled.connect(self._pause_toggled)
        rc.stop_button.clicked.connect(self.stop_training)
        rc.reset_button.clicked.connect(self.reset_training)
        self.controls.lrChanged.connect(self._lr_changed)
        self.controls.settingChanged.connect(self._setting_changed)

        self.session.batch.connect(self._on_batch)
        self.session.finished.connect(self._on_finished)
        self.session.failed.connect(self._on_failed)
        self.session.ended.connect(self._on_ended)

        self.data_service.loaded.connect(self._on_data_loaded)
        self.data_service.missing.connect(self._on_data_missing)
        self.data_service.progress.connect(self._on_download_progress)
        self.data_service.downloaded.connect(self._on_downloaded)
        self.data_service.download_failed.connect(self._on_download_failed)
        self.data_service.download_cancelled.connect(self._on_download_cancelled)
        self.data_banner.download_button.clicked.connect(self.start_download)
        self.data_banner.choose_button.clicked.connect(self._ask_data_folder)

        self.source.changed.connect(self._on_model_changed)
        self.canvas.fileDropped.connect(self.open_image)
        self.sample_grid.summaryChanged.connect(self.sample_summary.setText)
        self.new_samples_button.clicked.connect(self.sample_grid.new_samples)
        self.mistakes_check.toggled.connect(self.sample_grid.set_only_mistakes)

    # =========================================================================================
    # messages
    def show_error(self, text: str) -> None:
        self.message_bar.show_message(html.escape(text), "error")
        self.statusBar().showMessage(text, 10000)

    def show_info(self, text: str, timeout_ms: int = 6000) -> None:
        self.message_bar.show_message(html.escape(text), "info", timeout_ms)
        self.statusBar().showMessage(text, timeout_ms)

    def _set_data_status(self, text: str) -> None:
        self.data_status.setText(text)

    # =========================================================================================
    # data
    def _initial_data_dir(self, data_dir) -> Path:
        if data_dir or os.environ.get(DATA_ENV):
            return resolve_data_dir(data_dir)
        saved = self.settings.value("data/folder")
        if saved and Path(str(saved)).is_dir():
            return Path(str(saved))
        return resolve_data_dir(None)

    def use_data(self, raw, description: str = "") -> None:
        """Train on these arrays (an MnistRaw or anything with x_train, t_train, x_test, t_test)."""
        self.data = raw
        self.data_banner.hide()
        self.sample_grid.set_data(raw.x_test, raw.t_test)
        self.sample_grid.set_model(self.source.active())
        n_train, n_test = len(raw.x_train), len(raw.x_test)
        self._set_data_status(description or f"MNIST: {n_train:,} training + {n_test:,} test digits")
        self._update_buttons()

    @Slot(object, object)
    def _on_data_loaded(self, folder, raw) -> None:
        self.data_dir = Path(folder)
        self.use_data(raw, f"MNIST: {len(raw.x_train):,} training + {len(raw.x_test):,} test digits from {folder}")

    @Slot(object, str)
    def _on_data_missing(self, folder, message: str) -> None:
        if self.data is not None:
            return
        self.data_banner.show_missing(Path(folder), message)
        self._set_data_status("MNIST: not found")
        self._update_buttons()

    def choose_data_folder(self, folder) -> None:
        """Use MNIST from this folder (remembered for next time)."""
        folder = Path(folder)
        self.data_dir = folder
        self.settings.setValue("data/folder", str(folder))
        self._set_data_status(f"MNIST: loading from {folder}…")
        self.data_service.load(folder)

    def _ask_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose the folder with the MNIST files", str(self.data_dir))
        if folder:
            self.choose_data_folder(folder)

    def start_download(self) -> None:
        """Download MNIST into the data folder in the background, with a progress dialog that can cancel."""
        if self.data_service.downloading:
            return
        dlg = QProgressDialog("Connecting…", "Cancel", 0, 1000, self)
        dlg.setObjectName("downloadDialog")
        dlg.setWindowTitle("Downloading MNIST")
        dlg.setWindowModality(Qt.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setValue(0)
        dlg.canceled.connect(self.data_service.cancel_download)
        dlg.show()
        self._download_dialog = dlg
        self.data_banner.download_button.setEnabled(False)
        self.data_service.download(self.data_dir, self.download_mirrors)

    @Slot(int, int, str)
    def _on_download_progress(self, done: int, total: int, name: str) -> None:
        dlg = self._download_dialog
        if dlg is None:
            return
        dlg.setValue(int(1000 * done / max(total, 1)))
        dlg.setLabelText(f"Downloading {name}…\n{done / 1e6:.1f} of {total / 1e6:.1f} MB")

    def _close_download_dialog(self) -> None:
        if self._download_dialog is not None:
            self._download_dialog.canceled.disconnect()
            self._download_dialog.close()
            self._download_dialog.deleteLater()
            self._download_dialog = None
        self.data_banner.download_button.setEnabled(True)

    @Slot(object)
    def _on_downloaded(self, folder) -> None:
        self._close_download_dialog()
        self.show_info(f"MNIST downloaded and verified in {folder}.")
        self.data_service.load(folder)

    @Slot(str)
    def _on_download_failed(self, message: str) -> None:
        self._close_download_dialog()
        self.show_error(message)

    @Slot()
    def _on_download_cancelled(self) -> None:
        self._close_download_dialog()
        self.statusBar().showMessage("Download cancelled.", 5000)

    # =========================================================================================
    # models
    def _load_default_model(self) -> None:
        try:
            from mnist_studio.core.modelfile import load_default_model

            params, meta = load_default_model()
        except ImportError:
            self.statusBar().showMessage("No default model in this build: train one or open a model file.", 8000)
        except UserError as e:
            self.statusBar().showMessage(f"Default model unavailable: {e}", 10000)
        except Exception as e:  # a damaged install must not stop the window
            self.statusBar().showMessage(f"Default model unavailable: {e}", 10000)
        else:
            self.source.set_default(params, meta)

    def open_model(self, path) -> bool:
        """Read a model file and let the pad use it; a bad file gives a message, nothing else changes."""
        path = Path(path)
        try:
            from mnist_studio.core.modelfile import load_model

            params, meta = load_model(path)
            self.source.set_opened(params, meta, path)
        except UserError as e:
            self.show_error(str(e))
            return False
        except Exception as e:
            self.show_error(f"{path}: cannot be used as a model file ({type(e).__name__}: {e})")
            return False
        self.settings.setValue("files/modelDir", str(path.parent))
        self.show_info(f"Opened {path.name}: the pad now reads with it.")
        return True

    def _ask_open_model(self) -> None:
        start = self.settings.value("files/modelDir") or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open model", str(start), "MNIST Studio models (*.npz);;All files (*)")
        if path:
            self.open_model(path)

    def trained_model(self):
        """The training network's newest weights (a Model), or None."""
        return self.source.get(TRAINING)

    def save_model(self, path) -> bool:
        """Save the trained network to path in core's model format (written atomically by core)."""
        model = self.trained_model()
        if model is None:
            self.show_error("There is no trained network to save yet: press Start first.")
            return False
        path = Path(path)
        if path.suffix.lower() != ".npz":
            path = path.with_name(path.name + ".npz")
        cfg = self._run_config
        if cfg is not None:
            meta = run_metadata(cfg, self._result)
        else:
            meta = {"activation": model.activation}
        if model.test_accuracy is not None:  # the newest measurement, which may be after the last result
            meta["test_accuracy"] = float(model.test_accuracy)
        try:
            from mnist_studio.core.modelfile import save_model

            save_model(path, model.params, meta)  # core writes a temp file and renames it: never half-written
        except UserError as e:
            self.show_error(str(e))
            return False
        except Exception as e:
            self.show_error(f"{path}: could not save the model ({type(e).__name__}: {e})")
            return False
        self.settings.setValue("files/modelDir", str(path.parent))
        self.show_info(f"Saved the trained network to {path}.")
        return True

    def _ask_save_model(self) -> None:
        if self.trained_model() is None:
            self.show_error("There is no trained network to save yet: press Start first.")
            return
        start = Path(str(self.settings.value("files/modelDir") or Path.home())) / "mnist-model.npz"
        path, _ = QFileDialog.getSaveFileName(self, "Save model", str(start), "MNIST Studio models (*.npz)")
        if path:
            self.save_model(path)

    def export_csv(self, path) -> bool:
        """Write iteration, loss, smoothed loss (and the accuracies at epoch ends) to a CSV file."""
        its, losses, smooth = self.plots.loss_history()
        if len(its) == 0:
            self.show_error("There is no loss history to export yet: press Start first.")
            return False
        epochs = {e[0]: e for e in self.plots.epoch_history()}

        def write(f):
            w = csv.writer(f)
            w.writerow(["iteration", "loss", "smoothed_loss", "test_accuracy", "train_accuracy"])
            for i, l, s in zip(its.tolist(), losses.tolist(), smooth.tolist()):
                e = epochs.get(i)
                w.writerow([i, f"{l:.6g}", f"{s:.6g}", f"{e[1] / 100:.4f}" if e else "", f"{e[2] / 100:.4f}" if e else ""])

        path = Path(path)
        try:
            write_atomically(path, write)
        except OSError as e:
            self.show_error(f"{path}: could not write the CSV file ({e.strerror or e}); choose another folder")
            return False
        self.show_info(f"Exported {len(its):,} iterations to {path}.")
        return True

    def _ask_export_csv(self) -> None:
        start = Path(str(self.settings.value("files/modelDir") or Path.home())) / "loss-history.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export loss history", str(start), "CSV files (*.csv)")
        if path:
            self.export_csv(path)

    @Slot()
    def _on_model_changed(self) -> None:
        self.sample_grid.set_model(self.source.active())
        self.save_action.setEnabled(self.trained_model() is not None)

    # =========================================================================================
    # pictures
    def open_image(self, path) -> bool:
        """Put a picture file of a digit on the pad and read it; a file that cannot be used gives a message, nothing else changes."""
        path = Path(path)
        try:
            from mnist_studio.core.picture import read_picture

            # The same preparation as `mnist-studio predict`; damaged, empty and huge files are refused.
            picture = read_picture(path, self.canvas.width())
        except UserError as e:
            self.show_error(str(e))
            return False
        except MemoryError:
            self.show_error(f"Cannot read image {path}: not enough memory to decode it; shrink it first.")
            return False
        except Exception as e:  # anything else from an untrusted file: a message, never a dead window
            self.show_error(f"Cannot read image {path}: {type(e).__name__}: {e}")
            return False
        if picture is None:
            self.message_bar.show_message(
                html.escape(f"{path}: the picture is blank (no ink stands out from its background), so there is no digit to read."),
                "warning",
            )
            return False
        self.reader.show_picture(picture)
        self.settings.setValue("files/imageDir", str(path.parent))
        self.show_info(f"Opened {path.name} on the pad: the network reads it like a drawing; draw over it or clear it.")
        return True

    def _ask_open_image(self) -> None:
        start = self.settings.value("files/imageDir") or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, "Open image", str(start),
            "Pictures (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.ppm *.pgm *.pbm *.pnm *.tga *.ico *.qoi);;All files (*)",
        )
        if path:
            self.open_image(path)

    # =========================================================================================
    # training
    def start_training(self) -> bool:
        """Start a run with the settings in the panel; False (with a message) if it cannot start."""
        if self.session.running:
            return False
        if self.data is None:
            self.show_error("MNIST is not loaded yet: download it or choose its folder first.")
            return False
        cfg = self.controls.config()
        try:
            self.session.start(cfg, self.data)
        except UserError as e:
            self.show_error(str(e))
            return False
        total = cfg.total_iters(len(self.data.x_train))
        self._run_config = cfg
        self._result = None
        self._first_snapshot = True
        self._last_test_acc = None
        self._rate = None
        self._rate_ref = None
        self._last_batch = None
        self.plots.begin_run(total, cfg.iters_per_epoch(len(self.data.x_train)))
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(f"0 / {total:,}")
        self.run_controls.stats_label.setText("Starting…")
        self.message_bar.hide()
        self._update_buttons()
        self.statusBar().showMessage(f"Training: {total:,} iterations, {cfg.method}, {cfg.hidden_size} hidden units, learning rate {cfg.lr:g}", 5000)
        return True

    def stop_training(self) -> None:
        self.session.stop()

    def pause_training(self) -> None:
        if self.session.running and not self.session.paused:
            self.pause_button.setChecked(True)

    def resume_training(self) -> None:
        if self.session.running and self.session.paused:
            self.pause_button.setChecked(False)

    def reset_training(self) -> None:
        """Forget the trained network and the plots (the settings stay)."""
        if self.session.running:
            return
        self.plots.clear_all()
        self.source.clear_training()
        self._result = None
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("ready")
        self.run_controls.stats_label.setText("")
        self._update_buttons()

    def _pause_toggled(self, paused: bool) -> None:
        if not self.session.running:
            return
        if paused:
            self.session.pause()
            self._rate_ref = None
            self.run_controls.stats_label.setText("Paused: press Resume to go on.")
        else:
            self.session.resume()
        self._update_buttons()

    def _lr_changed(self, lr: float) -> None:
        if self.session.running:
            try:
                self.session.set_lr(lr)
            except UserError as e:
                self.show_error(str(e))
                return
            self.statusBar().showMessage(f"Learning rate now {lr:g}: applied live from the next iteration.", 5000)
        self._setting_changed()

    def _setting_changed(self) -> None:
        self.lesson_hint.setText(describe_iteration(self.controls.config()))
        if not self.session.running or self._run_config is None:
            return
        cfg = self.controls.config()
        pending = {k: v for k, v in cfg.to_dict().items() if k != "lr" and getattr(self._run_config, k) != v}
        self.run_controls.pending_label.setVisible(bool(pending))

    @Slot(object)
    def _on_batch(self, b) -> None:
        now = time.perf_counter()
        self._last_batch = b
        self.plots.add_losses(b.first_iteration, b.losses)
        for e in b.epochs:
            self.plots.add_epoch(e.iteration, e.test_accuracy, e.train_accuracy)
            self._last_test_acc = e.test_accuracy
        if b.snapshot is not None:
            s = b.snapshot
            self.source.set_training(s.params, s.activation, s.iteration, self._last_test_acc, follow=self._first_snapshot)
            self._first_snapshot = False
        # speed: iterations per second between batches at least half a second apart, pauses left out
        if self._rate_ref is None:
            self._rate_ref = (now, b.iteration)
        elif now - self._rate_ref[0] >= 0.5:
            inst = (b.iteration - self._rate_ref[1]) / (now - self._rate_ref[0])
            self._rate = inst if self._rate is None else 0.6 * self._rate + 0.4 * inst
            self._rate_ref = (now, b.iteration)
        self._schedule_plot_refresh()

    def _stats_text(self, b) -> str:
        parts = []
        if self._rate:
            parts.append(f"{self._rate:,.0f} it/s" if self._rate >= 10 else f"{self._rate:.2f} it/s")
            parts.append(f"{format_duration((b.total - b.iteration) / self._rate)} left")
        parts.append(f"learning rate {b.lr:.3g}")
        return "  ·  ".join(parts)

    def _schedule_plot_refresh(self) -> None:
        if self._plot_timer.isActive():
            return
        wait = max(0.0, self._plot_next_ms - time.perf_counter() * 1000)
        self._plot_timer.start(int(wait))

    def _refresh_plots(self) -> None:
        t0 = time.perf_counter()
        self.plots.refresh()
        b = self._last_batch
        if b is not None and self.session.running:
            self.progress_bar.setValue(b.iteration)
            self.progress_bar.setFormat(f"{b.iteration:,} / {b.total:,}")
            if not self.session.paused:
                self.run_controls.stats_label.setText(self._stats_text(b))
        cost = time.perf_counter() - t0 + self.plots.paint_cost()
        # Redrawing a plot runs Python on this thread, and Python code here holds the GIL that the
        # training thread needs: so redraw at most 5 times a second, and, if redraws get slow (a
        # huge window, a slow machine), keep them under ~8% of the time.
        self._plot_next_ms = (time.perf_counter() + max(self._plot_min_interval, 12 * cost)) * 1000

    @Slot(object)
    def _on_finished(self, result) -> None:
        self._result = result
        self.plots.refresh(final=True)
        total = self.progress_bar.maximum()
        self.progress_bar.setValue(min(result.iterations, total))
        self.progress_bar.setFormat(f"{result.iterations:,} / {total:,}")
        if result.status == "completed":
            self.progress_bar.setValue(total)
        bits = [f"{result.iterations:,} iterations in {format_duration(result.seconds)}"]
        if result.iters_per_second:
            bits.append(f"{result.iters_per_second:,.0f} it/s" if result.iters_per_second >= 10 else f"{result.iters_per_second:.2f} it/s")
        if result.test_accuracy is not None:
            bits.append(f"test accuracy {result.test_accuracy:.2%}")
        self.run_controls.stats_label.setText("  ·  ".join(bits))
        if result.status == "diverged":
            self.source.clear_training()
            self.show_error(result.message[0].upper() + result.message[1:] + ".")
        elif result.status == "target reached":
            self.show_info(result.message[0].upper() + result.message[1:] + ".")
        else:
            word = "Done" if result.status == "completed" else "Stopped"
            acc = f": {result.test_accuracy:.2%} of the test digits right" if result.test_accuracy is not None else ""
            self.statusBar().showMessage(f"{word} after {result.iterations:,} iterations{acc}.", 10000)
        if result.params is not None and result.status != "diverged":
            self.source.set_training(
                {k: v.copy() for k, v in result.params.items()}, result.config.activation, result.iterations,
                result.test_accuracy, follow=self._first_snapshot,
            )

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.show_error(message)

    @Slot()
    def _on_ended(self) -> None:
        self._update_buttons()
        if self._close_pending:
            self.close()

    def _update_buttons(self) -> None:
        running = self.session.running
        state = ("paused" if self.session.paused else "running") if running else "idle"
        can_start = self.data is not None
        self.run_controls.set_state(state, can_start)
        if not can_start:
            self.start_button.setToolTip("Training needs MNIST: download it or choose its folder (see the banner above).")
        else:
            self.start_button.setToolTip("Train a new network with these settings from random weights (Ctrl+Enter).")
        self.start_action.setEnabled(not running and can_start)
        self.pause_action.setEnabled(running)
        self.stop_action.setEnabled(running)
        self.reset_action.setEnabled(not running)
        self.save_action.setEnabled(self.trained_model() is not None)

    # =========================================================================================
    # settings and closing
    def _restore_settings(self) -> None:
        s = self.settings
        self.controls.load_settings(s)
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1380, 880)
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state, SETTINGS_VERSION)
        for key, splitter in (("window/mainSplitter", self.main_splitter), ("window/centerSplitter", self.center_splitter)):
            value = s.value(key)
            if value is not None:
                splitter.restoreState(value)
        self.plots.set_log_scale(str(s.value("plots/logScale", "false")).lower() == "true")
        self.mistakes_check.setChecked(str(s.value("samples/onlyMistakes", "false")).lower() == "true")

    def save_settings(self) -> None:
        s = self.settings
        self.controls.save_settings(s)
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(SETTINGS_VERSION))
        s.setValue("window/mainSplitter", self.main_splitter.saveState())
        s.setValue("window/centerSplitter", self.center_splitter.saveState())
        s.setValue("plots/logScale", self.plots.log_check.isChecked())
        s.setValue("samples/onlyMistakes", self.mistakes_check.isChecked())
        s.sync()

    def _reset_layout(self) -> None:
        self.main_splitter.setSizes([330, max(self.width() - 680, 400), 330])
        self.center_splitter.setSizes([520, 300])

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About MNIST Studio",
            "<h3>MNIST Studio</h3><p>Watch a two-layer neural network learn to read handwritten digits, "
            "live, and draw digits for it to read.</p><p>The network and its training loop are those of "
            "<i>Deep Learning from Scratch</i> (784-50-10, sigmoid, SGD), written in NumPy.</p>",
        )

    def shutdown(self, timeout_ms: int = 1000) -> bool:
        """Stop training and background work; True when the training thread has ended."""
        ok = self.session.shutdown(timeout_ms)
        self.data_service.shutdown(0.2)
        if self._download_dialog is not None:
            self._close_download_dialog()
        return ok

    def closeEvent(self, event) -> None:
        self.save_settings()
        if self.session.running and not self.session.shutdown(1000):
            # An iteration of the numerical method can take a while: close as soon as it is done.
            self._close_pending = True
            self.statusBar().showMessage("Stopping the training… the window closes when the current iteration ends.")
            event.ignore()
            return
        self.data_service.shutdown(0.2)
        if self._download_dialog is not None:
            self._close_download_dialog()
        event.accept()
