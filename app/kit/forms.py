"""The label designer's options, read from the query string (GET: previews are safe)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, DecimalField, IntegerField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import NumberRange, Optional, ValidationError

from app.kitfiles import DEFAULT_SHEET, MAX_COPIES, KitOptions

MIN_LABEL_MM = 20
MAX_LABEL_MM = 200
SIZE_RANGE = NumberRange(MIN_LABEL_MM, MAX_LABEL_MM)


class KitOptionsForm(FlaskForm):
    """Product, sheet size, theme and the print-run details of a label."""

    class Meta:
        """A GET form: it only chooses what to preview, so it carries no CSRF token."""

        csrf = False

    product = SelectField(_l("Produk"), validate_choice=False)
    sheet = SelectField(_l("Lembar label"), default=DEFAULT_SHEET, validate_choice=False)
    custom_w = DecimalField(_l("Lebar label (mm)"), places=1, validators=[Optional(), SIZE_RANGE])
    custom_h = DecimalField(_l("Tinggi label (mm)"), places=1, validators=[Optional(), SIZE_RANGE])
    theme = SelectField(_l("Tema warna"), validate_choice=False)
    show_price = BooleanField(_l("Tampilkan harga"), default=True)
    production_code = StringField(_l("Kode produksi"), validators=[Optional()])
    production_date = DateField(_l("Tanggal produksi"), validators=[Optional()])
    expiry_date = DateField(_l("Baik digunakan sebelum"), validators=[Optional()])
    home_address = BooleanField(_l("Cetak alamat rumah di label (hanya bila keluarga setuju)"))
    copies = IntegerField(_l("Jumlah label"), validators=[Optional(), NumberRange(1, MAX_COPIES)])
    start_at = IntegerField(
        _l("Mulai dari label nomor"), default=1, validators=[Optional(), NumberRange(1, 200)]
    )
    cut_lines = BooleanField(_l("Garis potong"))
    bleed = BooleanField(_l("A5 dengan bleed 3 mm (untuk percetakan)"))

    def validate_expiry_date(self, field) -> None:
        """Refuse an expiry date before the production date."""
        made = self.production_date.data
        if field.data and made and field.data < made:
            raise ValidationError(_l("Tanggal kedaluwarsa tidak boleh sebelum tanggal produksi."))

    def validate_custom_w(self, field) -> None:
        """Require both sides of a custom size."""
        if self.sheet.data == "custom" and (field.data is None or self.custom_h.data is None):
            raise ValidationError(_l("Isi lebar dan tinggi label untuk ukuran sendiri."))

    def options(self) -> KitOptions:
        """Return the chosen options (defaults where a field is empty or invalid)."""

        def ok(field):
            return field.data if not field.errors else None

        return KitOptions(
            product_id=self.product.data or None,
            sheet=self.sheet.data or DEFAULT_SHEET,
            custom_w_mm=float(ok(self.custom_w)) if ok(self.custom_w) is not None else None,
            custom_h_mm=float(ok(self.custom_h)) if ok(self.custom_h) is not None else None,
            theme=self.theme.data or None,
            show_price=bool(self.show_price.data),
            production_code=(self.production_code.data or "").strip(),
            production_date=ok(self.production_date),
            expiry_date=ok(self.expiry_date),
            home_address_on_label=bool(self.home_address.data),
            copies=ok(self.copies),
            start_at=ok(self.start_at) or 1,
            cut_lines=bool(self.cut_lines.data),
            bleed=bool(self.bleed.data),
        )


def set_choices(form: KitOptionsForm, business, sheets: dict, themes: dict, lang: str) -> None:
    """Fill the select boxes from the business's products and the data files."""
    form.product.choices = [SelectChoice(str(p.id), p.name) for p in business.products]
    name = "name_en" if lang == "en" else "name_id"
    form.sheet.choices = [
        SelectChoice(key, getattr(preset, name)) for key, preset in sheets.items()
    ]
    form.sheet.choices.append(SelectChoice("custom", _l("Ukuran sendiri (A4)")))
    form.theme.choices = [SelectChoice(key, getattr(theme, name)) for key, theme in themes.items()]
