"""Pictures for the command line, saved as PNG files: the hidden units' weight grid and a sheet of misread
test digits labelled "true -> read".

Files are written to a temporary name and renamed (core/durable.py), so an interrupted export never
leaves half a PNG behind.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .durable import write_atomically
from .errors import UserError
from .inside import weight_grid_rgb

#: Digits per row of the mistakes sheet.
SHEET_COLUMNS = 20


def save_png(path, image: Image.Image) -> Path:
    """Write a Pillow image as PNG, atomically; a folder that cannot be written is one clear UserError."""
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise UserError(f"{path}: pictures are saved as PNG; choose a name ending in .png")
    if path.is_dir():
        raise UserError(f"{path}: is a folder; give a file name like {path / 'picture.png'}")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    try:
        return write_atomically(path, lambda f: f.write(buffer.getvalue()), binary=True)
    except OSError as e:
        raise UserError(
            f"{path}: cannot write the picture ({e.strerror or e}); choose another folder"
        ) from None


def weights_image(W1: np.ndarray, zoom: int = 3) -> Image.Image:
    """The hidden-unit grid (blue negative, white 0, red positive weights), each weight zoom x zoom pixels."""
    return Image.fromarray(weight_grid_rgb(W1, zoom=zoom), mode="RGB")


def mistakes_image(
    x_u8: np.ndarray, indices, labels, reads, columns: int = SHEET_COLUMNS, zoom: int = 2
) -> Image.Image:
    """A sheet of the test digits at `indices`, each white-on-black as MNIST stores it, with "true -> read"
    under it."""
    indices = np.asarray(indices, dtype=np.intp)
    n = len(indices)
    side = 28 * zoom
    caption = 14
    cell_w, cell_h = side + 6, side + caption + 6
    columns = max(1, min(columns, n))
    rows = max(1, math.ceil(n / columns))
    sheet = Image.new("RGB", (columns * cell_w, rows * cell_h), (255, 255, 255))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default()
    for k, i in enumerate(indices):
        x0, y0 = (k % columns) * cell_w + 3, (k // columns) * cell_h + 3
        digit = Image.fromarray(np.asarray(x_u8[i], dtype=np.uint8).reshape(28, 28), mode="L")
        sheet.paste(digit.resize((side, side), Image.NEAREST), (x0, y0))
        text = f"{int(labels[i])} -> {int(reads[i])}"
        width = draw.textlength(text, font=font)
        draw.text((x0 + (side - width) / 2, y0 + side + 1), text, fill=(200, 30, 30), font=font)
    return sheet
