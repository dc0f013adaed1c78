"""The public page's basket: read the chosen quantities and build one WhatsApp order."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.whatsapp import DELIVERY_TEXT, BasketLine, basket_link

MAX_QUANTITY = 99
MAX_CUSTOMER_CHARS = 60
MAX_NOTE_CHARS = 500


def field_name(product) -> str:
    """Return the quantity field's name of a product: short, stable across reordering."""
    return "p" + product.id.hex[:8]


@dataclass
class Basket:
    """What the customer chose, as typed (kept on the page when it must be corrected)."""

    quantities: dict[str, str] = field(default_factory=dict)
    delivery: str = "ambil"
    customer: str = ""
    note: str = ""
    lines: list[BasketLine] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Return whether no product was chosen."""
        return not self.lines


def read_basket(business, args) -> Basket:
    """Read quantities, delivery, name and note from the form; collect what is wrong."""
    basket = Basket(
        delivery=args.get("kirim", "ambil") if args.get("kirim") in DELIVERY_TEXT else "ambil",
        customer=(args.get("nama") or "")[:MAX_CUSTOMER_CHARS],
        note=(args.get("catatan") or "")[:MAX_NOTE_CHARS],
    )
    for product in business.products:
        raw = (args.get(field_name(product)) or "").strip()
        basket.quantities[field_name(product)] = raw
        if raw in ("", "0"):
            continue
        if not raw.isdigit() or not 0 < int(raw) <= MAX_QUANTITY:
            basket.errors.append(
                _(
                    "Jumlah %(name)s harus angka 0 sampai %(max)s.",
                    name=product.name,
                    max=MAX_QUANTITY,
                )
            )
            continue
        if product.sold_out:
            basket.errors.append(_("%(name)s sedang habis.", name=product.name))
            continue
        basket.lines.append(BasketLine(int(raw), product.name, product.price_idr))
    if not basket.lines and not basket.errors:
        basket.errors.append(_("Isi jumlah minimal satu produk, lalu tekan Pesan."))
    return basket


def order_url(business, basket: Basket) -> str:
    """Return the wa.me link carrying the basket's itemised message."""
    return basket_link(
        business.whatsapp,
        business.name,
        basket.lines,
        basket.delivery,
        basket.customer,
        basket.note,
    )
