"""The window on a classroom's screens: a 1024x700 projector, 1280x720, a 1366x768 laptop, 1920x1080, and a
projector at 150% and 200% scaling in presentation mode. Each screen is a separate process (Qt reads the
screen's size and scale once), run through tests/window_fit.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from mnist_studio.desktop.screen_fit import fitted_size

FIT = Path(__file__).resolve().parent / "window_fit.py"


def open_on_screen(width: int, height: int, *flags: str, scale: float | None = None) -> dict:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # window_fit.py sets the offscreen screen itself
    if scale is not None:
        env["QT_SCALE_FACTOR"] = str(scale)
    proc = subprocess.run(
        [sys.executable, str(FIT), str(width), str(height), *flags],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_first_size_is_the_preferred_one_cut_to_the_screen():
    # 1366x768 less a 40 px title bar and 16 px of borders: 1350x728; a big screen keeps 1380x880
    assert fitted_size(QSize(1380, 880), QSize(1366, 768), QSize(16, 40)) == QSize(1350, 728)
    assert fitted_size(QSize(1380, 880), QSize(1920, 1080), QSize(16, 40)) == QSize(1380, 880)


@pytest.mark.parametrize("width,height", [(1024, 700), (1280, 720), (1366, 768), (1920, 1080)])
def test_every_widget_fits_on_a_classroom_screen(width, height, mnist_dir):
    r = open_on_screen(width, height)
    assert r["inside_screen"], f"window {r['frame']} on a screen of {r['available']}"
    assert r["faults"] == []


def test_a_failed_download_does_not_grow_the_window_or_crowd_the_status_bar(tmp_path):
    r = open_on_screen(1024, 700, "--no-data", "--failed-download")
    assert r["inside_screen"], f"window {r['frame']} on a screen of {r['available']}"
    assert r["frame"] == r["frame_before"]
    assert r["faults"] == []
