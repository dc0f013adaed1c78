"""Product posts (1080×1350, Instagram portrait) and status images (1080×1920), one per product."""

from __future__ import annotations

from PIL import Image, ImageDraw

from app.render.canvas import RasterCanvas
from app.render.formatting import phone_local, price_label
from app.render.items import ItemSpec, draw_stamp, logo_image
from app.render.logos import desa, icon_char
from app.render.photo import prepare_photo
from app.render.png import png_bytes
from app.render.spec import ProductSpec
from app.render.text import fit_text
from app.render.theme import Theme, get_theme

POST_SIZE = (1080, 1350)
STATUS_SIZE = (1080, 1920)
MARGIN = 64
MIN_TEXT_PX = 30  # smallest text on a phone-sized image
# Stories: the apps draw their bars over the top 14 % and bottom 20 %.
STORY_TOP_SHARE = 0.14
STORY_BOTTOM_SHARE = 0.20
PHOTO_SHARE = {"post": 0.56, "status": 0.36}
STAMP_PX = 72
LOGO_PAD = 18  # the white pill around the logo
POST_LOGO_BOX = (360, 110)  # the logo's most size on a post
STATUS_LOGO_W = 560
STATUS_LOGO_CLEAR = 40  # kept free above and below the logo in the status's top bar
NAME_BLOCK_SHARE = 0.38  # of the text area under the photo: the product name…
NAME_MAX_PX = 96
NAME_GAP = 8
PRICE_BLOCK_SHARE = 0.2  # …its price pill…
PRICE_MAX_PX = 84
PILL_PAD_X, PILL_PAD_Y = 30, 12
PRICE_GAP = 16
CTA_MAX_PX = 56  # …and the call, with the number under it


def _no_photo_art(t: Theme, icon: str, w: int, h: int) -> Image.Image:
    """Return the photo stand-in: theme surface with the trade's icon, not an empty band."""
    img = Image.new("RGB", (w, h), t.surface)
    draw = ImageDraw.Draw(img)
    # A soft ring pattern in the primary colour keeps the area from reading as blank.
    step = 120
    for y in range(-step, h + step, step):
        for x in range(-step, w + step, step):
            off = step // 2 if (y // step) % 2 else 0
            draw.ellipse((x + off - 10, y - 10, x + off + 10, y + 10), fill=t.background)
    side = round(min(w, h) * 0.62)
    lay = fit_text(
        icon_char(icon),
        side,
        side,
        "icons",
        max_size=side,
        min_size=40,
        max_lines=1,
        align="center",
        valign="middle",
    )
    canvas = RasterCanvas(1, 1, "white")
    canvas.image = img
    canvas.text(lay, ((w - side) // 2, (h - side) // 2), t.primary)
    return img


def _logo_pill(c, spec: ItemSpec, kind: str, w: int, top: int) -> None:
    """Put the logo on a white pill: over the photo's corner on a post, in the top bar on a
    status (the apps' bars may cover it there, and nothing else needs reading)."""
    pad = LOGO_PAD
    if kind == "post":
        logo = logo_image(spec, POST_LOGO_BOX[0], POST_LOGO_BOX[1])
        lx, ly = MARGIN, MARGIN // 2
    else:
        logo = logo_image(spec, STATUS_LOGO_W, top - 2 * pad - STATUS_LOGO_CLEAR)
        lx, ly = (w - logo.width) // 2, (top - logo.height) // 2
    pill = (lx - pad, ly - pad, lx + logo.width + pad, ly + logo.height + pad)
    c.rect(pill, "#FFFFFF", radius=pad * 2)
    c.image_at(logo, (lx, ly))


def _price_pill(c, t: Theme, product: ProductSpec, y: int, avail: int) -> int:
    """Draw the price in an accent pill at y; return the height it took (0 without price)."""
    price = price_label(product.price_idr, product.unit)
    if not price:
        return 0
    inner = c.image.width - 2 * MARGIN
    price_h = round(avail * PRICE_BLOCK_SHARE)
    lay = fit_text(
        price,
        inner - 2 * PILL_PAD_X,
        price_h - 2 * PILL_PAD_Y,
        "display-bold",
        max_size=PRICE_MAX_PX,
        min_size=MIN_TEXT_PX,
        max_lines=1,
        valign="middle",
    )
    x1 = MARGIN + lay.bbox[2] + 2 * PILL_PAD_X
    c.rect((MARGIN, y, x1, y + price_h), t.accent, radius=price_h // 2)
    c.text(lay, (MARGIN + PILL_PAD_X, y + PILL_PAD_Y), t.on_accent)
    return price_h + PRICE_GAP


def _calls(c, spec: ItemSpec, t: Theme, y: int, bottom: int) -> None:
    """Draw how to order and the WhatsApp number between y and bottom, the stamp at bottom."""
    b = spec.business
    inner = c.image.width - 2 * MARGIN
    phone = phone_local(b.whatsapp)
    rest = bottom - y - MARGIN // 2
    stamp_h = STAMP_PX if spec.stamp else 0
    cta_h = (rest - stamp_h) // 2 if phone else rest - stamp_h
    lay = fit_text(
        b.cta,
        inner,
        cta_h,
        "text-bold",
        max_size=CTA_MAX_PX,
        min_size=MIN_TEXT_PX,
        max_lines=2,
        valign="middle",
    )
    c.text(lay, (MARGIN, y), t.primary)
    if phone:
        _phone_line(c, phone, (MARGIN, y + cta_h), inner, cta_h, t)
    draw_stamp(c, (0, bottom - stamp_h, c.image.width, bottom), spec.stamp)


def _render(spec: ItemSpec, product: ProductSpec, kind: str) -> Image.Image:
    t = get_theme(spec.business.theme)
    w, h = POST_SIZE if kind == "post" else STATUS_SIZE
    c = RasterCanvas(w, h, t.background)
    top = round(h * STORY_TOP_SHARE) if kind == "status" else 0
    bottom = h - (round(h * STORY_BOTTOM_SHARE) if kind == "status" else 0)
    if kind == "status":
        # The bars' areas get colour and the logo only: nothing that must be read.
        c.rect((0, 0, w, top), t.primary)
        c.rect((0, bottom, w, h), t.primary)
    photo_h = round(h * PHOTO_SHARE[kind])
    if product.photo is not None:
        art = prepare_photo(product.photo, w, photo_h)
    else:
        art = _no_photo_art(t, spec.icon, w, photo_h)
    c.image_at(art, (0, top))
    _logo_pill(c, spec, kind, w, top)
    if kind == "status":
        _status_footer(c, spec, t, w, bottom, h)
    y = top + photo_h + MARGIN // 2
    avail = bottom - y - MARGIN // 2
    name_h = round(avail * NAME_BLOCK_SHARE)
    name = fit_text(
        product.name,
        w - 2 * MARGIN,
        name_h,
        "display-bold",
        max_size=NAME_MAX_PX,
        min_size=MIN_TEXT_PX,
        max_lines=3,
        valign="middle",
        line_height=1.1,
    )
    c.text(name, (MARGIN, y), t.text)
    y += name_h + NAME_GAP
    y += _price_pill(c, t, product, y, avail)
    _calls(c, spec, t, y, bottom)
    return c.image


def _status_footer(c: RasterCanvas, spec: ItemSpec, t: Theme, w: int, y0: int, h: int) -> None:
    """Fill the bottom bar of a status with the desa and trade (nothing that must be read)."""
    b = spec.business
    line = " · ".join(x for x in (spec.trade_name, desa(b.village)) if x)
    if not line:
        line = b.display_name
    band = h - y0
    lay = fit_text(
        line,
        w - 2 * MARGIN,
        band // 3,
        "text-bold",
        max_size=44,
        min_size=MIN_TEXT_PX,
        max_lines=1,
        align="center",
        valign="middle",
    )
    c.text(lay, (MARGIN, y0 + band // 3), t.on_primary)
    # A row of the trade's icon under it: texture, so the bar is not a flat block.
    size = 56
    icon = fit_text(
        icon_char(spec.icon),
        size,
        size,
        "icons",
        max_size=size,
        min_size=20,
        max_lines=1,
        align="center",
        valign="middle",
    )
    step = size * 2
    for x in range(MARGIN, w - MARGIN, step):
        c.text(icon, (x + (step - size) // 2 - size // 2, y0 + band * 2 // 3), t.accent)


def _phone_line(c: RasterCanvas, phone: str, xy, width: int, height: int, t: Theme) -> None:
    x, y = xy
    icon = fit_text(
        icon_char("brand-whatsapp"),
        height,
        height,
        "icons",
        max_size=round(height * 0.8),
        min_size=MIN_TEXT_PX,
        max_lines=1,
        valign="middle",
    )
    c.text(icon, (x, y), t.primary)
    lay = fit_text(
        phone,
        width - height - 12,
        height,
        "display-bold",
        max_size=72,
        min_size=MIN_TEXT_PX,
        max_lines=1,
        valign="middle",
    )
    c.text(lay, (x + height + 12, y), t.text)


def render_post(spec: ItemSpec, index: int, kind: str = "post") -> Image.Image:
    """Render the post ("post", 1080×1350) or status ("status", 1080×1920) of one product."""
    return _render(spec, spec.products[index], kind)


def post_png(spec: ItemSpec, index: int, kind: str = "post") -> bytes:
    """Render a product's post or status image as PNG bytes."""
    image = render_post(spec, index, kind)
    # A post with a product photo is mostly photo: straight to the filtered encoding.
    return png_bytes(image, photo=spec.products[index].photo is not None)
