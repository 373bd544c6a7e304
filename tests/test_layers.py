"""The package import graph follows the layers in README's layout section and has no cycle.

Every module is parsed with ``ast`` (imports inside functions count too, lazily imported or
not), so a new import that breaks the layering fails here with the file and line named.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "noticegen"

# The floor: what every domain package may use; it uses no domain package.
FLOOR = {"noticegen", "errors", "i18n", "safezip", "zipwrite", "yamlread", "output", "model",
         "resources", "chinese", "wordxml"}
# Domain package → the domain packages it may import (the floor is always allowed).
ALLOWED = {
    "extract": set(),
    "campaign": set(),
    "lint": set(),
    "check": {"extract"},
    "render": {"campaign"},
    "report": {"extract", "campaign", "lint", "check", "render"},
    "api": {"extract", "campaign", "lint", "check", "render", "report"},
    "cli": {"api", "extract", "campaign", "lint", "check", "render", "report"},
    "web": {"api", "extract", "campaign", "lint", "check", "render", "report"},
}
# A Flask application: the package registers the views that import it back.
CYCLES_LEFT = {"web"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts}


def _imports(name: str, path: Path, modules) -> list[tuple[str, int]]:
    """(imported noticegen module, line) for every import statement in the module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # ``from . import x`` imports the module x when there is one
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in modules else module
                       for a in node.names]
        else:
            continue
        found += [(t, node.lineno) for t in dict.fromkeys(targets) if t in modules]
    return found


def _unit(module: str) -> str:
    """The layer unit of a module: its top-level package or floor module under noticegen."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


@pytest.fixture(scope="module")
def graph() -> list[tuple[str, str, str]]:
    """(importer, imported, "file:line") for every import between noticegen modules."""
    modules = _modules()
    edges = []
    for name, path in modules.items():
        for target, line in _imports(name, path, modules):
            if target != name:
                edges.append((name, target, f"{path.relative_to(PACKAGE.parent)}:{line}"))
    return edges


def test_every_unit_is_placed(graph):
    units = {_unit(m) for m in _modules()}
    if not units <= FLOOR | set(ALLOWED):
        pytest.fail(f"not in a layer: {sorted(units - FLOOR - set(ALLOWED))}", pytrace=False)


def test_floor_imports_no_domain_package(graph):
    wrong = [f"{where}: {a} imports {b}" for a, b, where in graph
             if _unit(a) in FLOOR and _unit(b) not in FLOOR]
    if wrong:
        pytest.fail("the floor must not import a domain package:\n" + "\n".join(wrong), pytrace=False)


def test_domain_packages_follow_the_layers(graph):
    wrong = [f"{where}: {a} imports {b} ({_unit(a)} may use {sorted(ALLOWED[_unit(a)]) or 'only the floor'})"
             for a, b, where in graph
             if _unit(a) in ALLOWED and _unit(b) != _unit(a) and _unit(b) not in FLOOR
             and _unit(b) not in ALLOWED[_unit(a)]]
    if wrong:
        pytest.fail("imports across the layers:\n" + "\n".join(wrong), pytrace=False)


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the directed graph ``edges``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_cycle_between_packages(graph):
    edges: dict[str, set[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for a, b, line in graph:
        if _unit(a) != _unit(b):
            edges.setdefault(_unit(a), set()).add(_unit(b))
            where.setdefault((_unit(a), _unit(b)), f"{line} ({a} → {b})")
    cycle = _cycle(edges)
    if cycle:
        pytest.fail("package cycle " + " → ".join(cycle) + ":\n" + "\n".join(
            where[pair] for pair in zip(cycle, cycle[1:])), pytrace=False)


def test_no_cycle_between_modules(graph):
    edges: dict[str, set[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for a, b, line in graph:
        if _unit(a) not in CYCLES_LEFT:
            edges.setdefault(a, set()).add(b)
            where.setdefault((a, b), line)
    cycle = _cycle(edges)
    if cycle:
        pytest.fail("module cycle " + " → ".join(cycle) + ":\n" + "\n".join(
            f"{where[pair]}: {pair[0]} imports {pair[1]}" for pair in zip(cycle, cycle[1:])),
            pytrace=False)
