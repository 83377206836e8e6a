"""Choosing an optimizer in the window offers its usual learning rate (SGD 0.1, Adam 0.001, the others 0.01),
and the user can still type any rate."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

pytestmark = pytest.mark.gui


@pytest.fixture
def controls(qtbot):
    from mnist_studio.desktop.controls import TrainingControls

    w = TrainingControls()
    qtbot.addWidget(w)
    return w


def choose(combo, data):
    """Pick an item as a user does: the current item changes, then `activated` fires."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


@pytest.mark.parametrize(
    "optimizer, rate",
    [
        ("adam", 0.001),
        ("momentum", 0.01),
        ("nesterov", 0.01),
        ("adagrad", 0.01),
        ("rmsprop", 0.01),
        ("sgd", 0.1),
    ],
)
def test_choosing_an_optimizer_offers_its_usual_rate(controls, optimizer, rate):
    choose(controls.optimizer_combo, "adam" if optimizer == "sgd" else "sgd")  # start from another one
    choose(controls.optimizer_combo, optimizer)
    assert controls.lr_spin.value() == pytest.approx(rate)
    assert controls.config().optimizer == optimizer and controls.config().lr == pytest.approx(rate)


def test_the_user_can_still_type_any_rate_and_a_run_in_progress_keeps_its_rate(controls, qtbot):
    live = []
    controls.lrChanged.connect(live.append)
    choose(controls.optimizer_combo, "adam")
    assert live == []  # like the optimizer, the offered rate waits for the next Start
    controls.lr_spin.setValue(0.1)  # the user insists on Adam at 0.1
    assert controls.config().optimizer == "adam" and controls.config().lr == pytest.approx(0.1)
    assert live == [pytest.approx(0.1)]


def test_a_preset_keeps_its_own_rate(controls):
    controls.apply_preset("fast")  # Adam at its tuned 3e-3, set by the program, not chosen by the user
    assert controls.config().optimizer == "adam"
    assert controls.lr_spin.value() == pytest.approx(controls.config().lr) and controls.config().lr != 0.001
