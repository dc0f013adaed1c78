"""What the kit page says before anything prints: missing food fields and text that won't fit."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from app import printitems as print_items
from app import render
from app.filters import public_url
from app.kitfiles import KitOptions, business_spec, label_spec, product_kind
from app.models import Business, Product
from app.models.core import KIND_SERVICE


def label_result(business: Business, options: KitOptions) -> render.LabelResult:
    """Return what the label renderer decided (QR kept, missing food fields, warnings)."""
    return render.render_label_result(label_spec(business, options))


@dataclass
class ProductCheck:
    """What the kit page says about one product: its kind, what is missing, what won't fit."""

    product: Product
    kind: str
    missing: list[str]
    issues: list


@lru_cache(maxsize=512)
def _label_outcome(spec: render.LabelSpec) -> tuple[tuple[str, ...], tuple]:
    """Return a label's missing food fields and issues (specs are hashable; no image kept)."""
    result = render.render_label_result(spec)
    return tuple(result.missing_fields), tuple(result.issues)


@lru_cache(maxsize=256)
def _pamphlet_issues(
    spec: render.PamphletSpec, with_photo: bool, templates: tuple[tuple[str, str], ...]
) -> tuple:
    """Return what the square and story pamphlets cut; a stand-in photo keeps the layout."""
    photo = Image.new("RGB", (4, 3)) if with_photo else None
    return tuple(render.pamphlet_issues(dataclasses.replace(spec, photo=photo), dict(templates)))


def _cut(business: Business, options: KitOptions, spec) -> tuple:
    pamphlet = render.PamphletSpec(spec, qr_url=public_url(business.slug, "pamphlet"))
    chosen = tuple(
        (fmt, print_items.pamphlet_template(business, fmt)) for fmt in ("square", "story")
    )
    return _pamphlet_issues(pamphlet, any(p.photo for p in business.products), chosen)


def product_checks(business: Business, options: KitOptions) -> list[ProductCheck]:
    """Return, per product, the food-label fields still missing and the text that won't fit."""
    spec = business_spec(business, options, with_photos=False)
    cut = _cut(business, options, spec)
    checks = []
    for product in business.products:
        kind = product_kind(business, product)
        missing, issues = (), ()
        if kind != KIND_SERVICE:
            missing, issues = _label_outcome(label_spec(business, options, spec, str(product.id)))
        mine = [i for i in cut if i.subject.partition(":")[2] == product.name]
        checks.append(ProductCheck(product, kind, list(missing), [*issues, *mine]))
    return checks


def pamphlet_checks(business: Business, options: KitOptions) -> list:
    """Return the pamphlet issues that concern no single product (name, tagline, calls)."""
    cut = _cut(business, options, business_spec(business, options, with_photos=False))
    return [i for i in cut if ":" not in i.subject]
