"""Shared test setup: point MNIST Studio at the real MNIST files in ../shared/mnist unless the environment already says where they are."""

from __future__ import annotations

import os

import pytest

from mirror_server import shared_mnist_dir

_SHARED = shared_mnist_dir()
if _SHARED is not None:
    # Every test (and every subprocess it starts) finds the real data without extra flags.
    os.environ["MNIST_STUDIO_DATA"] = str(_SHARED)


@pytest.fixture(scope="session")
def mnist_dir():
    """The folder holding the four real MNIST .gz files (read-only); skips the test if it is not there."""
    if _SHARED is None:
        pytest.skip("real MNIST files not found: set MNIST_STUDIO_DATA or put them in ../shared/mnist beside the checkout")
    return _SHARED
