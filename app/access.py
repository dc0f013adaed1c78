"""Who may see what: shared guards for the signed-in blueprints."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, redirect, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from app.extensions import db
from app.models import Business


def guard_blueprint(bp: Blueprint) -> None:
    """Require a signed-in user who has replaced any temporary password on every route."""

    @bp.before_request
    @login_required
    def require_login():
        if current_user.must_change_password:
            return redirect(url_for("auth.change_password"))
        return None


def get_business_or_404(business_id: uuid.UUID) -> Business:
    """Return a business the current user may see; 404 for everything else."""
    business = db.session.scalar(
        Business.visible_to(current_user).where(Business.id == business_id)
    )
    if business is None:
        abort(404)
    return business


def require_coordinator() -> None:
    """Refuse the request unless the user is a coordinator."""
    if not current_user.is_coordinator:
        abort(403)


def published_business_or_404(slug: str) -> Business:
    """Return the published business with this slug, or 404."""
    business = db.session.scalar(
        select(Business).where(Business.slug == slug, Business.published.is_(True))
    )
    if business is None:
        abort(404)
    return business
