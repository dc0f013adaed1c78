"""axe-core (vendored from npm) run in a page: the serious and critical violations."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = ("serious", "critical")
SMALL_TARGETS = Path(__file__).resolve().parent / "small_targets.js"


def violations(page) -> list[dict]:
    """Run axe-core on the page (its context must bypass the CSP) and return what blocks."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in found if v["impact"] in BLOCKING]


def small_targets(page, minimum: int = 24) -> list[str]:
    """Return the visible targets smaller than minimum px (links in a sentence excepted)."""
    return page.evaluate(SMALL_TARGETS.read_text(encoding="utf-8"), minimum)
