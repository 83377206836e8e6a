"""A run's history without Qt: the smoothed loss is the textbook moving average, the speed leaves pauses
out, learning-rate changes and the CSV rows say what happened at which iteration (checked against values
worked out by hand)."""

from __future__ import annotations

import numpy as np
import pytest

from mnist_studio.core.history import CSV_HEADER, History, RateMeter, ema_continue, smoothing_factor


def ema_reference(values, alpha, start=None):
    """The textbook loop: y[k] = alpha * y[k-1] + (1 - alpha) * x[k], starting from x[0]."""
    out, y = [], start
    for x in values:
        y = x if y is None else alpha * y + (1 - alpha) * x
        out.append(y)
    return np.array(out)


@pytest.mark.parametrize("alpha", [0.9, 0.99, 0.998])
def test_smoothed_line_is_the_exponential_moving_average(alpha):
    rng = np.random.default_rng(1)
    x = (2.3 * np.exp(-np.arange(1000) / 200) + 0.2 * rng.random(1000)).astype(np.float32)
    out = np.empty(1000)
    last, pos = None, 0
    for size in (1, 7, 64, 65, 300, 563):  # fed in uneven pieces, as batches arrive
        last = ema_continue(x[pos : pos + size], alpha, last, out[pos : pos + size])
        pos += size
    np.testing.assert_allclose(out, ema_reference(x.astype(np.float64), alpha), rtol=1e-9, atol=1e-12)


def test_smoothing_span_is_about_one_percent_of_the_run():
    assert smoothing_factor(10000) == pytest.approx(0.99)  # ~100 iterations, 1% of the lesson's run
    assert smoothing_factor(100) == pytest.approx(0.9)  # at least 10
    assert smoothing_factor(10**7) == pytest.approx(1 - 1 / 500)  # at most 500


def test_losses_arrive_in_pieces_and_the_trend_follows_by_hand():
    h = History(total=1000, iters_per_epoch=600)  # alpha = 1 - 1/10 = 0.9
    assert h.alpha == pytest.approx(0.9)
    assert h.add_losses(1, np.array([2.0, 1.0], np.float32)) == 2
    assert h.add_losses(3, [0.0]) == 1
    # 2.0; 0.9 * 2.0 + 0.1 * 1.0 = 1.9; 0.9 * 1.9 + 0.1 * 0.0 = 1.71
    np.testing.assert_allclose(h.smoothed, [2.0, 1.9, 1.71])
    np.testing.assert_array_equal(h.iterations, [1, 2, 3])
    np.testing.assert_array_equal(h.losses, [2.0, 1.0, 0.0])
    assert (h.loss_min, h.loss_max) == (0.0, 2.0)
    assert h.last_smoothed == pytest.approx(1.71)
    assert h.epochs_done == pytest.approx(3 / 600)


def test_losses_out_of_order_are_refused_and_past_the_end_dropped():
    h = History(total=3)
    h.add_losses(1, [1.0])
    with pytest.raises(ValueError, match="iteration 5"):
        h.add_losses(5, [1.0])  # iterations 2-4 never came
    assert h.count == 1
    assert h.add_losses(2, [1.0, 1.0, 1.0, 1.0]) == 2  # only up to the run's total of 3
    assert h.count == 3 and len(h.losses) == 3


def test_speed_is_measured_over_half_second_gaps_and_leaves_pauses_out():
    m = RateMeter()
    assert m.update(0.0, 0) is None
    assert m.update(0.3, 300) is None  # too soon to measure
    assert m.update(1.0, 1000) == pytest.approx(1000.0)
    assert m.update(2.0, 3000) == pytest.approx(0.6 * 1000 + 0.4 * 2000)  # 1400
    m.pause()
    assert m.update(10.0, 3000) == pytest.approx(1400.0)  # eight paused seconds are not a slow-down
    assert m.update(11.0, 4000) == pytest.approx(0.6 * 1400 + 0.4 * 1000)  # 1240
    assert m.seconds_left(4000, 10000) == pytest.approx(6000 / 1240)


def test_learning_rate_changes_are_kept_with_their_iteration():
    h = History(total=100)
    h.note_lr(1, 0.1)
    h.note_lr(50, 0.1)  # unchanged: not a change
    h.note_lr(51, 0.05)
    assert h.lr_changes == [(1, 0.1), (51, 0.05)]
    assert (h.lr_at(0), h.lr_at(50), h.lr_at(51), h.lr_at(100)) == (None, 0.1, 0.05, 0.05)


def test_csv_rows_by_hand():
    h = History(total=4, iters_per_epoch=2)  # alpha 0.9
    h.add_losses(1, [2.302585, 1.5])
    h.add_epoch(2, 0.8512, 0.86)
    h.add_losses(3, [1.0, 0.5])
    rows = list(h.csv_rows())
    assert (
        rows[0]
        == list(CSV_HEADER)
        == ["iteration", "loss", "smoothed_loss", "test_accuracy", "train_accuracy"]
    )
    # smoothed: 2.302585; 0.9*2.302585 + 0.15 = 2.2223265; 0.9*2.2223265 + 0.1 = 2.10009385; + 0.05 =
    # 1.940084465
    assert rows[1:] == [
        [1, "2.30259", "2.30259", "", ""],
        [2, "1.5", "2.22233", "0.8512", "0.8600"],
        [3, "1", "2.10009", "", ""],
        [4, "0.5", "1.94008", "", ""],
    ]
    assert h.last_epoch.test == pytest.approx(0.8512)
