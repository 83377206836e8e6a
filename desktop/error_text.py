"""Errors from core said in the window's language: core's UserError keeps English for the command line
and carries a `kind` and its `values`; this module turns the kind into a translated sentence.

An error without a kind known here is shown as core wrote it (English), after a translated lead-in
that names what failed, so nothing is ever hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: kind -> the sentence, with {names} from the error's values.
TEMPLATES = {
    "not_found": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "MNIST was not found in {folder}: download it (about 11 MB) "
        "or choose the folder that has its four files.",
    ),
    "missing_files": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "MNIST is incomplete in {folder}: {files} missing. Download it again or choose another folder.",
    ),
    "not_a_folder": QT_TRANSLATE_NOOP(
        "CoreErrors", "{folder} is a file, not a folder: choose the MNIST folder."
    ),
    "bad_file": QT_TRANSLATE_NOOP(
        "CoreErrors", "{path} is damaged or is not an MNIST file: delete it and download MNIST again."
    ),
    "mismatched_files": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "{images} and {labels} do not belong together (different numbers of images and labels): "
        "delete both and download MNIST again.",
    ),
    "download_failed": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "Could not download {file} from any mirror. Check the internet connection, type a working mirror "
        "(a school server, say) in the banner, or copy the four MNIST .gz files into {folder} by hand.",
    ),
    "folder_not_writable": QT_TRANSLATE_NOOP(
        "CoreErrors", "Cannot write to the data folder {folder}: choose a folder you can write to."
    ),
    "file_not_found": QT_TRANSLATE_NOOP("CoreErrors", "{path}: no such file; check the name and folder."),
    "bad_model": QT_TRANSLATE_NOOP(
        "CoreErrors", "{path} cannot be used as a model file (not one saved by MNIST Studio, or damaged)."
    ),
    "cannot_save_model": QT_TRANSLATE_NOOP(
        "CoreErrors", "Could not save the model to {path}: choose another name or folder."
    ),
    "bad_image": QT_TRANSLATE_NOOP(
        "CoreErrors", "{path} cannot be read as a picture (damaged, empty, too large, or not an image)."
    ),
}


def _format(values: dict) -> dict:
    out = {}
    for k, v in values.items():
        out[k] = ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v)
    return out


def error_text(error: BaseException) -> str:
    """The error in the current language: core's own (more detailed) English message in English; in
    another language its kind's sentence, or a lead-in plus core's English."""
    from . import i18n

    if i18n.current_language() == i18n.ENGLISH:
        return str(error)
    kind = getattr(error, "kind", None)
    values = getattr(error, "values", None) or {}
    template = TEMPLATES.get(kind)
    if template is not None:
        try:
            return QCoreApplication.translate("CoreErrors", template).format(**_format(values))
        except (KeyError, IndexError):
            pass  # values missing: fall back to core's own words
    return QCoreApplication.translate("CoreErrors", "Error: {message}").format(message=str(error))


def details(error: BaseException) -> str:
    """Core's own English message, for a tooltip: it names every mirror or byte that was wrong."""
    return str(error)
