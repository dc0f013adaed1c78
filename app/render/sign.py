"""QR stall sign (A6 or A5 PDF): wordmark, a large QR, the trade's "scan to…" line, the number."""

from __future__ import annotations

from app.render.canvas import PdfCanvas
from app.render.formatting import phone_local
from app.render.pamphlet import BASE_W, GAP_MIN, SAFE_MM, _Frame, _header, _header_h
from app.render.qr import MIN_MODULE_MM, module_size_mm
from app.render.rules import MIN_TEXT_MM
from app.render.spec import SignSpec
from app.render.stamp import stamp_band_h, stamp_canvas
from app.render.text import TextLayout, fit_text
from app.render.theme import get_theme
from app.render.units import PRINT_DPI, mm_to_px, mm_to_px_f, px_to_mm

SIGN_SIZES_MM = {"A6": (105.0, 148.0), "A5": (148.0, 210.0)}
CTA_SHARE = 0.12  # call-to-action height as a share of the page height
CONTACT_SHARE = 0.075  # the WhatsApp number: the second thing read from a step away
CTA_MAX = 120  # px at 1080 wide
CONTACT_MAX = 96
ONE_LINE_MIN_SHARE = 0.8  # the CTA takes one line when that keeps this share of its size
_CENTRED = {"align": "center", "valign": "middle"}


def _cta(text: str, box: tuple[int, int], max_px: int, floor: int) -> TextLayout:
    """Fit the call to action: on one line when that keeps most of its size, else two."""
    lay = fit_text(text, *box, "display-bold", max_px, floor, max_lines=2, **_CENTRED)
    # One line reads better from a step away, unless it costs a fifth of the size.
    one = fit_text(text, *box, "display-bold", lay.size, floor, max_lines=1, **_CENTRED)
    return one if not one.truncated and one.size >= lay.size * ONE_LINE_MIN_SHARE else lay


def qr_sign_pdf(spec: SignSpec, size: str = "A6") -> bytes:
    """Render a printable stall sign with a large QR as PDF bytes."""
    w_mm, h_mm = SIGN_SIZES_MM[size]
    t = get_theme(spec.business.theme)
    c = PdfCanvas(w_mm, h_mm, t.background, PRINT_DPI)
    w, h = mm_to_px(w_mm), mm_to_px(h_mm)
    floor = round(mm_to_px_f(MIN_TEXT_MM["sign"]))
    f = _Frame(w, h, mm_to_px(SAFE_MM), w / BASE_W, "sign", floor)
    gap = f.px(GAP_MIN)
    content_w = w - 2 * f.inset
    cta_h = round(h * CTA_SHARE)
    contact = phone_local(spec.business.whatsapp)
    contact_h = round(h * CONTACT_SHARE) if contact else 0
    bottom = h - f.inset
    # A sample keeps its red band clear of the name: the stack starts below it.
    top = max(f.inset, stamp_band_h(w, h) + gap) if spec.stamp else f.inset
    qr_side = min(content_w, bottom - top - _header_h(f, spec) - cta_h - contact_h - 2 * gap)
    # What the QR cannot use (it is as wide as the page allows) centres the stack.
    spare = bottom - top - _header_h(f, spec) - qr_side - cta_h - contact_h - 2 * gap
    y = _header(c, f, spec, t, top + spare // 2) + gap
    f.qr(c, spec.qr_url, ((w - qr_side) // 2, y), qr_side)
    if module_size_mm(spec.qr_url, px_to_mm(qr_side)) < MIN_MODULE_MM:
        raise ValueError("sign too small for a scannable QR")  # cannot happen at A6 and up
    y += qr_side + gap
    lay = _cta(spec.cta, (content_w, cta_h), f.px(CTA_MAX), floor)
    f.put(c, lay, (f.inset, y), t.primary, "cta")
    if contact:
        info = fit_text(
            f"WA {contact}",
            content_w,
            contact_h,
            "text-bold",
            f.px(CONTACT_MAX),
            floor,
            max_lines=1,
            **_CENTRED,
        )
        f.put(c, info, (f.inset, y + cta_h), t.text, "whatsapp")
    stamp_canvas(c, spec.stamp, f.qr_boxes)
    return c.output()
