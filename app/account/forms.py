"""Forms for managing mentor accounts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, Regexp

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,39}$"


class NewMentorForm(FlaskForm):
    """A new mentor: login name, full name, team and an optional temporary password."""

    username = StringField(
        _l("Nama pengguna"),
        validators=[
            DataRequired(_l("Isi nama pengguna.")),
            Regexp(
                USERNAME_PATTERN,
                message=_l("Nama pengguna 3–40 huruf kecil, angka, titik, garis bawah atau -."),
            ),
        ],
        filters=[lambda value: (value or "").strip().lower()],
    )
    full_name = StringField(
        _l("Nama lengkap"), validators=[DataRequired(_l("Isi nama lengkap.")), Length(max=120)]
    )
    team_id = SelectField(_l("Tim"), validators=[DataRequired(_l("Pilih tim."))])
    password = PasswordField(
        _l("Kata sandi sementara (kosongkan agar dibuatkan)"),
        validators=[Optional(), Length(max=200)],
    )
    submit = SubmitField(_l("Buat akun"))


class ActionForm(FlaskForm):
    """An empty form: a button whose POST carries the CSRF token."""

    submit = SubmitField()
