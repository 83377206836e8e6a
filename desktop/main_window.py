"""The main window, which only assembles: it creates the panels (training controls on the left, the
curves over the sample digits in the middle, the drawing pad on the right), places them in the Training
tab, and connects them to the flows that do the work (training runs, MNIST data, files) and to the menus.

Everything slow happens off the window's thread (MNIST loading, downloading, training), and every
error becomes a message in the window, so the window opens at once and never freezes or dies.
"""

from __future__ import annotations

import html
import os

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QMainWindow

from . import theme
from .about import about_text, app_version, show_about  # noqa: F401  (app_version: for the self-test)
from .actions import Actions
from .data import DataBanner
from .data_flow import DataFlow
from .error_text import error_text
from .export import retranslate_save_actions
from .file_flows import FileFlows
from .inside_flow import InsideFlow
from .messages import MessageBar
from .models import ModelSource
from .plot_menus import retranslate_plot_menus
from .plots import TrainingPlots
from .presentation import ViewScale
from .reader import DigitReader
from .run_flow import TrainingFlow
from .samples_panel import SamplesPanel
from .screen_fit import fit_to_screen, shrink_to_screen
from .training_panel import IDLE, TrainingPanel
from .window_layout import WindowLayout

ORGANIZATION = "MNIST Studio"
APPLICATION = "MNIST Studio"
SETTINGS_VERSION = 1


def ensure_app_names() -> None:
    """Give QSettings an organisation and app name if the app (or a test) has not set its own."""
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANIZATION)
    if not QCoreApplication.applicationName() or QCoreApplication.applicationName() in ("python", "python3"):
        QCoreApplication.setApplicationName(APPLICATION)


class MainWindow(QMainWindow):
    """The MNIST Studio window. MainWindow() uses the data folder resolved as in core, and the default
    model."""

    def __init__(
        self, data_dir: str | os.PathLike | None = None, model: str | os.PathLike | None = None, parent=None
    ):
        super().__init__(parent)
        ensure_app_names()
        theme.configure_pyqtgraph()
        self.settings = QSettings()
        self.setWindowTitle("MNIST Studio")  # the name, the same in every language
        self.setObjectName("mainWindow")
        self.data = None  # MnistRaw once loaded
        self._close_pending = False

        # ---- panels ----
        self.message_bar = MessageBar()
        self.data_banner = DataBanner()
        self.data_banner.hide()
        self.source = ModelSource(self)
        self.training_panel = TrainingPanel()
        self.plots = TrainingPlots()
        self.samples = SamplesPanel()
        self.reader = DigitReader(self.source)
        self.layout_ = WindowLayout(self)
        self.tabs, self.compare_page = self.layout_.tabs, self.layout_.compare_page
        self.main_splitter, self.center_splitter = self.layout_.main_splitter, self.layout_.center_splitter
        self.data_status = self.statusBar().data_status
        self._data_status = (lambda: "", lambda: "")

        # ---- flows, and short names for the widgets tests and the self-test use ----
        self.training = TrainingFlow(self, self.training_panel, self.plots, self.source, self)
        self.runs = self.training.runs
        self.data_flow = DataFlow(self, self.data_banner, data_dir)
        self.data_service = self.data_flow.service
        self.files = FileFlows(self)
        self.controls, self.run_controls = self.training_panel.controls, self.training_panel.run_controls
        self.canvas, self.sample_grid = self.reader.canvas, self.samples.grid
        self.sample_summary, self.mistakes_check = self.samples.summary, self.samples.mistakes_check
        self.new_samples_button = self.samples.new_samples_button
        rc = self.run_controls
        self.start_button, self.pause_button, self.stop_button = (
            rc.start_button,
            rc.pause_button,
            rc.stop_button,
        )
        self.reset_button, self.progress_bar = rc.reset_button, rc.progress_bar
        self.open_model, self.save_model = self.files.open_model, self.files.save_model
        self.open_image, self.export_csv = self.files.open_image, self.files.export_csv
        self.start_training, self.stop_training = self.training.start, self.training.stop
        self.reset_training, self.start_download = self.training.reset, self.data_flow.start_download
        self.inside = InsideFlow(self)  # the Inside the network tab (issue 12)
        self.inside_page = self.inside.page
        self.view_scale = ViewScale(self, self.settings)
        self.view_scale.changed.connect(lambda f: self.layout_.apply_scale(f, self.view_scale.presentation))
        self.actions = Actions(self)
        self.retranslate()

        # ---- connections ----
        self.training.stateChanged.connect(self.update_run_state)
        self.runs.ended.connect(self._on_run_ended)
        self.source.changed.connect(self._on_model_changed)
        self.canvas.fileDropped.connect(self.open_image)

        self._restore_settings()
        presentation, zoom = self.view_scale.restore()
        self.view_scale.set_zoom(zoom, remember=False)
        self.actions.presentation.setChecked(presentation)
        self.data_flow.load()
        self.files.load_default_model()
        if model:
            self.open_model(model)
        self.update_run_state()

    # ---- language ----
    def _tab_index(self, page) -> int:
        """The tab that holds `page` (directly, or in a scroll area)."""
        for i in range(self.tabs.count()):
            tab = self.tabs.widget(i)
            if tab is page or tab.isAncestorOf(page):
                return i
        return -1

    def retranslate(self) -> None:
        """The window's own texts (tabs, status) in the current language; panels do their own."""
        self.tabs.setTabText(0, self.tr("Training"))
        if getattr(self, "compare_page", None) is not None:  # the page retranslates itself (LanguageChange)
            self.tabs.setTabText(self._tab_index(self.compare_page), self.tr("Compare"))
        self._show_data_status()
        self.statusBar().clearMessage()  # a passing note in the old language: gone rather than mixed
        if hasattr(self, "actions"):
            self.actions.retranslate()
        retranslate_plot_menus(self)  # pyqtgraph's right-click menus
        retranslate_save_actions(self)  # "Save picture as PNG..." on the Inside panels
        if hasattr(self, "inside"):
            self.inside.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- what the flows call ----
    @staticmethod
    def _maker(text):
        """A function that makes the message in the current language, from a text, a function or an error."""
        if isinstance(text, BaseException):
            error = text
            return lambda: error_text(error)
        return text if callable(text) else (lambda: text)

    def show_error(self, text) -> None:
        """Show an error: a text, a function that makes it in the current language, or a core error."""
        make = self._maker(text)
        self.message_bar.show_message(lambda: html.escape(make()), "error")
        self.statusBar().showMessage(make(), 10000)

    def show_info(self, text, timeout_ms: int = 6000) -> None:
        make = self._maker(text)
        self.message_bar.show_message(lambda: html.escape(make()), "info", timeout_ms)
        self.statusBar().showMessage(make(), timeout_ms)

    def set_data_status(self, text, full="") -> None:
        """Where MNIST comes from, in a few words at the right of the status bar (`full` in its tooltip);
        each a text or a function that makes it in the current language."""
        self._data_status = tuple(t if callable(t) else (lambda t=t: t) for t in (text, full))
        self._show_data_status()

    def _show_data_status(self) -> None:
        short, full = self._data_status
        self.statusBar().set_data_status(short(), full())

    def use_data(self, raw, description: str = "") -> None:
        """Train on these arrays (an MnistRaw or anything with x_train, t_train, x_test, t_test)."""
        self.data = raw
        self.data_banner.hide()
        self.samples.set_data(raw.x_test, raw.t_test)
        self.samples.set_model(self.source.active())
        self.inside.set_data(raw)
        n_train, n_test = f"{len(raw.x_train):,}", f"{len(raw.x_test):,}"
        self.set_data_status(
            lambda: self.tr("MNIST: %1 + %2 digits").replace("%1", n_train).replace("%2", n_test),
            description,
        )
        self.update_run_state()

    @property
    def data_dir(self):
        return self.data_flow.folder

    @property
    def download_mirrors(self):
        return self.data_flow.mirrors

    @download_mirrors.setter
    def download_mirrors(self, mirrors) -> None:
        self.data_flow.mirrors = mirrors

    def current_run(self):
        """The RunController the panels show (the newest run), or None before the first Start."""
        return self.training.current

    def trained_model(self):
        """The current run's newest weights (a Model), or None."""
        return self.training.trained_model()

    def update_run_state(self) -> None:
        can_start = self.data is not None
        self.training_panel.set_state(self.training.state(), can_start)
        self.actions.set_run_state(self.training.state() != IDLE, can_start, self.trained_model() is not None)

    def _on_model_changed(self) -> None:
        self.samples.set_model(self.source.active())
        self.actions.save_model.setEnabled(self.trained_model() is not None)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.layout_.resized()

    def _on_run_ended(self, _run_id: int) -> None:
        if self._close_pending and not self.runs.any_running:
            self.close()

    # ---- layout, settings, closing ----
    def reset_layout(self) -> None:
        self.layout_.fit_columns()

    def about(self) -> None:
        show_about(self)

    def about_text(self) -> str:
        return about_text()

    def _restore_settings(self) -> None:
        s = self.settings
        self.controls.load_settings(s)
        self.training_panel.show_settings(self.controls.config())
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            shrink_to_screen(self)  # saved on a bigger screen, or with a bigger zoom
        else:
            fit_to_screen(self)
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state, SETTINGS_VERSION)
        self.layout_.restore(s)
        self.plots.set_log_scale(str(s.value("plots/logScale", "false")).lower() == "true")
        self.mistakes_check.setChecked(str(s.value("samples/onlyMistakes", "false")).lower() == "true")

    def save_settings(self) -> None:
        s = self.settings
        self.controls.save_settings(s)
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(SETTINGS_VERSION))
        self.layout_.save(s)
        s.setValue("plots/logScale", self.plots.log_check.isChecked())
        s.setValue("samples/onlyMistakes", self.mistakes_check.isChecked())
        s.sync()

    def shutdown(self, timeout_ms: int = 1000) -> bool:
        """Stop training and background work; True when every training thread has ended."""
        ok = self.runs.shutdown(timeout_ms)
        ok = self.compare_page.shutdown(timeout_ms) and ok
        self.data_flow.shutdown()
        return ok

    def closeEvent(self, event) -> None:
        self.save_settings()
        if not self.compare_page.shutdown(1000) or (self.runs.any_running and not self.runs.shutdown(1000)):
            # An iteration of the numerical method can take a while: close as soon as it is done.
            self._close_pending = True
            self.statusBar().showMessage(
                self.tr("Stopping the training… the window closes when the current iteration ends.")
            )
            event.ignore()
            return
        self.data_flow.shutdown()
        event.accept()
