"""Read a picture file (PNG, JPEG, BMP, ...) as a grey 2-D uint8 array, safely: refuse huge or damaged files
with one clear line instead of running out of memory or crashing.

Untrusted pictures are data. Three rules keep reading them safe and bounded:

* The size is read from the file's header and checked *before* any pixel is decoded. At most
  :data:`MAX_PIXELS` (4096 x 4096, 16.8 megapixels) are decoded, which bounds memory to a few
  hundred MB at worst. JPEG photos larger than that are decoded at 1/2, 1/4 or 1/8 scale by the
  JPEG decoder itself (Pillow's ``draft``), which never builds the full-size picture; plenty for
  a digit that ends up 20 pixels tall. Any other format that is too large is refused, saying the
  limit. Pillow's own decompression-bomb guard becomes the same clear refusal.
* Only plain raster formats are opened (:data:`FORMATS`): PNG, JPEG, BMP, GIF, TIFF, WebP and a
  few more. Not EPS or PDF: for those Pillow would run Ghostscript on the file.
* Every failure -- missing, a folder, empty, not a picture, damaged, truncated, too large -- is an
  :class:`ImageFileError` with one line naming the file.

Transparency. A drawing saved from a paint program often has a transparent background and
opaque strokes, and the colour under transparent pixels is arbitrary (often black). So
transparent areas are filled with a colour that makes sense for the picture, then alpha-blended:

* mostly transparent (the strokes are the opaque part): fill with the colour that contrasts
  with the strokes -- white under dark strokes, black under light ones. This also covers
  pictures whose colour is the same everywhere and only alpha draws the digit;
* mostly opaque (the picture has its own background, e.g. a scan with a transparent margin):
  fill with the opaque part's median grey, so the margin looks like the paper.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ImageFileError

MAX_SIDE = 4096
MAX_PIXELS = MAX_SIDE * MAX_SIDE
"""The largest picture decoded, in pixels (after JPEG's built-in downscaling)."""

FORMATS = ("PNG", "JPEG", "MPO", "BMP", "DIB", "GIF", "TIFF", "WEBP", "PPM", "TGA", "ICO", "QOI")
"""Pillow formats we open; everything else is refused as "not a picture"."""

_ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}

# File signatures, to tell "a damaged PNG" from "not a picture at all" when Pillow gives up.
_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"BM": "BMP",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}


def read_gray(path) -> np.ndarray:
    """Read a picture file as grey levels, see :func:`_read_gray`; an ImageFileError has kind
    file_not_found or bad_image, and the path."""
    try:
        return _read_gray(path)
    except ImageFileError as e:
        if e.kind is None:
            missing = not Path(path).exists()
            e.kind, e.values = ("file_not_found" if missing else "bad_image"), {"path": str(path)}
        raise


def _read_gray(path) -> np.ndarray:
    """Read a picture file as a 2-D uint8 array of grey levels (0 black .. 255 white).

    Colour is turned into grey with the usual luma weights; transparency is filled as the
    module docstring explains; a photo's EXIF rotation is applied. Raises ImageFileError with
    one line naming the file if it cannot be used.
    """
    path = Path(path)
    if not path.exists():
        raise ImageFileError(f"Cannot read image {path}: no such file; check the name and folder.")
    if path.is_dir():
        raise ImageFileError(f"Cannot read image {path}: it is a folder, not a picture file.")

    try:
        with warnings.catch_warnings():
            # Pillow warns above ~89 megapixels; our own, smaller limit below is the one that counts.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path, formats=_available_formats()) as im:
                _check_and_shrink(im, path)
                im.load()  # decode now, inside the try, so damage is reported as such
                gray = _to_gray(im)
    except ImageFileError:
        raise
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        size = f"{int(found.group(1)) / 1e6:.0f} megapixels" if found else "enormous"
        raise ImageFileError(
            f"Cannot read image {path}: it is {size}, more than the "
            f"{MAX_SIDE}x{MAX_SIDE} pixels this app reads; shrink it first."
        ) from None
    except UnidentifiedImageError:
        raise ImageFileError(f"Cannot read image {path}: {_why_unidentified(path)}") from None
    except PermissionError:
        raise ImageFileError(f"Cannot read image {path}: permission denied.") from None
    except MemoryError:
        raise ImageFileError(
            f"Cannot read image {path}: not enough memory to decode it; shrink it first."
        ) from None
    except Exception as exc:  # noqa: BLE001 -- any failure while parsing untrusted bytes means a damaged file
        raise ImageFileError(
            f"Cannot read image {path}: the file is damaged or truncated ({_one_line(exc)}); "
            "save it again as PNG or JPEG."
        ) from None

    if gray.size == 0:
        raise ImageFileError(f"Cannot read image {path}: the picture has no pixels.")
    return gray


# --- helpers -------------------------------------------------------------------------------------


def _available_formats() -> list[str]:
    """FORMATS that this Pillow build knows (a build without WebP simply lacks it)."""
    Image.init()
    return [name for name in FORMATS if name in Image.OPEN]


def _check_and_shrink(im: Image.Image, path: Path) -> None:
    """Refuse pictures with no pixels or too many, before decoding; let big JPEGs decode at reduced scale."""
    width, height = im.size
    if width <= 0 or height <= 0:
        raise ImageFileError(f"Cannot read image {path}: the picture has no pixels ({width}x{height}).")
    if im.format in ("JPEG", "MPO"):
        # The JPEG decoder can produce 1/2, 1/4 or 1/8 scale directly; asking for grey ("L")
        # also skips colour conversion. draft() picks the largest reduction still at least this size.
        factor = 1
        while factor < 8 and width * height > MAX_PIXELS * factor * factor:
            factor *= 2
        im.draft("L", (-(-width // factor), -(-height // factor)))
        width, height = im.size
    if width * height > MAX_PIXELS:
        raise ImageFileError(
            f"Cannot read image {path}: it is {width}x{height} pixels, more than the "
            f"{MAX_SIDE}x{MAX_SIDE} ({MAX_PIXELS / 1e6:.1f} megapixels) this app reads; shrink it first."
        )


def _to_gray(im: Image.Image) -> np.ndarray:
    """The decoded picture as grey uint8, with transparency filled and EXIF rotation applied."""
    try:
        ImageOps.exif_transpose(im, in_place=True)  # a phone photo held sideways
    except Exception:  # noqa: BLE001 -- a broken orientation tag should not cost the user the picture
        pass
    mode = im.mode

    if mode in _ALPHA_MODES or "transparency" in im.info:
        luma, alpha = im.convert("RGBA").convert("LA").split()
        return np.array(_fill_transparent(luma, alpha), dtype=np.uint8)

    if mode.startswith("I"):
        # 16-bit grey (PNG, TIFF): scale 0..65535 down to 0..255 rather than clipping at 255.
        a = np.asarray(im)
        if mode.startswith("I;16") or (a.size and int(a.max()) > 255):
            a = (np.clip(a.astype(np.int64), 0, 65535) + 128) // 257
        return np.clip(a, 0, 255).astype(np.uint8)
    if mode == "F":
        a = np.asarray(im, dtype=np.float64)
        a = np.nan_to_num(a, nan=0.0, posinf=255.0, neginf=0.0)
        if a.size and a.max() <= 1.0:
            a = a * 255.0  # float pictures are usually 0..1
        return np.clip(np.rint(a), 0, 255).astype(np.uint8)
    if mode != "L":
        im = im.convert("RGB").convert("L") if mode not in ("1", "P", "RGB") else im.convert("L")
    return np.array(im, dtype=np.uint8)


def _fill_transparent(luma: Image.Image, alpha: Image.Image) -> Image.Image:
    """Blend the picture onto a fill colour chosen for it (see the module docstring)."""
    if alpha.getextrema()[0] == 255:
        return luma  # fully opaque after all
    opaque = alpha.point(lambda v: 255 if v >= 128 else 0)
    hist = luma.histogram(mask=opaque)  # grey levels of the opaque pixels only (computed in C)
    n_opaque = sum(hist)
    total = luma.size[0] * luma.size[1]
    if n_opaque == 0:
        # Nothing opaque enough: judge the strokes by whatever faint alpha there is.
        hist = luma.histogram(mask=alpha.point(lambda v: 255 if v > 0 else 0))
        n_opaque = sum(hist)
        if n_opaque == 0:
            return Image.new("L", luma.size, 255)  # completely transparent: a blank page
        fill = 255 if _hist_mean(hist, n_opaque) < 128 else 0
    elif n_opaque * 2 <= total:
        # Transparency is the background: fill with the colour that contrasts with the strokes.
        fill = 255 if _hist_mean(hist, n_opaque) < 128 else 0
    else:
        # The opaque part has its own background: continue it into the transparent margin.
        fill = int(np.searchsorted(np.cumsum(hist), (n_opaque + 1) // 2))
    return Image.composite(luma, Image.new("L", luma.size, fill), alpha)


def _hist_mean(hist, count: int) -> float:
    return float(np.dot(np.arange(256), hist)) / count


def _why_unidentified(path: Path) -> str:
    """Explain why Pillow could not recognise a file: empty, a damaged picture, or not a picture."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        return f"it cannot be opened ({_one_line(exc)})."
    if size == 0:
        return "the file is empty (0 bytes)."
    for signature, name in _SIGNATURES.items():
        if head.startswith(signature):
            return (
                f"it looks like a {name} file but is damaged or has no pixels; save it again as PNG or JPEG."
            )
    return "it is not a picture this app can read; use PNG, JPEG or BMP."


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
