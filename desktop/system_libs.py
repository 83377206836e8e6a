"""Before Qt starts on Linux: are the X11 (xcb) libraries Qt's window system plugin needs installed? If not,
name the packages to install.

Without them Qt aborts with a misleading page about "xcb-cursor" and platform plugins. The list
is what this PySide6's libqxcb.so and libQt6XcbQpa.so link against (readelf -d, PySide6 6.11),
less the C and C++ runtime that every Linux has, with the Debian/Ubuntu package of each library.
No Qt is imported here: the check must run before Qt can fail.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

#: Library (soname) -> the Debian/Ubuntu package that provides it.
XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
}


def _bundled_dirs() -> list[Path]:
    """Folders that may hold copies of the libraries: a bundled app's own folder, and PySide6's Qt/lib."""
    dirs = []
    if getattr(sys, "_MEIPASS", None):
        dirs.append(Path(sys._MEIPASS))
    try:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
        if spec and spec.origin:
            dirs.append(Path(spec.origin).parent / "Qt" / "lib")
    except (ImportError, ValueError):
        pass
    return dirs


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds this library (the system's paths), or a bundled copy is there."""
    if any((d / soname).exists() for d in _bundled_dirs()):
        return True
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def platform_would_be_xcb(environ=os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt will try its X11 (xcb) plugin: on Linux, asked for, or by default outside a Wayland
    session."""
    if not platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(";")[0].split(":")[0] == "xcb"
    if environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland":
        return False  # Qt 6 prefers its Wayland plugin there
    return bool(environ.get("DISPLAY"))


def missing_xcb_packages(find=None) -> list[str]:
    """The Debian/Ubuntu packages of the xcb libraries the loader cannot find (empty when all are there)."""
    find = find or loadable
    return sorted({package for soname, package in XCB_LIBRARIES.items() if not find(soname)})


def xcb_problem(environ=os.environ, platform: str = sys.platform, find=None) -> str | None:
    """One line naming the packages to install when the window would need xcb libraries that are missing,
    else None."""
    if not platform_would_be_xcb(environ, platform):
        return None
    missing = missing_xcb_packages(find)
    if not missing:
        return None
    return (
        "the window needs X11 libraries that are not installed; on Debian/Ubuntu run: "
        f"sudo apt install {' '.join(missing)} "
        "(other systems: the same xcb libraries; or use the command line: mnist-studio --help)"
    )
