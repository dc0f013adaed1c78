"""QR codes that scan: ECC M (H under a logo), 4-module quiet zone, crisp integer modules."""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from functools import lru_cache

import qrcode
import qrcode.constants
from PIL import Image

from app.render.qrmask import best_mask_pattern
from app.render.units import MM_PER_INCH, PRINT_DPI, px_to_mm

QUIET_ZONE_MODULES = 4
# Handheld phone scanning needs modules of at least 0.4 mm on paper.
MIN_MODULE_MM = 0.4
# The logo may cover at most this share of the symbol (ECC H restores ~30 %).
MAX_LOGO_AREA_FRACTION = 0.20
DEFAULT_LOGO_AREA_FRACTION = 0.12
DEFAULT_MODULE_PX = 10
DARK = (0, 0, 0)
LIGHT = (255, 255, 255)
_WHITE_L = 255
_BLACK_L = 0

_ECC = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}


@lru_cache(maxsize=256)
def qr_matrix(url: str, ecc: str = "M") -> tuple[tuple[bool, ...], ...]:
    """Return the module matrix (True = dark) including the 4-module quiet zone."""
    if not url:
        raise ValueError("a QR needs a URL")
    code = qrcode.QRCode(error_correction=_ECC[ecc], box_size=1, border=QUIET_ZONE_MODULES)
    code.add_data(url)
    code.best_fit()
    # The mask qrcode would pick itself, scored with numpy instead of eight pure-Python passes.
    code.mask_pattern = best_mask_pattern(code)
    code.make(fit=False)
    return tuple(tuple(bool(v) for v in row) for row in code.get_matrix())


def qr_modules(url: str, ecc: str = "M") -> int:
    """Return the QR width in modules, quiet zone included."""
    return len(qr_matrix(url, ecc))


def module_size_mm(url: str, printed_width_mm: float, ecc: str = "M") -> float:
    """Return the module size in mm when the whole QR (with quiet zone) is printed this wide."""
    return printed_width_mm / qr_modules(url, ecc)


def min_qr_width_mm(url: str, ecc: str = "M") -> float:
    """Return the smallest printed width (quiet zone included) that keeps modules ≥ 0.4 mm."""
    return qr_modules(url, ecc) * MIN_MODULE_MM


def module_px_for_print(url: str, width_mm: float, ecc: str = "M", dpi: int = PRINT_DPI) -> int:
    """Return whole pixels per module that fit a printed width at a DPI."""
    return math.floor(width_mm / MM_PER_INCH * dpi) // qr_modules(url, ecc)


def printed_module_mm(module_px: int, dpi: int = PRINT_DPI) -> float:
    """Return the physical size of one module drawn with module_px pixels at a DPI."""
    return px_to_mm(module_px, dpi)


@lru_cache(maxsize=64)
def _base_image(url: str, ecc: str, module_px: int) -> Image.Image:
    matrix = qr_matrix(url, ecc)
    n = len(matrix)
    data = bytes(_BLACK_L if v else _WHITE_L for row in matrix for v in row)
    small = Image.frombytes("L", (n, n), data)
    # NEAREST keeps every module a crisp square of whole pixels.
    return small.resize((n * module_px, n * module_px), Image.Resampling.NEAREST)


def _module_px(url: str, ecc: str, module_px: int | None, target_px: int | None) -> int:
    """Return pixels per module: as given, or the most that fit target_px, or the default."""
    if module_px is not None:
        return module_px
    return max(1, target_px // qr_modules(url, ecc)) if target_px else DEFAULT_MODULE_PX


def qr_image(
    url: str,
    *,
    module_px: int | None = None,
    target_px: int | None = None,
    logo: Image.Image | None = None,
    logo_fraction: float = DEFAULT_LOGO_AREA_FRACTION,
    dark: tuple[int, int, int] = DARK,
    light: tuple[int, int, int] = LIGHT,
) -> Image.Image:
    """Render a QR as an RGB image (quiet zone included), optionally with a centred logo."""
    ecc = "H" if logo is not None else "M"
    n = qr_modules(url, ecc)
    module_px = _module_px(url, ecc, module_px, target_px)
    base = _base_image(url, ecc, module_px)
    if (dark, light) == (DARK, LIGHT):
        img = base.convert("RGB")
    else:
        img = Image.merge(
            "RGB",
            [
                base.point(lambda v, d=d, li=li: li if v else d)
                for d, li in zip(dark, light, strict=True)
            ],
        )
    if logo is not None:
        _place_logo(img, logo, n, module_px, min(logo_fraction, MAX_LOGO_AREA_FRACTION), light)
    return img


def _place_logo(
    img: Image.Image,
    logo: Image.Image,
    n: int,
    module_px: int,
    fraction: float,
    light: tuple[int, int, int],
) -> None:
    """Paste a logo on a light pad, snapped to the module grid, over ≤ fraction of the symbol."""
    symbol = n - 2 * QUIET_ZONE_MODULES
    side = math.floor(symbol * math.sqrt(fraction))
    # Keep the pad centred on the grid: same parity as the symbol width.
    if (symbol - side) % 2:
        side -= 1
    if side <= 0:
        return
    start = (n - side) // 2 * module_px
    pad_px = side * module_px
    pad = Image.new("RGB", (pad_px, pad_px), light)
    inner = max(1, pad_px - 2 * module_px)
    mark = logo.convert("RGBA")
    mark.thumbnail((inner, inner), Image.Resampling.LANCZOS)
    pad.paste(mark, ((pad_px - mark.width) // 2, (pad_px - mark.height) // 2), mark)
    img.paste(pad, (start, start))


def qr_png(url: str, **kwargs) -> bytes:
    """Render a QR as PNG bytes (1 bit per pixel when it is plain black on white)."""
    buf = io.BytesIO()
    plain = not {"logo", "dark", "light"} & kwargs.keys()
    if plain:
        # A bilevel PNG: a third of the bytes to compress, the same pixels once decoded.
        module_px = _module_px(url, "M", kwargs.get("module_px"), kwargs.get("target_px"))
        _base_image(url, "M", module_px).convert("1").save(buf, format="PNG")
    else:
        qr_image(url, **kwargs).save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def dark_runs(matrix) -> Iterator[tuple[int, int, int]]:
    """Yield (row, first column, length) of each horizontal run of dark modules."""
    for y, row in enumerate(matrix):
        x, n = 0, len(row)
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                yield y, start, x - start
            else:
                x += 1


def qr_svg(url: str, *, dark: str = "#000000", light: str = "#FFFFFF") -> str:
    """Render a QR as a compact SVG, one path of row runs, in module units."""
    matrix = qr_matrix(url, "M")
    n = len(matrix)
    parts = [f"M{start} {y}h{length}v1h-{length}z" for y, start, length in dark_runs(matrix)]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" '
        f'shape-rendering="crispEdges"><rect width="{n}" height="{n}" fill="{light}"/>'
        f'<path fill="{dark}" d="{"".join(parts)}"/></svg>'
    )
