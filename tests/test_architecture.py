"""The shape of the code, read from the source with ``ast``: who may import whom.

* ``app/render/`` is pure: no Flask, SQLAlchemy or other part of ``app``.
* No two parts of ``app`` (subpackages and top-level modules) import each other,
  directly or round a longer loop.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"
# Third-party roots a renderer may not import: they belong to the web and database side.
IMPURE_ROOTS = {"flask", "flask_babel", "flask_login", "flask_wtf", "sqlalchemy", "werkzeug"}
# Being made pure (a render spec instead of app.toolkits) in the speed issue; every other
# renderer is held to the rule.
RENDER_EXCEPTIONS = {"app.render.checklist_pdf", "app.render.bukukas_pdf"}


def module_name(path: Path) -> str:
    """Return the dotted module name of a file under app/."""
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path) -> set[str]:
    """Return every module a file under app/ imports, anywhere in it."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: list[str]) -> set[str]:
    """Return every module some source imports; relative imports resolved against package."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                prefix = package[: len(package) - node.level + 1]
                base = ".".join([*prefix, base] if base else prefix)
            names.add(base)
            # "from app import render" imports the module app.render
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def modules() -> dict[str, Path]:
    """Return every module under app/ by dotted name."""
    return {module_name(p): p for p in APP.rglob("*.py")}


def part(name: str) -> str | None:
    """Return the part of app a module belongs to: app.<sub> (a package or a module)."""
    bits = name.split(".")
    if bits[0] != "app" or len(bits) < 2:
        return None
    candidate = ".".join(bits[:2])
    if (APP / bits[1]).is_dir() or (APP / f"{bits[1]}.py").exists():
        return candidate
    return None


def part_graph() -> dict[str, set[str]]:
    """Return which part of app imports which other part (the render exceptions left out)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules().items():
        source = part(name)
        if source is None or name in RENDER_EXCEPTIONS:
            continue
        for imported in imported_names(path):
            target = part(imported)
            if target and target != source:
                graph[source].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected groups of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_renderers_import_nothing_from_flask_the_database_or_the_app():
    offences = []
    for name, path in modules().items():
        if not name.startswith("app.render") or name in RENDER_EXCEPTIONS:
            continue
        for imported in imported_names(path):
            root = imported.split(".")[0]
            outside_render = (
                root == "app"
                and imported not in ("app", "app.render")
                and not (imported.startswith("app.render."))
            )
            if root in IMPURE_ROOTS or outside_render:
                offences.append(f"{name} imports {imported}")
    assert offences == []


def test_render_exceptions_still_exist():
    # When the speed issue makes them pure, drop them from RENDER_EXCEPTIONS.
    assert {n for n in modules() if n in RENDER_EXCEPTIONS} == RENDER_EXCEPTIONS


def test_no_two_parts_of_the_app_import_each_other():
    assert cycles(part_graph()) == []


def test_the_checker_sees_a_loop_and_a_relative_import():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    source = "import flask\nfrom ..kit import services\n\ndef f():\n    from . import x\n"
    names = imports_in(source, ["app", "public"])
    assert {"flask", "app.kit.services", "app.public.x"} <= names
    assert part("app.kit.services") == "app.kit" and part("flask") is None


def blueprints() -> set[str]:
    """Return the packages of app that define a blueprint (``bp = Blueprint(...)``)."""
    found = set()
    for init in APP.glob("*/__init__.py"):
        if "Blueprint(" in init.read_text(encoding="utf-8"):
            found.add(module_name(init))
    return found


def test_blueprints_import_only_the_app_level_never_each_other():
    names = blueprints()
    assert {"app.kit", "app.mentor", "app.public"} <= names
    graph = part_graph()
    crossings = sorted(f"{a} -> {b}" for a in names for b in graph.get(a, ()) if b in names)
    assert crossings == []


@pytest.mark.parametrize("name", sorted(RENDER_EXCEPTIONS) + ["app.checklists", "app.render"])
def test_each_module_imports_first_in_a_fresh_interpreter(name):
    # An import loop shows only when its module is the first one imported.
    done = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
