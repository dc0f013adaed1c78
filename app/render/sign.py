"""QR stall sign (A6 or A5 PDF): wordmark, a large QR and a call to action."""

from __future__ import annotations

from app.render.canvas import PdfCanvas
from app.render.formatting import phone_local
from app.render.pamphlet import BASE_W, GAP, SAFE_MM, _Frame, _header
from app.render.qr import MIN_MODULE_MM, module_size_mm
from app.render.spec import SignSpec
from app.render.text import fit_text
from app.render.theme import get_theme
from app.render.units import PRINT_DPI, mm_to_px, px_to_mm

SIGN_SIZES_MM = {"A6": (105.0, 148.0), "A5": (148.0, 210.0)}
CTA_SHARE = 0.13  # call-to-action height as a share of the page height
CONTACT_SHARE = 0.06
CTA_MAX_PX = 110
CONTACT_MAX_PX = 60
MIN_TEXT_PX = 24  # ~6 pt at 300 dpi


def qr_sign_pdf(spec: SignSpec, size: str = "A6") -> bytes:
    """Render a printable stall sign with a large QR as PDF bytes."""
    w_mm, h_mm = SIGN_SIZES_MM[size]
    t = get_theme(spec.business.theme)
    c = PdfCanvas(w_mm, h_mm, t.background, PRINT_DPI)
    w, h = mm_to_px(w_mm), mm_to_px(h_mm)
    f = _Frame(w, h, mm_to_px(SAFE_MM), w / BASE_W)
    y = _header(c, f, spec, t, f.inset)
    content_w = w - 2 * f.inset
    cta_h = round(h * CTA_SHARE)
    contact = phone_local(spec.business.whatsapp)
    contact_h = round(h * CONTACT_SHARE) if contact else 0
    bottom = h - f.inset
    qr_side = min(content_w, bottom - y - cta_h - contact_h - f.px(GAP))
    qr_x = (w - qr_side) // 2
    c.qr(spec.qr_url, (qr_x, y), qr_side)
    if module_size_mm(spec.qr_url, px_to_mm(qr_side)) < MIN_MODULE_MM:
        raise ValueError("sign too small for a scannable QR")  # cannot happen at A6 and up
    y += qr_side + f.px(GAP)
    lay = fit_text(
        spec.cta,
        content_w,
        cta_h,
        "display-bold",
        f.px(CTA_MAX_PX),
        MIN_TEXT_PX,
        max_lines=2,
        align="center",
        valign="middle",
    )
    c.text(lay, (f.inset, y), t.primary)
    if contact:
        info = fit_text(
            f"WA {contact}",
            content_w,
            contact_h,
            "text-bold",
            f.px(CONTACT_MAX_PX),
            MIN_TEXT_PX,
            max_lines=1,
            align="center",
            valign="middle",
        )
        c.text(info, (f.inset, bottom - contact_h), t.text)
    return c.output()
