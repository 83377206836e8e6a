"""Where MNIST Studio keeps things: the data folder (flag, then MNIST_STUDIO_DATA, then the per-user folder)
and the models folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "mnist-studio"
DATA_ENV = "MNIST_STUDIO_DATA"


def user_data_root() -> Path:
    """The per-user folder for this app's files (e.g. ~/.local/share/mnist-studio on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The MNIST folder to use: the explicit argument, else $MNIST_STUDIO_DATA, else <user data>/mnist."""
    if data_dir:
        return Path(data_dir).expanduser()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    return user_data_root() / "mnist"


def user_models_dir() -> Path:
    """The per-user folder where trained models are saved by default."""
    return user_data_root() / "models"
