"""A photo of a digit reads the same in the window (File > Open image) and with `mnist-studio predict`: a
wide, blotchy, noisy JPEG of a dark 2 on off-white paper is a 2 in both."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PIL import Image  # noqa: E402

pytestmark = pytest.mark.gui


def photo_of_a_two(mnist_dir, path, size=(2000, 1000), blotches=8.0, seed=0):
    """A real MNIST 2, dark on off-white paper with a camera's blotchy shading and grain, in a wide JPEG."""
    from mnist_studio.core.mnist import load_raw

    data = load_raw(mnist_dir)
    two = data.x_test[data.t_test == 2][0].reshape(28, 28)
    w, h = size
    rng = np.random.default_rng(seed)
    # Shading in patches about 20 px across (it survives shrinking, unlike pixel grain), then grain.
    low = rng.normal(0, blotches, (h // 20, w // 20)).astype(np.float32)
    paper = (
        228
        + np.asarray(Image.fromarray(low).resize((w, h), Image.Resampling.BILINEAR))
        + rng.normal(0, 4, (h, w))
    )
    side = h // 2
    ink = np.asarray(Image.fromarray(two).resize((side, side), Image.Resampling.BILINEAR), float) / 255
    top, left = (h - side) // 2, (w - side) // 2
    region = paper[top : top + side, left : left + side]
    paper[top : top + side, left : left + side] = region * (1 - ink) + 40 * ink
    Image.fromarray(np.clip(paper, 0, 255).astype(np.uint8)).save(path, quality=85)
    return path


@pytest.fixture
def window(qtbot, mnist_dir):
    from mnist_studio.desktop import MainWindow

    w = MainWindow(data_dir=mnist_dir)
    qtbot.addWidget(w)
    w.show()
    assert w.source.active_kind() == "default"
    yield w
    assert w.shutdown(5000)
    w.close()


@pytest.mark.parametrize("size", [(2000, 1000), (3000, 1000), (1000, 1000)], ids=["wide", "wider", "square"])
def test_a_noisy_photo_reads_alike_in_the_window_and_on_the_command_line(window, mnist_dir, tmp_path, size):
    path = photo_of_a_two(mnist_dir, tmp_path / "two.jpg", size)
    assert window.open_image(path) is True
    shown = window.reader.mnist_image
    # The paper's grain did not become ink: the 28x28 picture has MNIST's 20-px box, not a grey frame.
    rows, cols = np.nonzero(shown > 0.1)
    assert max(np.ptp(rows), np.ptp(cols)) + 1 in (19, 20, 21)
    assert (shown[:3] == 0).all() and (shown[-3:] == 0).all()
    assert window.reader.prediction() == 2, (
        f"the window reads {window.reader.prediction()} ({window.reader.probabilities})"
    )

    proc = subprocess.run(
        [sys.executable, "-m", "mnist_studio.core.cli", "predict", "--json", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout.strip().splitlines()[-1])
    assert answer["digit"] == 2
    np.testing.assert_allclose(answer["probabilities"], window.reader.probabilities, atol=1e-4)
