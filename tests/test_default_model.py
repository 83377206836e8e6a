"""The model that ships with the app: safe to load, at least 97.5% on MNIST's test set, and good at digits
drawn with a pen.
"""

import numpy as np
import pytest
from drawn_digits import VARIANTS, all_drawings

from mnist_studio.core.kernels import predict_labels
from mnist_studio.core.mnist import load_raw
from mnist_studio.core.modelfile import default_model_path, load_default_model
from mnist_studio.core.network import TwoLayerNet
from mnist_studio.core.preprocess import to_mnist


@pytest.fixture(scope="module")
def model():
    assert default_model_path().exists(), "resources/default_model.npz is missing"
    params, meta = load_default_model()
    return TwoLayerNet.from_params(params, meta["activation"]), meta


def test_meets_its_bar_on_mnist(model, mnist_dir):
    net, meta = model
    data = load_raw(mnist_dir)
    accuracy = np.mean(predict_labels(net.params, data.x_test, net.activation) == data.t_test)
    assert accuracy >= 0.975
    assert meta["test_accuracy"] == pytest.approx(accuracy, abs=1e-4)  # the file tells the truth
    assert meta["training"]["augment"] is True


def test_reads_pen_drawn_digits_anywhere_on_the_pad(model):
    net, _ = model
    drawings = all_drawings()
    x = np.stack([to_mnist(picture).ravel() for _, picture in drawings])
    truth = np.array([digit for digit, _ in drawings])
    predicted = net.predict(x).argmax(axis=1)
    wrong = [(int(t), int(p)) for t, p in zip(truth, predicted) if t != p]
    assert np.mean(predicted == truth) >= 0.9, wrong
    # the corner and large variants in particular: where and how big you draw does not matter
    for k, variant in enumerate(VARIANTS):
        assert np.mean(predicted[k :: len(VARIANTS)] == truth[k :: len(VARIANTS)]) >= 0.8, variant
