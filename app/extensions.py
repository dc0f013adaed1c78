"""Unbound extensions, bound to the app in create_app()."""

from __future__ import annotations

import importlib

import click
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base whose constraint names are stable across SQLite and PostgreSQL."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class LazyMigrate:
    """Flask-Migrate, imported (with Alembic and Mako: ~150 modules, 0.15 s) only when used.

    Only `flask db …`, flask_migrate.upgrade() and the like need it, not the app's other
    commands, nor its pages. init_app registers the `db` command group by name and leaves a
    stand-in in app.extensions["migrate"]; the first look at either sets Flask-Migrate up for
    the app, as Migrate(app, db, **options) would have done at start-up.
    """

    def init_app(self, app, db: SQLAlchemy, **options) -> None:
        """Register `flask db` and the stand-in; nothing of Alembic is imported yet."""
        app.extensions["migrate"] = _PendingMigrate(app, db, options)
        app.cli.add_command(
            _LazyCommand("db", "flask_migrate.cli:db", "Perform database migrations.")
        )


class _PendingMigrate:
    """app.extensions["migrate"] until Flask-Migrate is needed: then its own, replacing this."""

    def __init__(self, app, db: SQLAlchemy, options: dict) -> None:
        self._app, self._db, self._options = app, db, options

    def __getattr__(self, name: str):
        if name.startswith("_"):  # copy, pickle and the like probing: not Flask-Migrate's
            raise AttributeError(name)
        from flask_migrate import Migrate

        Migrate(self._app, self._db, **self._options)  # replaces this in app.extensions
        return getattr(self._app.extensions["migrate"], name)


class _LazyCommand(click.Command):
    """A command listed by name and help; its module is imported when it is run."""

    def __init__(self, name: str, target: str, help: str) -> None:
        super().__init__(name, help=help)
        self._target = target

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        """Hand the arguments to the real command: its context runs it."""
        module, _, attr = self._target.partition(":")
        real = getattr(importlib.import_module(module), attr)
        return real.make_context(info_name, args, parent=parent, **extra)


db = SQLAlchemy(model_class=Base)
migrate = LazyMigrate()
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
