"""The digit reader: the drawing pad plus what the network makes of it (the digit it reads, the ten
probabilities, and the 28x28 picture it actually sees).

Reading a drawing takes well under a millisecond (to_mnist, then one forward pass), so it runs on
the window's thread, at most ~40 times a second while the pen moves, and once more when it lifts.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.core.preprocess import to_mnist

from . import theme
from .draw_pad import DrawCanvas
from .i18n import Retranslating
from .models import ModelSource

PREVIEW_SIDE = 84  # px: the 28x28 picture shown 3x, pixel for pixel
#: Below this probability for its answer the network is guessing (less likely right than wrong): the
#: reader says so.
UNSURE_BELOW = 0.5


class DigitReader(Retranslating, QWidget):
    """Pad, clear button, predicted digit (predictionLabel), bar chart (probabilityChart), preview, model
    choice."""

    predicted = Signal(object)  # the 10 probabilities, or None when the pad is empty

    def __init__(self, source: ModelSource, parent=None):
        super().__init__(parent)
        self.source = source
        self.probabilities: np.ndarray | None = None
        self.mnist_image: np.ndarray | None = None  # the 28x28 float image the network saw last
        self._digit: int | None = None  # the digit shown, None when none is
        self._combo_key = None  # what the model list shows, to rebuild it only when that changes

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        head.addWidget(self.title)
        head.addStretch(1)
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearCanvasButton")
        head.addWidget(self.clear_button)
        layout.addLayout(head)

        self.canvas = DrawCanvas()
        layout.addWidget(self.canvas, 0, Qt.AlignHCenter)

        # ---- the answer: big digit, how sure, and the picture the network sees ----
        answer = QHBoxLayout()
        answer.setSpacing(10)
        self.prediction_label = QLabel("")
        self.prediction_label.setObjectName("predictionLabel")
        self.prediction_label.setFont(theme.digit_font(64))
        self.prediction_label.setAlignment(Qt.AlignCenter)
        self.prediction_label.setFixedSize(76, PREVIEW_SIDE)
        self.prediction_label.setStyleSheet(f"color: {theme.ACCENT};")
        answer.addWidget(self.prediction_label)

        self.confidence_label = QLabel("")
        self.confidence_label.setObjectName("confidenceLabel")
        self.confidence_label.setWordWrap(True)
        self.confidence_label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        answer.addWidget(self.confidence_label, 1)

        preview_box = QVBoxLayout()
        preview_box.setSpacing(2)
        self.preview = QLabel()
        self.preview.setObjectName("previewLabel")
        self.preview.setFixedSize(PREVIEW_SIDE, PREVIEW_SIDE)
        preview_box.addWidget(self.preview)
        self.preview_caption = QLabel()
        self.preview_caption.setObjectName("hint")
        self.preview_caption.setAlignment(Qt.AlignCenter)
        preview_box.addWidget(self.preview_caption)
        answer.addLayout(preview_box)
        layout.addLayout(answer)

        # ---- the ten probabilities ----
        self.chart = pg.PlotWidget()
        self.chart.setObjectName("probabilityChart")
        self.chart.setMinimumHeight(130)
        self.chart.setMaximumHeight(210)
        pi = self.chart.getPlotItem()
        pi.setMouseEnabled(x=False, y=False)
        pi.hideButtons()
        pi.setMenuEnabled(False)
        pi.setXRange(-0.6, 9.6, padding=0)
        pi.setYRange(-0.02, 1.22, padding=0)
        pi.getAxis("bottom").setTicks([[(i, str(i)) for i in range(10)]])
        pi.hideAxis("left")  # the winning bar carries its percentage; a grid line marks 50%
        pi.addItem(pg.InfiniteLine(pos=0.5, angle=0, pen=pg.mkPen("#e5e7eb", width=1, style=Qt.DashLine)))
        self._bar_brush = pg.mkBrush("#c7d2fe")
        self._top_brush = pg.mkBrush(theme.ACCENT)
        self.bars = pg.BarGraphItem(
            x=np.arange(10), height=np.zeros(10), width=0.72, brush=self._bar_brush, pen=None
        )
        pi.addItem(self.bars)
        self.top_text = pg.TextItem("", color=theme.ACCENT, anchor=(0.5, 1.0))
        self.top_text.setFont(theme.digit_font(11))
        pi.addItem(self.top_text)
        layout.addWidget(self.chart, 1)

        # ---- which network reads ----
        model_row = QHBoxLayout()
        self.model_caption = QLabel()
        model_row.addWidget(self.model_caption)
        self.model_combo = QComboBox()
        self.model_combo.setObjectName("modelCombo")
        self.model_combo.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        model_row.addWidget(self.model_combo, 1)
        layout.addLayout(model_row)
        self.model_label = QLabel("")
        self.model_label.setObjectName("modelLabel")
        self.model_label.setWordWrap(True)
        layout.addWidget(self.model_label)
        layout.addStretch(1)

        # ---- wiring ----
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(25)
        self._timer.timeout.connect(self.predict_now)
        self.canvas.changed.connect(self._schedule)
        self.canvas.strokeFinished.connect(self.predict_now)
        self.canvas.cleared.connect(self.predict_now)
        self.clear_button.clicked.connect(self.canvas.clear)
        esc = QShortcut(QKeySequence(Qt.Key_Escape), self, self.canvas.clear)
        esc.setContext(Qt.WidgetWithChildrenShortcut)
        self.model_combo.activated.connect(self._on_combo)
        source.changed.connect(self._on_source_changed)
        self._on_source_changed()
        self.retranslate()

    def retranslate(self) -> None:
        """Titles, tooltips and the answer shown, in the current language."""
        self.title.setText(self.tr("Draw a digit"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Wipe the pad (or right-click it, or press Escape)."))
        self.prediction_label.setAccessibleName(self.tr("Predicted digit"))
        self.prediction_label.setToolTip(
            self.tr("The digit the network reads on the pad: the most probable of the ten.")
        )
        self.confidence_label.setToolTip(
            self.tr("How sure the network is: the probability it gives its answer.")
        )
        self.preview.setToolTip(self.tr(
            "What the network actually sees: your drawing cropped, shrunk to 20x20 pixels and centred\n"
            "in 28x28 by its centre of mass, white on black, just as the MNIST digits were made."
        ))
        self.preview_caption.setText(self.tr("28×28 input"))
        self.chart.setAccessibleName(self.tr("Probability of each digit"))
        self.chart.setToolTip(self.tr(
            "The probability the network gives each digit 0-9 (softmax output); they add up to 100%."
        ))
        self.model_caption.setText(self.tr("Model:"))
        self.model_combo.setToolTip(self.tr(
            "Which network reads the pad: the one being trained (its newest weights), "
            "a model file you opened,\n"
            "or the default model that comes with the app. Try the same drawing with each."
        ))
        self.model_label.setToolTip(self.tr("The network that reads your drawing right now."))
        self._combo_key = None  # the model names are words too
        self._on_source_changed()
        self._show(self.mnist_image, self.probabilities)

    # ---- reading ----
    def set_scale(self, factor: float) -> None:
        """Presentation mode and zoom: the big predicted digit and the top bar's percentage grow too."""
        self.prediction_label.setFont(theme.digit_font(round(64 * factor)))
        self.prediction_label.setFixedSize(int(76 * factor), int(PREVIEW_SIDE * factor))
        self.top_text.setFont(theme.digit_font(round(11 * factor)))

    def height_beside_pad(self) -> int:
        """The height the reader needs above and below the pad to show its title and its answer (the big
        digit, the 28x28 input) together with the pad: an enlarged pad is only as tall as leaves this."""
        title = max(self.title.sizeHint().height(), self.clear_button.sizeHint().height())
        preview = self.preview.height() + 2 + self.preview_caption.sizeHint().height()
        answer = max(self.prediction_label.height(), preview)
        return title + answer + 2 * self.layout().spacing()

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def predict_now(self) -> None:
        """Read the pad with the active model and show the answer (nothing when the pad is empty)."""
        self._timer.stop()
        model = self.source.active()
        if self.canvas.is_empty():
            self._show(None, None)
            return
        img = to_mnist(self.canvas.for_network())
        if img is None:
            self._show(None, None)
            return
        probs = None if model is None else model.probabilities(img.reshape(1, 784))[0]
        self._show(img, probs)

    def show_picture(self, picture: np.ndarray) -> None:
        """Put a pad-sized picture (dark ink on white, see core.picture.fit_on_paper) on the pad and read
        it at once."""
        self.canvas.set_picture(picture)
        self.predict_now()

    def _show(self, img: np.ndarray | None, probs: np.ndarray | None) -> None:
        self.mnist_image, self.probabilities = img, probs
        self._digit = None
        if img is None:
            self.prediction_label.setText("")
            self.confidence_label.setText(
                "<span style='color:#6b7280'>"
                + self.tr("Draw a digit on the pad: the network reads it as you draw.")
                + "</span>"
            )
            black = QPixmap(PREVIEW_SIDE, PREVIEW_SIDE)
            black.fill(QColor("black"))
            self.preview.setPixmap(black)
        else:
            a = np.ascontiguousarray(np.clip(img * 255.0 + 0.5, 0, 255).astype(np.uint8))
            q = QImage(a.data, 28, 28, 28, QImage.Format_Grayscale8).copy()
            self.preview.setPixmap(
                QPixmap.fromImage(
                    q.scaled(PREVIEW_SIDE, PREVIEW_SIDE, Qt.IgnoreAspectRatio, Qt.FastTransformation)
                )
            )
        if probs is None:
            self.bars.setOpts(height=np.zeros(10), brushes=[self._bar_brush] * 10)
            self.top_text.setText("")
            if img is not None:
                self.prediction_label.setText("")
                self.confidence_label.setText(
                    self.tr("No model to read with yet: open one or start training.")
                )
            self.predicted.emit(None)
            return
        order = np.argsort(probs)[::-1]
        top, second = int(order[0]), int(order[1])
        self._digit = top
        self.prediction_label.setText(str(top))
        text = self.tr("<b style='font-size:15pt'>{p}</b> sure").format(p=f"{probs[top]:.0%}")
        if probs[second] >= 0.05:
            text += "<br><span style='color:#6b7280'>" + self.tr("next best: {digit} ({p})").format(
                digit=second, p=f"{probs[second]:.0%}") + "</span>"
        if self.unsure:
            # The lesson's softmax hands out 100% among the ten digits: the network has no way to say
            # "none of these", so a scribble still gets an answer. Say so when the answer is a guess.
            text += "<br><span style='color:#b45309'>" + self.tr(
                "Unsure: it must pick one of the ten digits, even for a scribble."
            ) + "</span>"
        self.confidence_label.setText(text)
        brushes = [self._top_brush if i == top else self._bar_brush for i in range(10)]
        self.bars.setOpts(height=np.asarray(probs, dtype=float), brushes=brushes)
        self.top_text.setText(f"{probs[top]:.0%}")
        self.top_text.setPos(top, min(float(probs[top]), 1.0) + 0.02)
        self.predicted.emit(probs)

    # ---- which model ----
    def _on_source_changed(self) -> None:
        models = self.source.available()
        active = self.source.active()
        key = ([(m.key, m.name) for m in models], active.key if active else None)
        if key != self._combo_key:  # new weights alone do not rebuild the list
            self._combo_key = key
            self.model_combo.blockSignals(True)
            self.model_combo.clear()
            for m in models:
                self.model_combo.addItem(m.name, m.key)
            if active is not None:
                self.model_combo.setCurrentIndex(self.model_combo.findData(active.key))
            self.model_combo.blockSignals(False)
            self.model_combo.setEnabled(len(models) > 1)
        self.model_label.setText(
            self.tr("Reading with {model}.").format(model=active.detail) if active
            else self.tr("No model yet: open a model file or start training.")
        )
        if not self.canvas.is_empty():
            self._schedule()

    def _on_combo(self, index: int) -> None:
        key = self.model_combo.itemData(index)
        if key:
            self.source.choose(key)

    @property
    def unsure(self) -> bool:
        """Whether the answer shown is a guess: under UNSURE_BELOW for the digit it picked."""
        return self.probabilities is not None and float(self.probabilities.max()) < UNSURE_BELOW

    def prediction(self) -> int | None:
        """The digit shown, or None when nothing is."""
        return self._digit
