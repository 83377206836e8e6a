"""The training settings: every setting of the lesson's training loop with a tooltip that teaches it, and the
presets (the Start / Pause / Stop / Reset buttons are in training_panel.py).

The defaults are the lesson's (784-50-10 sigmoid, weights std 0.01, SGD, learning rate 0.1, batch
100, 10,000 iterations). The learning rate may be changed while training runs and applies at once;
any other change is kept for the next Start, and the panel says so.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.core.trainer import PRESETS, TrainConfig, preset_config

from .i18n import Retranslating
from .lesson_note import describe_iteration, n_weights, speed_text  # noqa: F401 (used here and by others)
from .options import (
    ACTIVATIONS,
    CUSTOM,
    DECAYS,
    INITS,
    METHOD_NOTES,
    METHODS,
    OPTIMIZERS,
    PRESET_LABELS,
    SAMPLINGS,
    USUAL_LR,
    option_combo,
    option_text,
    select_data,
    translate_option_combo,
)

TRAIN_SIZE = 60000

def preset_as_iterations(name: str) -> TrainConfig:
    """A preset's config with its length given in iterations (the panel has no epochs field)."""
    cfg = preset_config(name)
    if cfg.epochs:
        cfg = replace(cfg, iters=cfg.total_iters(TRAIN_SIZE), epochs=None)
    return cfg


class TrainingControls(Retranslating, QWidget):
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

        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        layout.addWidget(self.title)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        # In a narrow column (a small screen, large fonts) a field goes under its label instead of
        # pushing the column wider than the screen.
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(5)
        layout.addLayout(form)
        self._form = form
        self._row_labels: dict[str, QLabel] = {}

        def row(key: str, field) -> None:
            label = QLabel()
            label.setObjectName(f"{key}RowLabel")
            self._row_labels[key] = label
            form.addRow(label, field)

        self.preset_combo = option_combo("presetCombo", [])
        for key in PRESET_LABELS:
            self.preset_combo.addItem("", key)
        self.preset_combo.addItem("", CUSTOM)
        row("preset", self.preset_combo)

        self.method_combo = option_combo("methodCombo", METHODS)
        row("method", self.method_combo)
        self.method_note = QLabel()
        self.method_note.setObjectName("methodNote")
        self.method_note.setWordWrap(True)
        form.addRow("", self.method_note)

        self.hidden_spin = QSpinBox()
        self.hidden_spin.setObjectName("hiddenSpin")
        self.hidden_spin.setRange(1, 2048)
        row("hidden", self.hidden_spin)

        self.activation_combo = option_combo("activationCombo", ACTIVATIONS)
        row("activation", self.activation_combo)

        init_row = QHBoxLayout()
        init_row.setSpacing(6)
        self.init_combo = option_combo("initCombo", INITS)
        init_row.addWidget(self.init_combo, 1)
        self.init_std_spin = QDoubleSpinBox()
        self.init_std_spin.setObjectName("initStdSpin")
        self.init_std_spin.setDecimals(4)
        self.init_std_spin.setRange(0.0001, 1.0)
        self.init_std_spin.setSingleStep(0.01)
        self.init_std_spin.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
        init_row.addWidget(self.init_std_spin)
        row("init", init_row)

        self.optimizer_combo = option_combo("optimizerCombo", OPTIMIZERS)
        row("optimizer", self.optimizer_combo)

        self.lr_spin = QDoubleSpinBox()
        self.lr_spin.setObjectName("lrSpin")
        self.lr_spin.setDecimals(4)
        self.lr_spin.setRange(0.0001, 10.0)
        self.lr_spin.setSingleStep(0.01)
        self.lr_spin.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
        row("lr", self.lr_spin)

        self.decay_combo = option_combo("lrDecayCombo", DECAYS)
        row("decay", self.decay_combo)

        self.sampling_combo = option_combo("samplingCombo", SAMPLINGS)
        row("sampling", self.sampling_combo)

        self.batch_spin = QSpinBox()
        self.batch_spin.setObjectName("batchSpin")
        self.batch_spin.setRange(1, 10000)
        self.batch_spin.setSingleStep(10)
        row("batch", self.batch_spin)

        iters_row = QHBoxLayout()
        iters_row.setSpacing(6)
        self.iters_spin = QSpinBox()
        self.iters_spin.setObjectName("itersSpin")
        self.iters_spin.setRange(1, 1_000_000)
        self.iters_spin.setSingleStep(1000)
        self.iters_spin.setGroupSeparatorShown(True)
        iters_row.addWidget(self.iters_spin, 1)
        self.epochs_label = QLabel("")
        self.epochs_label.setObjectName("hint")
        iters_row.addWidget(self.epochs_label)
        row("iters", iters_row)

        self.seed_spin = QSpinBox()
        self.seed_spin.setObjectName("seedSpin")
        self.seed_spin.setRange(0, 2_147_483_647)
        row("seed", self.seed_spin)

        self.augment_check = QCheckBox()
        self.augment_check.setObjectName("augmentCheck")
        form.addRow(self.augment_check)

        self.retranslate()
        self.set_config(TrainConfig())

        # ---- wiring ----
        for box in (
            self.method_combo,
            self.activation_combo,
            self.init_combo,
            self.optimizer_combo,
            self.decay_combo,
            self.sampling_combo,
        ):
            box.currentIndexChanged.connect(self._changed)
        for spin in (self.hidden_spin, self.init_std_spin, self.batch_spin, self.iters_spin, self.seed_spin):
            spin.valueChanged.connect(self._changed)
        self.augment_check.toggled.connect(self._changed)
        self.lr_spin.valueChanged.connect(self._lr_changed)
        self.optimizer_combo.activated.connect(self._optimizer_chosen)  # by the user only, not by set_config
        self.preset_combo.activated.connect(self._preset_chosen)

    def retranslate(self) -> None:
        """Every label and tooltip of the form in the current language."""
        self.title.setText(self.tr("Training"))
        for key, text in (
            ("preset", self.tr("Preset")),
            ("method", self.tr("Gradient")),
            ("hidden", self.tr("Hidden units")),
            ("activation", self.tr("Activation")), ("init", self.tr("Weight init")),
            ("optimizer", self.tr("Optimizer")), ("lr", self.tr("Learning rate")),
            ("decay", self.tr("Rate schedule")), ("sampling", self.tr("Batches")),
            ("batch", self.tr("Batch size")), ("iters", self.tr("Iterations")), ("seed", self.tr("Seed")),
        ):
            self._row_labels[key].setText(text)
        for i, (label, tip) in enumerate(PRESET_LABELS.values()):
            self.preset_combo.setItemText(i, option_text(label))
            self.preset_combo.setItemData(i, option_text(tip), Qt.ToolTipRole)
        custom = self.preset_combo.count() - 1
        self.preset_combo.setItemText(custom, self.tr("Custom"))
        self.preset_combo.setItemData(custom, self.tr("Your own settings."), Qt.ToolTipRole)
        self.preset_combo.setToolTip(self.tr(
            "Ready-made settings. Lesson (seed): the book's network and training loop.\n"
            "Fast: a modern recipe that reaches about 98% test accuracy. Change anything and it says Custom."
        ))
        translate_option_combo(self.method_combo, METHODS,
                         self.tr("How the gradient (which way is downhill for every weight) is computed."))
        translate_option_combo(self.activation_combo, ACTIVATIONS,
                         self.tr("The function each hidden neuron applies to its input sum."))
        translate_option_combo(self.init_combo, INITS,
                         self.tr("How the weights are set before learning starts: small random numbers."))
        translate_option_combo(self.optimizer_combo, OPTIMIZERS,
                         self.tr("The rule that turns a gradient into a change of the weights."))
        translate_option_combo(
            self.decay_combo, DECAYS, self.tr("Whether the learning rate changes over the run.")
        )
        translate_option_combo(self.sampling_combo, SAMPLINGS,
                         self.tr("How the training images of each mini-batch are picked."))
        self.hidden_spin.setToolTip(self.tr(
            "Neurons in the hidden layer (the lesson: 50). More can learn finer patterns, "
            "but each step takes longer."
        ))
        self.init_std_spin.setToolTip(self.tr(
            "Standard deviation of the first random weights when the init is Fixed std (the lesson: 0.01)."
        ))
        self.lr_spin.setToolTip(self.tr(
            "Learning rate: how big a step each update takes (the lesson: 0.1). Too small learns slowly;\n"
            "too large makes the loss jump about or explode. Changes apply at once, even while training."
        ))
        self.batch_spin.setToolTip(self.tr(
            "Mini-batch size: how many training images each step looks at (the lesson: 100).\n"
            "Small batches give noisy but cheap steps; large ones smooth but slow steps."
        ))
        self.iters_spin.setToolTip(self.tr(
            "How many update steps to take (the lesson: 10,000). One epoch = 60,000 / batch size steps."
        ))
        self.epochs_label.setToolTip(
            self.tr("The same length in epochs: passes over all 60,000 training images.")
        )
        self.seed_spin.setToolTip(self.tr(
            "Random seed for the first weights and the order of the mini-batches: "
            "the same seed gives the same run."
        ))
        self.augment_check.setText(self.tr("Augment: turn, bend, thicken digits"))
        self.augment_check.setToolTip(self.tr(
            "Data augmentation: every training digit is randomly turned, scaled, slanted, moved, bent\n"
            "(elastic distortion) and made thicker or thinner, so the network learns digits written by\n"
            "other hands (helps with drawings; trains more slowly)."
        ))
        self._update_derived()

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
            select_data(self.sampling_combo, cfg.sampling)
            select_data(self.method_combo, cfg.method)
            self.hidden_spin.setValue(cfg.hidden_size)
            select_data(self.activation_combo, cfg.activation)
            select_data(self.init_combo, cfg.init)
            self.init_std_spin.setValue(cfg.weight_init_std)
            select_data(self.optimizer_combo, cfg.optimizer)
            self.lr_spin.setValue(cfg.lr)
            select_data(self.decay_combo, cfg.lr_decay)
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
            return option_text(METHOD_NOTES["numerical"])
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
        if method == "numerical":
            self.method_note.setText(self.numerical_note())
        else:
            self.method_note.setText(option_text(METHOD_NOTES[method]) if method in METHOD_NOTES else "")
        self.method_note.setStyleSheet("color: #b45309;" if method == "numerical" else "")
        self.init_std_spin.setEnabled(self.init_combo.currentData() == "std")
        per_epoch = max(TRAIN_SIZE // max(self.batch_spin.value(), 1), 1)
        epochs = f"{self.iters_spin.value() / per_epoch:.1f}"
        self.epochs_label.setText(self.tr("= {n} epochs").format(n=epochs))
        select_data(self.preset_combo, self.matching_preset())

    # ---- persistence ----
    FIELDS = (
        "hidden_size",
        "activation",
        "init",
        "weight_init_std",
        "optimizer",
        "lr",
        "batch_size",
        "iters",
        "method",
        "augment",
        "seed",
        "lr_decay",
        "sampling",
    )

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
