"""The look of the window in one place: a calm light palette with one accent colour.

The colours every plot and tile shares are here too.

Qt's Fusion style is used on every platform so the window looks the same in every classroom;
the style sheet only touches what Fusion leaves plain (group titles, the main buttons, banners).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout

ACCENT = "#4f46e5"  # indigo: buttons, selection, the pad's ink highlight
ACCENT_DARK = "#4338ca"
TEXT = "#1f2937"
MUTED = "#6b7280"
BORDER = "#d1d5db"
WINDOW_BG = "#f3f4f6"
PANEL_BG = "#ffffff"

GOOD = "#059669"  # right answers, test accuracy
BAD = "#dc2626"  # wrong answers, errors
WARN = "#b45309"

LOSS_RAW = (147, 197, 253, 170)  # every mini-batch: light and translucent, it is noisy
LOSS_SMOOTH = "#1d4ed8"  # the trend
TEST_ACC = GOOD
TRAIN_ACC = "#d97706"
PREVIOUS = (107, 114, 128, 90)  # the last run, faint, for comparison
#: One colour per run when several train at once; the first is the trend line's usual blue.
RUN_COLOURS = (LOSS_SMOOTH, "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#ea580c")

DIGIT_FONT_FAMILY = "DejaVu Sans"


def apply_theme(app: QApplication) -> None:
    """Fusion style, a light palette and the app's style sheet, set once on the application."""
    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.Window, QColor(WINDOW_BG))
    pal.setColor(QPalette.WindowText, QColor(TEXT))
    pal.setColor(QPalette.Base, QColor(PANEL_BG))
    pal.setColor(QPalette.AlternateBase, QColor("#f9fafb"))
    pal.setColor(QPalette.Text, QColor(TEXT))
    pal.setColor(QPalette.Button, QColor("#ffffff"))
    pal.setColor(QPalette.ButtonText, QColor(TEXT))
    pal.setColor(QPalette.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ToolTipBase, QColor("#111827"))
    pal.setColor(QPalette.ToolTipText, QColor("#f9fafb"))
    pal.setColor(QPalette.PlaceholderText, QColor(MUTED))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        pal.setColor(QPalette.Disabled, role, QColor("#9ca3af"))
    app.setPalette(pal)
    font = app.font()
    if font.pointSizeF() < 9.5:
        font.setPointSizeF(9.5)
        app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)


STYLE_SHEET = f"""
QMainWindow, QWidget#central {{ background: {WINDOW_BG}; }}
QFrame#card {{
    background: {PANEL_BG};
    border: 1px solid #e5e7eb;
    border-radius: 10px;
}}
QLabel#cardTitle {{ font-size: 11pt; font-weight: 600; color: {TEXT}; }}
QLabel#hint, QLabel#sampleSummary, QLabel#methodNote, QLabel#modelLabel, QLabel#statsLabel {{ color: {MUTED}; }}
QLabel#pendingLabel {{ color: {WARN}; }}
QToolTip {{ padding: 4px 6px; border: 0; }}

QPushButton {{
    padding: 5px 12px;
    border: 1px solid {BORDER};
    border-radius: 6px;
    background: #ffffff;
}}
QPushButton:hover {{ background: #eef2ff; border-color: #a5b4fc; }}
QPushButton:pressed {{ background: #e0e7ff; }}
QPushButton:disabled {{ color: #9ca3af; background: #f9fafb; border-color: #e5e7eb; }}
QPushButton#newSamplesButton {{ padding: 5px 8px; }}
QPushButton#startButton {{
    background: {ACCENT}; color: white; border-color: {ACCENT}; font-weight: 600;
}}
QPushButton#startButton:hover {{ background: {ACCENT_DARK}; }}
QPushButton#startButton:disabled {{ background: #c7d2fe; border-color: #c7d2fe; color: #eef2ff; }}
QPushButton#stopButton:enabled {{ color: {BAD}; }}

QComboBox, QSpinBox, QDoubleSpinBox {{ min-height: 22px; }}

QProgressBar {{
    border: 1px solid {BORDER};
    border-radius: 6px;
    background: #eef2f7;
    text-align: center;
    color: {TEXT};
    min-height: 20px;
}}
QProgressBar::chunk {{ background: #a5b4fc; border-radius: 5px; }}

QFrame#dataBanner {{
    background: #fffbeb; border: 1px solid #fcd34d; border-radius: 8px;
}}
QFrame#messageBar[level="error"] {{ background: #fef2f2; border: 1px solid #fca5a5; border-radius: 8px; }}
QFrame#messageBar[level="warning"] {{ background: #fffbeb; border: 1px solid #fcd34d; border-radius: 8px; }}
QFrame#messageBar[level="info"] {{ background: #ecfdf5; border: 1px solid #6ee7b7; border-radius: 8px; }}
QToolButton#messageClose {{ border: 0; padding: 2px; }}

QSplitter::handle {{ background: transparent; }}
QStatusBar {{ color: {MUTED}; }}
QStatusBar::item {{ border: 0; }}
"""  # noqa: E501 (a style sheet rule; the string stays as it is)


def digit_font(pixel_size: int, bold: bool = True) -> QFont:
    """The font for big digits (the prediction, the sample tiles)."""
    font = QFont(DIGIT_FONT_FAMILY)
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    return font


def configure_pyqtgraph() -> None:
    """White plots with dark axes, antialiased lines; set before the first plot is made."""
    import pyqtgraph as pg

    pg.setConfigOptions(background=PANEL_BG, foreground="#374151", antialias=True)


def card(*widgets, margins=(12, 10, 12, 12)):
    """A white rounded panel (objectName card) holding the widgets one above the other."""
    frame = QFrame()
    frame.setObjectName("card")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(*margins)
    lay.setSpacing(8)
    for w in widgets:
        lay.addWidget(w)
    return frame
