"""The kit's other print items' data, ``toolkits/print-items.toml``, as one typed, frozen model.

Banner sizes (spanduk), caption templates with their hashtags, and the platforms'
text limits. ``load_print_items`` reads and checks the file once per path.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool, StrictFloat, StrictInt, model_validator

from app.render.data import PRINT_ITEMS_FILE, data_file
from app.render.tomldata import MODEL_CONFIG, NonEmpty, read_toml, worded

Positive = Annotated[StrictFloat, Field(gt=0)]
Count = Annotated[StrictInt, Field(gt=0)]


class _Data(BaseModel):
    model_config = MODEL_CONFIG


class Banner(_Data):
    """A spanduk size in cm and the distance it is read from."""

    name_id: NonEmpty
    width_cm: Positive
    height_cm: Positive
    reading_distance_m: Positive
    unverified: StrictBool = True


class CaptionTemplates(_Data):
    """Caption templates with {placeholders}, and the hashtags every caption carries."""

    business: NonEmpty
    product: NonEmpty
    hashtags: tuple[NonEmpty, ...] = ()


class CaptionLimits(_Data):
    """Instagram: how long a caption may be and how many hashtags it may carry."""

    caption_chars: Count
    hashtags: Count
    unverified: StrictBool = True


class ListingLimits(_Data):
    """A marketplace: how long a listing's title and description may be."""

    title_chars: Count
    description_chars: Count
    unverified: StrictBool = True


class Limits(_Data):
    """The platforms' text limits."""

    instagram: CaptionLimits
    shopee: ListingLimits
    facebook_marketplace: ListingLimits

    def listings(self) -> tuple[tuple[str, ListingLimits], ...]:
        """Return (platform key, limits) for each marketplace, in file order."""
        return (("shopee", self.shopee), ("facebook_marketplace", self.facebook_marketplace))


class PamphletChoice(_Data):
    """The pamphlet template a business starts with, per format (ids of app.render.pamphlet)."""

    square: NonEmpty | None = None
    story: NonEmpty | None = None
    a5: NonEmpty | None = None


class Pamphlets(_Data):
    """Default pamphlet templates: for every business, for food trades, and per trade."""

    default: PamphletChoice = PamphletChoice()
    food: PamphletChoice = PamphletChoice()
    trades: dict[str, PamphletChoice] = {}

    def choices(self, trade: str, food: bool) -> tuple[PamphletChoice, ...]:
        """Return the tables to look a format up in, most specific first."""
        own = self.trades.get(trade)
        return tuple(t for t in (own, self.food if food else None, self.default) if t)


class PrintItems(_Data):
    """Everything in print-items.toml."""

    schema_: Literal[1] = Field(alias="schema")
    default_banner: NonEmpty
    banners: dict[str, Banner]
    captions: CaptionTemplates
    limits: Limits
    pamphlets: Pamphlets = Pamphlets()

    @model_validator(mode="after")
    def _default_is_a_banner(self) -> PrintItems:
        if self.default_banner not in self.banners:
            raise worded(f"default_banner '{self.default_banner}' is not one of the [banners]")
        return self


def load_print_items(path: Path | None = None) -> PrintItems:
    """Read and check print-items.toml (pydantic ValidationError when it is wrong)."""
    return _load(path or data_file(PRINT_ITEMS_FILE))


@lru_cache(maxsize=4)
def _load(path: Path) -> PrintItems:
    return PrintItems.model_validate(read_toml(path))
