"""The window's menus (File, Training, View, Help) and their keyboard shortcuts, in one place; each entry
calls a method of the window or of one of its flows.

Entries that only make sense at some moments (Save needs a trained network, Stop a running one)
are switched on and off by `set_run_state`.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


class Actions:
    """Builds the menu bar of `w` (a MainWindow) and keeps the actions whose state changes."""

    def __init__(self, w):
        mb = w.menuBar()

        def action(text, shortcut=None, tip=None, triggered=None, checkable=False) -> QAction:
            a = QAction(text, w, checkable=checkable)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            if tip:
                a.setStatusTip(tip)
            if triggered is not None:
                a.triggered.connect(triggered)
            return a

        files = w.files
        file_menu = mb.addMenu("&File")
        self.open_model = action(
            "&Open model…",
            QKeySequence.Open,
            "Read a model file (.npz) saved by MNIST Studio; the pad then reads with it.",
            files.ask_open_model,
        )
        self.open_image = action(
            "Open &image…",
            "Ctrl+I",
            "Put a picture of a digit (PNG, JPEG, BMP…) on the drawing pad and read it like a drawing.",
            files.ask_open_image,
        )
        self.save_model = action(
            "&Save model…",
            QKeySequence.Save,
            "Save the trained network's weights to a model file (.npz).",
            files.ask_save_model,
        )
        self.export_csv = action(
            "&Export loss history as CSV…",
            "Ctrl+E",
            "Write every iteration's loss (and each epoch's accuracy) to a CSV file for a spreadsheet.",
            files.ask_export_csv,
        )
        for a in (self.open_model, self.open_image, self.save_model, self.export_csv):
            file_menu.addAction(a)
        file_menu.addAction(w.inside.export_action)
        file_menu.addSeparator()
        file_menu.addAction(action("Choose MNIST &folder…", triggered=w.data_flow.ask_data_folder))
        file_menu.addAction(action("&Download MNIST", triggered=w.data_flow.start_download))
        file_menu.addSeparator()
        file_menu.addAction(action("&Quit", QKeySequence.Quit, triggered=w.close))

        flow, rc = w.training, w.training_panel.run_controls
        train_menu = mb.addMenu("&Training")
        self.start = action("&Start", "Ctrl+Return", triggered=flow.start)
        self.pause = action("&Pause / Resume", "Ctrl+P", triggered=rc.pause_button.click)
        self.stop = action("S&top", "Ctrl+.", triggered=flow.stop)
        self.reset = action("&Reset", triggered=flow.reset)
        for a in (self.start, self.pause, self.stop, self.reset):
            train_menu.addAction(a)
        train_menu.addAction(w.inside.step_action)  # F10: one iteration (the Inside page's Step)
        train_menu.addSeparator()
        presets = train_menu.addMenu("Presets")
        controls = w.training_panel.controls
        for i in range(controls.preset_combo.count()):
            key = controls.preset_combo.itemData(i)
            if key != "custom":
                presets.addAction(
                    action(
                        controls.preset_combo.itemText(i),
                        triggered=lambda _=False, k=key: controls.apply_preset(k),
                    )
                )

        view_menu = mb.addMenu("&View")
        self.log_scale = action("&Log scale for the loss", "Ctrl+L", checkable=True)
        self.log_scale.toggled.connect(w.plots.set_log_scale)
        w.plots.logScaleChanged.connect(self.log_scale.setChecked)
        view_menu.addAction(self.log_scale)
        view_menu.addAction(action("&New sample digits", "Ctrl+N", triggered=w.samples.grid.new_samples))
        view_menu.addAction(action("&Clear the pad", triggered=w.reader.canvas.clear))
        view_menu.addSeparator()
        scale = w.view_scale
        self.presentation = action(
            w.tr("&Presentation mode"),
            "F11",
            w.tr("Full screen with large text, numbers and curves, for a projector (F11 again to leave)."),
            checkable=True,
        )
        self.presentation.toggled.connect(scale.set_presentation)
        view_menu.addAction(self.presentation)
        self.zoom_in = action(w.tr("Zoom &in"), QKeySequence.ZoomIn, triggered=scale.zoom_in)
        # Ctrl+= as well as Ctrl++: on most keyboards + needs Shift
        self.zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence(QKeySequence.ZoomIn)])
        self.zoom_out = action(w.tr("Zoom &out"), QKeySequence.ZoomOut, triggered=scale.zoom_out)
        self.zoom_reset = action(w.tr("&Actual size"), "Ctrl+0", triggered=scale.zoom_reset)
        for a in (self.zoom_in, self.zoom_out, self.zoom_reset):
            view_menu.addAction(a)
        view_menu.addSeparator()
        view_menu.addAction(action("Reset &layout", triggered=w.reset_layout))

        help_menu = mb.addMenu("&Help")
        help_menu.addAction(action("&About MNIST Studio", triggered=w.about))

    def set_run_state(self, running: bool, can_start: bool, can_save: bool) -> None:
        self.start.setEnabled(not running and can_start)
        self.pause.setEnabled(running)
        self.stop.setEnabled(running)
        self.reset.setEnabled(not running)
        self.save_model.setEnabled(can_save)
