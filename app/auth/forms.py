"""Login and password forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from app.passwords import MIN_PASSWORD_LENGTH


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField(_l("Nama pengguna"), validators=[DataRequired(_l("Isi nama pengguna."))])
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(_l("Isi kata sandi."))])
    submit = SubmitField(_l("Masuk"))


class ChangePasswordForm(FlaskForm):
    """Replace a temporary or old password."""

    current = PasswordField(_l("Kata sandi sekarang"), validators=[DataRequired()])
    new = PasswordField(
        _l("Kata sandi baru"),
        validators=[
            DataRequired(),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=_l("Kata sandi minimal %(n)s karakter.", n=MIN_PASSWORD_LENGTH),
            ),
        ],
    )
    confirm = PasswordField(
        _l("Ulangi kata sandi baru"),
        validators=[EqualTo("new", message=_l("Kedua kata sandi tidak sama."))],
    )
    submit = SubmitField(_l("Simpan kata sandi"))
