"""The Inside page's numbers without a window: evaluation, "why this digit", unit pictures, the colour map,
one step and the gradient check, each against a hand-made or lesson-style reference."""

import json
import math

import numpy as np
import pytest

from mnist_studio.core.evaluation import evaluate
from mnist_studio.core.functions import sigmoid, softmax
from mnist_studio.core.inside import (
    check_gradients,
    diverging_lut,
    diverging_rgb,
    one_step,
    read_digit,
    tile_origin,
    tile_units,
    unit_picture,
    weight_grid_rgb,
)
from mnist_studio.core.modelfile import load_default_model
from mnist_studio.core.network import TwoLayerNet
from mnist_studio.core.optimizers import SGD


@pytest.fixture(scope="module")
def data(mnist_dir):
    from mnist_studio.core.mnist import load_raw

    return load_raw(mnist_dir)


@pytest.fixture(scope="module")
def default_model():
    params, meta = load_default_model()
    return params, meta["activation"]


def test_confusion_matches_a_plain_loop_and_the_cli(data, default_model, mnist_dir):
    from test_cli import last_json, run

    params, activation = default_model
    result = evaluate(params, activation, data.x_test, data.t_test)
    # Reference: the lesson's predict, image by image in float64, argmax of the probabilities.
    W1, b1, W2, b2 = (params[k].astype(np.float64) for k in ("W1", "b1", "W2", "b2"))
    x = data.x_test.astype(np.float64) / 255.0
    guesses = softmax(np.maximum(0, x @ W1 + b1) @ W2 + b2).argmax(axis=1)
    reference = np.zeros((10, 10), dtype=int)
    for true, read in zip(data.t_test, guesses):
        reference[true, read] += 1
    assert np.array_equal(result.confusion, reference)
    proc = run("evaluate", "--json", "--data-dir", mnist_dir)
    assert proc.returncode == 0, proc.stderr
    assert np.array_equal(np.array(last_json(proc.stdout)["confusion"]), result.confusion)
    assert result.accuracy == pytest.approx(np.trace(reference) / 10000)
    assert result.per_digit_accuracy[4] == pytest.approx(reference[4, 4] / reference[4].sum())
    fours_as_nines = result.misread(4, 9)
    assert len(fours_as_nines) == reference[4, 9] > 0
    assert set(fours_as_nines) == {i for i in range(10000) if data.t_test[i] == 4 and guesses[i] == 9}


def test_contributions_add_up_to_the_winning_score_minus_its_bias(data, default_model):
    params, activation = default_model
    x = data.x_test[7] / 255.0
    reading = read_digit(params, activation, x)
    k = reading.digit
    assert k == int(np.argmax(reading.probabilities))
    assert reading.contributions.sum() == pytest.approx(reading.scores[k] - params["b2"][k], rel=1e-9)
    # by hand: hidden unit j's vote is relu(x . W1[:, j] + b1[j]) * W2[j, k]
    j = int(reading.top_units(1)[0])
    z = max(0.0, float(x @ params["W1"][:, j].astype(np.float64) + params["b1"][j]))
    assert reading.contributions[j] == pytest.approx(z * params["W2"][j, k], rel=1e-6)
    assert np.all(np.diff(reading.contributions[reading.top_units(8)]) <= 0)


def test_read_digit_refuses_a_wrong_sized_image(default_model):
    with pytest.raises(ValueError, match="784 pixels"):
        read_digit(*default_model, np.zeros(100))


def test_unit_tiles_are_the_columns_of_W1():
    W1 = np.arange(784 * 50, dtype=np.float32).reshape(784, 50)
    grid = tile_units(W1, columns=8)
    assert grid.shape == (7 * 29 - 1, 8 * 29 - 1)
    for j in (0, 7, 8, 49):
        r, c = tile_origin(j, 8)
        assert np.array_equal(grid[r : r + 28, c : c + 28], unit_picture(W1, j))
        assert unit_picture(W1, j)[1, 0] == W1[28, j]  # row-major: pixel (1, 0) is input 28
    assert np.isnan(grid[28, :]).all()  # the gap between tile rows
    r, c = tile_origin(50, 8)
    assert np.isnan(grid[r : r + 28, c : c + 28]).all()  # no unit 50: an empty tile


def test_colour_map_is_centred_on_zero():
    lut = diverging_lut()
    rgb = diverging_rgb(np.array([-2.0, -1.0, 0.0, 1.0, 3.0, np.nan]), scale=1.0)
    assert tuple(rgb[2]) == (247, 247, 247)  # 0 is white
    assert tuple(rgb[0]) == tuple(rgb[1]) == tuple(lut[0])  # clipped at -scale: full blue
    assert tuple(rgb[3]) == tuple(rgb[4]) == tuple(lut[-1])  # full red
    assert rgb[3][0] > rgb[3][2] and rgb[1][2] > rgb[1][0]  # red for positive, blue for negative
    # equal and opposite weights are equally far from white
    half = diverging_rgb(np.array([-0.5, 0.5]), 1.0).astype(int)
    assert np.abs(half[0] - 247).sum() == pytest.approx(np.abs(half[1] - 247).sum(), abs=100)
    assert weight_grid_rgb(np.zeros((784, 4)), zoom=2).shape == (2 * (2 * 29 - 1), 2 * (2 * 29 - 1), 3)


def test_one_sgd_step_moves_every_weight_by_minus_lr_times_the_gradient(data):
    net = TwoLayerNet(784, 50, 10, seed=3)
    x = data.x_train[:100].astype(np.float64) / 255.0
    t = data.t_train[:100]
    before = {k: v.copy() for k, v in net.params.items()}
    expected_grads = TwoLayerNet.from_params(before).gradient(x, t)
    stats = one_step(net, SGD(lr=0.1), x, t)
    for k in before:
        assert np.array_equal(stats.gradients[k], expected_grads[k])
        assert np.array_equal(net.params[k], before[k] - 0.1 * stats.gradients[k])
        assert np.array_equal(stats.updates[k], net.params[k] - before[k])
        assert stats.update_norms[k] == pytest.approx(0.1 * stats.gradient_norms[k], rel=1e-9)

    # losses by hand: the lesson's cross-entropy before and after
    def loss(p):
        y = softmax(sigmoid(x @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"])
        return -np.mean(np.log(y[np.arange(100), t] + 1e-7))

    assert stats.loss_before == pytest.approx(loss(before), rel=1e-12)
    assert stats.loss_after == pytest.approx(loss(net.params), rel=1e-12)
    assert stats.loss_after < stats.loss_before
    guesses = softmax(sigmoid(x @ before["W1"] + before["b1"]) @ before["W2"] + before["b2"]).argmax(axis=1)
    assert np.array_equal(stats.guesses_before, guesses)


def test_gradient_check_agrees_and_matches_the_cli(data, default_model):
    params, activation = default_model
    x = data.x_train[:20].astype(np.float64) / 255.0
    t = data.t_train[:20]
    check = check_gradients(params, activation, x, t)
    assert check.worst < 1e-6
    assert set(check.max_relative_difference) == {"W1", "b1", "W2", "b2"}
    # the numerical side is the lesson's central difference: nudge one weight by hand
    net = TwoLayerNet.from_params({k: v.astype(np.float64) for k, v in params.items()}, activation)
    j, k = int(np.abs(check.backprop["W2"]).argmax() // 10), int(np.abs(check.backprop["W2"]).argmax() % 10)
    w = net.params["W2"]
    w[j, k] += 1e-4
    plus = net.loss(x, t)
    w[j, k] -= 2e-4
    minus = net.loss(x, t)
    assert check.numerical["W2"][j, k] == pytest.approx((plus - minus) / 2e-4, rel=1e-6)
    assert json.dumps(check.max_relative_difference)  # plain floats, ready for a report


@pytest.mark.parametrize("units", [1, 7, 50, 64, 65, 256])
def test_every_unit_count_tiles_exactly(units):
    rng = np.random.default_rng(units)
    W1 = rng.standard_normal((784, units)).astype(np.float32)
    grid = tile_units(W1)
    columns = math.ceil(math.sqrt(units))
    assert grid.shape == (math.ceil(units / columns) * 29 - 1, columns * 29 - 1)
    seen = 0
    for j in range(units):
        r, c = tile_origin(j, columns)
        assert np.array_equal(grid[r : r + 28, c : c + 28], W1[:, j].reshape(28, 28))
        seen += 784
    assert np.count_nonzero(~np.isnan(grid)) == seen  # nothing else is drawn


def test_misread_names_a_cell_by_two_digits():
    from mnist_studio.core.evaluation import Evaluation, confusion_matrix

    labels, reads = np.array([4, 4, 9, 4, 1]), np.array([9, 4, 4, 9, 1])
    ev = Evaluation(labels, reads, confusion_matrix(labels, reads))
    assert list(ev.misread(4, 9)) == [0, 3] and list(ev.misread(1, 1)) == [4]
    assert list(ev.mistakes()) == [0, 2, 3]
    assert ev.accuracy == pytest.approx(2 / 5)
    assert ev.per_digit_accuracy[4] == pytest.approx(1 / 3) and np.isnan(ev.per_digit_accuracy[0])
    with pytest.raises(ValueError, match="read digit 10"):
        ev.misread(4, 10)
