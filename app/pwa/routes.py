"""Thin views: the web app manifest, the service worker at the site root, a CSRF token."""

from __future__ import annotations

from flask import current_app, jsonify, render_template, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf

from app.pwa import bp
from app.responses import ONE_HOUR_S, cache_for

ICON_SIZES = (192, 512)
THEME_COLOUR = "#173f35"
BACKGROUND = "#f6f4ef"


@bp.route("/manifest.webmanifest")
def manifest():
    """Describe the app to the phone so it can be installed on the home screen."""
    body = {
        "name": "Kit Usaha",
        "short_name": "Kit Usaha",
        "description": _("Catat usaha keluarga, buat kit dan ikuti langkahnya, juga tanpa sinyal."),
        "lang": "id",
        "start_url": url_for("mentor.index"),
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": THEME_COLOUR,
        "icons": [
            {
                "src": url_for("static", filename=f"icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in ICON_SIZES
        ],
    }
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    return cache_for(response, ONE_HOUR_S, public=True)


@bp.route("/sw.js")
def service_worker():
    """Serve the service worker from the root, so its scope is the whole app."""
    response = send_from_directory(
        current_app.static_folder, "sw.js", mimetype="text/javascript", max_age=0
    )
    response.headers["Cache-Control"] = "no-cache"  # a new version is picked up at once
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.route("/csrf")
@login_required
def csrf_token():
    """Return a fresh CSRF token for a submission waiting in the offline outbox."""
    response = jsonify({"csrf_token": generate_csrf(), "user": str(current_user.id)})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/offline")
def offline():
    """Say, in the user's language, that a page was never kept on the phone."""
    return render_template("pwa/offline.html")
