"""The "other writers" benchmark draws digits on the pad as a user would (anywhere, any size, either
polarity), and the same digit reads the same."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "other_writers.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("other_writers", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def a_seven():
    """An 8x8 seven in load_digits' style (ink 0..1): a bar on top and a diagonal down to the left."""
    ink = np.zeros((8, 8))
    ink[1, 1:7] = 1.0
    for r in range(2, 8):
        ink[r, 8 - r] = 1.0
        ink[r, 7 - r] = 0.5
    return ink


def a_zero():
    """An 8x8 zero: a ring."""
    ink = np.zeros((8, 8))
    ink[1:7, 2] = ink[1:7, 5] = ink[1, 2:6] = ink[6, 2:6] = 1.0
    return ink


def test_digits_land_anywhere_on_the_pad_at_many_sizes_both_ways_round(bench):
    rng = np.random.default_rng(0)
    pads = [bench.draw_on_pad(a_seven(), rng) for _ in range(60)]
    dark = [p for p in pads if np.median(p) == 255]
    light = [p for p in pads if np.median(p) == 0]
    assert len(dark) + len(light) == 60 and 15 < len(dark) < 45
    heights, tops = [], []
    for p in pads:
        inked = np.flatnonzero((p != np.median(p)).any(axis=1))
        heights.append(inked[-1] - inked[0] + 1)
        tops.append(inked[0])
    assert min(heights) < 0.35 * bench.PAD and max(heights) > 0.75 * bench.PAD
    assert min(tops) < 20 and max(tops) > 120


def test_a_digit_reads_alike_wherever_and_however_it_is_drawn(bench):
    # 20 sevens at random sizes, places and polarities all become nearly the same 28x28 picture
    # once the pad's preprocessing has them, and clearly not the picture of a zero
    sevens = bench.pad_inputs(np.stack([a_seven()] * 20), seed=1)
    zero = bench.pad_inputs(a_zero()[None], seed=1)[0]
    assert sevens.shape == (20, 784) and sevens.max() == 1.0
    spread = np.abs(sevens - sevens.mean(axis=0)).mean(axis=1)
    apart = np.abs(zero - sevens.mean(axis=0)).mean()
    assert spread.max() < 0.25 * apart
