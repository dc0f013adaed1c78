"""Forms of the family screen and of the mentor's family-link and QRIS tools."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField
from wtforms.validators import DataRequired, InputRequired


class DayStateForm(FlaskForm):
    """The family's "Buka hari ini / Tutup hari ini" tap."""

    keadaan = SelectField(
        choices=[("open", "open"), ("closed", "closed")], validators=[InputRequired()]
    )


class SoldOutForm(FlaskForm):
    """The family's "Habis / Ada lagi" tap on one product."""

    habis = SelectField(choices=[("1", "1"), ("0", "0")], validators=[InputRequired()])


class QrisPhotoForm(FlaskForm):
    """A photo of the family's QRIS sticker."""

    photo = FileField(
        _l("Foto stiker QRIS"),
        validators=[
            FileRequired(_l("Pilih foto stiker QRIS.")),
            FileAllowed(["jpg", "jpeg", "png", "webp"], _l("Foto harus JPG atau PNG.")),
        ],
    )


class QrisConfirmForm(FlaskForm):
    """The mentor's confirmation that the merchant name belongs to this family."""

    payload = HiddenField(validators=[DataRequired()])
    belongs = BooleanField(
        _l("Nama merchant ini milik keluarga ini (sudah saya cocokkan dengan mereka)."),
        validators=[DataRequired(_l("Centang dulu: nama merchant harus milik keluarga ini."))],
    )
