"""Facts about reading picture files: every common format and transparency gives the right grey picture, and
every bad file -- missing, damaged, huge -- gives one clear line naming it, in bounded memory.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import textwrap
import warnings
import zlib

import numpy as np
import pytest
from PIL import Image, features

from mnist_studio.core.errors import ImageFileError, UserError
from mnist_studio.core.imagefile import MAX_PIXELS, read_gray
from mnist_studio.core.preprocess import to_mnist

# --- pictures made for the tests ---------------------------------------------------------------


def digit_gray(size=(60, 40)):
    """A grey picture: white paper, a black '7' (a bar and a slanted stroke)."""
    h, w = size
    a = np.full((h, w), 255, np.uint8)
    a[5:12, 5:35] = 0
    for r in range(12, 55):
        c = 34 - (r - 12) * 20 // 43
        a[r, max(c - 3, 0) : c + 3] = 0
    return a


def png_bytes(width, height, *, bit_depth=8, color_type=0, rows=None, level=6):
    """A PNG written by hand, so headers can say anything (0x0, 20000x20000).

    rows: an iterable of raw row bytes (without the filter byte); None writes no pixel data.
    The pixel data is compressed as it streams, so a huge uniform picture costs little memory.
    """

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    comp = zlib.compressobj(level)
    idat = bytearray()
    for row in rows or ():
        idat += comp.compress(b"\x00" + row)
    idat += comp.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", bytes(idat)) + chunk(b"IEND", b"")


def uniform_1bit_png(path, width, height):
    """A valid white 1-bit PNG of any size, written row by row (20000x20000 is ~60 KB on disk)."""
    row = b"\xff" * ((width + 7) // 8)
    path.write_bytes(png_bytes(width, height, bit_depth=1, rows=(row for _ in range(height)), level=9))
    return path


def same_digit(a, b):
    """Correlation of two 28x28 digits, allowing the one-pixel centring slack MNIST itself has."""
    a, b = to_mnist(a), to_mnist(b)
    return max(
        np.corrcoef(a.ravel(), np.roll(b, (dy, dx), axis=(0, 1)).ravel())[0, 1]
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
    )


def assert_one_line_naming(exc_info, path):
    message = str(exc_info.value)
    assert path.name in message
    assert "\n" not in message
    assert isinstance(exc_info.value, UserError)


# --- formats ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt, suffix", [("PNG", ".png"), ("BMP", ".bmp"), ("GIF", ".gif"), ("TIFF", ".tif"), ("WEBP", ".webp")]
)
def test_lossless_formats_read_back_exactly(tmp_path, fmt, suffix):
    if fmt == "WEBP" and not features.check("webp"):
        pytest.skip("this Pillow was built without WebP")
    gray = digit_gray()
    path = tmp_path / f"digit{suffix}"
    Image.fromarray(gray).save(path, format=fmt, **({"lossless": True} if fmt == "WEBP" else {}))
    out = read_gray(path)
    assert out.dtype == np.uint8 and out.ndim == 2
    assert np.array_equal(out, gray)


def test_jpeg_reads_back_close_and_gives_the_same_digit(tmp_path):
    gray = digit_gray()
    path = tmp_path / "digit.jpg"
    Image.fromarray(gray).save(path, quality=90)
    out = read_gray(path)
    assert out.shape == gray.shape
    assert np.abs(out.astype(int) - gray).mean() < 6
    assert same_digit(out, gray) > 0.9  # JPEG is lossy: blurred edges, ringing


def test_colour_becomes_luma_grey(tmp_path):
    rgb = np.zeros((4, 3, 3), np.uint8)
    rgb[0, 0] = (255, 0, 0)
    rgb[0, 1] = (0, 255, 0)
    rgb[0, 2] = (0, 0, 255)
    rgb[1, :] = 255
    path = tmp_path / "colours.png"
    Image.fromarray(rgb).save(path)
    out = read_gray(path)
    # ITU-R 601 luma, the weights Pillow and most software use: 0.299 R + 0.587 G + 0.114 B.
    assert out[0].tolist() == pytest.approx([76, 150, 29], abs=1)
    assert out[1].tolist() == [255, 255, 255]
    assert out[2].tolist() == [0, 0, 0]


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path):
    values = np.array([[0, 257 * 100, 65535]], np.uint16)
    path = tmp_path / "deep.png"
    Image.fromarray(values).save(path)
    assert read_gray(path).tolist() == [[0, 100, 255]]


def test_one_bit_and_palette_pictures(tmp_path):
    gray = digit_gray()
    Image.fromarray(gray).convert("1").save(tmp_path / "bw.png")
    Image.fromarray(gray).convert("P").save(tmp_path / "pal.png")
    assert np.array_equal(read_gray(tmp_path / "bw.png"), gray)
    assert np.array_equal(read_gray(tmp_path / "pal.png"), gray)


def test_cmyk_jpeg(tmp_path):
    path = tmp_path / "cmyk.jpg"
    Image.fromarray(digit_gray()).convert("CMYK").save(path, quality=95)
    out = read_gray(path)
    assert same_digit(out, digit_gray()) > 0.9


def test_exif_rotation_of_a_photo_is_applied(tmp_path):
    gray = digit_gray((60, 40))
    img = Image.fromarray(gray)
    exif = img.getexif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    path = tmp_path / "sideways.jpg"
    img.save(path, quality=95, exif=exif)
    assert read_gray(path).shape == (40, 60)


# --- transparency --------------------------------------------------------------------------------


def rgba_from(gray_strokes_mask, *, stroke_rgb, under_rgb=(0, 0, 0)):
    """RGBA picture: opaque strokes of one colour where the mask is set, fully transparent elsewhere."""
    h, w = gray_strokes_mask.shape
    rgba = np.zeros((h, w, 4), np.uint8)
    rgba[..., :3] = under_rgb
    rgba[gray_strokes_mask, :3] = stroke_rgb
    rgba[..., 3] = np.where(gray_strokes_mask, 255, 0)
    return rgba


def test_black_strokes_on_transparent_background_read_as_black_on_white(tmp_path):
    strokes = digit_gray() == 0
    path = tmp_path / "t.png"
    Image.fromarray(rgba_from(strokes, stroke_rgb=(0, 0, 0))).save(path)  # RGB is black everywhere
    assert np.array_equal(read_gray(path), digit_gray())


def test_white_strokes_on_transparent_background_read_as_white_on_black(tmp_path):
    strokes = digit_gray() == 0
    path = tmp_path / "t.png"
    Image.fromarray(rgba_from(strokes, stroke_rgb=(255, 255, 255), under_rgb=(255, 255, 255))).save(path)
    out = read_gray(path)
    assert np.array_equal(out, 255 - digit_gray())
    assert np.allclose(to_mnist(out), to_mnist(digit_gray()), atol=1e-6)


def test_soft_alpha_edges_blend_onto_the_fill(tmp_path):
    la = np.zeros((10, 10, 2), np.uint8)  # grey + alpha, grey black everywhere
    la[2:8, 4:6, 1] = 255
    la[2:8, 3, 1] = 128  # half-transparent anti-aliased edge
    path = tmp_path / "la.png"
    Image.fromarray(la, mode="LA").save(path)
    out = read_gray(path)
    assert out[5, 4] == 0 and out[5, 0] == 255
    assert out[5, 3] == pytest.approx(127, abs=1)


def test_transparent_margin_around_a_scan_takes_the_paper_colour(tmp_path):
    gray = digit_gray()
    rgba = np.dstack([gray, gray, gray, np.full_like(gray, 255)])
    rgba[:, :4, 3] = 0  # transparent strip, black underneath
    rgba[:, :4, :3] = 0
    path = tmp_path / "scan.png"
    Image.fromarray(rgba).save(path)
    out = read_gray(path)
    assert np.all(out[:, :4] == 255)
    assert np.array_equal(out[:, 4:], gray[:, 4:])


def test_palette_gif_with_transparent_index(tmp_path):
    pal = Image.fromarray(digit_gray()).convert("P")
    white_index = pal.getpixel((0, 0))
    path = tmp_path / "t.gif"
    pal.save(path, transparency=white_index)
    assert np.array_equal(read_gray(path), digit_gray())


def test_completely_transparent_picture_is_blank(tmp_path):
    path = tmp_path / "empty.png"
    Image.new("RGBA", (30, 30), (0, 0, 0, 0)).save(path)
    out = read_gray(path)
    assert np.all(out == 255)
    assert to_mnist(out) is None


# --- bad files -------------------------------------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.png"
    with pytest.raises(ImageFileError) as info:
        read_gray(path)
    assert_one_line_naming(info, path)
    assert "no such file" in str(info.value)


def test_folder(tmp_path):
    path = tmp_path / "folder.png"
    path.mkdir()
    with pytest.raises(ImageFileError) as info:
        read_gray(path)
    assert_one_line_naming(info, path)
    assert "folder" in str(info.value)


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("notes.png", b"these are my notes, not a picture\n", "not a picture"),
        ("empty.png", b"", "empty"),
        ("garbage.png", b"\x89PNG\r\n\x1a\n" + b"\x00\x01garbage" * 20, "damaged"),
        ("zero.png", png_bytes(0, 0), "no pixels"),
        ("zero-wide.png", png_bytes(0, 50), "no pixels"),
        ("bad-idat.png", png_bytes(4, 4, rows=[b"\x00" * 4] * 4)[:-30] + b"\x00" * 30, "damaged"),
        ("drawing.eps", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", "not a picture"),
    ],
)
def test_bad_files_give_one_line_naming_the_file(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImageFileError) as info:
        read_gray(path)
    assert_one_line_naming(info, path)
    assert words in str(info.value)


@pytest.mark.parametrize("fmt, suffix", [("PNG", ".png"), ("JPEG", ".jpg"), ("BMP", ".bmp")])
def test_truncated_files_are_refused(tmp_path, fmt, suffix):
    rng = np.random.default_rng(0)
    noisy = rng.integers(0, 256, (200, 200), dtype=np.uint8)  # incompressible, so the cut hits pixel data
    whole = tmp_path / f"whole{suffix}"
    Image.fromarray(noisy).save(whole, format=fmt)
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(ImageFileError) as info:
        read_gray(cut)
    assert_one_line_naming(info, cut)


# --- huge pictures ------------------------------------------------------------------------------------


def test_the_largest_allowed_picture_is_read(tmp_path):
    path = uniform_1bit_png(tmp_path / "max.png", 4096, 4096)
    out = read_gray(path)
    assert out.shape == (4096, 4096) and out.size == MAX_PIXELS
    assert np.all(out == 255)


@pytest.mark.parametrize(
    "width, height",
    [(4097, 4096), (5000, 4000), (10000, 10000), (20000, 20000), (100000, 100000)],
    ids=["just-over", "20MP", "100MP-pillow-warns", "400MP-pillow-bomb", "10GP"],
)
def test_huge_pictures_are_refused_before_decoding(tmp_path, width, height):
    if width * height > 5e8:
        # A header alone: a real 10-gigapixel file would take too long to write for a test.
        path = tmp_path / "huge.png"
        path.write_bytes(png_bytes(width, height, bit_depth=1))
    else:
        path = uniform_1bit_png(tmp_path / "huge.png", width, height)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Pillow's DecompressionBombWarning must not leak out
        with pytest.raises(ImageFileError) as info:
            read_gray(path)
    assert_one_line_naming(info, path)
    assert "4096x4096" in str(info.value) and "shrink" in str(info.value)


def test_a_large_jpeg_photo_is_decoded_at_reduced_scale(tmp_path):
    photo = np.full((5000, 6000), 255, np.uint8)  # 30 megapixels
    photo[1000:4000, 2800:3200] = 0
    path = tmp_path / "photo.jpg"
    Image.fromarray(photo).save(path, quality=80)
    out = read_gray(path)
    assert out.shape == (2500, 3000)  # the JPEG decoder's own 1/2 scale
    assert out.size <= MAX_PIXELS
    assert out[1250, 1500] < 30 and out[100, 100] > 225


def _peak_memory_mb(code: str, *args: str) -> float:
    """Run code in a fresh Python and return its peak resident memory in MB."""
    script = code + textwrap.dedent(
        """
        import resource, sys
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(peak / (1024 * 1024 if sys.platform == "darwin" else 1024))
        """
    )
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return float(done.stdout.split()[-1])


@pytest.mark.skipif(sys.platform == "win32", reason="uses the resource module")
def test_huge_pictures_cost_almost_no_memory(tmp_path):
    bomb = uniform_1bit_png(tmp_path / "bomb.png", 20000, 20000)  # 400 MB of pixels, ~60 KB on disk
    big = uniform_1bit_png(tmp_path / "big.png", 10000, 10000)
    imports = "from mnist_studio.core.imagefile import read_gray\nimport sys\n"
    attempt = imports + textwrap.dedent(
        """
        for name in sys.argv[1:]:
            try:
                read_gray(name)
            except Exception as exc:
                assert type(exc).__name__ == "ImageFileError", exc
            else:
                raise SystemExit("a huge picture was accepted")
        """
    )
    baseline = _peak_memory_mb(imports)
    peak = _peak_memory_mb(attempt, str(bomb), str(big))
    # Decoding either would need 100-400 MB; refusing from the header needs next to nothing.
    assert peak - baseline < 30
