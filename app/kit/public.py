"""The public page's images: the wordmark and the link-preview picture (no login)."""

from __future__ import annotations

from flask import Blueprint, request, url_for

from app import kitweb
from app.access import published_business_or_404
from app.kit.routes import serve
from app.responses import ONE_HOUR_S, ONE_YEAR_S

bp = Blueprint("kit_public", __name__)

VERSIONED_MAX_AGE = ONE_YEAR_S  # the link carries the content key: safe to keep a year
UNVERSIONED_MAX_AGE = ONE_HOUR_S


def _serve_public(kit_file, name: str):
    versioned = request.args.get("v") == kit_file.key
    max_age = VERSIONED_MAX_AGE if versioned else UNVERSIONED_MAX_AGE
    return serve(kit_file, name, public=True, max_age=max_age)


@bp.route("/b/<slug>/logo.png")
def logo(slug: str):
    """Serve the small wordmark of a published business."""
    business = published_business_or_404(slug)
    return _serve_public(kitweb.web_logo(business), f"{slug}-logo.png")


@bp.route("/b/<slug>/og.jpg")
def og(slug: str):
    """Serve the link-preview picture of a published business."""
    business = published_business_or_404(slug)
    return _serve_public(kitweb.og_image(business), f"{slug}.jpg")


def public_image_url(business, kind: str) -> str:
    """Return the versioned URL of a public image (absolute for og, relative for the logo)."""
    kit_file = kitweb.web_logo(business) if kind == "logo" else kitweb.og_image(business)
    return url_for(f"kit_public.{kind}", slug=business.slug, v=kit_file.key)


@bp.app_template_global("kit_image_url")
def kit_image_url(business, kind: str, absolute: bool = False) -> str:
    """Return a public image URL for templates; absolute for Open Graph tags."""
    from flask import current_app

    path = public_image_url(business, kind)
    return f"{current_app.config['PUBLIC_BASE_URL']}{path}" if absolute else path
