"""Seed files' cross-references: codes they name exist, codes they give are not given twice."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AwardForm, Unit
from storage.seed_parse import ParsedFile, SeedError
from storage.texts import seed as texts


async def check_references(session: AsyncSession, files: list[ParsedFile]) -> None:
    """Every unit and award form a seed file names exists in the files or the database, and no
    code is given twice; otherwise a SeedError lists each problem with its file and line."""
    existing_units = set((await session.scalars(select(Unit.code))).all())
    existing_forms = set((await session.scalars(select(AwardForm.code))).all())
    unit_codes = existing_units | {u.code for f in files for u in f.data.units}
    form_codes = existing_forms | {a.code for f in files for a in f.data.award_forms}
    problems: list[str] = []

    def need(f: ParsedFile, codes: set[str], code: str | None, what: str, *path: Any) -> None:
        if code is not None and code not in codes:
            problems.append(f"{f.name}:{f.line(*path)}: {texts.missing_reference(what, code)}")

    seen: dict[tuple[str, str], str] = {}
    for f in files:
        for section in ("units", "award_forms", "commemorations", "documents", "tasks"):
            for i, rec in enumerate(getattr(f.data, section)):
                key = (section, rec.code)
                if key in seen:
                    where = f"{f.name}:{f.line(section, i)}"
                    problems.append(f"{where}: {texts.duplicate_code(rec.code, seen[key])}")
                seen[key] = f"{f.name}:{f.line(section, i)}"
        for i, unit in enumerate(f.data.units):
            need(f, unit_codes, unit.parent, texts.PARENT_UNIT, "units", i, "parent")
        for i, c in enumerate(f.data.commemorations):
            need(f, unit_codes, c.unit, texts.UNIT, "commemorations", i, "unit")
        for i, ind in enumerate(f.data.indicators):
            need(f, unit_codes, ind.unit, texts.UNIT, "indicators", i, "unit")
        for i, sc in enumerate(f.data.scorecards):
            need(f, unit_codes, sc.unit, texts.UNIT, "scorecards", i, "unit")
        for i, aw in enumerate(f.data.awards):
            need(f, unit_codes, aw.unit, texts.UNIT, "awards", i, "unit")
            need(f, form_codes, aw.form, texts.AWARD_FORM, "awards", i, "form")
        for i, task in enumerate(f.data.tasks):
            for j, code in enumerate(task.units):
                need(f, unit_codes, code, texts.UNIT, "tasks", i, "units", j)
    if problems:
        raise SeedError(problems)
