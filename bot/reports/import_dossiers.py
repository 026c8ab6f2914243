"""The dossiers sheet of an import: new award proposals, one nominee a row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from bot.reports.import_rows import DossierRow
from bot.reports.texts import imports as texts
from storage.models import AwardForm, Dossier, DossierEvent, DossierNominee
from storage.queries import dossiers, imports
from storage.queries.units import subtree_ids

GroupKey = tuple[object, ...]


def group_key(row: DossierRow) -> GroupKey:
    """Rows of one dossier: the same code, or without one the same year, form, unit and reason."""
    if row.code:
        return (row.code.upper(),)
    return (row.year, row.form, row.unit, row.reason)


def groups(rows: list[DossierRow]) -> dict[GroupKey, list[DossierRow]]:
    """The rows by dossier, in file order."""
    found: dict[GroupKey, list[DossierRow]] = {}
    for row in rows:
        found.setdefault(group_key(row), []).append(row)
    return found


def check(
    rows: list[DossierRow],
    units: dict[str, tuple[int, int | None]],
    forms: dict[str, AwardForm],
) -> list[str]:
    """Problems with codes, kinds, nominees outside the proposing unit, and disagreeing rows.

    `units` maps codes to (id, parent id).
    """
    problems = []
    links = list(units.values())
    for items in groups(rows).values():
        first = items[0]
        for row in items:
            if (row.year, row.form, row.unit, row.reason) != (
                first.year,
                first.form,
                first.unit,
                first.reason,
            ):
                problems.append(f"{row.cells['year']}: {texts.DOSSIER_DIFFERS}")
            for field in ("unit", "nominee_unit"):
                code = getattr(row, field)
                if code is not None and code not in units:
                    problems.append(f"{row.cells[field]}: {texts.no_unit(code)}")
            form = forms.get(row.form)
            if form is None:
                problems.append(f"{row.cells['form']}: {texts.no_form(row.form)}")
            elif row.kind not in form.recipient_kinds.split(","):
                problems.append(f"{row.cells['kind']}: {texts.form_not_for(form.name, row.kind)}")
            nominee = row.nominee_unit or row.unit
            if row.unit in units and nominee in units:
                scope = subtree_ids(links, units[row.unit][0])
                if units[nominee][0] not in scope:
                    outside = texts.nominee_outside(row.name, row.unit)
                    problems.append(f"{row.cells['name']}: {outside}")
    return problems


async def write(
    session: AsyncSession,
    rows: list[DossierRow],
    *,
    units: dict[str, int],
    forms: dict[str, int],
    actor: str,
    now: dt.datetime,
    counted: Callable[[str, bool, bool], None],
) -> None:
    """Add each new dossier as sent (đã gửi); dossiers already stored are left as they are."""
    codes = [key[0] for key in groups(rows) if len(key) == 1]
    stored = await imports.stored_dossier_codes(session, [str(code) for code in codes])
    for key, items in groups(rows).items():
        first = items[0]
        if len(key) == 1 and key[0] in stored:
            counted(str(key[0]), False, False)
            continue
        code = str(key[0]) if len(key) == 1 else await dossiers.next_code(session, first.year)
        dossier = Dossier(
            code=code,
            year=first.year,
            unit_id=units[first.unit],
            form_id=forms[first.form],
            reason=first.reason,
            status="submitted",
            status_at=now,
            created_by=actor,
            created_at=now,
        )
        session.add(dossier)
        await session.flush()
        for row in items:
            session.add(
                DossierNominee(
                    dossier_id=dossier.id,
                    recipient_kind=row.kind,
                    name=row.name,
                    position=row.position,
                    unit_id=units[row.nominee_unit or row.unit],
                )
            )
        session.add(DossierEvent(dossier_id=dossier.id, status="submitted", at=now, actor=actor))
        counted(code, True, True)
    await session.flush()
