"""Kit Usaha: the application factory."""

from __future__ import annotations

import uuid
from pathlib import Path

from flask import Flask, has_request_context, request, session

from app.config import ROOT, from_environment
from app.extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the Kit Usaha application."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "app" / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(from_environment(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)

    if app.config.get("PROXY_FIX_HOPS"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_FIX_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    _init_extensions(app)
    _load_toolkits(app)

    from app import audit, crypto, filters, idempotency, security

    crypto.init_app(app)
    audit.init_app(app)
    filters.init_app(app)
    security.init_app(app)
    idempotency.init_app(app)

    _register_blueprints(app)

    if not app.testing:
        from app.pageviews import flush_views_at_exit

        flush_views_at_exit(app)

    from app import cli, errors, ops, transaction

    transaction.init_app(app)
    errors.init_app(app)
    ops.init_app(app)
    cli.init_app(app)
    return app


def _register_blueprints(app: Flask) -> None:
    """Register every blueprint, in the order their routes are matched."""
    from app.account import bp as account_bp
    from app.auth import bp as auth_bp
    from app.kit import bp as kit_bp
    from app.kit.public import bp as kit_public_bp
    from app.mentor import bp as mentor_bp
    from app.program import bp as program_bp
    from app.public import bp as public_bp
    from app.pwa import bp as pwa_bp
    from app.storefront import bp as family_bp
    from app.storefront import mentor_bp as storefront_bp
    from app.toolkits import bp as toolkits_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(mentor_bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(toolkits_bp)
    app.register_blueprint(program_bp)
    app.register_blueprint(kit_bp)
    app.register_blueprint(kit_public_bp)
    app.register_blueprint(pwa_bp)
    app.register_blueprint(family_bp)
    app.register_blueprint(storefront_bp)


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "basic"
    babel.init_app(
        app,
        locale_selector=_select_locale,
        default_translation_directories=str(ROOT / "app" / "translations"),
    )

    @login_manager.user_loader
    def load_user(identity: str):
        from app.models import User

        user_id, _, version = identity.partition(":")
        try:
            user = db.session.get(User, uuid.UUID(user_id))
        except ValueError:
            return None
        if user is None or not user.active or str(user.session_version) != version:
            return None
        return user


def _select_locale() -> str:
    if not has_request_context():  # CLI commands speak Indonesian
        return "id"
    chosen = request.args.get("lang") or session.get("lang")
    return chosen if chosen in ("id", "en") else "id"


def _load_toolkits(app: Flask) -> None:
    """Load and validate the toolkits/ data once; a broken file stops the start-up."""
    from app.checklists import load_toolkits
    from app.render.data import set_data_dir

    app.extensions["toolkits"] = load_toolkits(Path(app.config["TOOLKITS_DIR"]))
    set_data_dir(app.config["TOOLKITS_DIR"])
