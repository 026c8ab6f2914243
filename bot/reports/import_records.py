"""The records sheet of an import: named award records upserted by their key."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import records as rules
from bot.reports.import_rows import RecordRow
from bot.reports.texts import imports as texts
from storage.models import AwardForm, AwardRecord
from storage.queries import imports

Count = Callable[[str, str], None]


def check(rows: list[RecordRow], units: set[str], forms: dict[str, AwardForm]) -> list[str]:
    """Problems with the rows' unit and form codes and recipient kinds."""
    problems = []
    for row in rows:
        if row.unit not in units:
            problems.append(f"{row.cells['unit']}: {texts.no_unit(row.unit)}")
        form = forms.get(row.form)
        if form is None:
            problems.append(f"{row.cells['form']}: {texts.no_form(row.form)}")
        elif row.kind not in form.recipient_kinds.split(","):
            problems.append(f"{row.cells['kind']}: {texts.form_not_for(form.name, row.kind)}")
    return problems


async def write(
    session: AsyncSession,
    rows: list[RecordRow],
    *,
    units: dict[str, int],
    forms: dict[str, int],
    source: str,
    counted: Callable[[str, bool, bool], None],
) -> set[int]:
    """Upsert each row by its key (a row without one is new); the years touched.

    `counted(key, added, changed)` tallies each row for the report.
    """
    keys = [row.key for row in rows if row.key]
    existing = {rec.key.upper(): rec for rec in await imports.records_by_keys(session, keys)}
    years: set[int] = set()
    for row in rows:
        values: dict[str, object] = {
            "year": row.year,
            "form_id": forms[row.form],
            "recipient_kind": row.kind,
            "count": 1,
            "recipient_name": row.name,
            "name_folded": rules.fold(row.name),
            "position": row.position,
            "unit_id": units[row.unit],
            "ad_hoc": rules.is_ad_hoc(row.occasion),
            "award_occasion": row.occasion,
            "decision_number": row.decision_number,
            "decision_date": row.decision_date,
            "decision_level": row.decision_level,
        }
        years.add(row.year)
        record = existing.get(row.key.upper()) if row.key else None
        if record is None:
            key = row.key or f"KT-{secrets.token_hex(4).upper()}"
            session.add(AwardRecord(key=key, source=source, **values))
            counted(key, True, True)
            continue
        years.add(record.year)
        changed = False
        for name, value in values.items():
            if getattr(record, name) != value:
                setattr(record, name, value)
                changed = True
        counted(record.key, False, changed)
    await session.flush()
    return years
