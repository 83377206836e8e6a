"""The network's math against hand-computed numbers and against the lesson's own code."""

import numpy as np
import pytest
from book_reference import BookTwoLayerNet
from book_reference import cross_entropy_error as book_cee

from mnist_studio.core import functions as F
from mnist_studio.core.network import TwoLayerNet


def test_activation_values_by_hand():
    assert F.sigmoid(0.0) == 0.5
    assert F.sigmoid(np.log(3.0)) == pytest.approx(0.75)
    assert F.sigmoid_grad(0.0) == 0.25
    assert list(F.relu(np.array([-2.0, 0.0, 3.0]))) == [0.0, 0.0, 3.0]
    assert list(F.relu_grad(np.array([-2.0, 0.5]))) == [0.0, 1.0]


def test_softmax_by_hand():
    # e^0 : e^ln2 = 1 : 2, so the probabilities are 1/3 and 2/3 whatever is added to both scores
    assert F.softmax(np.array([0.0, np.log(2.0)])) == pytest.approx([1 / 3, 2 / 3])
    assert F.softmax(np.array([[1000.0, 1000.0 + np.log(2.0)]]))[0] == pytest.approx([1 / 3, 2 / 3])


def test_cross_entropy_by_hand_labels_and_one_hot():
    y = np.array([[0.5, 0.25, 0.25], [0.1, 0.8, 0.1]])
    expected = -(np.log(0.5 + 1e-7) + np.log(0.8 + 1e-7)) / 2
    assert F.cross_entropy_error(y, np.array([0, 1])) == pytest.approx(expected, rel=1e-12)
    assert F.cross_entropy_error(y, np.array([[1, 0, 0], [0, 1, 0]])) == pytest.approx(expected, rel=1e-12)
    assert F.cross_entropy_error(y[0], np.array([1, 0, 0])) == pytest.approx(-np.log(0.5 + 1e-7))


def test_tiny_network_forward_by_hand():
    net = TwoLayerNet(2, 2, 2, seed=0)
    net.params = {
        "W1": np.array([[1.0, 0.0], [0.0, 1.0]]),
        "b1": np.array([0.0, 0.0]),
        "W2": np.array([[1.0, 0.0], [0.0, 1.0]]),
        "b2": np.array([0.0, np.log(2.0)]),
    }
    # x = (0, 0): hidden = (1/2, 1/2); scores = (1/2, 1/2 + ln 2); probabilities 1/3, 2/3
    y = net.predict(np.array([[0.0, 0.0]]))
    assert y[0] == pytest.approx([1 / 3, 2 / 3])
    assert net.loss(np.array([[0.0, 0.0]]), np.array([1])) == pytest.approx(-np.log(2 / 3 + 1e-7))
    assert net.accuracy(np.array([[0.0, 0.0]]), np.array([[0, 1]])) == 1.0


def test_params_are_the_lessons_and_init_scales():
    net = TwoLayerNet(784, 50, 10, seed=0)
    assert sorted(net.params) == ["W1", "W2", "b1", "b2"]
    assert net.params["W1"].shape == (784, 50) and net.params["W2"].shape == (50, 10)
    assert net.params["W1"].std() == pytest.approx(0.01, rel=0.05)
    assert not net.params["b1"].any() and not net.params["b2"].any()
    he = TwoLayerNet(784, 50, 10, init="he", seed=0)
    assert he.params["W1"].std() == pytest.approx(np.sqrt(2 / 784), rel=0.05)
    xavier = TwoLayerNet(784, 50, 10, init="xavier", seed=0)
    assert xavier.params["W2"].std() == pytest.approx(np.sqrt(1 / 50), rel=0.25)
    assert np.array_equal(TwoLayerNet(seed=3).params["W1"], TwoLayerNet(seed=3).params["W1"])


@pytest.fixture
def batch():
    rng = np.random.default_rng(7)
    x = rng.random((20, 784)) * (rng.random((20, 784)) < 0.2)
    t = rng.integers(0, 10, 20)
    return x, t, np.eye(10)[t]


def test_predict_and_loss_equal_the_lessons_code(batch):
    x, t, onehot = batch
    net = TwoLayerNet(784, 50, 10, seed=1)
    book = BookTwoLayerNet(net.params)
    np.testing.assert_allclose(net.predict(x), book.predict(x), rtol=1e-12)
    assert net.loss(x, onehot) == pytest.approx(book.loss(x, onehot), rel=1e-12)
    assert net.loss(x, t) == pytest.approx(book_cee(book.predict(x), onehot), rel=1e-12)


def test_backprop_equals_the_lessons_backprop(batch):
    x, t, onehot = batch
    net = TwoLayerNet(784, 50, 10, seed=1)
    ours, book = net.gradient(x, onehot), BookTwoLayerNet(net.params).gradient(x, onehot)
    for k in ours:
        # the only difference is the factor y_t / (y_t + 1e-7) we keep and the book drops
        assert np.abs(ours[k] - book[k]).max() / np.abs(book[k]).max() < 1e-5


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_numerical_gradient_equals_the_lessons_loop(batch, activation):
    x, t, onehot = batch
    x, t = x[:8], t[:8]
    net = TwoLayerNet(
        784, 6, 10, activation=activation, init="std" if activation == "sigmoid" else "he", seed=2
    )
    fast = net.numerical_gradient(x, t)
    def loss_w(w):  # the lesson's lambda: the weights are changed in place
        return net.loss(x, t)

    for key in ("W1", "b1", "W2", "b2"):
        loop = F.numerical_gradient(loss_w, net.params[key])
        rel = np.abs(fast[key] - loop).max() / np.abs(loop).max()
        assert rel < 1e-6, (key, rel)


def test_numerical_and_backprop_agree_on_the_seed_network(batch):
    x, t, _ = batch
    net = TwoLayerNet(784, 50, 10, seed=0)
    num, bp = net.numerical_gradient(x, t), net.gradient(x, t)
    for key in num:
        assert np.abs(num[key] - bp[key]).max() / np.abs(bp[key]).max() < 1e-6


def test_lessons_training_loop_runs_unchanged(mnist_dir):
    """ch04/train_neuralnet.py with backprop, as written: one-hot labels, params updated by the caller."""
    from mnist_studio.core.mnist import load_mnist

    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True, data_dir=mnist_dir)
    network = TwoLayerNet(input_size=784, hidden_size=50, output_size=10)
    rng = np.random.default_rng(0)
    first = network.loss(x_test[:1000], t_test[:1000])
    for _ in range(300):
        batch_mask = rng.choice(x_train.shape[0], 100)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= 0.1 * grad[key]
    assert network.loss(x_test[:1000], t_test[:1000]) < first
    assert network.accuracy(x_test, t_test) > 0.3  # from 10% by chance, after half an epoch
