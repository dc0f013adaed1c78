"""Files beside the kit: the public page's logo and preview picture, every template's pamphlet."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from app import printitems as print_items
from app.filecache import cache_key, cached_path
from app.kitfiles import (
    EXTRA_FILE_NAMES,
    JPEG,
    KIT_FILE_NAMES,
    PDF,
    PNG,
    KitFile,
    KitOptions,
    business_spec,
    data_fingerprint,
    kit_files,
    kit_zip_file,
    pamphlet_inputs,
)
from app.models import Business
from app.render.pamphlet import TEMPLATES, pamphlet_a5_pdf, pamphlet_a5_png, pamphlet_png

WEB_LOGO_HEIGHT_PX = 96  # shown 48 px high on the public page: sharp on 2x screens
OG_IMAGE_PX = 600  # WhatsApp previews want a small square picture under ~300 KB
OG_JPEG_QUALITY = 80
THUMB_W = 216  # gallery thumbnails on the kit page: 108 css px on 2x screens


def web_logo(business: Business) -> KitFile:
    """Return the business's chosen logo, small, for the public page."""
    spec = business_spec(business, KitOptions(), with_photos=False)
    inputs = {**print_items.logo_key(business, spec), "h": WEB_LOGO_HEIGHT_PX}

    def make() -> bytes:
        image = Image.open(
            io.BytesIO(print_items.logo_png_bytes(business, spec, None, WEB_LOGO_HEIGHT_PX))
        )
        buffer = io.BytesIO()
        # A palette PNG: the logo is a few flat colours, a tenth of the RGBA size.
        image.quantize(64, method=Image.Quantize.FASTOCTREE).save(
            buffer, format="PNG", optimize=True
        )
        return buffer.getvalue()

    key = cache_key("logo-web", inputs, data_fingerprint())
    return KitFile("logo-web.png", key, PNG, ".png", make, owner=str(business.id))


def og_image(business: Business) -> KitFile:
    """Return the link-preview picture: the square pamphlet, small, as JPEG."""
    square = kit_files(business, only={"pamphlet-square.png"})["pamphlet-square.png"]

    def make() -> bytes:
        with Image.open(square.path()) as image:
            small = image.convert("RGB").resize(
                (OG_IMAGE_PX, OG_IMAGE_PX), Image.Resampling.LANCZOS
            )
        buffer = io.BytesIO()
        small.save(buffer, format="JPEG", quality=OG_JPEG_QUALITY, optimize=True, progressive=True)
        return buffer.getvalue()

    return KitFile(
        "og.jpg", cache_key("og", square.key), JPEG, ".jpg", make, owner=str(business.id)
    )


def template_files(business: Business) -> dict[str, KitFile]:
    """Return every template's pamphlet: pamphlet-<format>-<id>.png, the A5 as PDF and PNG."""
    options = KitOptions()
    inputs, full = pamphlet_inputs(business, options, business_spec(business, options, False))
    base = data_fingerprint()
    owner = str(business.id)
    files = {}

    def add(name, mimetype, suffix, tid, make):
        key = cache_key(name, {**inputs, "template": tid}, base)
        files[name] = KitFile(name, key, mimetype, suffix, make, owner=owner)

    for fmt in ("square", "story"):
        for tid in TEMPLATES[fmt]:
            add(
                f"pamphlet-{fmt}-{tid}.png",
                PNG,
                ".png",
                tid,
                lambda fmt=fmt, tid=tid: pamphlet_png(full(), fmt, tid),
            )
    for tid in TEMPLATES["a5"]:
        add(
            f"pamphlet-a5-{tid}.pdf",
            PDF,
            ".pdf",
            tid,
            lambda tid=tid: pamphlet_a5_pdf(full(), template=tid),
        )
        add(
            f"pamphlet-a5-{tid}.png", PNG, ".png", tid, lambda tid=tid: pamphlet_a5_png(full(), tid)
        )
    return files


def template_thumb(business: Business, fmt: str, tid: str) -> KitFile:
    """Return a small preview of the business's pamphlet in one template (kit page gallery)."""
    source = template_files(business)[f"pamphlet-{fmt}-{tid}.png"]  # the A5: its preview

    def make() -> bytes:
        with Image.open(source.path()) as image:
            h = round(image.height * THUMB_W / image.width)
            small = image.convert("RGB").resize((THUMB_W, h), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        small.save(buffer, format="JPEG", quality=OG_JPEG_QUALITY, optimize=True)
        return buffer.getvalue()

    key = cache_key("thumb", source.key, THUMB_W)
    return KitFile("thumb.jpg", key, JPEG, ".jpg", make, owner=str(business.id))


def rendered_paths(business: Business) -> list[Path]:
    """Return the cached files the business's current record renders (default options).

    What `kit prune` keeps; variants rendered with other designer options are rebuilt on
    demand, and a family's deletion removes its whole folder.
    """
    kit = kit_files(business)
    members = [kit[name] for name in (*KIT_FILE_NAMES, *EXTRA_FILE_NAMES)]
    files = [*kit.values(), web_logo(business), og_image(business)]
    files.append(kit_zip_file(business, members))
    return [cached_path(f.root, f.key, f.suffix) for f in files]
