"""Print the import graph between the parts of ``app``: one edge a line, with its count.

A part is a subpackage (``app.render``, ``app.mentor``…) or a top-level module
(``app.kitfiles``…; ``app`` is app/__init__.py); ``--packages`` groups the top-level
modules as one part, ``app``.
The count is how many import statements of the source part name the target part. Read
with ``ast`` (nothing is imported or run); a loop between two parts is marked ``LOOP``.

    python scripts/import_graph.py [--packages] [--dot]
"""

from __future__ import annotations

import argparse
import ast
from collections import Counter
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"


def part_of(dotted: str, modules: bool) -> str | None:
    """Return the part of app a dotted module name belongs to (None outside app)."""
    parts = dotted.split(".")
    if parts[0] != "app":
        return None
    if len(parts) == 1:
        return "app"
    if (APP / parts[1]).is_dir():
        return f"app.{parts[1]}"
    return f"app.{parts[1]}" if modules else "app"


def _targets(node: ast.AST, package: list[str]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        prefix = package[: len(package) - node.level + 1]
        base = ".".join([*prefix, base] if base else prefix)
    if base == "app":  # "from app import render" names the part app.render
        return [f"app.{alias.name}" for alias in node.names]
    return [base]


def edges(modules: bool = False) -> Counter[tuple[str, str]]:
    """Count import statements from one part of app to another."""
    counts: Counter[tuple[str, str]] = Counter()
    for path in sorted(APP.rglob("*.py")):
        dotted = [p for p in path.relative_to(APP.parent).with_suffix("").parts if p != "__init__"]
        package = dotted if path.name == "__init__.py" else dotted[:-1]
        source = part_of(".".join(dotted), modules)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for name in _targets(node, package):
                target = part_of(name, modules)
                if target and source and target != source:
                    counts[(source, target)] += 1
    return counts


def main() -> None:
    """Print the edges, heaviest first, or a Graphviz digraph with --dot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", action="store_true", help="top-level modules as one part")
    parser.add_argument("--dot", action="store_true", help="print Graphviz dot")
    args = parser.parse_args()
    counts = edges(modules=not args.packages)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if args.dot:
        print("digraph app {")
        for (source, target), count in ordered:
            print(f'  "{source}" -> "{target}" [label={count}];')
        print("}")
        return
    # Grouped, "app" is every top-level module at once: both ways is no loop of modules.
    looping = {e for e in counts if (e[1], e[0]) in counts and "app" not in e}
    for (source, target), count in ordered:
        loop = "  LOOP" if (source, target) in looping else ""
        print(f"{source:22} -> {target:22} {count:4}{loop}")
    loops = {frozenset(edge) for edge in looping}
    parts = len({p for e in counts for p in e})
    print(f"{len(counts)} edges between {parts} parts, {len(loops)} loops")


if __name__ == "__main__":
    main()
