"""Indonesian display formats for money and phone numbers."""

from __future__ import annotations

import re

_NON_DIGIT = re.compile(r"\D")
# Indonesian mobile numbers are shown in 4-digit groups after the 4-digit prefix.
_PHONE_GROUP = 4
_COUNTRY_CODE = "62"


def rupiah(amount: int | None) -> str:
    """Format an integer amount as Rupiah, e.g. 15000 -> "Rp15.000"."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"Rp{sign}{abs(int(amount)):,}".replace(",", ".")


def price_label(amount: int | None, unit: str = "") -> str:
    """Return a price with its unit: "Rp15.000 per mangkok", "Rp12.000 / 250 g"."""
    price = rupiah(amount)
    unit = (unit or "").strip()
    if not price or not unit:
        return price
    # "per …" reads on its own; other units get a slash. Spaces let the unit wrap whole.
    joiner = " " if unit.lower().startswith("per ") else " / "
    return f"{price}{joiner}{unit}"


def phone_local(digits: str | None) -> str:
    """Format an international number (62…) for display, e.g. "0812-3456-7890"."""
    if not digits:
        return ""
    d = _NON_DIGIT.sub("", digits)
    if d.startswith(_COUNTRY_CODE):
        d = "0" + d[len(_COUNTRY_CODE) :]
    groups = [d[i : i + _PHONE_GROUP] for i in range(0, len(d), _PHONE_GROUP)]
    if len(groups) > 1 and len(groups[-1]) < _PHONE_GROUP - 1:
        # Avoid a lonely trailing digit or two: 0812-3456-78901 not 0812-3456-7890-1.
        tail = groups.pop()
        groups[-1] += tail
    return "-".join(groups)
