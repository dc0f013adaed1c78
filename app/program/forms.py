"""The visit form and the dashboard's filter form."""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.models import STATUS_ACTIVE
from app.validators import InvalidValue, parse_rupiah

EARLIEST_VISIT = date(2000, 1, 1)
MAX_ATTENTION_DAYS = 365

ASPECT_CHOICES = [
    SelectChoice("produksi", _l("Produksi")),
    SelectChoice("kemasan", _l("Kemasan")),
    SelectChoice("pemasaran", _l("Pemasaran")),
    SelectChoice("legalitas", _l("Legalitas")),
]
STATUS_CHOICES = [
    SelectChoice("aktif", _l("Aktif")),
    SelectChoice("berhenti_sementara", _l("Berhenti sementara")),
    SelectChoice("berhenti", _l("Berhenti")),
]
# Why businesses stop, as the seed paper saw it; "lainnya" needs a written reason.
REASON_CHOICES = [
    SelectChoice("", _l("— pilih alasan —")),
    SelectChoice("keluarga_sakit", _l("Keluarga sakit")),
    SelectChoice("ternak_mati", _l("Ternak mati")),
    SelectChoice("modal_habis", _l("Modal habis")),
    SelectChoice("pindah_kerja", _l("Pemilik bekerja di tempat lain")),
    SelectChoice("tempat_usaha", _l("Tempat usaha hilang")),
    SelectChoice("lainnya", _l("Lainnya")),
]


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as big checkboxes instead of a multi-select box."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def parse_day(raw: str | None) -> date:
    """Return the date in 2026-11-28 (a date input) or 28/11/2026 / 28-11-2026 (typed)."""
    text = (raw or "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            year, month, day = (int(part) for part in text.split("-"))
            return date(year, month, day)
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise InvalidValue(_l("Tulis tanggal seperti 28/11/2026."))


def _rupiah(field) -> None:
    try:
        field.clean = parse_rupiah(field.data)
    except InvalidValue as exc:
        raise ValidationError(str(exc)) from exc


class VisitForm(FlaskForm):
    """What a mentor records about one visit."""

    visited_on = StringField(
        _l("Tanggal kunjungan"), validators=[DataRequired(_l("Isi tanggal kunjungan."))]
    )
    mentors = MultiCheckboxField(_l("Pendamping yang hadir"), choices=[])
    aspects = MultiCheckboxField(_l("Aspek yang didampingi"), choices=ASPECT_CHOICES)
    activities = TextAreaField(
        _l("Yang dikerjakan"),
        validators=[
            DataRequired(_l("Tulis apa yang dikerjakan bersama keluarga.")),
            Length(max=4000),
        ],
    )
    problems = TextAreaField(_l("Kendala"), validators=[Optional(), Length(max=4000)])
    next_actions = TextAreaField(
        _l("Langkah berikutnya"), validators=[Optional(), Length(max=2000)]
    )
    capital = StringField(_l("Modal usaha (Rp)"), validators=[Length(max=40)])
    assets = StringField(_l("Aset usaha (Rp)"), validators=[Length(max=40)])
    turnover = StringField(_l("Omzet sebulan (Rp)"), validators=[Length(max=40)])
    status = SelectField(_l("Keadaan usaha"), choices=STATUS_CHOICES, default=STATUS_ACTIVE)
    reason_code = SelectField(_l("Alasan berhenti"), choices=REASON_CHOICES, default="")
    status_reason = StringField(_l("Keterangan"), validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Simpan kunjungan"))

    def __init__(self, *args, today: date, current_status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.current_status = current_status

    def validate_visited_on(self, field) -> None:
        """Accept a real date that is not in the future."""
        try:
            day = parse_day(field.data)
        except InvalidValue as exc:
            raise ValidationError(str(exc)) from exc
        if day > self.today:
            raise ValidationError(_l("Tanggal kunjungan tidak boleh di masa depan."))
        if day < EARLIEST_VISIT:
            raise ValidationError(_l("Tanggal kunjungan terlalu lama."))
        field.clean = day

    def validate_capital(self, field) -> None:
        """Accept rupiah written like Rp 1.500.000."""
        _rupiah(field)

    def validate_assets(self, field) -> None:
        """Accept rupiah written like Rp 1.500.000."""
        _rupiah(field)

    def validate_turnover(self, field) -> None:
        """Accept rupiah written like Rp 1.500.000."""
        _rupiah(field)

    def validate(self, extra_validators=None) -> bool:
        """Validate the fields, then: a business that stops needs a reason."""
        valid = super().validate(extra_validators)
        stopping = self.status.data != STATUS_ACTIVE and self.status.data != self.current_status
        code, text = self.reason_code.data, (self.status_reason.data or "").strip()
        if stopping and (not code or (code == "lainnya" and not text)):
            self.status_reason.errors = [
                *self.status_reason.errors,
                _l("Pilih atau tulis alasan usaha berhenti."),
            ]
            valid = False
        return valid

    def reason_text(self) -> str:
        """Return the reason to store: the written text, else the chosen reason's label."""
        text = (self.status_reason.data or "").strip()
        if text or not self.reason_code.data:
            return text
        return str(dict(REASON_CHOICES_BY_CODE)[self.reason_code.data])


REASON_CHOICES_BY_CODE = [(choice.value, choice.label) for choice in REASON_CHOICES]


class FilterForm(FlaskForm):
    """The dashboard's filters: a GET form, so no CSRF token (it changes nothing)."""

    class Meta:
        """Form options."""

        csrf = False

    desa = SelectField(_l("Desa"), choices=[], validate_choice=False)
    tim = SelectField(_l("Tim"), choices=[], validate_choice=False)
    usaha = SelectField(_l("Jenis usaha"), choices=[], validate_choice=False)
    keadaan = SelectField(
        _l("Keadaan usaha"),
        choices=[SelectChoice("", _l("Semua")), *STATUS_CHOICES],
        validate_choice=False,
    )
    hari = StringField(_l("Belum dikunjungi lebih dari (hari)"), validators=[Optional()])

    def attention_days(self, default: int) -> int:
        """Return ?hari= as a number of days within 1…365, else the default."""
        raw = (self.hari.data or "").strip()
        if not raw.isdigit():
            return default
        return min(max(int(raw), 1), MAX_ATTENTION_DAYS)
