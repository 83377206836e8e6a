"""The Inside page as a user sees it (offscreen): the confusion matrix and its digits, the weight pictures
read back from the screen items, the "why this digit" numbers, one step and the gradient check."""

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from mnist_studio.core.evaluation import evaluate
from mnist_studio.core.functions import softmax
from mnist_studio.core.inside import check_gradients, one_step
from mnist_studio.core.modelfile import load_default_model
from mnist_studio.core.network import TwoLayerNet
from mnist_studio.core.optimizers import SGD

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def data(mnist_dir):
    from mnist_studio.core.mnist import load_raw

    return load_raw(mnist_dir)


@pytest.fixture(scope="module")
def model():
    params, meta = load_default_model()
    return params, meta["activation"]


@pytest.fixture(scope="module")
def plain_guesses(data, model):
    """The default model's reading of every test digit, by the lesson's formulas in float64 (independent of
    the app)."""
    p = {k: v.astype(np.float64) for k, v in model[0].items()}
    x = data.x_test.astype(np.float64) / 255.0
    return softmax(np.maximum(0, x @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"]).argmax(axis=1)


@pytest.fixture
def page(qtbot, model):
    from mnist_studio.desktop.inside_page import InsidePage
    from mnist_studio.desktop.theme import configure_pyqtgraph

    configure_pyqtgraph()
    w = InsidePage()
    qtbot.addWidget(w)
    w.resize(1100, 700)
    w.show()
    qtbot.waitExposed(w)
    w.set_snapshot(*model)
    return w


def test_confusion_matrix_is_evaluate_json_of_the_default_model(page, data, model, mnist_dir):
    from test_cli import last_json, run

    page.set_evaluation(evaluate(*model, data.x_test, data.t_test), data.x_test)
    proc = run("evaluate", "--json", "--data-dir", mnist_dir)
    assert proc.returncode == 0, proc.stderr
    counts = page.findChild(type(page.confusion), "confusionMatrix").counts()
    assert counts.dtype.kind == "i" and counts.shape == (10, 10)
    assert np.array_equal(counts, np.array(last_json(proc.stdout)["confusion"]))


def test_clicking_cell_4_9_shows_exactly_the_4s_read_as_9(page, qtbot, data, model, plain_guesses):
    from mnist_studio.desktop import i18n

    i18n.install("en")  # as the app does: English plurals ("7 digits", "1 digit") from mnist_studio_en.qm
    page.set_evaluation(evaluate(*model, data.x_test, data.t_test), data.x_test)
    page.tabs.setCurrentIndex(2)
    clicked = []
    page.confusion.cellClicked.connect(lambda t, r, idx: clicked.append((t, r, list(idx))))
    qtbot.mouseClick(page.confusion, Qt.LeftButton, pos=page.confusion.cell_rect(4, 9).center().toPoint())
    expected = [i for i in range(10000) if data.t_test[i] == 4 and plain_guesses[i] == 9]
    assert expected and clicked == [(4, 9, expected)]
    assert list(page.sheet.shown_indices()) == expected
    n = len(expected)
    assert page.sheet.title.text() == f"4 read as 9: {n} digit{'' if n == 1 else 's'}"
    # the diagonal: correct 1s, more than a page of them, paged 40 at a time
    qtbot.mouseClick(page.confusion, Qt.LeftButton, pos=page.confusion.cell_rect(1, 1).center().toPoint())
    ones = [i for i in range(10000) if data.t_test[i] == 1 and plain_guesses[i] == 1]
    assert list(page.sheet.shown_indices()) == ones[:40]
    qtbot.mouseClick(page.sheet.next_button, Qt.LeftButton)
    assert list(page.sheet.shown_indices()) == ones[40:80]
    assert list(page.sheet.all_indices()) == ones


def test_unit_pictures_are_the_columns_of_W1_and_a_click_shows_its_votes(page, qtbot, model):
    params, _ = model
    view = page.weights
    units = params["W1"].shape[1]
    assert view.units() == units and view.columns() == math.ceil(math.sqrt(units))
    for j in (0, 17, units - 1):
        assert np.array_equal(view.unit_tile(j), params["W1"][:, j].reshape(28, 28))
    # before any click the first unit is already shown large, so the page is never half empty
    assert view.selected_unit() == 0
    assert np.array_equal(view.unit_image.image, params["W1"][:, 0].reshape(28, 28))
    qtbot.wait(20)  # laid out before mapping a click into it
    # click the middle of unit 37's tile on screen
    r, c = divmod(37, view.columns())
    scene_point = view.grid_image.mapToScene(QPointF(c * 29 + 14, r * 29 + 14))
    widget_point = view.grid_widget.mapFromScene(scene_point)
    qtbot.mouseClick(
        view.grid_widget.viewport(), Qt.LeftButton, pos=QPoint(widget_point.x(), widget_point.y())
    )
    assert view.selected_unit() == 37
    assert np.array_equal(view.unit_image.image, params["W1"][:, 37].reshape(28, 28))
    assert np.allclose(view.votes(), params["W2"][37])
    best, worst = int(np.argmax(params["W2"][37])), int(np.argmin(params["W2"][37]))
    assert view.caption.text() == f"Unit 37: votes most for {best} and most against {worst}."


def test_live_weights_are_redrawn_a_few_times_a_second(page, qtbot, model):
    params, activation = model
    changed = {k: v.copy() for k, v in params.items()}
    changed["W1"][:, 3] = 0.5
    page.set_snapshot(changed, activation)  # right after the first: deferred, not dropped
    qtbot.waitUntil(lambda: np.all(page.weights.unit_tile(3) == 0.5), timeout=2000)


def test_why_this_digit_adds_up_to_the_winning_score_minus_b2(page, data, model):
    params, _ = model
    x = data.x_test[0] / 255.0
    page.set_reading(x)
    page.tabs.setCurrentWidget(page.activations)
    view = page.findChild(type(page.activations), "activationView")
    rows = view.contribution_rows()
    p = {k: v.astype(np.float64) for k, v in params.items()}
    z = np.maximum(0, x @ p["W1"] + p["b1"])
    scores = z @ p["W2"] + p["b2"]
    k = int(np.argmax(scores))
    assert k == data.t_test[0] == view.reading().digit
    assert len(rows) == 7 and rows[-1][0] is None  # six units, then "the other units"
    assert sum(v for _, v in rows) == pytest.approx(scores[k] - p["b2"][k], rel=1e-9)
    for j, v in rows[:-1]:
        assert v == pytest.approx(z[j] * p["W2"][j, k], rel=1e-6)
    assert [v for _, v in rows[:-1]] == sorted((v for _, v in rows[:-1]), reverse=True)
    assert rows[0][1] == pytest.approx((z * p["W2"][:, k]).max(), rel=1e-6)
    assert np.allclose(view.score_bars.opts["height"], scores, rtol=1e-5)


def test_one_step_moves_the_weights_by_minus_lr_times_the_gradient_shown_on_the_batch_shown(
    page, qtbot, data
):
    steps = []
    page.stepRequested.connect(lambda: steps.append(1))
    qtbot.mouseClick(page.findChild(type(page.step_button), "stepButton"), Qt.LeftButton)
    assert steps == [1]
    # what the window does on stepRequested: one iteration of the lesson's loop
    net = TwoLayerNet(784, 50, 10, seed=1)
    rng = np.random.default_rng(5)
    batch = rng.choice(60000, 100, replace=False)
    x, t = data.x_train[batch] / 255.0, data.t_train[batch]
    before = {k: v.copy() for k, v in net.params.items()}
    page.set_step(one_step(net, SGD(lr=0.1), x, t), data.x_train, batch, t)
    shown = page.step_view.batch_indices()
    assert list(shown) == list(batch) and list(page.step_view.sheet.shown_indices()) == list(batch)
    grads = page.step_view.stats().gradients
    reference = TwoLayerNet.from_params(before).gradient(data.x_train[shown] / 255.0, data.t_train[shown])
    for name in before:
        assert np.allclose(grads[name], reference[name], rtol=1e-12, atol=0)
        assert np.array_equal(net.params[name], before[name] - 0.1 * grads[name])
        shown_norm = float(page.step_view.table.item(("W1", "b1", "W2", "b2").index(name), 0).text())
        assert shown_norm == pytest.approx(np.linalg.norm(grads[name]), rel=1e-3)
    assert "before the step" in page.step_view.losses.text()


def test_gradient_check_view_agrees_to_1e_6(page, qtbot, data):
    asked = []
    page.gradientCheckRequested.connect(lambda: asked.append(1))
    qtbot.mouseClick(page.findChild(type(page.gradient_check_button), "gradientCheckButton"), Qt.LeftButton)
    assert asked == [1]
    net = TwoLayerNet(784, 50, 10, seed=2)
    x, t = data.x_train[:100] / 255.0, data.t_train[:100]
    page.set_gradient_check(check_gradients(net.params, "sigmoid", x, t))
    diffs = page.gradcheck_view.max_relative_differences()
    assert set(diffs) == {"W1", "b1", "W2", "b2"} and max(diffs.values()) < 1e-6
    bp, num = page.gradcheck_view.plotted("W2")
    assert len(bp) == 500 and np.allclose(bp, num, rtol=1e-5, atol=1e-10)  # on the diagonal
    assert "agree" in page.gradcheck_view.verdict.text()


def test_every_panel_saves_a_png(page, tmp_path):
    from PIL import Image

    from mnist_studio.desktop.export import save_widget_png

    for panel in (
        page.weights,
        page.activations,
        page.confusion,
        page.sheet,
        page.step_view,
        page.gradcheck_view,
    ):
        assert any("PNG" in a.text() for a in panel.actions())
        assert panel.contextMenuPolicy() == Qt.ActionsContextMenu
    page.tabs.setCurrentWidget(page.weights)
    out = save_widget_png(page.weights, tmp_path / "units.png")
    with Image.open(out) as im:
        assert im.format == "PNG" and im.size[0] >= page.weights.width()
    assert [p.name for p in tmp_path.iterdir()] == ["units.png"]  # no temporary file left behind


def test_epoch_evaluations_wait_until_the_confusion_matrix_is_on_screen(page, qtbot, data, model):
    page.set_test_set(data.x_test, data.t_test)
    page.tabs.setCurrentWidget(page.weights)
    page.evaluate_when_shown(*model)
    assert page.confusion.counts().sum() == 0  # hidden: no 10,000-image evaluation yet
    page.tabs.setCurrentWidget(page.mistakes)
    assert np.array_equal(page.confusion.counts(), evaluate(*model, data.x_test, data.t_test).confusion)


def test_right_click_on_a_plot_reaches_the_save_menu(page, qtbot):
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    seen = []

    class Catch(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.ContextMenu:
                seen.append(obj)
                return True  # do not open the (modal) menu in a test
            return False

    catcher = Catch()
    page.weights.installEventFilter(catcher)
    viewport = page.weights.grid_widget.viewport()
    centre = viewport.rect().center()
    QApplication.sendEvent(
        viewport, QContextMenuEvent(QContextMenuEvent.Mouse, centre, viewport.mapToGlobal(centre))
    )
    assert seen == [page.weights]


def test_clicking_a_lit_unit_opens_its_weight_picture(page, qtbot, data, model):
    page.set_reading(data.x_test[0] / 255.0)
    page.tabs.setCurrentWidget(page.activations)
    qtbot.wait(20)  # let the newly shown tab take its size before mapping a click into it
    view = page.activations
    j = int(view.reading().top_units(1)[0])
    columns = page.weights.columns()
    lit = view.activation_grid()[j // columns, j % columns]
    assert lit == pytest.approx(view.reading().hidden[j], rel=1e-6)
    scene_point = view.grid_image.mapToScene(QPointF(j % columns + 0.5, j // columns + 0.5))
    widget_point = view.plots.mapFromScene(scene_point)
    qtbot.mouseClick(view.plots.viewport(), Qt.LeftButton, pos=QPoint(widget_point.x(), widget_point.y()))
    assert page.tabs.currentWidget() is page.weights and page.weights.selected_unit() == j
