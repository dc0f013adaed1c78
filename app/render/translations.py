"""Gettext for code without Flask: the app's own catalogues (app/translations), read directly.

The checklist domain and the renderers write their prose in Indonesian, marked with ``N_``
so ``scripts/i18n.py`` extracts it into the same catalogue the screens use; ``translate``
then gives it in a language passed in (Indonesian is the source language, English comes
from ``app/translations/en``). Screens keep using Flask-Babel's ``_()``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations

TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "translations"
SOURCE_LANGUAGE = "id"
LANGUAGES = ("id", "en")


def N_(message: str) -> str:
    """Mark a message for the catalogue; it is translated later, by ``translate``."""
    return message


@cache
def _catalogue(lang: str) -> NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [lang])


def translate(lang: str, message: str, **params: object) -> str:
    """Return an Indonesian message in lang, its %(name)s fields filled from params."""
    text = _catalogue(lang).gettext(message)
    return text % params if params else text
