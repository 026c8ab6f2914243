"""The unit sheet of an import: new units added, names, kinds, parents and stops applied."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import vn
from bot.reports.import_rows import ImportReport, ParsedFile, UnitRow
from bot.reports.texts import imports as texts
from storage.models import Unit
from storage.queries import roles, units


async def check_units(session: AsyncSession, parsed: ParsedFile) -> tuple[set[str], list[str]]:
    """The unit codes known once the file's units are in, and the problems of its unit rows."""
    tree = await units.unit_tree(session)
    stored = {u.code.upper(): u for u in tree.units.values()}
    known = set(stored) | {row.code for row in parsed.units}
    problems: list[str] = []
    parents: dict[str, str | None] = {}
    for unit in stored.values():
        above = tree.units.get(unit.parent_id or 0)
        parents[unit.code.upper()] = above.code.upper() if above else None
    for row in parsed.units:
        for field, code in (("parent", row.parent), ("merged_into", row.merged_into)):
            if code is not None and code not in known:
                problems.append(f"{row.cells[field]}: {texts.no_unit(code)}")
        if row.merged_into == row.code:
            problems.append(f"{row.cells['merged_into']}: {texts.MERGED_INTO_ITSELF}")
        parents[row.code] = row.merged_into or row.parent
    for row in parsed.units:
        seen, current = {row.code}, parents.get(row.code)
        while current is not None:
            if current in seen:
                problems.append(f"{row.cells['parent']}: {texts.unit_loop(row.code)}")
                break
            seen.add(current)
            current = parents.get(current)
    stops = {code: unit.retired_on for code, unit in stored.items()}
    stops |= {row.code: row.retired_on for row in parsed.units if row.has_state}
    # A stopped unit keeps its history; rows for years after it stopped are new data.
    # Named records and dossiers are new data as much as counts are (/dexuat refuses them too).
    dated: list[tuple[str, str | None, int]] = [
        (item.cells["unit"], item.unit, item.year)
        for rows in (parsed.awards, parsed.tasks, parsed.indicators, parsed.records)
        for item in rows
    ]
    for d in parsed.dossiers:
        dated.append((d.cells["unit"], d.unit, d.year))
        if d.nominee_unit:
            dated.append((d.cells["nominee_unit"], d.nominee_unit, d.year))
    for cell, code, year in dated:
        stopped = stops.get(code or "")
        if stopped is not None and year > stopped.year:
            problems.append(f"{cell}: {texts.unit_stopped(code, vn.date(stopped), year)}")
    return known, problems


async def apply_units(
    session: AsyncSession, parsed: ParsedFile, report: ImportReport, *, source: str
) -> list[str]:
    """Write the unit rows, parents first; the `platform:user` of grants withdrawn by stops."""
    tree = await units.unit_tree(session)
    by_code = {u.code.upper(): u for u in tree.units.values()}
    revoked: list[str] = []
    pending = list(parsed.units)
    while pending:
        ready = [r for r in pending if _ready(r, by_code)]
        if not ready:
            raise AssertionError("unit cycle not caught by check_units")
        for row in ready:
            pending.remove(row)
            unit = by_code.get(row.code)
            parent_id = by_code[row.parent].id if row.parent else None
            counts = report.counts("units")
            if unit is None:
                unit = await units.add_unit(
                    session,
                    code=row.code,
                    name=row.name,
                    kind=row.kind,
                    parent_id=parent_id,
                    source=source,
                )
                by_code[row.code], tree.units[unit.id] = unit, unit
                counts.added += 1
                report.changed.append(f"unit:{row.code}")
                if row.has_state:
                    await _state(session, tree, unit, row, by_code, revoked)
                continue
            changed = _assign(unit, row, parent_id)
            if row.has_state and await _state(session, tree, unit, row, by_code, revoked):
                changed = True
            if changed:
                counts.updated += 1
                report.changed.append(f"unit:{row.code}")
            else:
                counts.unchanged += 1
    await session.flush()
    return revoked


def _ready(row: UnitRow, by_code: dict[str, Unit]) -> bool:
    return all(code is None or code in by_code for code in (row.parent, row.merged_into))


def _assign(unit: Unit, row: UnitRow, parent_id: int | None) -> bool:
    changed = False
    # A merged unit's parent is the unit it went into: the stop below keeps it so.
    wanted: dict[str, object] = {"name": row.name, "kind": row.kind}
    if unit.merged_into_id is None and row.merged_into is None:
        wanted["parent_id"] = parent_id
    for name, value in wanted.items():
        if getattr(unit, name) != value:
            setattr(unit, name, value)
            changed = True
    return changed


async def _state(
    session: AsyncSession,
    tree: units.UnitTree,
    unit: Unit,
    row: UnitRow,
    by_code: dict[str, Unit],
    revoked: list[str],
) -> bool:
    """Apply the row's stop date and merge; True when it changed the unit."""
    into = by_code[row.merged_into] if row.merged_into else None
    want: tuple[dt.date | None, int | None] = (row.retired_on, into.id if into else None)
    if (unit.retired_on, unit.merged_into_id) == want:
        return False
    if row.retired_on is None:
        unit.retired_on, unit.merged_into_id = None, None
        return True
    units.stop_unit(tree, unit, on=row.retired_on, into=into)
    grants = await roles.grants_within(session, {unit.id})
    revoked.extend(f"{g.platform}:{g.user_id}" for g in grants)
    await roles.remove_grants(session, grants)
    return True
