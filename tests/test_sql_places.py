"""SQL lives in storage/: bot/ and jobs/ neither build a statement nor run one themselves."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ALLOWED = {"sqlalchemy.exc", "sqlalchemy.ext.asyncio"}
"""SQLAlchemy modules the upper layers may use: errors to catch, and the session types they pass
down to storage."""

RUNS_SQL = {"execute", "scalar", "scalars", "stream", "stream_scalars"}
"""Methods of a session or connection that run a statement (their names are used for nothing else
in bot/ and jobs/)."""

SESSION_LOOKUPS = {"get", "get_one", "refresh"}
"""Session methods that query too, told apart from dict.get by the receiver's name."""


def offences(path: Path, base: Path = ROOT) -> list[str]:
    """Each SQLAlchemy import beyond ALLOWED and each statement run, as `file:line what`."""
    found = []
    where = path.relative_to(base)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom | ast.Import):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            modules += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            for module in modules:
                if module.split(".")[0] == "sqlalchemy" and module not in ALLOWED:
                    found.append(f"{where}:{node.lineno} imports {module}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method, receiver = node.func.attr, ast.unparse(node.func.value)
            if method in RUNS_SQL or (
                method in SESSION_LOOKUPS and receiver.split(".")[-1] == "session"
            ):
                found.append(f"{where}:{node.lineno} {receiver}.{method}(…)")
    return sorted(found)


def test_no_sql_outside_storage() -> None:
    paths = sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "jobs").rglob("*.py")])
    assert paths, "the packages were found"
    found = [line for path in paths for line in offences(path)]
    assert found == [], "move these into a named function in storage/queries/"


def test_the_scan_sees_a_statement(tmp_path: Path) -> None:
    # The check above passes on an empty list; this shows it can see what it looks for.
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from sqlalchemy import select\n"
        "from sqlalchemy.exc import IntegrityError\n"
        "async def f(ctx, cache):\n"
        "    cache.get(1)\n"
        "    await ctx.session.get(Unit, 1)\n"
        "    await ctx.session.scalars(select(Unit))\n",
        encoding="utf-8",
    )
    assert offences(sample, base=tmp_path) == [
        "sample.py:1 imports sqlalchemy",
        "sample.py:5 ctx.session.get(…)",
        "sample.py:6 ctx.session.scalars(…)",
    ]
