"""Where the window's MNIST comes from: the folder it starts with (command line, environment, last
choice), loading it in the background (data.py), and, when it is missing, the banner's offer to download
it with a progress dialog that can cancel, or to choose the folder that has it.

The window is told only the outcome (`use_data` with the arrays); until then the pad already works.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from mnist_studio.core.download import MIRRORS
from mnist_studio.core.paths import DATA_ENV, resolve_data_dir

from .data import DataService
from .error_text import error_text


class DataFlow(QObject):
    """Loads MNIST for the window `w`, shows the missing-data banner, runs the download dialog."""

    def __init__(self, w, banner, data_dir=None):
        super().__init__(w)
        self.w, self.banner = w, banner
        self.service = DataService(self)
        self.folder = self._initial_folder(data_dir)
        self.mirrors = None  # None: core's mirrors (tests point this at a local one)
        saved = str(self.w.settings.value("data/mirror", "") or "")
        if saved:
            self.mirrors = [saved, *MIRRORS]  # the user's own mirror first, the public ones after
            banner.mirror_edit.setText(saved)
        self._dialog: QProgressDialog | None = None
        s = self.service
        s.loaded.connect(self._on_loaded)
        s.missing.connect(self._on_missing)
        s.progress.connect(self._on_progress)
        s.downloaded.connect(self._on_downloaded)
        s.download_failed.connect(self._on_download_failed)
        s.download_cancelled.connect(self._on_download_cancelled)
        banner.download_button.clicked.connect(self.start_download)
        banner.choose_button.clicked.connect(self.ask_data_folder)
        banner.mirror_button.clicked.connect(self.download_from_typed_mirror)
        banner.mirror_edit.returnPressed.connect(self.download_from_typed_mirror)

    def _initial_folder(self, data_dir) -> Path:
        if data_dir or os.environ.get(DATA_ENV):
            return resolve_data_dir(data_dir)
        saved = self.w.settings.value("data/folder")
        if saved and Path(str(saved)).is_dir():
            return Path(str(saved))
        return resolve_data_dir(None)

    def load(self, folder=None) -> None:
        """Read MNIST from the folder (default: the current one) in the background."""
        self.folder = Path(folder) if folder is not None else self.folder
        folder = self.folder
        self.w.set_data_status(
            lambda: self.tr("MNIST: loading…"), lambda: self.tr("MNIST: loading from {folder}…").format(folder=folder)  # noqa: E501
        )
        self.service.load(self.folder)

    def choose_data_folder(self, folder) -> None:
        """Use MNIST from this folder (remembered for next time)."""
        self.w.settings.setValue("data/folder", str(Path(folder)))
        self.load(folder)

    def ask_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.w, self.tr("Choose the folder with the MNIST files"), str(self.folder)
        )
        if folder:
            self.choose_data_folder(folder)

    @Slot(object, object)
    def _on_loaded(self, folder, raw) -> None:
        self.folder = Path(folder)
        n_train, n_test = f"{len(raw.x_train):,}", f"{len(raw.x_test):,}"
        self.w.use_data(
            raw,
            lambda: self.tr("MNIST: {train} training + {test} test digits from {folder}").format(
                train=n_train, test=n_test, folder=folder
            ),
        )

    @Slot(object, object)
    def _on_missing(self, folder, error) -> None:
        if self.w.data is not None:
            return
        self.banner.show_missing(Path(folder), error)
        self.w.set_data_status(lambda: self.tr("MNIST: not found"))
        self.w.update_run_state()

    # ---- downloading ----
    def start_download(self) -> None:
        """Download MNIST into the data folder in the background, with a progress dialog that can cancel."""
        if self.service.downloading:
            return
        dlg = QProgressDialog(self.tr("Connecting…"), self.tr("Cancel"), 0, 1000, self.w)
        dlg.setObjectName("downloadDialog")
        dlg.setWindowTitle(self.tr("Downloading MNIST"))
        dlg.setWindowModality(Qt.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setValue(0)
        dlg.canceled.connect(self.service.cancel_download)
        dlg.show()
        self._dialog = dlg
        self.banner.download_button.setEnabled(False)
        self.service.download(self.folder, self.mirrors)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, name: str) -> None:
        dlg = self._dialog
        if dlg is None:
            return
        dlg.setLabelText(
            self.tr("Downloading {name}…\n{done} of {total} MB").format(
                name=name, done=f"{done / 1e6:.1f}", total=f"{total / 1e6:.1f}"
            )
        )
        # Last: a modal progress dialog's setValue processes events, and the download may end (and the
        # dialog close) in them.
        dlg.setValue(int(1000 * done / max(total, 1)))

    def close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect()
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        self.banner.download_button.setEnabled(True)

    @Slot(object)
    def _on_downloaded(self, folder) -> None:
        self.close_dialog()
        self.w.show_info(lambda: self.tr("MNIST downloaded and verified in {folder}.").format(folder=folder))
        self.service.load(folder)

    def download_from_typed_mirror(self) -> None:
        """Download from the mirror typed in the banner (tried first, the public ones after), and remember
        it for next time."""
        url = self.banner.mirror_edit.text().strip()
        if not url:
            self.w.show_error(
                lambda: self.tr("Type the address of a mirror first, e.g. http://school-server/mnist/.")
            )
            return
        self.w.settings.setValue("data/mirror", url)
        self.mirrors = [url, *MIRRORS]
        self.start_download()

    @Slot(object)
    def _on_download_failed(self, error) -> None:
        self.close_dialog()
        folder = self.folder

        def message() -> str:
            text = error_text(error)
            # Core's advice is for the command line (--mirror URL); here the mirror is typed in the banner.
            what, sep, _advice = text.partition(". Check your internet connection")
            if sep:
                text = what + ". " + self.tr(
                    "Check your internet connection, type a working mirror (a school server, say) in the "
                    "banner, or copy the four MNIST .gz files into %1 by hand."
                ).replace("%1", str(folder))
            return text

        self.w.show_error(message)
        self.banner.mirror_row.show()

    @Slot()
    def _on_download_cancelled(self) -> None:
        self.close_dialog()
        self.w.statusBar().showMessage(self.tr("Download cancelled."), 5000)

    def shutdown(self) -> None:
        """Cancel a download and let the loader go (the window is closing)."""
        self.service.shutdown(0.2)
        if self._dialog is not None:
            self.close_dialog()
