"""The model that ships with the app: the lesson's two-layer network, its measured accuracy on MNIST's test
set, and good at digits drawn by other people anywhere on the pad."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from drawn_digits import VARIANTS, all_drawings

from mnist_studio.core.kernels import predict_labels
from mnist_studio.core.mnist import load_raw
from mnist_studio.core.modelfile import default_model_path, load_default_model
from mnist_studio.core.network import TwoLayerNet
from mnist_studio.core.preprocess import to_mnist
from mnist_studio.core.trainer import preset_config

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "other_writers.py"

#: What the README says the shipped model reads (measured by benchmarks/other_writers.py).
MNIST_BAR = 0.993
OTHER_WRITERS_BAR = 0.94


@pytest.fixture(scope="module")
def model():
    assert default_model_path().exists(), "resources/default_model.npz is missing"
    params, meta = load_default_model()
    return TwoLayerNet.from_params(params, meta["activation"]), meta


def test_it_is_the_default_preset_two_layer_network(model):
    net, meta = model
    cfg = preset_config("default")
    assert net.sizes == (784, cfg.hidden_size, 10)
    assert meta["activation"] == cfg.activation
    assert meta["training"]["preset"] == "default" and meta["training"]["augment"] is True
    assert meta["training"]["iterations_done"] == cfg.total_iters()  # the whole run, not stopped early
    assert net.params["W1"].dtype == np.float32 and default_model_path().stat().st_size < 4 * 2**20


def test_meets_its_bar_on_mnist(model, mnist_dir):
    net, meta = model
    data = load_raw(mnist_dir)
    accuracy = np.mean(predict_labels(net.params, data.x_test, net.activation) == data.t_test)
    assert accuracy >= MNIST_BAR
    assert meta["test_accuracy"] == pytest.approx(accuracy, abs=1e-4)  # the file tells the truth


def test_reads_other_writers_digits_drawn_on_the_pad(model):
    pytest.importorskip("sklearn", reason="the other-writers check needs the bench extra (scikit-learn)")
    spec = importlib.util.spec_from_file_location("other_writers", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    net, _ = model
    images, labels = bench.load_other_writers()
    x = bench.pad_inputs(images, seed=0)
    assert np.mean(net.predict(x).argmax(axis=1) == labels) >= OTHER_WRITERS_BAR


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
