"""PNG bytes for the kit's artwork, encoded fast (pure, no Flask).

Pillow's PNG encoder picks a row filter for every row by trying four of them: on a
1080×1920 status image that search alone costs ~30 ms, more than deflating the rows,
and for flat artwork (solid fills and anti-aliased text) the unfiltered rows compress
smaller anyway, since deflate finds the repeats of a flat row as they are. So flat
artwork goes out unfiltered at a low zlib level; an image that does not compress well
that way (a photo, a gradient) is handed to Pillow's adaptive filter instead.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

# zlib level of flat artwork: levels 1–3 run deflate's fast matcher (~4× faster than 6);
# 3 finds the longest matches of the three and makes the smallest files of them.
FLAT_LEVEL = 3
# Unfiltered output above this share of the raw pixels is not flat artwork (the kit's
# artwork deflates to 1–4 % of its pixels' bytes, a post that is half photo to ~35 %, a
# photo alone to ~60 %): Pillow's filtered encoding is tried then, the smaller one kept.
FLAT_MAX_SHARE = 0.12
_COLOUR_TYPE = {"L": 0, "RGB": 2, "LA": 4, "RGBA": 6}
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_INCH_M = 0.0254


def _chunk(kind: bytes, data: bytes) -> bytes:
    """Return one PNG chunk: length, type, data, CRC of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _unfiltered(img: Image.Image) -> bytes:
    """Return the image's rows, each behind the filter byte 0 (none), deflated."""
    data = img.tobytes()
    stride = len(data) // img.height
    view = memoryview(data)
    rows = [view[top : top + stride] for top in range(0, len(data), stride)]
    return zlib.compress(b"\0".join([b"", *rows]), FLAT_LEVEL)


def _pillow_png(img: Image.Image, dpi: float | None) -> bytes:
    """Encode with Pillow's per-row filters; zlib's run-length strategy keeps it fast."""
    buf = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    img.save(buf, format="PNG", compress_level=6, compress_type=zlib.Z_RLE, **extra)
    return buf.getvalue()


def png_bytes(img: Image.Image, dpi: float | None = None, photo: bool = False) -> bytes:
    """Encode an image as PNG bytes, stating its DPI when given (photo: mostly a photo)."""
    kind = _COLOUR_TYPE.get(img.mode)
    if photo or kind is None or not img.width or not img.height:
        return _pillow_png(img, dpi)
    idat = _unfiltered(img)
    if len(idat) > FLAT_MAX_SHARE * img.width * img.height * len(img.mode):
        filtered = _pillow_png(img, dpi)
        if len(filtered) < len(idat):
            return filtered
    header = struct.pack(">IIBBBBB", img.width, img.height, 8, kind, 0, 0, 0)
    chunks = [_SIGNATURE, _chunk(b"IHDR", header)]
    if dpi:
        per_m = int(dpi / _INCH_M + 0.5)
        chunks.append(_chunk(b"pHYs", struct.pack(">IIB", per_m, per_m, 1)))
    chunks += [_chunk(b"IDAT", idat), _chunk(b"IEND", b"")]
    return b"".join(chunks)
