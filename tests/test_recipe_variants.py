"""The README's recipe variants alter digits as they say: pictures stay in 0..1, brightest pixel at 1,
and a seed gives the same batch (so a variant's network can be made again)."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from mnist_studio.core.augment import augment_batch, elastic_field
from mnist_studio.core.mnist import load_raw

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "recipe_variants.py"


@pytest.fixture(scope="module")
def variants():
    spec = importlib.util.spec_from_file_location("recipe_variants", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["blurred", "uneven_ink"])
def test_altered_digits_stay_pictures_and_repeat_with_their_seed(variants, mnist_dir, name):
    x = load_raw(mnist_dir).x_train[:64]
    alter = getattr(variants, name)
    a, b = alter(x, np.random.default_rng(3)), alter(x, np.random.default_rng(3))
    np.testing.assert_array_equal(a, b)
    assert a.min() >= 0.0 and a.max() <= 1.0 + 1e-6
    plain = augment_batch(x, np.random.default_rng(3))
    changed = np.flatnonzero(np.abs(a - plain).max(axis=1) > 1e-6)
    assert 0 < changed.size < 64  # only some digits get the extra change, as the variant says
    np.testing.assert_allclose(a[changed].max(axis=1), 1.0, atol=1e-6)  # to_mnist's brightest pixel is 1


def test_broad_bend_adds_a_second_field_to_simards(variants):
    rng = np.random.default_rng(0)
    simard, broad = elastic_field(200, rng, 34.0, 4.0), elastic_field(200, rng, 75.0, 8.0)
    both = variants.broad_bend(200, np.random.default_rng(0), 34.0, 4.0)
    np.testing.assert_array_equal(both, simard + broad)  # Simard's field first, then the broad one
    assert both.std() > 1.2 * simard.std()  # it moves ink further
