"""Every seeded record can be read: from a chat command or from the exported workbook.

The check is per section of the seed schema, so a section added to `SeedFile` fails here until it
says where its records are shown.
"""

from __future__ import annotations

import ast
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from bot.app import App
from bot.reports import sheets
from storage.seed import default_seed_files, parse_file
from storage.seed_schema import SeedFile
from tests.chat import ask, ask_reply

ROOT = Path(__file__).resolve().parent.parent


def column(book_sheets: dict[str, list[tuple[Any, ...]]], sheet: str, header: str) -> set[str]:
    rows = book_sheets[sheet]
    index = list(rows[0]).index(header)
    return {str(row[index]) for row in rows[1:] if row[index] is not None}


async def test_every_seeded_record_is_reachable(app: App) -> None:
    seeds = [parse_file(path).data for path in default_seed_files()]
    content = (await ask_reply(app, "/xuat")).document
    assert content is not None
    book = load_workbook(io.BytesIO(content.content))
    tables: dict[str, list[tuple[Any, ...]]] = {
        ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets
    }
    indicator_text = {
        year: await ask(app, f"/chitieu {year}")
        for year in {i.year for s in seeds for i in s.indicators}
    }

    def codes(sheet: str, header: str) -> set[str]:
        return column(tables, sheet, header)

    # Where each section's records are shown (seed records are typed per section: Any here).
    checks: dict[str, Callable[[Any], bool]] = {
        "units": lambda r: r.code in codes(sheets.UNITS_TITLE, "Mã"),
        "award_forms": lambda r: r.code in codes(sheets.FORMS_TITLE, "Mã"),
        "commemorations": lambda r: r.code in codes(sheets.COMMEMORATIONS.title, "Mã"),
        "documents": lambda r: r.code in codes(sheets.DOCUMENTS.title, "Mã"),
        "indicators": lambda r: (
            r.code in codes(sheets.INDICATORS.title, "Mã chỉ tiêu")
            and f"• {r.name}: " in indicator_text[r.year]
        ),
        "scorecards": lambda r: (
            f"Hoàn thành {r.targets_met}/{r.targets_total} chỉ tiêu" in indicator_text[r.year]
        ),
        "awards": lambda r: r.key in codes(sheets.AWARDS.title, "Mã dòng"),
        "tasks": lambda r: r.code in codes(sheets.TASKS.title, "Mã nhiệm vụ"),
    }
    sections = [name for name in SeedFile.model_fields if name != "description"]
    assert [s for s in sections if s not in checks] == [], "a seed section without a place"
    missing = [
        f"{section}: {record!r}"[:120]
        for seed in seeds
        for section in sections
        for record in getattr(seed, section)
        if not checks[section](record)
    ]
    assert missing == []
    assert sum(len(getattr(seed, s)) for seed in seeds for s in sections) > 100
    # The documents the article cites are also named where their year's figures are.
    assert "377/KH-UBND (09/10/2022, UBND quận Hoàng Mai)" in indicator_text[2022]


def _imports(paths: Iterable[Path]) -> dict[str, set[str]]:
    """Module → the modules it imports (absolute imports only, as the project writes them)."""
    found: dict[str, set[str]] = {}
    for path in paths:
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[str(path.relative_to(ROOT))] = names
    return found


def test_layers_import_downward_only() -> None:
    above_domain = ("bot.core", "bot.reports", "jobs", "bot.telegram", "bot.zalo", "bot.app")
    domain = _imports((ROOT / "bot" / "domain").glob("*.py"))
    assert domain, "bot/domain has modules"
    wrong = {
        module: sorted(n for n in names if n.startswith(above_domain))
        for module, names in domain.items()
    }
    assert {m: n for m, n in wrong.items() if n} == {}
    # Reports sit below the commands that use them: no import back up (the old cycle).
    reports = _imports((ROOT / "bot" / "reports").glob("*.py"))
    back = {
        module: sorted(n for n in names if n.startswith("bot.core.commands"))
        for module, names in reports.items()
    }
    assert {m: n for m, n in back.items() if n} == {}
