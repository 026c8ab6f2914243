"""Every Vietnamese text the bot shows lives in a `texts` module of its feature (docs/voice.md).

Texts kept together can be read and reviewed as text. A Vietnamese string literal (one with a
letter outside ASCII) anywhere else in bot/, jobs/ or storage/ fails here, except docstrings and
the modules below, which hold words the bot reads rather than says.
"""

from __future__ import annotations

import ast
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "jobs", "storage")

NOT_TEXTS = {
    "storage/migrations": "migrations are history: a label written in 2025 stays as it was",
}
"""Folders whose literals are not the bot's texts, and why."""

VOCABULARY: dict[str, str] = {
    "bot/domain/when_lex.py": "letters and words /nhac reads: đ folds to d, tối and tới differ",
}
"""Modules that may hold Vietnamese literals outside a `texts` package, and why."""


def _modules() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if not any(relative.startswith(folder + "/") for folder in NOT_TEXTS):
                found.append(relative)
    return found


def is_text_module(relative: str) -> bool:
    """A module inside a `texts` package, or one of the vocabulary modules."""
    return "texts" in Path(relative).parts[:-1] or relative in VOCABULARY


def _docstrings(tree: ast.Module) -> set[int]:
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, owners) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    # An attribute's docstring is the string statement right after its assignment.
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            for before, after in pairwise(block):
                if (
                    isinstance(before, (ast.Assign, ast.AnnAssign))
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                ):
                    found.add(id(after.value))
    return found


def vietnamese_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every non-docstring string literal with a non-ASCII letter."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and any(not ch.isascii() and ch.isalpha() for ch in node.value)
    ]


def test_the_scan_finds_literals_and_skips_docstrings() -> None:
    source = '"""Mô-đun."""\nX = "Đã lưu."\n"""Thuộc tính."""\ndef f():\n    """Hàm."""\n'
    source += '    return f"{1} ngày"\nY = "ascii only"\n'
    assert vietnamese_literals(source) == [(2, "Đã lưu."), (6, " ngày")]


def test_the_rule_knows_texts_packages() -> None:
    assert is_text_module("bot/core/texts/units.py")
    assert not is_text_module("bot/core/commands/units.py")


def test_the_exceptions_name_real_files() -> None:
    missing = [path for path in [*VOCABULARY, *NOT_TEXTS] if not (ROOT / path).exists()]
    assert missing == []


@pytest.mark.parametrize("relative", [m for m in _modules() if not is_text_module(m)])
def test_no_vietnamese_text_outside_texts_modules(relative: str) -> None:
    found = vietnamese_literals((ROOT / relative).read_text(encoding="utf-8"))
    shown = [f"{relative}:{line}: {text[:60]!r}" for line, text in found]
    assert shown == [], "move these into the feature's texts module:\n" + "\n".join(shown)
