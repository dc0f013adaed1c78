"""Search of the business list by several words: full text on PostgreSQL, substrings elsewhere."""

from __future__ import annotations

import re

# Registers PostgreSQL's full-text functions with `func` before NAME_VECTOR below is built;
# without it, whether func.to_tsvector compiles depended on who imported the dialect first.
import sqlalchemy.dialects.postgresql  # noqa: F401
from sqlalchemy import and_, func, literal_column, or_
from sqlalchemy.sql.elements import ColumnElement

from app.models import Business

MAX_WORDS = 6
_WORD = re.compile(r"\w+")

# The expression indexed by migration 000a (ix_businesses_name_fts); keep them identical.
NAME_VECTOR = func.to_tsvector(
    literal_column("'simple'::regconfig"),
    func.coalesce(Business.name, "") + " " + func.coalesce(Business.village, ""),
)


def search_words(query: str) -> list[str]:
    """Return the lower-cased words of a search (letters and digits only, at most six)."""
    return _WORD.findall(query.lower())[:MAX_WORDS]


def words_match(words: list[str], dialect: str) -> ColumnElement[bool]:
    """Return the condition that the name or desa holds every word (as a word prefix on PG)."""
    if dialect == "postgresql":
        # Words are \\w+ only, so nothing typed can change the query's syntax.
        query = " & ".join(f"{word}:*" for word in words)
        return NAME_VECTOR.op("@@")(func.to_tsquery(literal_column("'simple'::regconfig"), query))
    return and_(
        *(
            or_(
                func.lower(Business.name).contains(word, autoescape=True),
                func.lower(Business.village).contains(word, autoescape=True),
            )
            for word in words
        )
    )
