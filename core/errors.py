"""The one kind of error a user can cause: a bad file, a bad value, missing data; the CLI and the window show
its message in one line.
"""


class UserError(Exception):
    """A mistake in what the user gave us (a file, a value, a folder); the message says what to do."""


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
