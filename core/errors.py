"""The one kind of error a user can cause: a bad file, a bad value, missing data; the CLI and the window show
its message in one line.

The message is English (the command line prints it). An error may also carry a `kind` and its `values`
(e.g. DataError("...", kind="missing_files", folder=..., files=[...])), so that the window can say the
same thing in the user's language without parsing the English.
"""


class UserError(Exception):
    """A mistake in what the user gave us (a file, a value, a folder); the message says what to do."""

    def __init__(self, message: str = "", *, kind: str | None = None, **values):
        super().__init__(message)
        self.kind = kind
        self.values = values


class DataError(UserError):
    """An MNIST file is missing, damaged or not MNIST at all; the message names the file."""


class ModelFileError(UserError):
    """A model file cannot be used (wrong format, shapes, NaN, pickled objects); the message names the
    file.
    """


class ImageFileError(UserError):
    """An image file cannot be read as a digit picture; the message names the file."""


class DownloadError(UserError):
    """No mirror gave us verified MNIST files; the message says what was tried and what to do."""
