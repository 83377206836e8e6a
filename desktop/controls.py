"""The training settings: every setting of the lesson's training loop with a tooltip that teaches it, and the presets (the Start / Pause / Stop / Reset buttons are in training_panel.py).

The defaults are the lesson's (784-50-10 sigmoid, weights std 0.01, SGD, learning rate 0.1, batch
100, 10,000 iterations). The learning rate may be changed while training runs and applies at once;
any other change is kept for the next Start, and the panel says so.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.core.trainer import PRESETS, TrainConfig, preset_config

TRAIN_SIZE = 60000

PRESET_LABELS = {
    "seed": ("Lesson (seed)", "The book's job: 784-50-10 sigmoid network, SGD, learning rate 0.1, batch 100, 10,000 iterations (about 94-95% test accuracy)."),
    "fast": ("Fast", "A modern recipe that reaches about 98% test accuracy in a minute or two: 256 ReLU units, He init, Adam, cosine learning-rate decay, 8 epochs."),
}
CUSTOM = "custom"

METHODS = [
    ("Backpropagation", "backprop", "The chain rule, layer by layer: the exact gradient in one backward pass. Fast."),
    ("Numerical gradient", "numerical", "Nudge every weight up and down by 0.0001 and watch the loss: the lesson's slow method, the same gradient as backprop but hundreds of times slower (the lesson's own loop took a minute per iteration)."),
]
METHOD_NOTES = {
    "backprop": "Exact, by the chain rule. Fast.",
    "numerical": "The lesson's slow method: its speed is measured as it runs, and falls as the hidden layer grows; "
    "a few hundred iterations show it learning.",
}
ACTIVATIONS = [
    ("Sigmoid", "sigmoid", "1 / (1 + e^-x): the lesson's smooth S-curve from 0 to 1."),
    ("ReLU", "relu", "max(0, x): passes positive values, blocks negative ones. Learns faster in deeper nets."),
]
INITS = [
    ("Fixed std", "std", "Random normal weights with the standard deviation set beside (the lesson: 0.01)."),
    ("Xavier", "xavier", "Std 1/sqrt(inputs): keeps signals the same size through sigmoid layers."),
    ("He", "he", "Std sqrt(2/inputs): the same idea for ReLU layers."),
]
OPTIMIZERS = [
    ("SGD", "sgd", "Plain gradient descent: step straight downhill by learning rate x gradient (the lesson)."),
    ("Momentum", "momentum", "Like a ball rolling downhill: keeps some of the last step's speed."),
    ("Nesterov", "nesterov", "Momentum that looks ahead before it steps."),
    ("AdaGrad", "adagrad", "Each weight gets its own step size, shrinking for weights that have moved a lot."),
    ("RMSprop", "rmsprop", "AdaGrad that forgets old gradients, so steps do not shrink forever."),
    ("Adam", "adam", "Momentum plus per-weight step sizes; a good default. Choosing it sets the rate to 0.001."),
]
# The learning rate each optimizer is offered with when the user picks it. SGD: 0.1, the lesson's
# job (ch. 4). The others: the defaults of the book's own optimizer classes (ch. 6, core/optimizers.py):
# Momentum, Nesterov, AdaGrad and RMSprop 0.01, Adam 0.001. Their steps are already scaled by the
# gradient's history, so SGD's 0.1 is 10-100x too big for them (Adam at 0.1 saturates the
# sigmoids and stops near 88%). The user can still type any rate afterwards.
USUAL_LR = {"sgd": 0.1, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.01, "rmsprop": 0.01, "adam": 0.001}

SAMPLINGS = [
    ("Random draws", "replacement", "Every mini-batch is drawn at random from all 60,000 images, repeats allowed (the lesson)."),
    ("Shuffled epochs", "shuffle", "Each epoch shows every image exactly once, in a new random order: learns a little more per epoch."),
]
DECAYS = [
    ("Constant", "none", "The learning rate stays as set (the lesson)."),
    ("Cosine", "cosine", "The learning rate falls smoothly to 0 by the last iteration: big steps first, fine ones at the end."),
]


def _combo(name: str, items, tooltip: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    # as narrow as ten letters when the column is: the list that opens shows the whole names
    box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(10)
    box.setToolTip(tooltip)
    for label, data, tip in items:
        box.addItem(label, data)
        box.setItemData(box.count() - 1, tip, Qt.ToolTipRole)
    return box


def _set_combo(box: QComboBox, data) -> None:
    i = box.findData(data)
    if i >= 0:
        box.setCurrentIndex(i)


def preset_as_iterations(name: str) -> TrainConfig:
    """A preset's config with its length given in iterations (the panel has no epochs field)."""
    cfg = preset_config(name)
    if cfg.epochs:
        cfg = replace(cfg, iters=cfg.total_iters(TRAIN_SIZE), epochs=None)
    return cfg


def n_weights(hidden: int) -> int:
    """Weights and biases of the 784-hidden-10 network."""
    return 784 * hidden + hidden + hidden * 10 + 10


def speed_text(rate: float) -> str:
    """Iterations a second to two significant figures (9.8, 12, 0.45)."""
    return f"{rate:.2g}" if rate < 100 else f"{rate:,.0f}"


def describe_iteration(cfg: TrainConfig) -> str:
    """One iteration of this config in plain words (the left panel's lesson note)."""
    weights = n_weights(cfg.hidden_size)
    how = "by backpropagation" if cfg.method == "backprop" else "numerically, nudging each one in turn"
    step = {"sgd": "a small step", "momentum": "a step with momentum", "nesterov": "a look-ahead momentum step",
            "adagrad": "an adaptive step", "rmsprop": "an adaptive step", "adam": "an Adam step"}.get(cfg.optimizer, "a step")
    digits = (
        QCoreApplication.translate(
            "TrainingControls", "the next %1 training digits of this epoch's shuffled order"
        ).replace("%1", f"{cfg.batch_size:,}")
        if cfg.sampling == "shuffle"
        else f"{cfg.batch_size:,} random training digits"
    )
    return (
        f"<b>One iteration:</b> show the network {digits}, measure how wrong "
        f"it is (the loss), find which way each of its {weights:,} weights should move ({how}), "
        f"and move them all {step} downhill (learning rate {cfg.lr:g})."
    )


class TrainingControls(QWidget):
    """The settings form (objectNames methodCombo, hiddenSpin, lrSpin, batchSpin, itersSpin, ...)."""

    settingChanged = Signal()  # anything but the learning rate
    lrChanged = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._loading = False
        self._base = TrainConfig()
        self.numerical_speed: tuple[int, float] | None = None  # (hidden units, iterations a second) measured
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        title = QLabel("Training")
        title.setObjectName("cardTitle")
        layout.addWidget(title)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        # In a narrow column (a small screen, large fonts) a field goes under its label instead of
        # pushing the column wider than the screen.
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(5)
        layout.addLayout(form)

        self.preset_combo = _combo("presetCombo", [], "")
        for key, (label, tip) in PRESET_LABELS.items():
            self.preset_combo.addItem(label, key)
            self.preset_combo.setItemData(self.preset_combo.count() - 1, tip, Qt.ToolTipRole)
        self.preset_combo.addItem("Custom", CUSTOM)
        self.preset_combo.setItemData(self.preset_combo.count() - 1, "Your own settings.", Qt.ToolTipRole)
        self.preset_combo.setToolTip(
            "Ready-made settings. Lesson (seed): the book's network and training loop.\n"
            "Fast: a modern recipe that reaches about 98% test accuracy. Change anything and it says Custom."
        )
        form.addRow("Preset", self.preset_combo)

        self.method_combo = _combo("methodCombo", METHODS, "How the gradient (which way is downhill for every weight) is computed.")
        form.addRow("Gradient", self.method_combo)
        self.method_note = QLabel(METHOD_NOTES["backprop"])
        self.method_note.setObjectName("methodNote")
        self.method_note.setWordWrap(True)
        form.addRow("", self.method_note)

        self.hidden_spin = QSpinBox()
        self.hidden_spin.setObjectName("hiddenSpin")
        self.hidden_spin.setRange(1, 2048)
        self.hidden_spin.setToolTip("Neurons in the hidden layer (the lesson: 50). More can learn finer patterns, but each step takes longer.")
        form.addRow("Hidden units", self.hidden_spin)

        self.activation_combo = _combo("activationCombo", ACTIVATIONS, "The function each hidden neuron applies to its input sum.")
        form.addRow("Activation", self.activation_combo)

        init_row = QHBoxLayout()
        init_row.setSpacing(6)
        self.init_combo = _combo("initCombo", INITS, "How the weights are set before learning starts: small random numbers.")
        init_row.addWidget(self.init_combo, 1)
        self.init_std_spin = QDoubleSpinBox()
        self.init_std_spin.setObjectName("initStdSpin")
        self.init_std_spin.setDecimals(4)
        self.init_std_spin.setRange(0.0001, 1.0)
        self.init_std_spin.setSingleStep(0.01)
        self.init_std_spin.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
        self.init_std_spin.setToolTip("Standard deviation of the first random weights when the init is Fixed std (the lesson: 0.01).")
        init_row.addWidget(self.init_std_spin)
        form.addRow("Weight init", init_row)

        self.optimizer_combo = _combo("optimizerCombo", OPTIMIZERS, "The rule that turns a gradient into a change of the weights.")
        form.addRow("Optimizer", self.optimizer_combo)

        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setObjectName("lrSpin")
        self.lr_spin.setDecimals(4)
        self.lr_spin.setRange(0.0001, 10.0)
        self.lr_spin.setSingleStep(0.01)
        self.lr_spin.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
        self.lr_spin.setToolTip(
            "Learning rate: how big a step each update takes (the lesson: 0.1). Too small learns slowly;\n"
            "too large makes the loss jump about or explode. Changes apply at once, even while training."
        )
        form.addRow("Learning rate", self.lr_spin)

        self.decay_combo = _combo("lrDecayCombo", DECAYS, "Whether the learning rate changes over the run.")
        form.addRow("Rate schedule", self.decay_combo)

        self.sampling_combo = _combo("samplingCombo", SAMPLINGS, "How the training images of each mini-batch are picked.")
        form.addRow("Batches", self.sampling_combo)

        self.batch_spin = QSpinBox()
        self.batch_spin.setObjectName("batchSpin")
        self.batch_spin.setRange(1, 10000)
        self.batch_spin.setSingleStep(10)
        self.batch_spin.setToolTip(
            "Mini-batch size: how many training images each step looks at (the lesson: 100).\n"
            "Small batches give noisy but cheap steps; large ones smooth but slow steps."
        )
        form.addRow("Batch size", self.batch_spin)

        iters_row = QHBoxLayout()
        iters_row.setSpacing(6)
        self.iters_spin = QSpinBox()
        self.iters_spin.setObjectName("itersSpin")
        self.iters_spin.setRange(1, 1_000_000)
        self.iters_spin.setSingleStep(1000)
        self.iters_spin.setGroupSeparatorShown(True)
        self.iters_spin.setToolTip("How many update steps to take (the lesson: 10,000). One epoch = 60,000 / batch size steps.")
        iters_row.addWidget(self.iters_spin, 1)
        self.epochs_label = QLabel("")
        self.epochs_label.setObjectName("hint")
        self.epochs_label.setToolTip("The same length in epochs: passes over all 60,000 training images.")
        iters_row.addWidget(self.epochs_label)
        form.addRow("Iterations", iters_row)

        self.seed_spin = QSpinBox()
        self.seed_spin.setObjectName("seedSpin")
        self.seed_spin.setRange(0, 2_147_483_647)
        self.seed_spin.setToolTip("Random seed for the first weights and the order of the mini-batches: the same seed gives the same run.")
        form.addRow("Seed", self.seed_spin)

        self.augment_check = QCheckBox("Augment: shift and turn images")
        self.augment_check.setObjectName("augmentCheck")
        self.augment_check.setToolTip("Data augmentation: each mini-batch is randomly moved and turned a bit, so the network\nlearns digits that are not perfectly centred (helps with drawings; trains a bit slower).")
        form.addRow(self.augment_check)

        self.set_config(TrainConfig())

        # ---- wiring ----
        for box in (self.method_combo, self.activation_combo, self.init_combo, self.optimizer_combo, self.decay_combo, self.sampling_combo):
            box.currentIndexChanged.connect(self._changed)
        for spin in (self.hidden_spin, self.init_std_spin, self.batch_spin, self.iters_spin, self.seed_spin):
            spin.valueChanged.connect(self._changed)
        self.augment_check.toggled.connect(self._changed)
        self.lr_spin.valueChanged.connect(self._lr_changed)
        self.optimizer_combo.activated.connect(self._optimizer_chosen)  # by the user only, not by set_config
        self.preset_combo.activated.connect(self._preset_chosen)

    # ---- config ----
    def config(self) -> TrainConfig:
        """The TrainConfig the form describes (validated by Trainer when a run starts).

        Fields the form does not show (e.g. the trainer's BLAS threads) come from the last
        config loaded into the form, so a preset keeps all of its settings.
        """
        return replace(
            self._base,
            hidden_size=self.hidden_spin.value(),
            activation=self.activation_combo.currentData(),
            init=self.init_combo.currentData(),
            weight_init_std=self.init_std_spin.value(),
            optimizer=self.optimizer_combo.currentData(),
            lr=self.lr_spin.value(),
            batch_size=self.batch_spin.value(),
            iters=self.iters_spin.value(),
            method=self.method_combo.currentData(),
            augment=self.augment_check.isChecked(),
            seed=self.seed_spin.value(),
            lr_decay=self.decay_combo.currentData(),
            sampling=self.sampling_combo.currentData(),
            epochs=None,
        )

    def set_config(self, cfg: TrainConfig) -> None:
        self._base = cfg
        self._loading = True
        try:
            _set_combo(self.sampling_combo, cfg.sampling)
            _set_combo(self.method_combo, cfg.method)
            self.hidden_spin.setValue(cfg.hidden_size)
            _set_combo(self.activation_combo, cfg.activation)
            _set_combo(self.init_combo, cfg.init)
            self.init_std_spin.setValue(cfg.weight_init_std)
            _set_combo(self.optimizer_combo, cfg.optimizer)
            self.lr_spin.setValue(cfg.lr)
            _set_combo(self.decay_combo, cfg.lr_decay)
            self.batch_spin.setValue(cfg.batch_size)
            self.iters_spin.setValue(cfg.total_iters(TRAIN_SIZE) if cfg.epochs else cfg.iters)
            self.seed_spin.setValue(cfg.seed)
            self.augment_check.setChecked(cfg.augment)
        finally:
            self._loading = False
        self._update_derived()

    def apply_preset(self, name: str) -> None:
        """Load a preset's settings into the form."""
        self.set_config(preset_as_iterations(name))
        self.settingChanged.emit()
        self.lrChanged.emit(self.lr_spin.value())

    def matching_preset(self) -> str:
        cfg = self.config()
        for name in PRESETS:
            if preset_as_iterations(name) == cfg:
                return name
        return CUSTOM

    def _preset_chosen(self, index: int) -> None:
        key = self.preset_combo.itemData(index)
        if key != CUSTOM:
            self.apply_preset(key)

    def _optimizer_chosen(self, index: int) -> None:
        """Offer the chosen optimizer's usual learning rate (the user may type another).

        Like the optimizer itself it applies at the next Start, so a run in progress keeps its rate.
        """
        rate = USUAL_LR.get(self.optimizer_combo.itemData(index))
        if rate is None or self.lr_spin.value() == rate:
            return
        self._loading = True
        try:
            self.lr_spin.setValue(rate)
        finally:
            self._loading = False
        self._changed()

    def _changed(self, *_):
        self._update_derived()
        if not self._loading:
            self.settingChanged.emit()

    def _lr_changed(self, value: float):
        self._update_derived()
        if not self._loading:
            self.lrChanged.emit(value)

    def note_numerical_speed(self, hidden: int, rate: float) -> None:
        """A numerical-gradient run with `hidden` units measured `rate` iterations a second: the method's
        note says so (for other sizes, scaled by the number of weights: each one is nudged in turn)."""
        self.numerical_speed = (int(hidden), float(rate))
        self._update_derived()

    def numerical_note(self) -> str:
        if self.numerical_speed is None:
            return METHOD_NOTES["numerical"]
        hidden, rate = self.numerical_speed
        now = self.hidden_spin.value()
        if now != hidden:
            rate *= n_weights(hidden) / n_weights(now)
            text = self.tr("The lesson's slow method: about %1 iterations a second with %2 hidden units "
                           "(measured: %3 with %4); a few hundred show it learning.")
            return text.replace("%1", speed_text(rate)).replace("%2", str(now)).replace(
                "%3", speed_text(self.numerical_speed[1])).replace("%4", str(hidden))
        text = self.tr("The lesson's slow method: %1 iterations a second, measured with %2 hidden units; "
                       "a few hundred show it learning.")
        return text.replace("%1", speed_text(rate)).replace("%2", str(hidden))

    def _update_derived(self) -> None:
        method = self.method_combo.currentData()
        self.method_note.setText(self.numerical_note() if method == "numerical" else METHOD_NOTES.get(method, ""))
        self.method_note.setStyleSheet("color: #b45309;" if method == "numerical" else "")
        self.init_std_spin.setEnabled(self.init_combo.currentData() == "std")
        per_epoch = max(TRAIN_SIZE // max(self.batch_spin.value(), 1), 1)
        self.epochs_label.setText(f"= {self.iters_spin.value() / per_epoch:.1f} epochs")
        _set_combo(self.preset_combo, self.matching_preset())

    # ---- persistence ----
    FIELDS = ("hidden_size", "activation", "init", "weight_init_std", "optimizer", "lr", "batch_size", "iters", "method", "augment", "seed", "lr_decay", "sampling")

    def save_settings(self, s: QSettings) -> None:
        cfg = self.config().to_dict()
        for name in self.FIELDS:
            s.setValue(f"training/{name}", cfg[name])

    def load_settings(self, s: QSettings) -> None:
        """Restore saved settings; any value that is missing or no longer valid keeps its default."""
        base = TrainConfig()
        values = {}
        for name in self.FIELDS:
            raw = s.value(f"training/{name}")
            if raw is None:
                continue
            default = getattr(base, name)
            try:
                if isinstance(default, bool):
                    value = raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
                elif isinstance(default, int):
                    value = int(raw)
                elif isinstance(default, float):
                    value = float(raw)
                else:
                    value = str(raw)
            except (TypeError, ValueError):
                continue
            values[name] = value
        cfg = replace(base, **values)
        try:
            cfg.validate()
        except Exception:
            cfg = base
        self.set_config(cfg)
