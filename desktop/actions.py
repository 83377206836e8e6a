"""The window's menus (File, Training, View, Help) and their keyboard shortcuts, in one place; each entry
calls a method of the window or of one of its flows.

Entries that only make sense at some moments (Save needs a trained network, Stop a running one)
are switched on and off by `set_run_state`. View > Language switches the window between English and
简体中文 (or back to the system's language) at once; `retranslate` relabels every menu afterwards.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from . import i18n
from .options import PRESET_LABELS, option_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


class Actions:
    """Builds the menu bar of `w` (a MainWindow) and keeps the actions whose state changes."""

    def __init__(self, w):
        mb = w.menuBar()
        self._texts: list[tuple[object, str, str | None]] = []  # (action or menu, text, status tip)

        def action(text, shortcut=None, tip=None, triggered=None, checkable=False) -> QAction:
            a = QAction(w, checkable=checkable)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            self._texts.append((a, text, tip))
            if triggered is not None:
                a.triggered.connect(triggered)
            return a

        def menu(parent, text):
            m = parent.addMenu("")
            self._texts.append((m, text, None))
            return m

        # The texts are English here and translated in retranslate(); QT_TRANSLATE_NOOP marks them.
        files = w.files
        file_menu = menu(mb, QT_TRANSLATE_NOOP("Actions", "&File"))
        self.open_model = action(
            QT_TRANSLATE_NOOP("Actions", "&Open model…"),
            QKeySequence.Open,
            QT_TRANSLATE_NOOP(
                "Actions", "Read a model file (.npz) saved by MNIST Studio; the pad then reads with it."
            ),
            files.ask_open_model,
        )
        self.open_image = action(
            QT_TRANSLATE_NOOP("Actions", "Open &image…"),
            "Ctrl+I",
            QT_TRANSLATE_NOOP(
                "Actions",
                "Put a picture of a digit (PNG, JPEG, BMP…) on the drawing pad and read it like a drawing.",
            ),
            files.ask_open_image,
        )
        self.save_model = action(
            QT_TRANSLATE_NOOP("Actions", "&Save model…"),
            QKeySequence.Save,
            QT_TRANSLATE_NOOP("Actions", "Save the trained network's weights to a model file (.npz)."),
            files.ask_save_model,
        )
        self.export_csv = action(
            QT_TRANSLATE_NOOP("Actions", "&Export loss history as CSV…"),
            "Ctrl+E",
            QT_TRANSLATE_NOOP(
                "Actions",
                "Write every iteration's loss (and each epoch's accuracy) to a CSV file for a spreadsheet.",
            ),
            files.ask_export_csv,
        )
        for a in (self.open_model, self.open_image, self.save_model, self.export_csv):
            file_menu.addAction(a)
        file_menu.addAction(w.inside.export_action)
        file_menu.addSeparator()
        file_menu.addAction(
            action(
                QT_TRANSLATE_NOOP("Actions", "Choose MNIST &folder…"), triggered=w.data_flow.ask_data_folder
            )
        )
        file_menu.addAction(
            action(QT_TRANSLATE_NOOP("Actions", "&Download MNIST"), triggered=w.data_flow.start_download)
        )
        file_menu.addSeparator()
        file_menu.addAction(
            action(QT_TRANSLATE_NOOP("Actions", "&Quit"), QKeySequence.Quit, triggered=w.close)
        )

        flow, rc = w.training, w.training_panel.run_controls
        train_menu = menu(mb, QT_TRANSLATE_NOOP("Actions", "&Training"))
        self.start = action(QT_TRANSLATE_NOOP("Actions", "&Start"), "Ctrl+Return", triggered=flow.start)
        self.pause = action(
            QT_TRANSLATE_NOOP("Actions", "&Pause / Resume"), "Ctrl+P", triggered=rc.pause_button.click
        )
        self.stop = action(QT_TRANSLATE_NOOP("Actions", "S&top"), "Ctrl+.", triggered=flow.stop)
        self.reset = action(QT_TRANSLATE_NOOP("Actions", "&Reset"), triggered=flow.reset)
        for a in (self.start, self.pause, self.stop, self.reset):
            train_menu.addAction(a)
        train_menu.addAction(w.inside.step_action)  # F10: one iteration (the Inside page's Step)
        train_menu.addSeparator()
        presets = menu(train_menu, QT_TRANSLATE_NOOP("Actions", "Presets"))
        controls = w.training_panel.controls
        self._preset_actions = []  # (action, preset key): labelled like the preset combo
        for i in range(controls.preset_combo.count()):
            key = controls.preset_combo.itemData(i)
            if key != "custom":
                a = QAction(w)
                a.triggered.connect(lambda _=False, k=key: controls.apply_preset(k))
                presets.addAction(a)
                self._preset_actions.append((a, key))

        view_menu = menu(mb, QT_TRANSLATE_NOOP("Actions", "&View"))
        self.log_scale = action(
            QT_TRANSLATE_NOOP("Actions", "&Log scale for the loss"), "Ctrl+L", checkable=True
        )
        self.log_scale.toggled.connect(w.plots.set_log_scale)
        w.plots.logScaleChanged.connect(self.log_scale.setChecked)
        view_menu.addAction(self.log_scale)
        view_menu.addAction(
            action(
                QT_TRANSLATE_NOOP("Actions", "&New sample digits"),
                "Ctrl+N",
                triggered=w.samples.grid.new_samples,
            )
        )
        view_menu.addAction(
            action(QT_TRANSLATE_NOOP("Actions", "&Clear the pad"), triggered=w.reader.canvas.clear)
        )
        view_menu.addSeparator()
        scale = w.view_scale
        self.presentation = action(
            QT_TRANSLATE_NOOP("Actions", "&Presentation mode"),
            "F11",
            QT_TRANSLATE_NOOP(
                "Actions",
                "Full screen with large text, numbers and curves, for a projector (F11 again to leave).",
            ),
            checkable=True,
        )
        self.presentation.toggled.connect(scale.set_presentation)
        view_menu.addAction(self.presentation)
        self.zoom_in = action(
            QT_TRANSLATE_NOOP("Actions", "Zoom &in"), QKeySequence.ZoomIn, triggered=scale.zoom_in
        )
        # Ctrl+= as well as Ctrl++: on most keyboards + needs Shift
        self.zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence(QKeySequence.ZoomIn)])
        self.zoom_out = action(
            QT_TRANSLATE_NOOP("Actions", "Zoom &out"), QKeySequence.ZoomOut, triggered=scale.zoom_out
        )
        self.zoom_reset = action(
            QT_TRANSLATE_NOOP("Actions", "&Actual size"), "Ctrl+0", triggered=scale.zoom_reset
        )
        for a in (self.zoom_in, self.zoom_out, self.zoom_reset):
            view_menu.addAction(a)
        view_menu.addSeparator()
        view_menu.addAction(action(QT_TRANSLATE_NOOP("Actions", "Reset &layout"), triggered=w.reset_layout))
        view_menu.addSeparator()
        self.language_menu = menu(view_menu, QT_TRANSLATE_NOOP("Actions", "Language"))
        self.language_menu.setObjectName("languageMenu")
        group = QActionGroup(w)
        self.language_actions = {}
        choice = i18n.saved_choice(w.settings)
        for code in (i18n.ENGLISH, i18n.CHINESE, i18n.SYSTEM):
            if code == i18n.SYSTEM:
                a = action(QT_TRANSLATE_NOOP("Actions", "Follow the system"), checkable=True)
            else:
                a = QAction(i18n.LANGUAGES[code], w, checkable=True)  # each language in its own words
            a.setObjectName(f"language-{code}")
            a.setChecked(code == choice)
            a.triggered.connect(lambda _=False, c=code: i18n.choose(c, w.settings))
            group.addAction(a)
            self.language_menu.addAction(a)
            self.language_actions[code] = a

        help_menu = menu(mb, QT_TRANSLATE_NOOP("Actions", "&Help"))
        help_menu.addAction(action(QT_TRANSLATE_NOOP("Actions", "&About MNIST Studio"), triggered=w.about))
        self.retranslate()

    def retranslate(self) -> None:
        """Every menu, entry and status tip in the current language."""
        for item, text, tip in self._texts:
            if hasattr(item, "setTitle"):
                item.setTitle(_tr(text))
            else:
                item.setText(_tr(text))
            if tip:
                item.setStatusTip(_tr(tip))
        for a, key in self._preset_actions:
            a.setText(option_text(PRESET_LABELS[key][0]))

    def set_run_state(self, running: bool, can_start: bool, can_save: bool) -> None:
        self.start.setEnabled(not running and can_start)
        self.pause.setEnabled(running)
        self.stop.setEnabled(running)
        self.reset.setEnabled(not running)
        self.save_model.setEnabled(can_save)
