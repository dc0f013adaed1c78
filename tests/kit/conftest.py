"""Fixtures of the kit tests: the tailor whose print items and pamphlets they check."""

import pytest


@pytest.fixture
def tailor(make_business):
    """Return a published tailor (penjahit) with two priced services."""
    return make_business(
        name="Jahit Rapi Mbak Ani",
        trade="penjahit",
        publish=True,
        products=(("Permak celana", 15000), ("Jahit seragam", 120000)),
    )
