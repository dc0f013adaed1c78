"""Business size classes under PP 7/2021 art. 35 and the thresholds the checklists use."""

from __future__ import annotations

import enum
from datetime import date

from app.render.translations import N_, translate

# PP 7/2021 art. 35 thresholds, in rupiah. Capital excludes land and the
# business building (art. 35(3)); each class is "more than the previous
# ceiling, up to this ceiling", so a ceiling value itself belongs to the class.
MICRO_CAPITAL_MAX = 1_000_000_000
SMALL_CAPITAL_MAX = 5_000_000_000
MEDIUM_CAPITAL_MAX = 10_000_000_000
MICRO_SALES_MAX = 2_000_000_000
SMALL_SALES_MAX = 15_000_000_000
MEDIUM_SALES_MAX = 50_000_000_000
# Halal self-declare is for annual sales up to Rp500 juta (Kep. BPJPH 150/2022).
SELF_DECLARE_SALES_MAX = 500_000_000
# PP 42/2024 art. 160(2): halal certificates mandatory for micro/small food & drink.
HALAL_MANDATORY_FROM = date(2026, 10, 17)


class SizeClass(enum.Enum):
    """Business size class under PP 7/2021 art. 35; labels in Indonesian, English from catalogue."""

    MIKRO = ("mikro", 1, N_("Mikro"))
    KECIL = ("kecil", 2, N_("Kecil"))
    MENENGAH = ("menengah", 3, N_("Menengah"))
    BESAR = ("besar", 4, N_("Besar"))
    UNKNOWN = ("unknown", 0, N_("Belum diketahui"))

    def __init__(self, key: str, rank: int, label_id: str):
        self.key = key
        self.rank = rank
        self.label_id = label_id

    @property
    def label_en(self) -> str:
        """Return the English label, from the catalogue."""
        return translate("en", self.label_id)

    @property
    def known(self) -> bool:
        """Return True unless the class is UNKNOWN."""
        return self is not SizeClass.UNKNOWN


_BY_RANK = {c.rank: c for c in SizeClass}


def _check_amount(name: str, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int number of rupiah or None")
    if value < 0:
        raise ValueError(f"{name} must not be negative")


def _class_by(name: str, amount: int | None, ceilings: tuple[int, int, int]) -> SizeClass:
    """Return the class whose ceiling (Mikro, Kecil, Menengah) first holds the amount."""
    _check_amount(name, amount)
    if amount is None:
        return SizeClass.UNKNOWN
    sizes = (SizeClass.MIKRO, SizeClass.KECIL, SizeClass.MENENGAH)
    for ceiling, size in zip(ceilings, sizes, strict=True):
        if amount <= ceiling:
            return size
    return SizeClass.BESAR


def capital_class(capital_idr: int | None) -> SizeClass:
    """Return the size class by business capital (excluding land and building)."""
    ceilings = (MICRO_CAPITAL_MAX, SMALL_CAPITAL_MAX, MEDIUM_CAPITAL_MAX)
    return _class_by("capital_idr", capital_idr, ceilings)


def sales_class(annual_sales_idr: int | None) -> SizeClass:
    """Return the size class by annual sales."""
    ceilings = (MICRO_SALES_MAX, SMALL_SALES_MAX, MEDIUM_SALES_MAX)
    return _class_by("annual_sales_idr", annual_sales_idr, ceilings)


def size_class(capital_idr: int | None, annual_sales_idr: int | None) -> SizeClass:
    """Return the PP 7/2021 art. 35 size class: the higher of the capital and sales classes."""
    # Our reading: art. 35(1) groups businesses by capital *or* annual sales, and
    # (2) uses capital for establishing/registering (what OSS asks). For a mentor
    # the safe reading is the higher of the two: if either figure is above Mikro
    # the family is warned before registering. A missing figure is ignored; both
    # missing gives UNKNOWN.
    by_capital = capital_class(capital_idr)
    by_sales = sales_class(annual_sales_idr)
    return _BY_RANK[max(by_capital.rank, by_sales.rank)]
