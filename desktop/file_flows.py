"""The window's file work: open and save model files, open a picture of a digit for the pad, export a
run's loss history as CSV; each with its file dialog, and every failure a one-line message that names the
file (nothing else changes).

Model files are read and written by core (modelfile.py, written to a temp file then renamed), the
CSV through core.durable; pictures are checked by core.imagefile before they are decoded.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from mnist_studio.core.durable import write_atomically
from mnist_studio.core.errors import UserError
from mnist_studio.core.trainer import run_metadata

translate = QCoreApplication.translate
PICTURE_PATTERNS = (
    "(*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.ppm *.pgm *.pbm *.pnm *.tga *.ico *.qoi)"
)


def picture_filter() -> str:
    return translate("FileFlows", "Pictures {patterns};;All files (*)").format(patterns=PICTURE_PATTERNS)


def no_network() -> str:
    return translate("FileFlows", "There is no trained network to save yet: press Start first.")


class FileFlows:
    """File > Open model / Open image / Save model / Export for the window `w` (its messages, settings,
    source and pad)."""

    def __init__(self, w):
        self.w = w

    def _folder(self, key: str) -> str:
        return str(self.w.settings.value(key) or Path.home())

    # ---- models ----
    def load_default_model(self) -> None:
        """Give the pad the model that ships with the app; a missing or damaged one is a note in the
        status bar."""
        status = self.w.statusBar()
        try:
            from mnist_studio.core.modelfile import load_default_model

            params, meta = load_default_model()
        except ImportError:
            status.showMessage(
                translate("FileFlows", "No default model in this build: train one or open a model file."),
                8000,
            )
        except Exception as e:  # a damaged install must not stop the window
            status.showMessage(
                translate("FileFlows", "Default model unavailable: {error}").format(error=e), 10000
            )
        else:
            self.w.source.set_default(params, meta)

    def open_model(self, path) -> bool:
        """Read a model file and let the pad use it; a bad file gives a message, nothing else changes."""
        path = Path(path)
        try:
            from mnist_studio.core.modelfile import load_model

            params, meta = load_model(path)
            self.w.source.set_opened(params, meta, path)
        except UserError as e:
            self.w.show_error(e)
            return False
        except Exception as e:
            self.w.show_error(
                lambda e=e: translate("FileFlows", "{path}: cannot be used as a model file ({error})").format(
                    path=path, error=f"{type(e).__name__}: {e}"
                )
            )
            return False
        self.w.settings.setValue("files/modelDir", str(path.parent))
        self.w.show_info(
            lambda: translate("FileFlows", "Opened {name}: the pad now reads with it.").format(name=path.name)
        )
        return True

    def ask_open_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w,
            translate("FileFlows", "Open model"),
            self._folder("files/modelDir"),
            translate("FileFlows", "MNIST Studio models (*.npz);;All files (*)"),
        )
        if path:
            self.open_model(path)

    def save_model(self, path) -> bool:
        """Save the current run's newest weights to path in core's model format."""
        model, run = self.w.trained_model(), self.w.current_run()
        if model is None:
            self.w.show_error(no_network)
            return False
        path = Path(path)
        if path.suffix.lower() != ".npz":
            path = path.with_name(path.name + ".npz")
        meta = run_metadata(run.config, run.result) if run is not None else {"activation": model.activation}
        if model.test_accuracy is not None:  # the newest measurement, which may be after the last result
            meta["test_accuracy"] = float(model.test_accuracy)
        try:
            from mnist_studio.core.modelfile import save_model

            save_model(path, model.params, meta)
        except UserError as e:
            self.w.show_error(e)
            return False
        except Exception as e:
            self.w.show_error(
                lambda e=e: translate("FileFlows", "{path}: could not save the model ({error})").format(
                    path=path, error=f"{type(e).__name__}: {e}"
                )
            )
            return False
        self.w.settings.setValue("files/modelDir", str(path.parent))
        self.w.show_info(
            lambda: translate("FileFlows", "Saved the trained network to {path}.").format(path=path)
        )
        return True

    def ask_save_model(self) -> None:
        if self.w.trained_model() is None:
            self.w.show_error(no_network)
            return
        start = Path(self._folder("files/modelDir")) / "mnist-model.npz"
        path, _ = QFileDialog.getSaveFileName(
            self.w,
            translate("FileFlows", "Save model"),
            str(start),
            translate("FileFlows", "MNIST Studio models (*.npz)"),
        )
        if path:
            self.save_model(path)

    # ---- the loss history ----
    def export_csv(self, path) -> bool:
        """Write the current run's iteration, loss, smoothed loss (and accuracies at epoch ends) to a CSV
        file."""
        run = self.w.current_run()
        if run is None or run.history.count == 0:
            self.w.show_error(
                lambda: translate("FileFlows", "There is no loss history to export yet: press Start first.")
            )
            return False
        history = run.history
        path = Path(path)
        try:
            write_atomically(path, lambda f: csv.writer(f).writerows(history.csv_rows()))
        except OSError as e:
            reason = e.strerror or str(e)
            self.w.show_error(
                lambda: translate(
                    "FileFlows", "{path}: could not write the CSV file ({reason}); choose another folder"
                ).format(path=path, reason=reason)
            )
            return False
        count = history.count
        self.w.show_info(
            lambda: translate("FileFlows", "Exported %Ln iterations to {path}.", None, count).format(
                path=path
            )
        )
        return True

    def ask_export_csv(self) -> None:
        start = Path(self._folder("files/modelDir")) / "loss-history.csv"
        path, _ = QFileDialog.getSaveFileName(
            self.w,
            translate("FileFlows", "Export loss history"),
            str(start),
            translate("FileFlows", "CSV files (*.csv)"),
        )
        if path:
            self.export_csv(path)

    # ---- pictures ----
    def open_image(self, path) -> bool:
        """Put a picture file of a digit on the pad and read it; a file that cannot be used gives a
        message, nothing else changes."""
        path = Path(path)
        try:
            from mnist_studio.core.picture import read_picture

            # The same preparation as `mnist-studio predict`; damaged, empty and huge files are refused.
            picture = read_picture(path, self.w.canvas.side)
        except UserError as e:
            self.w.show_error(e)
            return False
        except MemoryError:
            self.w.show_error(
                lambda: translate(
                    "FileFlows", "Cannot read image {path}: not enough memory to decode it; shrink it first."
                ).format(path=path)
            )
            return False
        except Exception as e:  # anything else from an untrusted file: a message, never a dead window
            self.w.show_error(
                lambda e=e: translate("FileFlows", "Cannot read image {path}: {error}").format(
                    path=path, error=f"{type(e).__name__}: {e}"
                )
            )
            return False
        if picture is None:
            self.w.message_bar.show_message(
                lambda: html.escape(
                    translate(
                        "FileFlows",
                        "{path}: the picture is blank (no ink stands out from its background), "
                        "so there is no digit to read.",
                    ).format(path=path)
                ),
                "warning",
            )
            return False
        self.w.reader.show_picture(picture)
        self.w.settings.setValue("files/imageDir", str(path.parent))
        self.w.show_info(
            lambda: translate(
                "FileFlows",
                "Opened {name} on the pad: the network reads it like a drawing; draw over it or clear it.",
            ).format(name=path.name)
        )
        return True

    def ask_open_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w, translate("FileFlows", "Open image"), self._folder("files/imageDir"), picture_filter()
        )
        if path:
            self.open_image(path)
