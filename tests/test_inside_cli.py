"""The command line's pictures: `mnist-studio weights --out` (the hidden-unit grid) and `evaluate --mistakes`
(a sheet of misread digits), read back pixel by pixel."""

import math

import numpy as np
from PIL import Image
from test_cli import assert_user_error, run

from mnist_studio.core.modelfile import load_default_model


def test_weights_png_shows_each_unit_in_its_tile(tmp_path):
    params, _ = load_default_model()
    W1 = params["W1"]
    out = tmp_path / "units.png"
    proc = run("weights", "--out", out, "--zoom", 2)
    assert proc.returncode == 0, proc.stderr
    units = W1.shape[1]
    columns = math.ceil(math.sqrt(units))  # a square-ish grid: 16 x 16 for 256 units, 29 a row for 800
    rows = math.ceil(units / columns)
    assert f"{units} hidden units" in proc.stdout
    with Image.open(out) as im:
        assert im.format == "PNG"
        rgb = np.asarray(im.convert("RGB")).astype(int)
    # tiles of 28 pixels with 1-pixel gaps, drawn at zoom 2
    assert rgb.shape == (2 * (rows * 29 - 1), 2 * (columns * 29 - 1), 3)
    for j in (0, units // 3, units - 1):
        r, c = divmod(j, columns)
        pic = W1[:, j].reshape(28, 28)
        for pixel in (np.unravel_index(pic.argmax(), pic.shape), np.unravel_index(pic.argmin(), pic.shape)):
            y, x = 2 * (r * 29 + pixel[0]), 2 * (c * 29 + pixel[1])
            red, _green, blue = rgb[y, x]
            # the unit's strongest positive weight is red, its strongest negative weight blue
            assert (red > blue + 60) if pic[pixel] > 0 else (blue > red + 60), (j, pixel, rgb[y, x])
    assert [p.name for p in tmp_path.iterdir()] == ["units.png"]


def test_weights_refuses_a_name_that_is_not_png(tmp_path):
    assert_user_error(run("weights", "--out", tmp_path / "units.jpg"), "units.jpg", ".png")
    assert not list(tmp_path.iterdir())


def test_mistakes_sheet_has_one_tile_per_misread_test_digit(tmp_path, mnist_dir):
    out = tmp_path / "mistakes.png"
    proc = run("evaluate", "--mistakes", out, "--data-dir", mnist_dir)
    assert proc.returncode == 0, proc.stderr
    confusion = np.array(
        [
            [int(n) for n in line.split(":")[1].split()]
            for line in proc.stdout.splitlines()
            if line.strip()[:2] in {f"{d}:" for d in range(10)}
        ]
    )
    wrong = int(confusion.sum() - np.trace(confusion))
    assert f"{wrong} misread test digits drawn in" in proc.stdout
    with Image.open(out) as im:
        width, height = im.size
        gray = np.asarray(im.convert("L"))
    cell_w, cell_h = 28 * 2 + 6, 28 * 2 + 14 + 6
    assert (width, height) == (20 * cell_w, math.ceil(wrong / 20) * cell_h)
    # the last tile holds a digit (white ink on black); the cell after it is empty paper
    last = wrong - 1
    x0, y0 = (last % 20) * cell_w + 3, (last // 20) * cell_h + 3
    tile = gray[y0 : y0 + 56, x0 : x0 + 56]
    assert (tile < 30).mean() > 0.5 and tile.max() > 200
    if wrong % 20:
        x1 = (wrong % 20) * cell_w + 3
        assert gray[y0 : y0 + 56, x1 : x1 + 56].min() == 255


def test_bench_inside_reports_speed_ratio_and_redraw_time(mnist_dir):
    import json
    import os
    import subprocess
    import sys

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mnist_studio.desktop.bench_inside",
            "--iters",
            "300",
            "--repeat",
            "1",
            "--json",
            "--data-dir",
            str(mnist_dir),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["headless_iters_per_second"] > 0 and out["with_page_iters_per_second"] > 0
    ratio = out["with_page_iters_per_second"] / out["headless_iters_per_second"]
    assert abs(out["ratio"] - ratio) < 0.002
    assert out["snapshots_per_run"] >= 1 and out["redraw_256_units_ms_median"] > 0
