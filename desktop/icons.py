"""The app icon: one SVG drawing in mnist_studio.resources, rendered to PNGs (16-256 px) for the platforms
that want bitmaps.

Run `python -m mnist_studio.desktop.icons` after editing resources/icon.svg to render the PNGs again.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)


def resource_path(name: str) -> Path:
    """The path of a file shipped in mnist_studio.resources (works from a checkout, a wheel or a frozen
    app)."""
    return Path(str(resources.files("mnist_studio.resources").joinpath(name)))


def app_icon() -> QIcon:
    """The window icon, from the PNGs (every platform can read them) plus the SVG when Qt can draw it."""
    icon = QIcon()
    for size in PNG_SIZES:
        path = resource_path(f"icon-{size}.png")
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    svg = resource_path("icon.svg")
    if icon.isNull() and svg.is_file():
        icon.addFile(str(svg))
    return icon


def render_pngs(folder: Path | None = None) -> list[Path]:
    """Draw icon.svg at each size in PNG_SIZES into icon-<size>.png beside it; returns the files written."""
    from PySide6.QtSvg import QSvgRenderer

    folder = folder or resource_path("icon.svg").parent
    renderer = QSvgRenderer(str(folder / "icon.svg"))
    if not renderer.isValid():
        raise RuntimeError(f"{folder / 'icon.svg'} is not a valid SVG")
    written = []
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        path = folder / f"icon-{size}.png"
        tmp = path.with_name(path.name + ".tmp.png")
        if not image.save(str(tmp), "PNG"):
            raise RuntimeError(f"could not write {tmp}")
        tmp.replace(path)  # never leave a half-written icon under its final name
        written.append(path)
    return written


if __name__ == "__main__":
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    for p in render_pngs(target):
        print(p)
