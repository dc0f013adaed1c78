"""Say in words what a renderer had to give up: which artefact, which text, what to do."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.render.rules import (
    QR_FOR_FOOD_TEXT,
    QR_TOO_SMALL,
    TEXT_CUT,
    TEXT_DROPPED,
    WORD_BROKEN,
    Issue,
)

ARTEFACT_NAMES = {
    "label": _l("Label"),
    "pamphlet-square": _l("Pamflet persegi"),
    "pamphlet-story": _l("Pamflet story"),
    "pamphlet-a5": _l("Pamflet A5"),
    "sign": _l("Papan QR"),
}
SHORT_QUOTE = 60  # characters of the text quoted back


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT_QUOTE else text[: SHORT_QUOTE - 1] + "…"


def describe(issue: Issue) -> str:
    """Return one Indonesian (or English) sentence for an issue, naming what to shorten."""
    where = str(ARTEFACT_NAMES.get(issue.artefact, issue.artefact))
    text = _quote(issue.text)
    if issue.code == TEXT_CUT:
        return _(
            "%(where)s: “%(text)s” tidak muat dan dipendekkan dengan “…”. "
            "Pendekkan teks ini atau pilih ukuran label yang lebih besar.",
            where=where,
            text=text,
        )
    if issue.code == TEXT_DROPPED:
        return _(
            "%(where)s: “%(text)s” tidak muat dan tidak dicetak. "
            "Pendekkan teks lain atau pilih ukuran label yang lebih besar.",
            where=where,
            text=text,
        )
    if issue.code == WORD_BROKEN:
        return _(
            "%(where)s: sebuah kata di “%(text)s” terpotong di tengah. Pendekkan teks ini.",
            where=where,
            text=text,
        )
    if issue.code == QR_TOO_SMALL:
        return _(
            "%(where)s terlalu kecil untuk QR yang bisa dipindai (modul %(mm)s mm, perlu "
            "0,4 mm): QR tidak dicetak. Pakai label lebih besar atau QR di pamflet.",
            where=where,
            mm=issue.text.replace(".", ","),
        )
    if issue.code == QR_FOR_FOOD_TEXT:
        return _(
            "%(where)s: QR tidak dicetak karena keterangan wajib label makanan memenuhi "
            "label. Pilih ukuran label yang lebih besar agar QR ikut.",
            where=where,
        )
    return where
