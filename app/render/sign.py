"""QR stall sign (A6 or A5 PDF): wordmark, a large QR, the trade's "scan to…" line, the number.

With a confirmed QRIS the sign carries two QRs side by side, each in its own labelled
panel of a different colour so they cannot be mistaken: "Pesan / lihat menu" (the page)
and "Bayar dengan QRIS" (payment, with the merchant name under it to check in the app):
the first filled with the theme's colour, the second only framed.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.render.canvas import PdfCanvas
from app.render.formatting import phone_local
from app.render.pamphlet import BASE_W, GAP_MIN, SAFE_MM, _Frame, _header, _header_h
from app.render.qr import MIN_MODULE_MM, module_size_mm
from app.render.rules import MIN_TEXT_MM
from app.render.spec import SignSpec
from app.render.stamp import stamp_band_h, stamp_canvas
from app.render.text import TextLayout, fit_text
from app.render.theme import Theme, get_theme
from app.render.units import PRINT_DPI, mm_to_px, mm_to_px_f, px_to_mm

SIGN_SIZES_MM = {"A6": (105.0, 148.0), "A5": (148.0, 210.0)}
CTA_SHARE = 0.12  # call-to-action height as a share of the page height
CONTACT_SHARE = 0.075  # the WhatsApp number: the second thing read from a step away
CTA_MAX = 120  # px at 1080 wide
CONTACT_MAX = 96
ONE_LINE_MIN_SHARE = 0.8  # the CTA takes one line when that keeps this share of its size
# Two-QR sign: panel heading and caption heights as shares of the page height.
ORDER_LABEL = "Pesan /\nlihat menu"  # two lines where the words belong together
PAY_LABEL = "Bayar dengan\nQRIS"
BAND_SHARE = 0.11  # the heading band on top of each panel (two lines at most)
CAPTION_SHARE = 0.08  # the lines under each QR: the trade's "scan to…", the merchant name
PANEL_BORDER = 10  # px at 1080 wide: the panel's coloured frame around its QR
PANEL_RADIUS = 24


def qr_sign_pdf(spec: SignSpec, size: str = "A6") -> bytes:
    """Render a printable stall sign with a large QR (and the QRIS when confirmed) as PDF bytes."""
    if spec.qris_payload:
        return _two_qr_sign(spec, size)
    c, f, t = _page(spec, size)
    w, h, floor = f.w, f.h, f.min_text
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
    _qr_checked(c, f, spec.qr_url, ((w - qr_side) // 2, y), qr_side)
    y += qr_side + gap
    cta = _cta_layout(spec.cta, content_w, cta_h, f.px(CTA_MAX), floor)
    f.put(c, cta, (f.inset, y), t.primary, "cta")
    if contact:
        _contact(c, f, t, contact, (f.inset, y + cta_h, content_w, contact_h))
    stamp_canvas(c, spec.stamp, f.qr_boxes)
    return c.output()


def _page(spec: SignSpec, size: str) -> tuple[PdfCanvas, _Frame, Theme]:
    """Return the sign's canvas, its frame (smallest text size included) and theme."""
    w_mm, h_mm = SIGN_SIZES_MM[size]
    t = get_theme(spec.business.theme)
    c = PdfCanvas(w_mm, h_mm, t.background, PRINT_DPI)
    w, h = mm_to_px(w_mm), mm_to_px(h_mm)
    floor = round(mm_to_px_f(MIN_TEXT_MM["sign"]))
    return c, _Frame(w, h, mm_to_px(SAFE_MM), w / BASE_W, "sign", floor), t


def _centred(text: str, w: int, h: int, font: str, size: int, floor: int, lines: int) -> TextLayout:
    """Return a text layout centred in a w × h box, from size down to floor, in lines at most."""
    return fit_text(text, w, h, font, size, floor, max_lines=lines, align="center", valign="middle")


def _cta_layout(cta: str, w: int, h: int, size: int, floor: int) -> TextLayout:
    """Return the call to action's layout: one line when that keeps most of its size."""
    lay = _centred(cta, w, h, "display-bold", size, floor, 2)
    # One line reads better from a step away, unless it costs a fifth of the size.
    one = _centred(cta, w, h, "display-bold", lay.size, floor, 1)
    if not one.truncated and one.size >= lay.size * ONE_LINE_MIN_SHARE:
        return one
    return lay


def _qr_checked(c: PdfCanvas, f: _Frame, data: str, at: tuple[int, int], side: int) -> None:
    """Draw a QR, refusing one whose modules are too small to scan."""
    f.qr(c, data, at, side)
    if module_size_mm(data, px_to_mm(side)) < MIN_MODULE_MM:
        # Cannot happen at A6 and up: a page URL is short and a QRIS is ≤ 512 chars.
        raise ValueError("sign too small for a scannable QR")


def _contact(c: PdfCanvas, f: _Frame, t: Theme, contact: str, box: tuple[int, ...]) -> None:
    """Draw the WhatsApp number centred in a box (x, y, width, height)."""
    x, y, w, h = box
    info = _centred(f"WA {contact}", w, h, "text-bold", f.px(CONTACT_MAX), f.min_text, 1)
    f.put(c, info, (x, y), t.text, "whatsapp")


def _two_qr_sign(spec: SignSpec, size: str) -> bytes:
    """Render the sign with the page QR and the QRIS side by side, each labelled."""
    c, f, t = _page(spec, size)
    w, h, floor = f.w, f.h, f.min_text
    gap, border = f.px(GAP_MIN), max(1, f.px(PANEL_BORDER))
    col_w = (w - 2 * f.inset - gap) // 2
    band_h, caption_h = round(h * BAND_SHARE), round(h * CAPTION_SHARE)
    top = max(f.inset, stamp_band_h(w, h) + gap) if spec.stamp else f.inset
    contact = phone_local(spec.business.whatsapp)
    contact_h = round(h * CONTACT_SHARE) if contact else 0
    room = h - f.inset - top - _header_h(f, spec) - 2 * gap - contact_h
    qr_side = min(col_w - 2 * border, room - band_h - caption_h - border)
    panel_h = band_h + qr_side + caption_h + border
    # What the QRs cannot use (each is as wide as its column) centres the stack.
    y = _header(c, f, spec, t, top + (room - panel_h) // 2) + gap
    heads = [
        _centred(text, col_w - 4 * border, band_h, "display-bold", band_h, floor, 2)
        for text in (ORDER_LABEL, PAY_LABEL)
    ]
    # One size for both headings: neither shouts louder.
    box = _PanelBox(col_w, band_h, qr_side, caption_h, border, min(lay.size for lay in heads))
    # The order panel is filled with the theme's colour, the payment panel only framed in
    # the text colour: told apart by shape as well as words, whatever the theme.
    panels = [
        (ORDER_LABEL, spec.qr_url, spec.cta, t.primary, t.primary, t.on_primary, "order"),
        (PAY_LABEL, spec.qris_payload, spec.qris_merchant, t.text, t.background, t.text, "qris"),
    ]
    for i, panel in enumerate(panels):
        _panel(c, f, t, box, (f.inset + i * (col_w + gap), y), panel)
    if contact:
        _contact(c, f, t, contact, (f.inset, y + box.h + gap, w - 2 * f.inset, contact_h))
    stamp_canvas(c, spec.stamp, f.qr_boxes)
    return c.output()


@dataclass(frozen=True)
class _PanelBox:
    """The sizes shared by both panels of the two-QR sign, in px."""

    w: int
    band_h: int
    qr_side: int
    caption_h: int
    border: int
    head_size: int

    @property
    def h(self) -> int:
        """Return the panel's height: heading band, QR, caption and the bottom border."""
        return self.band_h + self.qr_side + self.caption_h + self.border


def _panel(c: PdfCanvas, f: _Frame, t: Theme, box: _PanelBox, at: tuple[int, int], panel) -> None:
    """Draw one labelled panel: its frame, heading band, QR and caption."""
    label, data, caption, frame, band, on_band, subject = panel
    (x, y), b = at, box.border
    c.rect((x, y, x + box.w, y + box.h), frame, radius=f.px(PANEL_RADIUS))
    c.rect((x + b, y + b, x + box.w - b, y + box.band_h), band)
    c.rect((x + b, y + box.band_h + box.qr_side, x + box.w - b, y + box.h - b), t.background)
    head = _centred(label, box.w - 4 * b, box.band_h, "display-bold", box.head_size, f.min_text, 2)
    f.put(c, head, (x + 2 * b, y), on_band, f"{subject}-label")
    _qr_checked(c, f, data, (x + (box.w - box.qr_side) // 2, y + box.band_h), box.qr_side)
    info = _centred(
        caption, box.w - 4 * b, box.caption_h, "text-bold", f.px(CONTACT_MAX), f.min_text, 2
    )
    f.put(c, info, (x + 2 * b, y + box.band_h + box.qr_side), t.text, f"{subject}-caption")
