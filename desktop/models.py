"""Which network reads your digits: a run's newest weights (the window hands over the selected run's), a
model file you opened, or the default model that ships with the app.

The most recent arrival wins (start training: the pad follows the run; open a file: the pad uses
it), so the usual order is training > opened > default, and the user can pick any of the available
ones in the reader's model list to compare them on the same drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from mnist_studio.core.network import TwoLayerNet

TRAINING, OPENED, DEFAULT = "training", "opened", "default"


translate = QCoreApplication.translate


@lru_cache(maxsize=1)
def _blas():
    """The process's BLAS libraries, found once (on the first reading, not at start-up)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@dataclass
class Model:
    """A network ready to predict, with words that say what it is (made in the current language when
    asked, so they follow a change of language)."""

    kind: str  # training | opened | default
    net: TwoLayerNet
    label: str | None = None  # a file's name, or a run's own name; None: the kind's usual name
    test_accuracy: float | None = None
    run_id: int | None = None  # the run whose weights these are (kind training)
    iteration: int = 0  # how far its run had trained (kind training)

    @property
    def name(self) -> str:
        """Short, for the model list: "Training network", "Default model", "my_net.npz"."""
        if self.label:
            return self.label
        if self.kind == DEFAULT:
            return translate("Models", "Default model")
        return translate("Models", "Training network")

    @property
    def detail(self) -> str:
        """One line for the reader's label."""
        acc = _accuracy_text(self.test_accuracy)
        if self.kind == DEFAULT:
            hidden = self.net.params["W1"].shape[1]
            return translate(
                "Models", "the default model that comes with the app ({hidden} hidden units{acc})"
            ).format(hidden=hidden, acc=acc)
        if self.kind == OPENED:
            return f"{self.name}{acc}"
        return translate("Models", "the network being trained (iteration {iteration}{acc})").format(
            iteration=f"{self.iteration:,}", acc=acc
        )

    @property
    def key(self) -> str:
        """How the model list names it: its kind, or run-<id> for a run's weights."""
        return self.kind if self.run_id is None else f"run-{self.run_id}"

    @property
    def activation(self) -> str:
        return self.net.activation

    @property
    def params(self) -> dict:
        return self.net.params

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """(n, 10) probabilities for (n, 784) images: floats in 0..1, or uint8 0..255 (scaled here)."""
        x = np.asarray(x)
        if x.dtype == np.uint8:
            x = x.astype(np.float32) * np.float32(1.0 / 255.0)
        dtype = self.net.params["W1"].dtype
        if x.shape[0] == 1:
            # One drawing: a single thread. On a busy 2-core machine a second BLAS thread waits for a
            # core, and the default model's 784x800 product took 8 ms instead of 0.05 ms.
            with _blas().limit(limits=1, user_api="blas"):
                return np.asarray(self.net.predict(x.astype(dtype, copy=False)))
        return np.asarray(self.net.predict(x.astype(dtype, copy=False)))


def net_from_params(params: dict, activation: str) -> TwoLayerNet:
    """A TwoLayerNet that uses these arrays as they are (no copy, no random start weights drawn first).

    For weights that are already ours (the trainer's snapshots are copies made for us): this runs
    several times a second while training, on the window's thread, so it must cost nothing.
    """
    W1, W2 = params["W1"], params["W2"]
    net = TwoLayerNet(W1.shape[0], 1, W2.shape[1], activation=activation, seed=0, dtype=W1.dtype)
    net.params = {k: params[k] for k in ("W1", "b1", "W2", "b2")}
    return net


def _accuracy_text(acc: float | None) -> str:
    if acc is None:
        return ""
    return translate("Models", ", {acc} test accuracy").format(acc=f"{acc:.1%}")


class ModelSource(QObject):
    """The models the pad may read with (runs' newest weights, an opened file, the default) and which one
    is active; `changed` when either changes."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._models: dict[str, Model] = {}
        self._active: str | None = None

    # ---- what exists ----
    def available(self) -> list[Model]:
        """Runs (oldest first), then the opened file, then the default model."""
        runs = sorted((m for m in self._models.values() if m.run_id is not None), key=lambda m: m.run_id)
        return runs + [self._models[k] for k in (OPENED, DEFAULT) if k in self._models]

    def get(self, kind: str) -> Model | None:
        """The opened or default model, or the newest run's weights for kind training."""
        if kind != TRAINING:
            return self._models.get(kind)
        runs = [m for m in self.available() if m.run_id is not None]
        return runs[-1] if runs else None

    def run_model(self, run_id: int) -> Model | None:
        return self._models.get(f"run-{run_id}")

    def active(self) -> Model | None:
        return self._models.get(self._active) if self._active else None

    def active_kind(self) -> str | None:
        active = self.active()
        return active.kind if active else None

    def choose(self, key: str) -> None:
        """Make an available model (by its key: default, opened, run-<id>) the one the pad and the sample
        grid use."""
        if key in self._models and key != self._active:
            self._active = key
            self.changed.emit()

    # ---- arrivals ----
    def set_default(self, params: dict, meta: dict) -> None:
        acc = meta.get("test_accuracy")
        net = TwoLayerNet.from_params(params, meta.get("activation", "sigmoid"))
        self._models[DEFAULT] = Model(DEFAULT, net, None, acc)
        if self._active is None:
            self._active = DEFAULT
        self.changed.emit()

    def set_opened(self, params: dict, meta: dict, path: Path) -> None:
        acc = meta.get("test_accuracy")
        net = TwoLayerNet.from_params(params, meta.get("activation", "sigmoid"))
        self._models[OPENED] = Model(OPENED, net, Path(path).name, acc)
        self._active = OPENED
        self.changed.emit()

    def set_run(self, run_id: int, params: dict, activation: str, iteration: int, test_accuracy: float | None,
                *, follow: bool, name: str | None = None) -> None:
        """A run's newest weights: a copy made for us (the trainer goes on changing its own); `name`
        for the model list (default: "Training network" in the current language)."""
        model = Model(TRAINING, net_from_params(params, activation), name, test_accuracy, run_id, iteration)
        self._models[model.key] = model
        if follow or self._active is None:
            self._active = model.key
        self.changed.emit()

    def drop_run(self, run_id: int) -> None:
        """Forget a run's weights (reset, or they blew up); the pad falls back to the opened or default
        model."""
        key = f"run-{run_id}"
        if self._models.pop(key, None) is None:
            return
        if self._active == key:
            fallback = [k for k in (OPENED, DEFAULT) if k in self._models] + [m.key for m in self.available()]
            self._active = fallback[0] if fallback else None
        self.changed.emit()

    def run_ids(self) -> list[int]:
        return [m.run_id for m in self.available() if m.run_id is not None]
