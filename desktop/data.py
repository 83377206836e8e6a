"""MNIST for the window: loaded in a background thread so the window opens at once, and, when it is missing, a
banner that offers to download it (with progress and Cancel) or to pick the folder that has it.

The drawing pad needs no data at all, so nothing here ever blocks it.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.core.errors import UserError

from .i18n import Retranslating

#: Sizes of the four gzipped files, to show one progress bar for the whole download.
GZ_SIZES = {
    "train-images-idx3-ubyte.gz": 9_912_422,
    "train-labels-idx1-ubyte.gz": 28_881,
    "t10k-images-idx3-ubyte.gz": 1_648_877,
    "t10k-labels-idx1-ubyte.gz": 4_542,
}
DOWNLOAD_TOTAL = sum(GZ_SIZES.values())


class _Emitter(QObject):
    """Lives in the window's thread; background threads emit its signals, Qt queues them to the window."""

    loaded = Signal(object, object)  # (folder Path, MnistRaw)
    missing = Signal(object, object)  # (folder Path, the error: a core UserError or another exception)
    progress = Signal(int, int, str)  # (bytes done overall, bytes expected overall, file name)
    downloaded = Signal(object)  # folder Path
    download_failed = Signal(object)  # the error
    download_cancelled = Signal()


class DataService(QObject):
    """Loads MNIST from a folder in the background, and downloads it when asked."""

    loaded = Signal(object, object)
    missing = Signal(object, object)
    progress = Signal(int, int, str)
    downloaded = Signal(object)
    download_failed = Signal(object)
    download_cancelled = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._em = _Emitter(self)
        for name in ("loaded", "missing", "progress", "downloaded", "download_failed", "download_cancelled"):
            getattr(self._em, name).connect(getattr(self, name))
        self._load_thread: threading.Thread | None = None
        self._generation = 0
        self._download_thread: threading.Thread | None = None
        self._cancel = threading.Event()

    # ---- loading ----
    def load(self, folder: Path) -> None:
        """Read MNIST from folder in a background thread; `loaded` or `missing` follows (only for the
        newest request)."""
        self._generation += 1
        gen = self._generation
        folder = Path(folder)

        def work():
            from mnist_studio.core.mnist import load_raw

            try:
                raw = load_raw(folder)
            except UserError as e:
                self._emit(gen, "missing", folder, e)
            except Exception as e:  # an unreadable folder etc.: say so, never crash
                self._emit(gen, "missing", folder, UserError(f"could not read MNIST in {folder}: {e}"))
            else:
                self._emit(gen, "loaded", folder, raw)

        self._load_thread = threading.Thread(target=work, name="mnist-load", daemon=True)
        self._load_thread.start()

    def _emit(self, gen: int, name: str, *args) -> None:
        if gen != self._generation:
            return  # a newer request (another folder) superseded this one
        try:
            getattr(self._em, name).emit(*args)
        except RuntimeError:  # the window closed meanwhile
            pass

    def wait_loaded(self, timeout: float) -> bool:
        t = self._load_thread
        if t is None:
            return True
        t.join(timeout)
        return not t.is_alive()

    # ---- downloading ----
    @property
    def downloading(self) -> bool:
        return self._download_thread is not None and self._download_thread.is_alive()

    def download(self, folder: Path, mirrors=None) -> None:
        """Fetch the missing MNIST files into folder in a background thread (progress, then downloaded /
        failed / cancelled)."""
        if self.downloading:
            return
        self._cancel = threading.Event()
        cancel = self._cancel
        folder = Path(folder)
        done_files: dict[str, int] = {}
        last = [0.0]

        def progress(done: int, total, name: str) -> None:
            done_files[name] = done
            now = time.monotonic()
            if now - last[0] < 0.05 and (total is None or done < total):
                return  # at most ~20 updates a second
            last[0] = now
            overall = sum(done_files.values())
            self._safe("progress", int(overall), int(max(DOWNLOAD_TOTAL, overall)), name)

        def work():
            from mnist_studio.core.download import DownloadCancelled, download_mnist

            try:
                download_mnist(folder, mirrors=mirrors, progress=progress, cancel=cancel)
            except DownloadCancelled:
                self._safe("download_cancelled")
            except UserError as e:
                self._safe("download_failed", e)
            except Exception as e:
                self._safe("download_failed", UserError(f"download failed: {e}"))
            else:
                self._safe("downloaded", folder)

        self._download_thread = threading.Thread(target=work, name="mnist-download", daemon=True)
        self._download_thread.start()

    def _safe(self, name: str, *args) -> None:
        try:
            getattr(self._em, name).emit(*args)
        except RuntimeError:
            pass

    def cancel_download(self) -> None:
        self._cancel.set()

    def shutdown(self, timeout: float = 1.0) -> None:
        """Cancel a download and wait (briefly) for the background threads."""
        self._cancel.set()
        self._generation += 1  # results of a load still running are dropped
        for t in (self._download_thread, self._load_thread):
            if t is not None and t.is_alive():
                t.join(timeout)


class DataBanner(Retranslating, QFrame):
    """The yellow banner shown when MNIST is not found: what is missing, Download, Choose folder."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dataBanner")
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 10, 8)
        row.setSpacing(10)
        icon = QLabel("⚠")
        icon.setStyleSheet("font-size: 18pt; color: #b45309;")
        row.addWidget(icon, 0, Qt.AlignTop)
        self.label = QLabel("")
        self.label.setObjectName("dataBannerLabel")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        col = QVBoxLayout()
        col.setSpacing(6)
        col.addWidget(self.label)
        # After a failed download: another mirror (a school's server, say), typed here and remembered.
        self.mirror_row = QWidget()
        mirror = QHBoxLayout(self.mirror_row)
        mirror.setContentsMargins(0, 0, 0, 0)
        self.mirror_edit = QLineEdit()
        self.mirror_edit.setObjectName("mirrorEdit")
        mirror.addWidget(self.mirror_edit, 1)
        self.mirror_button = QPushButton()
        self.mirror_button.setObjectName("mirrorButton")
        mirror.addWidget(self.mirror_button)
        self.mirror_row.hide()
        col.addWidget(self.mirror_row)
        row.addLayout(col, 1)
        self.download_button = QPushButton()
        self.download_button.setObjectName("downloadButton")
        row.addWidget(self.download_button, 0, Qt.AlignVCenter)
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("chooseFolderButton")
        row.addWidget(self.choose_button, 0, Qt.AlignVCenter)
        self._shown: tuple[Path, BaseException | None] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.download_button.setText(self.tr("Download (about 11 MB)"))
        self.download_button.setToolTip(
            self.tr(
                "Fetch the four MNIST files from public mirrors; "
                "each is checked against its known SHA-256."
            )
        )
        self.mirror_edit.setPlaceholderText(self.tr("Another mirror, e.g. http://school-server/mnist/"))
        self.mirror_edit.setToolTip(
            self.tr(
                "The address of a folder that serves the four MNIST .gz files (a web address, or file:///folder/)."
                "\nEach file is still checked against its known SHA-256. The window remembers it."
            )
        )
        self.mirror_button.setText(self.tr("Download from it"))
        self.choose_button.setText(self.tr("Choose folder…"))
        self.choose_button.setToolTip(
            self.tr("Use a folder that already has the four MNIST files (train-images-idx3-ubyte.gz, ...).")
        )
        if self._shown is not None:
            self._show_text(*self._shown)

    def show_missing(self, folder: Path, error: BaseException | str | None) -> None:
        """Say what is wrong; the engine's own words only when they add something (a damaged file, say)."""
        if isinstance(error, str):
            error = UserError(error) if error else None
        self._shown = (Path(folder), error)
        self._show_text(*self._shown)
        self.show()

    def _show_text(self, folder: Path, error: BaseException | None) -> None:
        import html

        from .error_text import error_text

        kind = getattr(error, "kind", None)
        not_found = error is None or kind == "not_found"
        head = self.tr("MNIST was not found") if not_found else self.tr("MNIST cannot be used")
        text = self.tr(
            "<b>{head}</b> in <code>{folder}</code>. Training needs its 70,000 handwritten "
            "digits (about 11 MB to download); the drawing pad works without them."
        ).format(head=head, folder=html.escape(str(folder)))
        if kind == "missing_files":
            files = ", ".join(getattr(error, "values", {}).get("files", []))
            missing = self.tr("Missing {files}.").format(files=files)
            text += f"<br><span style='color:#6b7280'>{html.escape(missing)}</span>"
        elif error is not None and not not_found:
            text += f"<br><span style='color:#6b7280'>{html.escape(error_text(error))}</span>"
        self.label.setText(text)
        self.setToolTip(error_text(error) if error is not None else "")  # English: core's own details
