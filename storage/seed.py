"""Load seed YAML files: validate everything with line numbers, then upsert on natural keys."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    AuditEntry,
    AwardForm,
    AwardRecord,
    Base,
    Commemoration,
    Document,
    Indicator,
    Scorecard,
    SeedMark,
    Task,
    TaskUnit,
    Unit,
)
from storage.queries import awards
from storage.seed_marks import current_values, fingerprint
from storage.seed_parse import ParsedFile, SeedError, default_seed_files, parse_file
from storage.seed_refs import check_references
from storage.seed_report import SeedReport, describe
from storage.seed_schema import AwardLineSeed, SeedFile, TaskSeed
from storage.texts import seed as texts

__all__ = [
    "ParsedFile",
    "SeedError",
    "SeedReport",
    "default_seed_files",
    "describe",
    "load_seeds",
    "parse_file",
]

M = TypeVar("M", bound=Base)

# The audit entities of `/xoa`: a seed record deleted that way stays deleted (see _Loader.gone).
DELETED_EVENT, DELETED_AWARD, DELETED_TASK = "sukien", "khenthuong", "nhiemvu"


async def load_seeds(session: AsyncSession, paths: Sequence[Path]) -> SeedReport:
    """Validate every file, then upsert them all in the caller's transaction."""
    parsed: list[ParsedFile] = []
    problems: list[str] = []
    for path in paths:
        try:
            parsed.append(parse_file(path))
        except SeedError as exc:
            problems.extend(exc.problems)
    if problems:
        raise SeedError(problems)
    loader = _Loader(session)
    await check_references(session, parsed)
    await loader.apply(parsed)
    loader.report.files = [p.name for p in parsed]
    return loader.report


class _Loader:
    """Resolves references across files and the database, then upserts."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.report = SeedReport()
        self.units: dict[str, Unit] = {}
        self.forms: dict[str, AwardForm] = {}
        self.deleted: set[tuple[str, str]] = set()
        self.marks: dict[tuple[str, str], SeedMark] = {}

    async def apply(self, files: list[ParsedFile]) -> None:
        deletes = select(AuditEntry.entity, AuditEntry.entity_key).where(
            AuditEntry.action == "delete"
        )
        self.deleted = {(e, k.upper()) for e, k in (await self.session.execute(deletes)).all()}
        self.marks = {
            (m.table_name, m.record_key): m
            for m in (await self.session.scalars(select(SeedMark))).all()
        }
        self.units = {u.code: u for u in (await self.session.scalars(select(Unit))).all()}
        self.forms = {f.code: f for f in (await self.session.scalars(select(AwardForm))).all()}
        unit_seeds = [u for f in files for u in f.data.units]
        # Parents first, so each row's parent id exists when it is written.
        pending = list(unit_seeds)
        while pending:
            ready = [u for u in pending if u.parent is None or u.parent in self.units]
            if not ready:
                raise SeedError([texts.parent_loop([u.code for u in pending])])
            for u in ready:
                parent_id = self.units[u.parent].id if u.parent else None
                self.units[u.code], _ = await self._upsert(
                    Unit,
                    {"code": u.code},
                    self.units.get(u.code),
                    u.code,
                    {"name": u.name, "kind": u.kind, "parent_id": parent_id, "source": u.source},
                )
                pending.remove(u)
        for f in files:
            for form in f.data.award_forms:
                self.forms[form.code], _ = await self._upsert(
                    AwardForm,
                    {"code": form.code},
                    self.forms.get(form.code),
                    form.code,
                    {
                        "name": form.name,
                        "category": form.category,
                        "level": form.level,
                        "recipient_kinds": ",".join(form.recipient_kinds),
                        "sort": form.sort,
                        "count_unit": form.count_unit,
                        "source": form.source,
                    },
                )
        for f in files:
            await self._apply_file(f.data)
        await awards.refresh_totals(
            self.session, sorted({aw.year for f in files for aw in f.data.awards})
        )

    async def _apply_file(self, data: SeedFile) -> None:
        s = self.session
        for c in data.commemorations:
            event = await _one(s, Commemoration, code=c.code)
            if self.gone(DELETED_EVENT, c.code, event):
                continue
            await self._upsert(
                Commemoration,
                {"code": c.code},
                event,
                c.code,
                {
                    "title": c.title,
                    "calendar": c.calendar,
                    "day": c.day,
                    "month": c.month,
                    "origin_year": c.origin_year,
                    "category": c.category,
                    "unit_id": self._unit_id(c.unit),
                    "description": c.description,
                    "source": c.source,
                },
            )
        for d in data.documents:
            await self._upsert(
                Document,
                {"code": d.code},
                await _one(s, Document, code=d.code),
                d.code,
                {
                    "number": d.number,
                    "issued_on": d.issued_on,
                    "issuer": d.issuer,
                    "title": d.title,
                    "source": d.source,
                },
            )
        for ind in data.indicators:
            await self._upsert(
                Indicator,
                {"year": ind.year, "code": ind.code},
                await _one(s, Indicator, year=ind.year, code=ind.code),
                f"{ind.year}/{ind.code}",
                {
                    "group": ind.group,
                    "name": ind.name,
                    "measure": ind.measure,
                    "plan": ind.plan,
                    "actual": ind.actual,
                    "percent": ind.percent,
                    "qualifier": ind.qualifier,
                    "unit_id": self._unit_id(ind.unit),
                    "note": ind.note,
                    "source": ind.source,
                },
            )
        for sc in data.scorecards:
            unit_id = self.units[sc.unit].id
            await self._upsert(
                Scorecard,
                {"year": sc.year, "unit_id": unit_id},
                await _one(s, Scorecard, year=sc.year, unit_id=unit_id),
                f"{sc.year}/{sc.unit}",
                {
                    "targets_total": sc.targets_total,
                    "targets_met": sc.targets_met,
                    "source": sc.source,
                },
            )
        for aw in data.awards:
            await self._award_line(aw)
        for t in data.tasks:
            await self._task(t)
        await s.flush()

    async def _award_line(self, aw: AwardLineSeed) -> None:
        s = self.session
        wanted: dict[str, tuple[str, int, bool]] = {}
        for kind, count in aw.counts.items():
            ad_hoc = aw.ad_hoc.get(kind, 0)
            if count - ad_hoc > 0:
                wanted[f"{aw.key}:{kind}"] = (kind, count - ad_hoc, False)
            if ad_hoc:
                wanted[f"{aw.key}:{kind}:ad_hoc"] = (kind, ad_hoc, True)
        # A line whose split changed (e.g. no more ad-hoc part) must not leave old rows behind,
        # unless the office has changed such a row since: then it is the office's.
        stale = select(AwardRecord).where(
            AwardRecord.key.like(f"{aw.key}:%"), AwardRecord.key.not_in(list(wanted))
        )
        for old in (await s.scalars(stale)).all():
            if self._owned(old, old.key, {}):
                await s.delete(old)
                await s.delete(self.marks.pop((AwardRecord.__tablename__, old.key)))
        for key, (recipient, amount, ad_hoc_flag) in wanted.items():
            record = await _one(s, AwardRecord, key=key)
            if self.gone(DELETED_AWARD, key, record):
                continue
            await self._upsert(
                AwardRecord,
                {"key": key},
                record,
                key,
                {
                    "year": aw.year,
                    "form_id": self.forms[aw.form].id,
                    "recipient_kind": recipient,
                    "count": amount,
                    "recipient_name": aw.recipient_name,
                    "unit_id": self._unit_id(aw.unit),
                    "ad_hoc": ad_hoc_flag,
                    "label": aw.label,
                    "occasion": aw.occasion,
                    "occasion_date": aw.occasion_date,
                    "decision_number": aw.decision_number,
                    "decision_date": aw.decision_date,
                    "source": aw.source,
                },
            )

    async def _task(self, t: TaskSeed) -> None:
        s = self.session
        existing = await _one(s, Task, code=t.code)
        if self.gone(DELETED_TASK, t.code, existing):
            return
        have: list[int] = []
        if existing is not None:
            links = select(TaskUnit.unit_id).where(TaskUnit.task_id == existing.id)
            have = sorted((await s.scalars(links)).all())
        wanted = sorted({self.units[c].id for c in t.units})
        task, owned = await self._upsert(
            Task,
            {"code": t.code},
            existing,
            t.code,
            {
                "year": t.year,
                "title": t.title,
                "description": t.description,
                "deadline": t.deadline,
                "deadline_assumed": t.deadline_assumed,
                "source": t.source,
                "units": wanted,
            },
            pseudo={"units": have},
        )
        if not owned:
            return
        if set(have) - set(wanted):
            await s.execute(
                delete(TaskUnit).where(
                    TaskUnit.task_id == task.id, TaskUnit.unit_id.in_(set(have) - set(wanted))
                )
            )
        for unit_id in set(wanted) - set(have):
            s.add(TaskUnit(task_id=task.id, unit_id=unit_id))

    def gone(self, entity: str, key: str, row: Base | None) -> bool:
        """Whether a seed record is missing because a user deleted it with /xoa."""
        # Seeding runs on every start of the compose stack: it must not undo a deliberate
        # delete. A record that still exists is updated as usual.
        if row is None and (entity, key.upper()) in self.deleted:
            self.report.skipped += 1
            return True
        return False

    def _unit_id(self, code: str | None) -> int | None:
        return self.units[code].id if code else None

    def _owned(self, row: Base, key: str, pseudo: dict[str, Any]) -> bool:
        """Whether `row` still holds exactly what the seed last wrote into it."""
        mark = self.marks.get((row.__tablename__, key))
        if mark is None:
            return False
        fields = mark.fields.split(",")
        return fingerprint(current_values(row, fields, pseudo)) == mark.fingerprint

    def _mark(self, table: str, key: str, values: dict[str, Any]) -> None:
        fields, print_ = ",".join(sorted(values)), fingerprint(values)
        mark = self.marks.get((table, key))
        if mark is None:
            mark = SeedMark(table_name=table, record_key=key, fields=fields, fingerprint=print_)
            self.session.add(mark)
            self.marks[(table, key)] = mark
        elif (mark.fields, mark.fingerprint) != (fields, print_):
            mark.fields, mark.fingerprint = fields, print_

    async def _upsert(
        self,
        model: type[M],
        keys: dict[str, Any],
        row: M | None,
        key: str,
        values: dict[str, Any],
        *,
        pseudo: dict[str, Any] | None = None,
    ) -> tuple[M, bool]:
        """Insert or update a record; True when the seed owns it (the caller may sync more).

        `pseudo` holds the current values of seeded fields that are not columns (a task's
        units): they count in the fingerprint, and the caller writes them.
        """
        pseudo = pseudo or {}
        table = model.__tablename__
        columns = {name: value for name, value in values.items() if name not in pseudo}
        if row is None:
            row = model(**keys, **columns)
            self.session.add(row)
            self.report.added += 1
            self._mark(table, key, values)
            await self.session.flush()
            return row, True
        mark = self.marks.get((table, key))
        if mark is None:
            # Seeded before marks existed (or written by hand): the seed owns it only while it
            # holds the seed's values; otherwise it may be the office's correction.
            if fingerprint(current_values(row, list(values), pseudo)) != fingerprint(values):
                self.report.kept_unmarked.append(f"{table}:{key}")
                return row, False
        elif not self._owned(row, key, pseudo):
            self.report.kept_edited.append(f"{table}:{key}")
            return row, False
        changed = False
        for name, value in columns.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
        changed = changed or any(pseudo[name] != values[name] for name in pseudo)
        self._mark(table, key, values)
        if changed:
            self.report.updated += 1
            await self.session.flush()
        else:
            self.report.unchanged += 1
        return row, True


async def _one(session: AsyncSession, model: type[M], **keys: Any) -> M | None:
    stmt = select(model).filter_by(**keys)
    return (await session.scalars(stmt)).first()
