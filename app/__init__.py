"""Kit Usaha: the application factory."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from flask import Flask, has_request_context, request, session

from app.config import ROOT, from_environment
from app.extensions import babel, csrf, db, limiter, login_manager, migrate


class KitUsaha(Flask):
    """Flask, remembering which hooks and views are plain functions.

    Flask asks `inspect.iscoroutinefunction` of every hook and view on every request (a
    dozen times a page); the answer never changes for a function.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._sync: dict = {}

    def ensure_sync(self, func):
        """Return func callable without an event loop, decided once per function."""
        found = self._sync.get(func)
        if found is None:
            found = self._sync[func] = super().ensure_sync(func)
        return found


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the Kit Usaha application."""
    with _start_up():
        return _create_app(test_config)


# Whether this process's start-up objects are frozen already (the first create_app).
_frozen = False


@contextmanager
def _start_up():
    """Run the app factory without the cyclic garbage collector; freeze what the first made.

    The factory imports most of the app and its libraries (~200,000 objects the collector
    tracks, none of them garbage): it would walk them in some 200 collections, 0.15 s of
    start-up. Frozen (gc.freeze) once built, they are out of every later collection's sight:
    a process no longer walks them in each full collection (0.4 s of the 28 s of CPU of
    `kit build --all`), and a forked worker (gunicorn's preload, `kit build`'s pool) leaves
    their memory shared with its parent.
    """
    global _frozen
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not _frozen:
            gc.freeze()
            _frozen = True
        if was_enabled:
            gc.enable()


def _create_app(test_config: dict | None) -> Flask:
    app = KitUsaha(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "app" / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(from_environment(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)

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
    _wrap_wsgi(app)
    return app


def _wrap_wsgi(app: Flask) -> None:
    """Put the public pages' fast path, then the proxy headers' reader, in front of the app."""
    from app.public import fast

    fast.install(app)  # inside ProxyFix: it sees the scheme the visitor used
    if app.config.get("PROXY_FIX_HOPS"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["PROXY_FIX_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


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
    _check_csrf_on_writes_only(app)
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

    from app import identity

    identity.init_app(app)


def _check_csrf_on_writes_only(app: Flask) -> None:
    """Replace Flask-WTF's check with the same one asked only of the methods it guards.

    Flask-WTF looks the view's exemption up before it looks at the method: work on every
    GET for nothing. The order of checks is all that changes; WTF_CSRF_CHECK_DEFAULT off
    keeps its own hook from running twice.
    """
    hooks = app.before_request_funcs.setdefault(None, [])
    position = len(hooks) - 1  # Flask-WTF's hook, registered just now
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    methods = frozenset(app.config.get("WTF_CSRF_METHODS") or ("POST", "PUT", "PATCH", "DELETE"))

    def csrf_protect() -> None:
        if request.method in methods and app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect(apply_exemptions=True)

    hooks[position] = csrf_protect


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
