"""Checking an import's unit and form codes against the database, then upserting its rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.reports import import_dossiers, import_records, sheets
from bot.reports.import_rows import ImportRejected, ImportReport, ParsedFile, TaskRow
from bot.reports.import_units import apply_units, check_units
from bot.reports.texts import imports as texts
from storage.models import AwardRecord, Base, Commemoration, Indicator, Task, TaskUnit
from storage.queries import awards, imports
from storage.queries import tasks as task_queries
from storage.queries.units import unit_tree

Audit = Callable[[str, str, str, dict[str, object]], None]
"""(action, entity, key, details), e.g. Context.audit."""


async def check_references(session: AsyncSession, parsed: ParsedFile) -> None:
    """Unit and form codes must exist and forms must apply to the recipients; raises."""
    units, problems = await check_units(session, parsed)
    forms = {f.code.upper(): f for f in await awards.all_forms(session)}

    def need_unit(code: str | None, cells: Mapping[str, str]) -> None:
        if code is not None and code not in units:
            problems.append(f"{cells['unit']}: {texts.no_unit(code)}")

    for a in parsed.awards:
        need_unit(a.unit, a.cells)
        form = forms.get(a.form)
        if form is None:
            problems.append(f"{a.cells['form']}: {texts.no_form(a.form)}")
            continue
        allowed = form.recipient_kinds.split(",")
        for kind in a.counts:
            if kind not in allowed:
                problems.append(f"{a.cells[kind]}: {texts.form_not_for(form.name, kind)}")
    problems += import_records.check(parsed.records, units, forms)
    stored = (await unit_tree(session)).units.values()
    tree = {u.code.upper(): (u.id, u.parent_id) for u in stored}
    problems += import_dossiers.check(parsed.dossiers, tree, forms)
    for t in parsed.tasks:
        need_unit(t.unit, t.cells)
    for i in parsed.indicators:
        need_unit(i.unit, i.cells)
    for d in parsed.days:
        need_unit(d.unit, d.cells)
    if problems:
        raise ImportRejected(problems)


async def apply(
    session: AsyncSession,
    parsed: ParsedFile,
    *,
    actor: str,
    now: dt.datetime,
    audit: Audit,
) -> ImportReport:
    """Upsert every row in the caller's transaction and record one audit entry."""
    writer = _Writer(session, parsed, actor=actor, now=now)
    revoked = await apply_units(session, parsed, writer.report, source=writer.default_source)
    await writer.run()
    report = writer.report
    details: dict[str, object] = {
        kind: {"added": c.added, "updated": c.updated, "unchanged": c.unchanged}
        for kind, c in report.sheets.items()
    }
    details["progress"] = report.progress
    details["changed"] = report.changed[:200]
    if revoked:
        # Grants on units the file stopped are withdrawn, as /donvi gop and /donvi ngung do.
        details["revoked"] = revoked[:200]
    audit("import", "file", parsed.filename[:120], details)
    return report


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def _form_ids(session: AsyncSession) -> dict[str, int]:
    """Form code (upper case) → form id."""
    return {f.code.upper(): f.id for f in await awards.all_forms(session)}


class _Writer:
    """Upserts a checked file; counts what it added, updated and left alone."""

    def __init__(
        self, session: AsyncSession, parsed: ParsedFile, *, actor: str, now: dt.datetime
    ) -> None:
        self.session = session
        self.parsed = parsed
        self.actor = actor
        self.now = now
        self.report = ImportReport(parsed.filename)
        self.default_source = texts.default_source(parsed.filename)[:2000]
        self.units: dict[str, int] = {}

    async def run(self) -> None:
        stored = (await unit_tree(self.session)).units.values()
        self.units = {u.code.upper(): u.id for u in stored}
        if self.parsed.awards:
            await self._awards()
        if self.parsed.records:
            await self._records()
        if self.parsed.dossiers:
            await self._dossiers()
        if self.parsed.tasks:
            await self._tasks()
        if self.parsed.indicators:
            await self._indicators()
        if self.parsed.days:
            await self._days()
        await self.session.flush()

    def _unit(self, code: str | None) -> int | None:
        return self.units[code] if code else None

    def _count(self, kind: str, key: str, *, added: bool, changed: bool) -> None:
        counts = self.report.counts(kind)
        if added:
            counts.added += 1
        elif changed:
            counts.updated += 1
        else:
            counts.unchanged += 1
        if added or changed:
            self.report.changed.append(f"{kind}:{key}")

    async def _stored_awards(self, keys: list[str]) -> dict[str, list[AwardRecord]]:
        """The stored records of these award lines (one per recipient kind), by line key."""
        candidates = sorted(
            {*keys}
            | {
                f"{k}:{kind}{suffix}"
                for k in keys
                for kind in sheets.AWARD_KINDS
                for suffix in ("", ":ad_hoc")
            }
        )
        existing: dict[str, list[AwardRecord]] = defaultdict(list)
        for record in await imports.records_by_keys(self.session, candidates):
            existing[record.key.split(":", 1)[0]].append(record)
        return existing

    async def _awards(self) -> None:
        s = self.session
        forms = await _form_ids(s)
        years: set[int] = set()
        # A chunk at a time, flushed before the next: 20 000 pending records held at once cost
        # about 90 MB, and re-importing a file would load every stored record up front.
        for lines in _chunks(self.parsed.awards):
            existing = await self._stored_awards([a.key for a in lines])
            for line in lines:
                records = sorted(existing.get(line.key, []), key=lambda rec: rec.id)
                slots: dict[tuple[str, bool], AwardRecord] = {}
                leftovers: list[AwardRecord] = []
                for record in records:
                    years.add(record.year)
                    slot = (record.recipient_kind, record.ad_hoc)
                    if slot in slots:
                        leftovers.append(record)
                    else:
                        slots[slot] = record
                wanted: dict[tuple[str, bool], int] = {}
                for kind, total in line.counts.items():
                    extra = line.ad_hoc.get(kind, 0)
                    if total - extra > 0:
                        wanted[(kind, False)] = total - extra
                    if extra:
                        wanted[(kind, True)] = extra
                values: dict[str, object] = {
                    "year": line.year,
                    "form_id": forms[line.form],
                    "unit_id": self._unit(line.unit),
                    "recipient_name": line.recipient_name,
                    "occasion": line.occasion,
                    "occasion_date": line.occasion_date,
                    "decision_number": line.decision_number,
                    "decision_date": line.decision_date,
                }
                if line.has_source:
                    values["source"] = line.source
                leftovers.extend(record for slot, record in slots.items() if slot not in wanted)
                changed = bool(leftovers)
                await imports.delete_records(s, leftovers)
                for (kind, ad_hoc), amount in wanted.items():
                    record_or_none = slots.get((kind, ad_hoc))
                    if record_or_none is None:
                        key = f"{line.key}:{kind}{':ad_hoc' if ad_hoc else ''}"
                        fields = {"source": self.default_source, **values}
                        s.add(
                            AwardRecord(
                                key=key, recipient_kind=kind, ad_hoc=ad_hoc, count=amount, **fields
                            )
                        )
                        changed = True
                    else:
                        changed |= _assign(record_or_none, count=amount, **values)
                years.add(line.year)
                self._count("awards", line.key, added=not records, changed=changed)
            await s.flush()
        await awards.refresh_totals(s, sorted(years))

    async def _records(self) -> None:
        forms = await _form_ids(self.session)
        years = await import_records.write(
            self.session,
            self.parsed.records,
            units=self.units,
            forms=forms,
            source=self.default_source,
            counted=lambda key, added, changed: self._count(
                "records", key, added=added, changed=changed
            ),
        )
        await awards.refresh_totals(self.session, sorted(years))

    async def _dossiers(self) -> None:
        forms = await _form_ids(self.session)
        await import_dossiers.write(
            self.session,
            self.parsed.dossiers,
            units=self.units,
            forms=forms,
            actor=self.actor,
            now=self.now,
            counted=lambda key, added, changed: self._count(
                "dossiers", key, added=added, changed=changed
            ),
        )

    async def _tasks(self) -> None:
        s = self.session
        by_code: dict[str, list[TaskRow]] = defaultdict(list)
        for row in self.parsed.tasks:
            by_code[row.code].append(row)
        codes = sorted(by_code)
        found = await imports.tasks_by_code(s, codes)
        ids = [t.id for t in found.values()]
        links = await imports.task_unit_links(s, ids)
        progress = await imports.progress_by_task_unit(s, ids)
        for code in codes:
            rows_of_task = by_code[code]
            head = rows_of_task[0]
            task: Task | None = found.get(code)
            added = task is None
            changed = False
            if task is None:
                task = Task(
                    code=code,
                    year=head.year,
                    title=head.title,
                    deadline=head.deadline,
                    source=self.default_source,
                )
                s.add(task)
                await s.flush()
            else:
                changed = _assign(task, year=head.year, title=head.title, deadline=head.deadline)
            for row in rows_of_task:
                unit_id = self._unit(row.unit)
                if unit_id is None:
                    continue
                if (task.id, unit_id) not in links:
                    s.add(TaskUnit(task_id=task.id, unit_id=unit_id))
                    links.add((task.id, unit_id))
                    changed = True
                current = progress.get((task.id, unit_id))
                if row.percent is not None and (
                    current is None or (current.percent, current.note) != (row.percent, row.note)
                ):
                    await task_queries.set_progress(
                        s,
                        task_id=task.id,
                        unit_id=unit_id,
                        percent=row.percent,
                        note=row.note,
                        updated_by=self.actor,
                        now=self.now,
                    )
                    self.report.progress += 1
                    self.report.changed.append(f"progress:{code}/{row.unit}")
            self._count("tasks", code, added=added, changed=changed and not added)

    async def _indicators(self) -> None:
        s = self.session
        years = sorted({i.year for i in self.parsed.indicators})
        found = await imports.indicators_by_year_code(s, years)
        for row in self.parsed.indicators:
            values: dict[str, object] = {
                "group": row.group,
                "name": row.name,
                "measure": row.measure,
                "plan": row.plan,
                "actual": row.actual,
                "percent": row.percent,
                "qualifier": row.qualifier,
                "unit_id": self._unit(row.unit),
                "note": row.note,
            }
            if row.has_source:
                values["source"] = row.source
            current = found.get((row.year, row.code))
            if current is None:
                s.add(
                    Indicator(
                        year=row.year,
                        code=row.code,
                        **{"source": self.default_source, **values},
                    )
                )
                self._count("indicators", f"{row.year}/{row.code}", added=True, changed=True)
            else:
                changed = _assign(current, **values)
                self._count("indicators", f"{row.year}/{row.code}", added=False, changed=changed)

    async def _days(self) -> None:
        s = self.session
        found = await imports.commemorations_by_code(s, {d.code for d in self.parsed.days})
        for row in self.parsed.days:
            values: dict[str, object] = {
                "title": row.title,
                "calendar": row.calendar,
                "day": row.day,
                "month": row.month,
                "origin_year": row.origin_year,
                "category": row.category,
                "unit_id": self._unit(row.unit),
                "description": row.description,
            }
            if row.has_source:
                values["source"] = row.source
            current = found.get(row.code)
            if current is None:
                s.add(Commemoration(code=row.code, **{"source": self.default_source, **values}))
                self._count("commemorations", row.code, added=True, changed=True)
            else:
                self._count(
                    "commemorations", row.code, added=False, changed=_assign(current, **values)
                )


def _assign(row: Base, **values: object) -> bool:
    """Set the fields that differ; True if any did."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed
