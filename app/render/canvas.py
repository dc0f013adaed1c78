"""One drawing interface, two back-ends: PIL raster (px) and fpdf2 vector PDF (px mapped to mm).

Layout code works in pixels; the PDF canvas maps them to millimetres at a
stated DPI, keeps simple text as vector text in the bundled fonts and the QR
as vector squares, and rasterises only what fpdf2 cannot shape (Javanese,
Arabic…, colour emoji) at print resolution.
"""

from __future__ import annotations

import io
from functools import lru_cache

from fpdf import FPDF
from fpdf.enums import PDFResourceType
from PIL import Image, ImageDraw

from app.render.fonts import add_pdf_font, pdf_coverage, pdf_font_path
from app.render.photo import PHOTO_INFO_KEY
from app.render.qr import dark_runs, qr_image, qr_matrix
from app.render.text import LaidLine, TextLayout, draw_layout
from app.render.textmetrics import EMOJI_ROLE, run_metrics
from app.render.textprep import segment
from app.render.theme import hex_to_rgb
from app.render.units import MM_PER_INCH, PRINT_DPI, PT_PER_INCH

# Roles fpdf2 draws as real text; others are rasterised per run.
_VECTOR_ROLES = ("text-regular", "text-bold", "display-bold")
_RASTER_PAD_PX = 2
ICON_ROLE = "icons"  # the trade icons: drawn as outlines
# Form XObjects are named far above fpdf2's own image numbers (/I1, /I2…).
_FORM_BASE = 100_000
_FORM_PAD = 4  # drawing units of slack around a form's box (ink overshoot)
PHOTO_JPEG_QUALITY = 85


def _rgb(colour: str | tuple) -> tuple[int, int, int]:
    return hex_to_rgb(colour) if isinstance(colour, str) else tuple(colour[:3])


def _pdf_can_draw(role: str, text: str) -> bool:
    """Tell whether fpdf2 can draw a run as vector text with the role's subset font."""
    cover = pdf_coverage(role)
    return all(ord(c) in cover for c in text)


class RasterCanvas:
    """Draw on a PIL RGB image in pixels."""

    def __init__(self, width: int, height: int, background: str) -> None:
        self.image = Image.new("RGB", (width, height), background)
        self.draw = ImageDraw.Draw(self.image)

    def rect(self, box: tuple[float, float, float, float], fill: str, radius: float = 0) -> None:
        """Fill a (rounded) rectangle given as (x0, y0, x1, y1)."""
        if radius:
            self.draw.rounded_rectangle(box, radius=radius, fill=fill)
        else:
            self.draw.rectangle(box, fill=fill)

    def text(self, layout: TextLayout, xy: tuple[float, float], colour: str) -> None:
        """Draw a fitted text layout with its box's top-left at xy."""
        draw_layout(self.image, layout, xy, colour)

    def image_at(self, img: Image.Image, xy: tuple[int, int]) -> None:
        """Paste an image (RGBA uses its alpha) at xy."""
        self.image.paste(img, xy, img if img.mode == "RGBA" else None)

    def scene(self, scene, xy: tuple[int, int]) -> None:
        """Draw a vector scene (a logo) at xy, rasterised at its own size."""
        self.image_at(scene.to_image(), xy)

    def qr(self, url: str, xy: tuple[int, int], side: int) -> int:
        """Draw a QR with whole-pixel modules at most side px wide; return its real width."""
        img = qr_image(url, target_px=side)
        self.image.paste(img, xy)
        return img.width


class PdfCanvas:
    """Draw on one fpdf2 page, taking pixel coordinates at a DPI."""

    def __init__(self, width_mm: float, height_mm: float, background: str, dpi: int = PRINT_DPI):
        self.dpi = dpi
        self.background = background
        self.k = MM_PER_INCH / dpi  # mm per px
        self.pdf = FPDF(unit="mm", format=(width_mm, height_mm))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(0, 0, 0)
        self.pdf.set_creator("Kit Usaha")
        self._fonts: set[str] = set()
        self._forms: dict[tuple, tuple[int | None, object]] = {}
        self.pdf.add_page()
        self.pdf.set_fill_color(*_rgb(background))
        self.pdf.rect(0, 0, width_mm, height_mm, style="F")

    def rect(self, box: tuple[float, float, float, float], fill: str, radius: float = 0) -> None:
        """Fill a (rounded) rectangle given in px as (x0, y0, x1, y1)."""
        x0, y0, x1, y1 = (v * self.k for v in box)
        self.pdf.set_fill_color(*_rgb(fill))
        self.pdf.rect(
            x0,
            y0,
            x1 - x0,
            y1 - y0,
            style="F",
            round_corners=bool(radius),
            corner_radius=radius * self.k,
        )

    def text(self, layout: TextLayout, xy: tuple[float, float], colour: str) -> None:
        """Draw a fitted layout: vector text for simple runs, raster tiles for the rest."""
        ox, oy = xy
        pt = layout.size * self.k / MM_PER_INCH * PT_PER_INCH
        self.pdf.set_text_color(*_rgb(colour))
        for line in layout.lines:
            pen = ox + line.x
            base = oy + line.baseline
            for role, run in segment(line.text, layout.role):
                m = run_metrics(role, layout.size, run)
                if run.strip():
                    if role in _VECTOR_ROLES and _pdf_can_draw(role, run):
                        if role not in self._fonts:  # add_font costs ms: only when used
                            add_pdf_font(self.pdf, role, pdf_font_path(role))
                            self._fonts.add(role)
                        self.pdf.set_font(role, size=pt)
                        self.pdf.text(pen * self.k, base * self.k, run)
                    elif role == ICON_ROLE or role.startswith("brand-"):
                        self._outline_run(role, run, layout.size, (pen, base), colour)
                    else:
                        self._raster_run(role, run, layout.size, pen, base, m, colour)
                pen += m.advance

    def _outline_run(self, role, run, size, origin, colour) -> None:
        """Draw a run as glyph outlines (the icons and the logos' brand fonts have no PDF font)."""
        from app.render.scene_pdf import ScenePainter

        ScenePainter(self, (0, 0), 1.0).line(run, role, size, origin, colour)

    def _raster_run(self, role, run, size, pen, base, m, colour) -> None:
        """Rasterise one run at the canvas DPI and place it as an image."""
        pad = _RASTER_PAD_PX
        w = int(m.right - min(0, m.left)) + 2 * pad
        top = int(-m.top) + pad
        h = top + int(m.bottom) + pad
        tile = Image.new("RGBA", (max(1, w), max(1, h)), (0, 0, 0, 0))
        x0 = pad - min(0, m.left)
        one = TextLayout(run, role, size, (w, h), (LaidLine(run, x0, top, (0, 0, w, h)),), False)
        draw_layout(tile, one, (0, 0), colour if role != EMOJI_ROLE else "black")
        buf = io.BytesIO()
        tile.save(buf, format="PNG", compress_level=1)
        self.pdf.image(
            buf, x=(pen - x0) * self.k, y=(base - top) * self.k, w=w * self.k, h=h * self.k
        )

    def image_at(self, img: Image.Image, xy: tuple[int, int]) -> None:
        """Place an image at xy px, one image pixel per canvas pixel (photos as JPEG)."""
        w, h = img.width * self.k, img.height * self.k
        x, y = xy[0] * self.k, xy[1] * self.k
        if img.mode == "RGBA" or img.info.get(PHOTO_INFO_KEY):
            # Photos go in as JPEG: fpdf2 embeds the bytes as they are (DCTDecode), where a
            # flate-compressed raster costs ~100 ms and several MB. An RGBA photo is laid
            # on the page colour first (rounded corners then keep their look on it).
            flat = img
            if img.mode == "RGBA":
                flat = Image.new("RGB", img.size, self.background)
                flat.paste(img, (0, 0), img)
            buf = io.BytesIO()
            flat.convert("RGB").save(buf, format="JPEG", quality=PHOTO_JPEG_QUALITY)
            self.pdf.image(buf, x=x, y=y, w=w, h=h)
        else:
            self.pdf.image(img, x=x, y=y, w=w, h=h)

    def scene(self, scene, xy: tuple[float, float], scale: float = 1.0) -> None:
        """Draw a vector scene (a logo) as paths and glyph outlines, top-left at xy px."""
        from app.render.scene_pdf import draw_scene

        draw_scene(self, scene, xy, scale)

    def qr(self, url: str, xy: tuple[int, int], side: int) -> int:
        """Draw a QR as vector squares (quiet zone included) side px wide; return side."""
        n, path = _qr_path(url)
        module = side * self.k / n
        x0, y0 = xy[0] * self.k, xy[1] * self.k
        self.pdf.set_fill_color(255, 255, 255)
        self.pdf.rect(x0, y0, side * self.k, side * self.k, style="F")
        # Runs of modules as one rectangle: no hairline seams between squares. All runs go
        # out as one filled path in module units, written once per code and placed by a
        # matrix: a hang-tag sheet repeats the same code on every tag.
        if path:
            k, top = self.pdf.k, self.pdf.h
            unit = module * k
            matrix = (unit, 0, 0, unit, x0 * k, (top - y0) * k)
            self.drawing(("qr", url), f"0 g {path} f", (0, -n, n, 0), matrix)
        return side

    def drawing(self, key: tuple, ops: str, bbox, matrix, keep: object = None) -> None:
        """Place a drawing (PDF operators in its own units) by a matrix. The drawing is
        written once per document as a form XObject and placed by name (inline where the
        fpdf2 in use has no form XObjects); keep holds what key's ids refer to."""
        m = " ".join(f"{v:.5f}".rstrip("0").rstrip(".") for v in matrix)
        index = self._form_index(key, ops, bbox, keep)
        if index is None:
            self.pdf._out(f"q {m} cm {ops} Q")  # noqa: SLF001 - no public raw-path call
            return
        self.pdf._out(f"q {m} cm /I{index} Do Q")  # noqa: SLF001
        self.pdf._resource_catalog.add(PDFResourceType.X_OBJECT, index, self.pdf.page)  # noqa: SLF001

    def _form_index(self, key: tuple, ops: str, bbox, keep: object) -> int | None:
        """Return the form XObject number of a drawing, registering it on first use."""
        if key in self._forms:
            return self._forms[key][0]
        catalog = getattr(self.pdf, "_resource_catalog", None)
        index = None
        if hasattr(catalog, "form_xobjects"):
            from fpdf.syntax import Name, PDFArray, PDFContentStream

            form = PDFContentStream(contents=ops.encode("latin-1"), compress=self.pdf.compress)
            form.type = Name("XObject")
            form.subtype = Name("Form")
            x0, y0, x1, y1 = bbox
            pad = _FORM_PAD
            form.b_box = PDFArray([x0 - pad, y0 - pad, x1 + pad, y1 + pad])
            form._registered = False  # noqa: SLF001 - fpdf2 adds it to the file when False
            index = _FORM_BASE + len(self._forms)
            catalog.form_xobjects.append((index, form))
        self._forms[key] = (index, keep)
        return index

    def output(self) -> bytes:
        """Return the PDF bytes."""
        return bytes(self.pdf.output())


@lru_cache(maxsize=64)
def _qr_path(url: str) -> tuple[int, str]:
    """Return a QR's width in modules and its dark runs as PDF rectangles in module units
    (y up from its top-left corner)."""
    matrix = qr_matrix(url, "M")
    runs = dark_runs(matrix)
    return len(matrix), " ".join(f"{start} {-r} {length} -1 re" for r, start, length in runs)
