"""Forms shared by several blueprints."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired


class ConfirmForm(FlaskForm):
    """An empty form: a button whose POST carries the CSRF token."""

    submit = SubmitField()


class DeleteBusinessForm(FlaskForm):
    """Deleting a family's data needs its business name typed again."""

    confirm_name = StringField(
        _l("Ketik nama usaha untuk memastikan"),
        validators=[DataRequired(_l("Ketik nama usaha."))],
    )
    submit = SubmitField(_l("Hapus semua data usaha ini"))
