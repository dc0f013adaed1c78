"""Draw a ``vector.Scene`` on an fpdf2 page as vector art: shapes as paths, letters as outlines.

The logo's letters are in brand fonts the PDF does not embed, so they go in as glyph
outlines (filled paths), the way ``Scene.to_svg`` writes them: the logo stays sharp at
any size, a 3 m spanduk included. Each glyph's outline is turned into PDF path operators
once per (font, glyph) in font units; placing it is one ``cm`` matrix. A whole scene is
written once per document (``scene_ops``, a form XObject via ``PdfCanvas.drawing``) and
placed wherever it appears. Colour emoji have no outlines: a scene holding them is
painted op by op, the emoji as small raster tiles as in the rest of the PDF canvas.
"""

from __future__ import annotations

import math
from functools import lru_cache

from app.render.textmetrics import EMOJI_ROLE, run_metrics
from app.render.textprep import segment
from app.render.theme import hex_to_rgb
from app.render.vector import Shape, Text, _shaped, _tt, glyph_segments


def _u(v: float) -> str:
    """Format a coordinate in font units (a tenth of a unit is far below a print dot)."""
    return f"{round(v, 1):g}"


@lru_cache(maxsize=4096)
def glyph_path(role: str, name: str) -> str:
    """Return a glyph's outline in font units (y up) as PDF path operators, '' when blank."""
    ops = []
    start = cur = (0.0, 0.0)
    for cmd, *pts in glyph_segments(role, name):
        if cmd == "Q":  # PDF has cubic curves only: raise the quadratic's degree
            (qx, qy), (x, y) = pts
            c1 = (cur[0] + 2 / 3 * (qx - cur[0]), cur[1] + 2 / 3 * (qy - cur[1]))
            c2 = (x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y))
            pts = [c1, c2, (x, y)]
            cmd = "C"
        if cmd == "Z":
            ops.append("h")
            cur = start
            continue
        ops.append(
            " ".join(f"{_u(x)} {_u(y)}" for x, y in pts) + {"M": " m", "L": " l", "C": " c"}[cmd]
        )
        cur = pts[-1]
        if cmd == "M":
            start = cur
    return " ".join(ops)


@lru_cache(maxsize=64)
def _units_per_em(role: str) -> int:
    return _tt(role)["head"].unitsPerEm


def _colour(colour: str) -> str:
    r, g, b = hex_to_rgb(colour)
    return f"{r / 255:.3f} {g / 255:.3f} {b / 255:.3f}"


class ScenePainter:
    """Map a scene's px onto a PdfCanvas (scene px × scale = canvas px) and paint it."""

    def __init__(self, canvas, xy: tuple[float, float], scale: float) -> None:
        self.c = canvas
        self.pdf = canvas.pdf
        self.x0, self.y0 = xy
        self.scale = scale
        self.mm = scale * canvas.k  # mm per scene px
        self.u = self.mm * self.pdf.k  # pt per scene px

    def paint(self, scene) -> None:
        """Draw every op of the scene in order."""
        for op in scene.ops:
            if isinstance(op, Shape):
                self.shape(op)
            elif isinstance(op, Text):
                ox, oy = op.xy
                for line in op.layout.lines:
                    self.line(
                        line.text,
                        op.layout.role,
                        op.layout.size,
                        (ox + line.x, oy + line.baseline),
                        op.colour,
                    )
            else:
                self.line(op.text, op.role, op.size, (op.x, op.baseline), op.colour, op.angle)

    def _mm(self, x: float, y: float) -> tuple[float, float]:
        """Return a scene point in page mm."""
        return (self.x0 + x * self.scale) * self.c.k, (self.y0 + y * self.scale) * self.c.k

    def shape(self, s: Shape) -> None:
        """Fill and/or stroke a circle or rounded rectangle (strokes inside the box, as PIL)."""
        pdf = self.pdf
        x0, y0 = self._mm(s.box[0], s.box[1])
        x1, y1 = self._mm(s.box[2], s.box[3])
        if s.fill:
            pdf.set_fill_color(*hex_to_rgb(s.fill))
            self._outline(s, (x0, y0, x1, y1), 0.0, "F")
        if s.stroke and s.width:
            width = s.width * self.mm
            pdf.set_draw_color(*hex_to_rgb(s.stroke))
            pdf.set_line_width(width)
            self._outline(s, (x0, y0, x1, y1), width / 2, "D")

    def _outline(self, s: Shape, box, inset: float, style: str) -> None:
        x0, y0, x1, y1 = box
        x0, y0, x1, y1 = x0 + inset, y0 + inset, x1 - inset, y1 - inset
        if s.kind == "circle":
            self.pdf.ellipse(x0, y0, x1 - x0, y1 - y0, style=style)
            return
        radius = max(0.0, s.radius * self.mm - inset)
        self.pdf.rect(
            x0,
            y0,
            x1 - x0,
            y1 - y0,
            style=style,
            round_corners=radius > 0,
            corner_radius=radius,
        )

    def line(self, text, role, size, origin, colour, angle: float = 0.0) -> None:
        """Draw one line of text with its pen origin at origin (scene px), rotated by angle°."""
        pen = 0.0
        out = []
        for run_role, run in segment(text, role):
            m = run_metrics(run_role, size, run)
            if run.strip():
                if run_role == EMOJI_ROLE:
                    self._emoji(run, size, (origin[0] + pen, origin[1]))
                else:
                    out.extend(self._glyphs(run_role, size, run, origin, pen, angle))
            pen += m.advance
        if out:
            self.pdf._out(f"q {_colour(colour)} rg {' '.join(out)} Q")  # noqa: SLF001

    def _glyphs(self, role, size, run, origin, pen_px, angle) -> list[str]:
        """Return 'q cm path f Q' per glyph of a run whose pen starts pen_px along the line."""
        f = size / _units_per_em(role)  # scene px per font unit
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        u, pdf = self.u, self.pdf
        ox = self.x0 * self.c.k * pdf.k
        oy = (pdf.h - self.y0 * self.c.k) * pdf.k
        # Glyph point (gx, gy) in font units -> scene px: origin + R(angle) (P + gx f, -(D + gy) f)
        a, b, cc, d = u * f * c, -u * f * s, u * f * s, u * f * c
        out = []
        pen_u = pen_px / f
        for name, dx, dy, adv in _shaped(role, run):
            path = glyph_path(role, name)
            if path:
                p, q = (pen_u + dx) * f, dy * f
                e = ox + u * (origin[0] + c * p + s * q)
                ff = oy - u * (origin[1] + s * p - c * q)
                out.append(f"q {a:.5f} {b:.5f} {cc:.5f} {d:.5f} {e:.2f} {ff:.2f} cm {path} f Q")
            pen_u += adv
        return out

    def _emoji(self, run: str, size: int, origin: tuple[float, float]) -> None:
        """Place a colour emoji run as a raster tile at the canvas resolution."""
        px = max(1, round(size * self.scale))
        x = self.x0 + origin[0] * self.scale
        y = self.y0 + origin[1] * self.scale
        m = run_metrics(EMOJI_ROLE, px, run)
        self.c._raster_run(EMOJI_ROLE, run, px, x, y, m, "black")  # noqa: SLF001


def draw_scene(canvas, scene, xy: tuple[float, float], scale: float = 1.0) -> None:
    """Draw a scene on a PdfCanvas with its top-left at xy canvas px, scaled by scale."""
    ops = scene.pdf_ops if hasattr(scene, "pdf_ops") else scene_ops(scene)
    scene.pdf_ops = ops  # one scene, laid out once, is drawn the same way every time
    if ops is None:  # colour emoji are raster tiles: painted op by op on the page
        ScenePainter(canvas, xy, scale).paint(scene)
        return
    pdf = canvas.pdf
    u = scale * canvas.k * pdf.k  # pt per scene px
    matrix = (u, 0, 0, -u, xy[0] * canvas.k * pdf.k, (pdf.h - xy[1] * canvas.k) * pdf.k)
    box = (0, 0, scene.width, scene.height)
    canvas.drawing(("scene", id(scene)), ops, box, matrix, keep=scene)


# -- the scene as one reusable drawing --------------------------------------------------
# A scene's operators in its own px (y down), so one drawing serves every placement: as a
# PDF form XObject where fpdf2 allows it (a hang-tag sheet draws one logo nine times).
_BEZIER_K = 0.5523  # handle length of a quarter circle drawn as one cubic curve


def _f(v: float) -> str:
    return f"{round(v, 2):g}"


def _round_rect_ops(x0: float, y0: float, x1: float, y1: float, r: float) -> str:
    """Return a closed rectangle path with corners of radius r (0: square)."""
    r = max(0.0, min(r, (x1 - x0) / 2, (y1 - y0) / 2))
    if not r:
        return f"{_f(x0)} {_f(y0)} {_f(x1 - x0)} {_f(y1 - y0)} re"
    h = r * (1 - _BEZIER_K)
    pts = [
        f"{_f(x0 + r)} {_f(y0)} m",
        f"{_f(x1 - r)} {_f(y0)} l",
        f"{_f(x1 - h)} {_f(y0)} {_f(x1)} {_f(y0 + h)} {_f(x1)} {_f(y0 + r)} c",
        f"{_f(x1)} {_f(y1 - r)} l",
        f"{_f(x1)} {_f(y1 - h)} {_f(x1 - h)} {_f(y1)} {_f(x1 - r)} {_f(y1)} c",
        f"{_f(x0 + r)} {_f(y1)} l",
        f"{_f(x0 + h)} {_f(y1)} {_f(x0)} {_f(y1 - h)} {_f(x0)} {_f(y1 - r)} c",
        f"{_f(x0)} {_f(y0 + r)} l",
        f"{_f(x0)} {_f(y0 + h)} {_f(x0 + h)} {_f(y0)} {_f(x0 + r)} {_f(y0)} c h",
    ]
    return " ".join(pts)


def _ellipse_ops(x0: float, y0: float, x1: float, y1: float) -> str:
    """Return a closed ellipse path in its box (four cubic quarter arcs)."""
    cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    kx, ky = rx * _BEZIER_K, ry * _BEZIER_K
    return " ".join(
        [
            f"{_f(x1)} {_f(cy)} m",
            f"{_f(x1)} {_f(cy + ky)} {_f(cx + kx)} {_f(y1)} {_f(cx)} {_f(y1)} c",
            f"{_f(cx - kx)} {_f(y1)} {_f(x0)} {_f(cy + ky)} {_f(x0)} {_f(cy)} c",
            f"{_f(x0)} {_f(cy - ky)} {_f(cx - kx)} {_f(y0)} {_f(cx)} {_f(y0)} c",
            f"{_f(cx + kx)} {_f(y0)} {_f(x1)} {_f(cy - ky)} {_f(x1)} {_f(cy)} c h",
        ]
    )


def _shape_ops(s: Shape) -> list[str]:
    """Return a shape's fill and inset stroke (PIL draws outlines inside the box)."""
    out = []
    for colour, inset, paint in ((s.fill, 0.0, "f"), (s.stroke, s.width / 2, "S")):
        if not colour or (paint == "S" and not s.width):
            continue
        x0, y0, x1, y1 = (v + d for v, d in zip(s.box, (inset, inset, -inset, -inset), strict=True))
        path = (
            _ellipse_ops(x0, y0, x1, y1)
            if s.kind == "circle"
            else _round_rect_ops(x0, y0, x1, y1, s.radius - inset)
        )
        op = "rg" if paint == "f" else "RG"
        width = f"{_f(s.width)} w " if paint == "S" else ""
        out.append(f"{_colour(colour)} {op} {width}{path} {paint}")
    return out


def _line_ops(text, role, size, origin, colour, angle: float = 0.0) -> list[str] | None:
    """Return one line's glyphs in scene px (y down), or None when it holds colour emoji."""
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    out, pen = [f"{_colour(colour)} rg"], 0.0
    for run_role, run in segment(text, role):
        if run.strip():
            if run_role == EMOJI_ROLE:
                return None
            f = size / _units_per_em(run_role)
            pen_u = pen / f
            for name, dx, dy, adv in _shaped(run_role, run):
                path = glyph_path(run_role, name)
                if path:
                    p, q = (pen_u + dx) * f, dy * f
                    e, ff = origin[0] + c * p + s * q, origin[1] + s * p - c * q
                    out.append(
                        f"q {c * f:.5f} {s * f:.5f} {s * f:.5f} {-c * f:.5f} "
                        f"{e:.2f} {ff:.2f} cm {path} f Q"
                    )
                pen_u += adv
        pen += run_metrics(run_role, size, run).advance
    return out


def scene_ops(scene) -> str | None:
    """Return the whole scene as PDF operators in its px (y down); None if it has emoji."""
    out: list[str] = []
    for op in scene.ops:
        if isinstance(op, Shape):
            out.extend(_shape_ops(op))
            continue
        if isinstance(op, Text):
            ox, oy = op.xy
            lines = [
                (ln.text, op.layout.role, op.layout.size, (ox + ln.x, oy + ln.baseline), op.colour)
                for ln in op.layout.lines
            ]
        else:
            lines = [(op.text, op.role, op.size, (op.x, op.baseline), op.colour, op.angle)]
        for args in lines:
            ops = _line_ops(*args)
            if ops is None:
                return None
            out.extend(ops)
    return " ".join(out)
