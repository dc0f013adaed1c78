"""The label designer's options, read from the query string (GET: previews are safe)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    IntegerField,
    SelectField,
    StringField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import NumberRange, Optional, ValidationError

from app.kitfiles import MAX_COPIES, KitOptions
from app.render.formatting import in_language

MIN_LABEL_MM = 20
MAX_LABEL_MM = 200
SIZE_RANGE = NumberRange(MIN_LABEL_MM, MAX_LABEL_MM)


class KitOptionsForm(FlaskForm):
    """Product, sheet size, theme and the print-run details of a label."""

    class Meta:
        """A GET form: it only chooses what to preview, so it carries no CSRF token."""

        csrf = False

    product = SelectField(_l("Produk"), validate_choice=False)
    sheet = SelectField(_l("Lembar label"), default="", validate_choice=False)
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
    # Mixed sheet: how many labels of each product, in the order of the products.
    mix = FieldList(
        IntegerField(validators=[Optional(), NumberRange(0, MAX_COPIES)]), min_entries=0
    )

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

        ids = [choice.value for choice in self.product.choices or []]
        mix = tuple(
            (pid, entry.data)
            for pid, entry in zip(ids, self.mix.entries, strict=False)
            if entry.data and not entry.errors
        )
        return KitOptions(
            product_id=self.product.data or None,
            sheet=self.sheet.data or "",
            mix=mix,
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
    while len(form.mix.entries) < len(business.products):
        form.mix.append_entry()
    for entry, product in zip(form.mix.entries, business.products, strict=False):
        entry.label.text = product.name
    form.sheet.choices = [SelectChoice("", _l("Otomatis (sesuai jenis produk)"))]
    form.sheet.choices += [
        SelectChoice(key, in_language(preset, "name", lang)) for key, preset in sheets.items()
    ]
    form.sheet.choices.append(SelectChoice("custom", _l("Ukuran sendiri (A4)")))
    form.theme.choices = [
        SelectChoice(key, in_language(theme, "name", lang)) for key, theme in themes.items()
    ]


class PrinterCorrectionForm(FlaskForm):
    """What the calibration page's rulers measured on paper, for the team's printer."""

    ruler_mm = DecimalField(
        _l("Garis ukur 100 mm tercetak sepanjang (mm)"),
        places=1,
        validators=[Optional(), NumberRange(90, 110, _l("Isi antara 90 dan 110 mm."))],
    )
    offset_x_mm = DecimalField(
        _l("Geser ke kanan (mm, minus = ke kiri)"),
        places=1,
        validators=[Optional(), NumberRange(-10, 10, _l("Isi antara -10 dan 10 mm."))],
    )
    offset_y_mm = DecimalField(
        _l("Geser ke bawah (mm, minus = ke atas)"),
        places=1,
        validators=[Optional(), NumberRange(-10, 10, _l("Isi antara -10 dan 10 mm."))],
    )
