"""Sticker-sheet presets from ``toolkits/sheets.toml``: typed, checked to fit their paper."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import StrictBool, StrictFloat, StrictInt, StrictStr, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass

from app.render.data import SHEETS_FILE, data_file
from app.render.rules import SHEET_SAFE_MARGIN_MM
from app.render.tomldata import DATA_CONFIG, NonEmpty, one_line, read_toml, top_level_problems
from app.render.translations import N_, translate

A4_MM = (210.0, 297.0)
PAPER_SIZES_MM = {"A4": A4_MM, "A5": (148.0, 210.0), "A6": (105.0, 148.0)}
FIT_TOLERANCE_MM = 0.01
CUSTOM_MARGIN_MM = 8.0  # most home printers cannot print closer than ~5 mm to the edge
CUSTOM_GAP_MM = 3.0
CUSTOM_NAME = N_("Ukuran sendiri %(w)s × %(h)s mm")  # a custom sheet preset, by label size


class SheetError(ValueError):
    """A sheet preset is invalid or does not fit its paper."""


@dataclass(frozen=True, config=DATA_CONFIG)
class SheetPreset:
    """A grid of labels on a sheet of paper (``[sheets.<key>]``), all sizes in mm."""

    key: NonEmpty
    name_id: NonEmpty
    name_en: NonEmpty
    paper_w_mm: StrictFloat
    paper_h_mm: StrictFloat
    columns: StrictInt
    rows: StrictInt
    label_w_mm: StrictFloat
    label_h_mm: StrictFloat
    margin_top_mm: StrictFloat
    margin_left_mm: StrictFloat
    gap_h_mm: StrictFloat = 0.0
    gap_v_mm: StrictFloat = 0.0
    corner_radius_mm: StrictFloat = 0.0
    # Colour and text stay this far inside each label's cut (≥ 1.5 mm on gapless sheets)…
    safe_margin_mm: StrictFloat = 0.0
    # …unless the sheet prints with bleed: artwork runs this far past the cut into the gap.
    bleed_mm: StrictFloat = 0.0
    verified: StrictBool = False
    note: StrictStr = ""

    @property
    def gapless(self) -> bool:
        """Tell whether neighbouring labels touch (no gap in some direction)."""
        return (self.columns > 1 and self.gap_h_mm == 0) or (self.rows > 1 and self.gap_v_mm == 0)

    @property
    def edge_safe_mm(self) -> float:
        """Return how far inside the cut the label's artwork must stay (0 with bleed)."""
        return 0.0 if self.bleed_mm else self.safe_margin_mm

    @property
    def per_sheet(self) -> int:
        """Return the number of labels on one sheet."""
        return self.columns * self.rows

    def cell(self, index: int) -> tuple[float, float]:
        """Return the top-left corner (x, y) in mm of a 0-based cell, row by row."""
        row, col = divmod(index, self.columns)
        x = self.margin_left_mm + col * (self.label_w_mm + self.gap_h_mm)
        y = self.margin_top_mm + row * (self.label_h_mm + self.gap_v_mm)
        return x, y


_PRESET = TypeAdapter(SheetPreset)


def validate_preset(p: SheetPreset) -> list[str]:
    """Return the problems of a preset (empty when it fits its paper)."""
    problems = []
    for name in ("paper_w_mm", "paper_h_mm", "label_w_mm", "label_h_mm"):
        if getattr(p, name) <= 0:
            problems.append(f"{p.key}.{name} must be > 0")
    for name in (
        "margin_top_mm",
        "margin_left_mm",
        "gap_h_mm",
        "gap_v_mm",
        "corner_radius_mm",
        "safe_margin_mm",
        "bleed_mm",
    ):
        if getattr(p, name) < 0:
            problems.append(f"{p.key}.{name} must be ≥ 0")
    if p.columns < 1 or p.rows < 1:
        problems.append(f"{p.key}: columns and rows must be ≥ 1")
    if problems:
        return problems
    right = p.margin_left_mm + p.columns * p.label_w_mm + (p.columns - 1) * p.gap_h_mm
    bottom = p.margin_top_mm + p.rows * p.label_h_mm + (p.rows - 1) * p.gap_v_mm
    if right > p.paper_w_mm + FIT_TOLERANCE_MM:
        problems.append(f"{p.key}: grid is {right:.2f} mm wide, paper {p.paper_w_mm} mm")
    if bottom > p.paper_h_mm + FIT_TOLERANCE_MM:
        problems.append(f"{p.key}: grid is {bottom:.2f} mm tall, paper {p.paper_h_mm} mm")
    if p.corner_radius_mm * 2 > min(p.label_w_mm, p.label_h_mm):
        problems.append(f"{p.key}: corner radius larger than half the label")
    if p.gapless and not p.bleed_mm and p.safe_margin_mm < SHEET_SAFE_MARGIN_MM:
        problems.append(
            f"{p.key}: labels touch, so safe_margin_mm must be ≥ {SHEET_SAFE_MARGIN_MM} "
            "(or print with bleed_mm into a gap)"
        )
    if p.bleed_mm and (
        p.gapless or p.bleed_mm * 2 > min(p.gap_h_mm or p.gap_v_mm, p.gap_v_mm or p.gap_h_mm)
    ):
        problems.append(f"{p.key}: bleed_mm needs a gap of twice its width between labels")
    return problems


def sheet_problems(data: dict[str, Any]) -> tuple[dict[str, SheetPreset], list[str]]:
    """Build presets from parsed TOML; return (presets by key, problems)."""
    problems = top_level_problems(data, {"sheets"})
    raw = data.get("sheets")
    if not isinstance(raw, dict) or not raw:
        return {}, [*problems, "sheets.toml has no [sheets.<key>] tables"]
    presets: dict[str, SheetPreset] = {}
    for key, entry in raw.items():
        if not isinstance(entry, dict):
            problems.append(f"{key}: must be a table")
            continue
        try:
            preset = _PRESET.validate_python({**entry, "key": key})
        except ValidationError as exc:
            problems.extend(f"{key}: {e}" for e in one_line(exc))
            continue
        problems.extend(validate_preset(preset))
        presets[key] = preset
    return presets, problems


def parse_sheets(data: dict) -> dict[str, SheetPreset]:
    """Build and validate presets from parsed TOML."""
    presets, problems = sheet_problems(data)
    if problems:
        raise SheetError("; ".join(problems))
    return presets


def load_sheets(path: Path | None = None) -> dict[str, SheetPreset]:
    """Load and validate the sheet presets file."""
    return _load_sheets(path or data_file(SHEETS_FILE))


@lru_cache(maxsize=8)
def _load_sheets(path: Path) -> dict[str, SheetPreset]:
    return parse_sheets(read_toml(path))


def get_sheet(key: str) -> SheetPreset:
    """Return a preset by key."""
    try:
        return load_sheets()[key]
    except KeyError:
        raise SheetError(f"unknown sheet preset {key!r}") from None


def custom_sheet(
    label_w_mm: float,
    label_h_mm: float,
    paper: str | tuple[float, float] = "A4",
    *,
    margin_mm: float = CUSTOM_MARGIN_MM,
    gap_mm: float = CUSTOM_GAP_MM,
    corner_radius_mm: float = 0.0,
) -> SheetPreset:
    """Build a centred grid of as many labels of a size as fit on plain paper."""
    pw, ph = PAPER_SIZES_MM[paper] if isinstance(paper, str) else paper
    cols = math.floor((pw - 2 * margin_mm + gap_mm) / (label_w_mm + gap_mm))
    rows = math.floor((ph - 2 * margin_mm + gap_mm) / (label_h_mm + gap_mm))
    if cols < 1 or rows < 1:
        raise SheetError(f"a {label_w_mm} × {label_h_mm} mm label does not fit on {pw} × {ph} mm")
    grid_w = cols * label_w_mm + (cols - 1) * gap_mm
    grid_h = rows * label_h_mm + (rows - 1) * gap_mm
    preset = SheetPreset(
        key=f"custom-{label_w_mm:g}x{label_h_mm:g}",
        name_id=translate("id", CUSTOM_NAME, w=f"{label_w_mm:g}", h=f"{label_h_mm:g}"),
        name_en=translate("en", CUSTOM_NAME, w=f"{label_w_mm:g}", h=f"{label_h_mm:g}"),
        paper_w_mm=pw,
        paper_h_mm=ph,
        columns=cols,
        rows=rows,
        label_w_mm=label_w_mm,
        label_h_mm=label_h_mm,
        margin_top_mm=round((ph - grid_h) / 2, 2),
        margin_left_mm=round((pw - grid_w) / 2, 2),
        gap_h_mm=gap_mm,
        gap_v_mm=gap_mm,
        corner_radius_mm=corner_radius_mm,
        verified=True,  # plain paper cut by hand: nothing to match
        note="Kertas biasa atau stiker polos: potong mengikuti garis.",
    )
    problems = validate_preset(preset)
    if problems:
        raise SheetError("; ".join(problems))
    return preset
