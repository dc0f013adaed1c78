"""The square mark of each logo style: beside the name on pamphlets (no name inside it).

The badge's monogram, the icon's disc, the stamp itself, the frame's icon; the stacked and
script styles get a round monogram in their own letters.
"""

from __future__ import annotations

from app.render.logos import DEFAULT_STYLE, LogoSpec, _icon, _monogram, _stamp
from app.render.theme import Theme, get_theme
from app.render.vector import Scene

MARK_RADIUS = 0.26  # rounded square marks, as a share of the side
MARK_ICON = 0.62  # trade icon inside a round mark
MARK_RING = 0.06  # the line of the framed mark
# The font the wordmark beside a mark takes, so the name reads in the logo's own letters.
WORDMARK_ROLE = {
    "stacked": "brand-condensed",
    "script": "brand-script",
    "frame": "brand-slab",
    "icon": "brand-round",
    "badge": "display-bold",
    "stamp": "brand-slab",
}


def _mark_monogram(scene: Scene, spec: LogoSpec, t: Theme, role: str, round_: bool) -> None:
    s = scene.width
    if round_:
        scene.circle(s / 2, s / 2, s / 2 - 1, fill=t.primary)
    else:
        scene.rect((0, 0, s, s), fill=t.primary, radius=s * MARK_RADIUS)
    _monogram(scene, spec, t, s, role)


def _mark_icon(scene: Scene, spec: LogoSpec, t: Theme, framed: bool) -> None:
    s = scene.width
    if framed:
        line = s * MARK_RING
        scene.rect(
            (line / 2, line / 2, s - line / 2, s - line / 2),
            fill=t.background,
            stroke=t.primary,
            width=line,
            radius=s * 0.12,
        )
        _icon(scene, spec, s / 2, s / 2, round(s * MARK_ICON), t.primary)
        return
    scene.circle(s / 2, s / 2, s / 2 - 1, fill=t.accent)
    _icon(scene, spec, s / 2, s / 2, round(s * MARK_ICON), t.on_accent)


def logo_mark(spec: LogoSpec, style: str = DEFAULT_STYLE, side_px: int = 160) -> Scene:
    """Lay out the square mark of a logo style (its badge, icon or stamp, without the name)."""
    scene = Scene(side_px, side_px)
    t = get_theme(spec.theme)
    if style == "stamp":
        _stamp(scene, spec, t)
    elif style in ("icon", "frame"):
        _mark_icon(scene, spec, t, framed=style == "frame")
    elif style in ("stacked", "script"):
        _mark_monogram(scene, spec, t, WORDMARK_ROLE[style], round_=True)
    else:
        _mark_monogram(scene, spec, t, "brand-round", round_=False)
    return scene
