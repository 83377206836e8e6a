"""On a bare Linux without Qt's X11 (xcb) libraries the window refuses to start with one line naming the
packages to install, instead of Qt's misleading abort."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from mnist_studio.desktop import system_libs
from mnist_studio.desktop.system_libs import (
    XCB_LIBRARIES,
    missing_xcb_packages,
    platform_would_be_xcb,
    xcb_problem,
)

MINIMAL_SYSTEM = {
    "libxcb.so.1",
    "libX11.so.6",
    "libX11-xcb.so.1",
    "libGL.so.1",
    "libxkbcommon.so.0",
}  # what a bare server often has


def bare(soname: str) -> bool:
    return soname in MINIMAL_SYSTEM


def test_missing_libraries_are_named_by_their_debian_packages():
    assert missing_xcb_packages(bare) == sorted(
        XCB_LIBRARIES[s] for s in XCB_LIBRARIES if s not in MINIMAL_SYSTEM
    )
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"} <= set(missing_xcb_packages(bare))
    assert missing_xcb_packages(lambda soname: True) == []


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({"DISPLAY": ":0"}, True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, False),
    ],
)
def test_only_an_x11_start_is_checked(environ, expected):
    assert platform_would_be_xcb(environ, "linux") is expected
    assert platform_would_be_xcb(environ, "win32") is False


def test_one_line_names_the_packages_and_the_apt_command():
    line = xcb_problem({"DISPLAY": ":0"}, "linux", find=bare)
    assert "\n" not in line
    assert "sudo apt install libgl1" not in line  # libGL is there: only what is missing
    assert "sudo apt install libx" in line and "libxcb-cursor0" in line and "libxcb-icccm4" in line
    assert xcb_problem({"DISPLAY": ":0"}, "linux", find=lambda s: True) is None


def test_this_pyside6_xcb_plugin_needs_nothing_outside_the_list():
    """The list is the plugin's real needs: every xcb/X11/xkb library libqxcb.so links against is in it."""
    pyside6 = pytest.importorskip("PySide6")
    from pathlib import Path

    plugin = Path(pyside6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    qpa = sorted((Path(pyside6.__file__).parent / "Qt" / "lib").glob("libQt6XcbQpa.so*"))
    if not plugin.is_file() or not qpa:
        pytest.skip("this PySide6 has no xcb plugin (not Linux)")
    needed = set()
    for lib in (plugin, qpa[0]):
        data = lib.read_bytes()
        needed |= {n for n in XCB_LIBRARIES if n.encode() + b"\0" in data}
        for prefix in (b"libxcb", b"libX11", b"libxkbcommon", b"libGL.so"):
            start = 0
            while (i := data.find(prefix, start)) >= 0:
                end = data.find(b"\0", i)
                name = data[i:end].decode("ascii", "replace")
                if ".so." in name and "/" not in name:
                    assert name in XCB_LIBRARIES, f"{lib.name} links {name}, which the check does not know"
                start = end
    assert "libxcb-cursor.so.0" in needed


def test_the_window_refuses_to_start_with_one_line_when_xcb_libraries_are_missing():
    # A real start in a fresh process, with the library lookup faked to a bare system and an X display
    # named: without the check, Qt aborts with its page about xcb-cursor and platform plugins.
    script = textwrap.dedent(
        f"""
        import sys
        from mnist_studio.desktop import app, system_libs
        system_libs.loadable = lambda soname: soname in {sorted(MINIMAL_SYSTEM)!r}
        sys.exit(app.run_app([]))
        """
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")
    }
    env["DISPLAY"] = ":987"  # no X server there, and none is needed to be refused
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert (
        lines[0].startswith("mnist-studio: ")
        and "sudo apt install" in lines[0]
        and "libxcb-cursor0" in lines[0]
    )


def test_the_real_lookup_finds_a_library_every_linux_has():
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux only")
    assert system_libs.loadable("libc.so.6")
    assert not system_libs.loadable("libsurely-not-installed-anywhere.so.7")


def test_the_readme_linux_section_names_every_package():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for package in XCB_LIBRARIES.values():
        assert f" {package} " in readme.replace("\\\n", " ").replace("\n", " "), package
