"""The business form with its products on one page."""

from __future__ import annotations

import re

from flask import g
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.models import STATUS_ACTIVE
from app.pending_uploads import MB, PHOTO_MAX_BYTES
from app.validators import (
    InvalidValue,
    normalise_link,
    normalise_nik,
    normalise_whatsapp,
    parse_rupiah,
)

PRODUCT_ROWS_BLANK = 2  # empty rows offered below the existing products
MAX_PRODUCTS = 30
NIB_DIGITS = 13
PIRT_MIN_DIGITS = 15

# Empty: the kind the business's trade makes (toolkits/trades.toml product_kind).
KIND_CHOICES = [
    SelectChoice("", _l("Sesuai jenis usaha")),
    SelectChoice("food", _l("Makanan/minuman olahan (label pangan)")),
    SelectChoice("fresh", _l("Hasil tani/ternak segar (telur, madu, hewan)")),
    SelectChoice("goods", _l("Barang (kerajinan, pakaian)")),
    SelectChoice("service", _l("Jasa (tanpa label kemasan)")),
]
REGENCY_TYPE_CHOICES = [
    SelectChoice("", _l("—")),
    SelectChoice("kabupaten", _l("Kabupaten")),
    SelectChoice("kota", _l("Kota")),
]

STATUS_CHOICES = [
    SelectChoice("aktif", _l("Aktif")),
    SelectChoice("berhenti_sementara", _l("Berhenti sementara")),
    SelectChoice("berhenti", _l("Berhenti")),
]


def _apply(field, normaliser) -> None:
    """Store the normal form beside what was typed, so a failed form shows the typing."""
    try:
        field.clean = normaliser(field.data)
    except InvalidValue as exc:
        raise ValidationError(str(exc)) from exc


def photo_fits(form, field) -> None:
    """Refuse a photo above the per-file limit (the request as a whole may be larger)."""
    data = field.data
    too_big = field.name in g.get("too_large_fields", ())
    if not too_big and getattr(data, "filename", None):
        data.stream.seek(0, 2)
        too_big = data.stream.tell() > PHOTO_MAX_BYTES
        data.stream.seek(0)
    if too_big:
        raise ValidationError(
            _l(
                "Foto ini lebih dari %(mb)s MB. Pilih foto yang lebih kecil.",
                mb=PHOTO_MAX_BYTES // MB,
            )
        )


def cleaned(field):
    """Return a field's normalised value (or its data when it has no normaliser).

    Fields with a normaliser carry no Optional() validator, which would stop the chain
    before the normaliser runs and leave raw text (e.g. "") in place of None.
    """
    return getattr(field, "clean", field.data)


class ProductForm(Form):
    """One product row; a row left fully blank is ignored."""

    id = HiddenField()
    name = StringField(_l("Nama produk"), validators=[Optional(), Length(max=120)])
    price = StringField(_l("Harga (Rp)"), validators=[Length(max=40)])
    unit = StringField(_l("Satuan / isi"), validators=[Optional(), Length(max=60)])
    net_weight = StringField(_l("Berat bersih"), validators=[Optional(), Length(max=40)])
    composition = TextAreaField(_l("Komposisi"), validators=[Optional(), Length(max=1000)])
    kind = SelectField(_l("Jenis produk"), choices=KIND_CHOICES, default="")
    photo = FileField(
        _l("Foto produk"),
        validators=[photo_fits],
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )
    # A photo sent with a form that came back with errors, kept aside (app/pending_uploads).
    pending_photo = HiddenField()
    remove_photo = BooleanField(_l("Hapus foto"))
    remove = BooleanField(_l("Hapus produk ini"))

    def is_blank(self) -> bool:
        """Return whether a new row carries nothing worth saving."""
        texts = (self.name, self.price, self.unit, self.net_weight, self.composition)
        has_text = any(str(field.data or "").strip() for field in texts)
        has_photo = bool(getattr(self.photo.data, "filename", None) or self.pending_photo.data)
        return not self.id.data and not has_text and not has_photo

    def validate(self, extra_validators=None) -> bool:
        """Validate the row; a row with content needs a product name."""
        valid = super().validate(extra_validators)
        if not self.is_blank() and not self.remove.data and not (self.name.data or "").strip():
            self.name.errors = [*self.name.errors, _l("Isi nama produk.")]
            valid = False
        return valid

    def validate_price(self, field) -> None:
        """Accept prices written like 8000, 8.000 or Rp 8.000."""
        _apply(field, parse_rupiah)


class BusinessForm(FlaskForm):
    """Everything a mentor records about a family business."""

    version = HiddenField()
    name = StringField(
        _l("Nama usaha"),
        validators=[DataRequired(_l("Isi nama usaha.")), Length(max=120)],
    )
    owner_name = StringField(
        _l("Nama pemilik"),
        validators=[DataRequired(_l("Isi nama pemilik.")), Length(max=120)],
    )
    trade = SelectField(_l("Jenis usaha"), validators=[DataRequired()])
    tagline = StringField(_l("Slogan singkat"), validators=[Optional(), Length(max=160)])
    description = TextAreaField(_l("Cerita usaha"), validators=[Optional(), Length(max=2000)])
    opening_hours = StringField(_l("Jam buka"), validators=[Optional(), Length(max=200)])
    village = StringField(
        _l("Desa"), validators=[DataRequired(_l("Isi nama desa.")), Length(max=80)]
    )
    district = StringField(_l("Kecamatan"), validators=[Optional(), Length(max=80)])
    regency_type = SelectField(_l("Kabupaten atau kota"), choices=REGENCY_TYPE_CHOICES, default="")
    regency = StringField(_l("Nama kabupaten/kota"), validators=[Optional(), Length(max=80)])
    whatsapp = StringField(_l("Nomor WhatsApp usaha"), validators=[Length(max=30)])
    shopee_url = StringField(_l("Tautan Shopee"), validators=[Length(max=300)])
    facebook_url = StringField(_l("Tautan Facebook"), validators=[Length(max=300)])
    instagram_url = StringField(_l("Tautan Instagram"), validators=[Length(max=300)])
    maps_url = StringField(_l("Tautan Google Maps"), validators=[Length(max=300)])
    tiktok_url = StringField(_l("Tautan TikTok"), validators=[Length(max=300)])
    business_address = StringField(
        _l("Alamat usaha (untuk label)"), validators=[Optional(), Length(max=300)]
    )
    nib_number = StringField(_l("Nomor NIB"), validators=[Length(max=20)])
    pirt_number = StringField(_l("Nomor P-IRT"), validators=[Length(max=30)])
    halal_cert_number = StringField(_l("Nomor sertifikat halal"), validators=[Length(max=60)])
    capital_idr = StringField(_l("Modal usaha (Rp)"), validators=[Length(max=40)])
    annual_sales_idr = StringField(_l("Penjualan setahun (Rp)"), validators=[Length(max=40)])
    status = SelectField(_l("Keadaan usaha"), choices=STATUS_CHOICES, default=STATUS_ACTIVE)
    status_reason = StringField(_l("Alasan"), validators=[Optional(), Length(max=300)])
    nik = StringField(_l("NIK pemilik"), validators=[Length(max=30)])
    home_address = TextAreaField(_l("Alamat rumah"), validators=[Optional(), Length(max=500)])
    publish_consent = BooleanField(
        _l(
            "Keluarga sudah setuju nama usaha, produk, desa dan nomor WhatsApp usaha "
            "ditampilkan di halaman publik."
        )
    )
    products = FieldList(FormField(ProductForm), min_entries=1, max_entries=MAX_PRODUCTS)
    submit = SubmitField(_l("Simpan"))

    def validate_whatsapp(self, field) -> None:
        """Normalise to 62… or refuse what cannot be an Indonesian mobile number."""
        _apply(field, lambda value: normalise_whatsapp(value) if (value or "").strip() else None)

    def validate_nik(self, field) -> None:
        """Accept only a plausible 16-digit NIK."""
        _apply(field, normalise_nik)

    def validate_capital_idr(self, field) -> None:
        """Accept rupiah written like Rp 1.500.000."""
        _apply(field, parse_rupiah)

    def validate_annual_sales_idr(self, field) -> None:
        """Accept rupiah written like Rp 1.500.000."""
        _apply(field, parse_rupiah)

    def validate_nib_number(self, field) -> None:
        """Accept a 13-digit NIB."""
        digits = re.sub(r"[\s\-.]", "", field.data or "")
        if digits and (len(digits) != NIB_DIGITS or not digits.isdigit()):
            raise ValidationError(_l("NIB terdiri dari 13 angka."))
        field.clean = digits or None

    def validate_pirt_number(self, field) -> None:
        """Accept a P-IRT number of at least 15 digits."""
        digits = re.sub(r"[\s\-.]", "", field.data or "")
        if digits and (not digits.isdigit() or len(digits) < PIRT_MIN_DIGITS):
            raise ValidationError(_l("Nomor P-IRT minimal 15 angka."))
        field.clean = digits or None

    def validate_halal_cert_number(self, field) -> None:
        """Store an empty certificate number as none."""
        field.clean = (field.data or "").strip() or None

    first_save = False  # the short first save also needs a WhatsApp number and one product

    def validate(self, extra_validators=None) -> bool:
        """Validate the fields, then the rules that span several fields."""
        valid = super().validate(extra_validators)
        if self.first_save:
            if not (self.whatsapp.data or "").strip() and not self.whatsapp.errors:
                self.whatsapp.errors = [_l("Isi nomor WhatsApp usaha untuk pesanan.")]
                valid = False
            rows = [entry.form for entry in self.products.entries]
            if rows and all(row.is_blank() for row in rows):
                rows[0].name.errors = [_l("Isi minimal satu produk.")]
                valid = False
        if self.status.data != STATUS_ACTIVE and not (self.status_reason.data or "").strip():
            self.status_reason.errors = [
                *self.status_reason.errors,
                _l("Tulis alasan usaha berhenti."),
            ]
            valid = False
        return valid


def _link_validator(platform: str):
    def validate(form, field) -> None:
        _apply(field, lambda value: normalise_link(platform, value))

    return validate


for _platform in ("shopee", "facebook", "instagram", "maps", "tiktok"):
    setattr(BusinessForm, f"validate_{_platform}_url", _link_validator(_platform))
