"""The project's imports, read from the source (ast): no cycle, layers depend downward only."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "jobs", "storage")

LAZY_IMPORTS = {
    "bot.cli": "each subcommand loads only its own libraries (Telegram, openpyxl, matplotlib)",
    "bot.domain.workdays": "`holidays` is most of the domain's import time and rarely needed",
}
"""Modules allowed function-local imports, and why; those imports still count in the graph."""

FORBIDDEN = {
    "storage": ("bot", "jobs"),
    "bot.domain": ("bot.core", "bot.reports", "jobs", "bot.telegram", "bot.zalo", "bot.app"),
    "bot.core": (
        "bot.telegram",
        "bot.zalo",
        "bot.transport",
        "bot.app",
        "bot.runtime",
        "bot.runner",
        "bot.cli",
        "bot.console",
        "bot.health",
    ),
    "bot.reports": ("bot.core.commands", "jobs", "bot.telegram", "bot.zalo", "bot.app"),
    "jobs": ("bot.telegram", "bot.zalo", "bot.app", "bot.runtime", "bot.cli"),
    "bot.telegram": ("bot.zalo", "bot.core.commands", "bot.app", "bot.runtime", "bot.cli"),
    "bot.zalo": ("bot.telegram", "bot.core.commands", "bot.app", "bot.runtime", "bot.cli"),
}
"""What each layer must not import (each folder's `__init__` docstring says the same)."""


@cache
def modules() -> dict[str, Path]:
    """Every module of the project by dotted name (a package by its `__init__`)."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _resolve(name: str) -> str | None:
    """The project module an imported name belongs to (None: not the project's)."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        package = module if modules()[module].name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    for alias in node.names:
        # `from package import module` imports that module, not names of the package's own.
        qualified = f"{base}.{alias.name}"
        yield qualified if qualified in modules() else base


@cache
def import_graph() -> dict[str, frozenset[str]]:
    """Module → project modules it imports, anywhere in it (functions, TYPE_CHECKING too)."""
    graph: dict[str, frozenset[str]] = {}
    for module, path in modules().items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for name in _imported(module, node):
                    target = _resolve(name)
                    if target is not None and target != module:
                        targets.add(target)
        graph[module] = frozenset(targets)
    return graph


def package_of(module: str) -> str:
    """A module's package (its folder); modules directly in bot/, jobs/, storage/ stand alone.

    The top folders are namespaces holding the composition root next to small shared services
    (settings, metrics, the HTTP server), not layers; their subfolders are the layers.
    """
    path = modules()[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return package if "." in package else module


def package_graph() -> dict[str, frozenset[str]]:
    """Package → packages its modules import."""
    graph: dict[str, set[str]] = {}
    for module, targets in import_graph().items():
        source = package_of(module)
        graph.setdefault(source, set()).update(
            package_of(t) for t in targets if package_of(t) != source
        )
    return {name: frozenset(targets) for name, targets in graph.items()}


def cycles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one node, or a node importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_the_walk_sees_the_project() -> None:
    graph = import_graph()
    assert len(graph) > 100
    assert "bot.core.router" in graph["bot.app"]
    assert "bot.core.commands" in graph["bot.app"]


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": frozenset({"b"}), "b": frozenset({"a"}), "c": frozenset({"a"})}) == [
        ["a", "b"]
    ]
    assert cycles({"a": frozenset({"b"}), "b": frozenset()}) == []


def test_no_module_imports_itself_back() -> None:
    assert cycles(dict(import_graph())) == []


def test_no_package_imports_itself_back() -> None:
    assert cycles(package_graph()) == []


def test_layers_import_only_downward() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        for layer, banned in FORBIDDEN.items()
        if _within(module, layer)
        for target in targets
        if any(_within(target, b) for b in banned)
    ]
    assert wrong == []


def test_only_the_composition_root_lists_the_commands() -> None:
    importers = {
        module
        for module, targets in import_graph().items()
        if not _within(module, "bot.core.commands")
        and any(_within(t, "bot.core.commands") for t in targets)
    }
    assert importers == {"bot.app"}


def test_function_local_imports_only_where_said_why() -> None:
    local: set[str] = set()
    for module, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inner = (n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom)))
                if any(True for _ in inner):
                    local.add(module)
    assert local <= set(LAZY_IMPORTS), sorted(local - set(LAZY_IMPORTS))


def test_every_folder_says_what_it_may_import() -> None:
    silent = [
        name
        for name, path in modules().items()
        if path.name == "__init__.py"
        and "import" not in (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "")
    ]
    assert silent == []
