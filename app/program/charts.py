"""Outcome charts (baseline → latest) drawn server-side with matplotlib, sized for a phone.

Pure: figures in, PNG bytes out; no Flask, no database. One panel per figure (capital,
assets, monthly turnover) because their scales differ by orders of magnitude.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from app.render.fonts import font_path
from app.render.formatting import compact_rupiah

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# matplotlib is imported on the first chart, not with the app: it costs about a second of
# start-up that every command and worker would pay (kit build, import, gunicorn boot).

WIDTH_PX = 720  # twice a 360-px phone screen: sharp on cheap high-density displays
DPI = 100
PANEL_HEIGHT_PX = 220
HEADER_PX = 120
FOOTER_PX = 20
TITLE_PT = 30
TITLE_CHARS = 32  # about what fits 720 px at TITLE_PT in bold
LABEL_PT = 26
VALUE_PT = 24
LEFT = 0.03  # left edge of every text, as a fraction of the width
BARS_LEFT = 0.26  # bars start right of the "Awal"/"Terakhir" labels
INK = "#1c1c1c"
MUTED = "#5f5a50"
BASELINE_COLOUR = "#a9a294"
UP = "#0b6e4f"
DOWN = "#b3261e"
VALUE_ROOM = 1.6  # x-axis room for the value printed after the longest bar


@dataclass(frozen=True)
class Figure3:
    """One figure of the chart: its label, the baseline and the latest value (None: unknown)."""

    label: str
    baseline: int | None
    latest: int | None


@lru_cache(maxsize=1)
def _font_family() -> str:
    """Register the bundled Noto Sans with matplotlib once and return its family name."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server; must precede pyplot
    from matplotlib import font_manager

    for role in ("text-regular", "text-bold"):
        font_manager.fontManager.addfont(str(font_path(role)))
    return font_manager.FontProperties(fname=str(font_path("text-regular"))).get_name()


def change_text(baseline: int | None, latest: int | None) -> str:
    """Return the change from baseline to latest as "+60%" / "-30%" ("" when unknown)."""
    if baseline is None or latest is None or baseline == 0:
        return ""
    percent = round((latest - baseline) * 100 / baseline)
    return f"+{percent}%" if percent >= 0 else f"-{-percent}%"  # Noto Sans lacks U+2212


def outcome_chart(
    title: str,
    figures: Sequence[Figure3],
    subtitle: str,
    baseline_label: str,
    latest_label: str,
    empty_text: str,
) -> bytes:
    """Return a PNG, 720 px wide, with one baseline/latest bar pair per figure."""
    from matplotlib.figure import Figure

    family = _font_family()
    shown = [f for f in figures if f.baseline is not None or f.latest is not None]
    panels = max(1, len(shown))
    height_px = HEADER_PX + panels * PANEL_HEIGHT_PX + FOOTER_PX
    fig = Figure(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI, facecolor="white")
    title = title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"
    _text(fig, LEFT, 1 - 36 / height_px, title, TITLE_PT, INK, family, fontweight="bold")
    _text(fig, LEFT, 1 - 86 / height_px, subtitle, VALUE_PT, MUTED, family)
    if not shown:
        fig.text(LEFT, 0.3, empty_text, fontsize=VALUE_PT, family=family, color=MUTED, wrap=True)
        return _png(fig)
    top = 1 - HEADER_PX / height_px
    panel_h = (top - FOOTER_PX / height_px) / panels
    for index, item in enumerate(shown):
        y0 = top - (index + 1) * panel_h
        label_y = y0 + panel_h * 0.84
        _text(fig, LEFT, label_y, item.label, LABEL_PT, INK, family, fontweight="bold")
        change = change_text(item.baseline, item.latest)
        if change:
            colour = DOWN if item.latest < item.baseline else UP
            _text(
                fig, 0.97, label_y, change, LABEL_PT, colour, family, fontweight="bold", ha="right"
            )
        for row, label in enumerate((baseline_label, latest_label)):
            y = y0 + panel_h * (0.53 - row * 0.33)
            _text(fig, LEFT, y, label, VALUE_PT, INK, family)
        ax = fig.add_axes((BARS_LEFT, y0 + panel_h * 0.04, 0.97 - BARS_LEFT, panel_h * 0.66))
        _panel(ax, item, family)
    return _png(fig)


def _text(fig, x: float, y: float, text: str, size: float, colour, family: str, **style) -> None:
    """Write one line of chart text, vertically centred on y."""
    fig.text(x, y, text, fontsize=size, family=family, va="center", color=colour, **style)


def _panel(ax, item: Figure3, family: str) -> None:
    values = [item.baseline, item.latest]
    falling = None not in values and item.latest < item.baseline
    colours = [BASELINE_COLOUR, DOWN if falling else UP]
    largest = max(v for v in values if v is not None) or 1
    for row, (value, colour) in enumerate(zip(values, colours, strict=True)):
        y = 1 - row  # baseline on top
        if value:
            ax.barh(y, value, height=0.7, color=colour)
        text = compact_rupiah(value) if value is not None else "—"
        ax.text(
            (value or 0) + largest * 0.03,
            y,
            text,
            fontsize=VALUE_PT,
            family=family,
            va="center",
            color=INK,
        )
    ax.set_xlim(0, largest * VALUE_ROOM)
    ax.set_ylim(-0.5, 1.5)
    ax.axis("off")


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()
