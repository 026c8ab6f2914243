"""Load seed YAML files: validate everything with line numbers, then upsert on natural keys."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import file_errors
from storage.models import (
    AuditEntry,
    AwardForm,
    AwardRecord,
    Base,
    Commemoration,
    Document,
    Indicator,
    Scorecard,
    Task,
    TaskUnit,
    Unit,
)
from storage.queries import awards
from storage.seed_schema import SeedFile

M = TypeVar("M", bound=Base)

# The audit entities of `/xoa`: a seed record deleted that way stays deleted (see _Loader.gone).
DELETED_EVENT, DELETED_AWARD, DELETED_TASK = "sukien", "khenthuong", "nhiemvu"


class SeedError(Exception):
    """One or more seed files are invalid; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class SeedReport:
    """What a load added, updated and left unchanged."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    """Seed records not brought back because a user deleted them with /xoa."""
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ParsedFile:
    """A validated seed file with the line of every node path."""

    name: str
    data: SeedFile
    lines: dict[tuple[str | int, ...], int]

    def line(self, *path: str | int) -> int:
        """The line of the deepest known node on `path`."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def default_seed_files() -> list[Path]:
    """Every YAML file shipped in the `seeds` package, reference lists first."""
    folder = Path(str(resources.files("seeds")))
    return sorted(folder.glob("*.yaml"), key=lambda p: (p.name != "units.yaml", p.name))


def parse_file(path: Path) -> ParsedFile:
    """Parse and validate one file, raising SeedError with `file:line: problem` lines."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError([f"{name}:1: không đọc được tệp ({file_errors.reason(exc)})"]) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise SeedError(
            [f"{name}:{line}: YAML sai cú pháp ({getattr(exc, 'problem', exc)})"]
        ) from exc
    lines: dict[tuple[str | int, ...], int] = {}
    if node is not None:
        _index_lines(node, (), lines)
    if data is None:
        raise SeedError([f"{name}:1: tệp rỗng"])
    if not isinstance(data, dict):
        raise SeedError([f"{name}:1: tệp phải là một bảng (mapping) các mục như units:, awards:"])
    try:
        parsed = SeedFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = ".".join(str(p) for p in loc)
            line = ParsedFile(name, SeedFile(), lines).line(*loc)
            problems.append(f"{name}:{line}: {where}: {_vi(err)}")
        raise SeedError(problems) from exc
    return ParsedFile(name, parsed, lines)


def _vi(err: Any) -> str:
    kind = err["type"]
    messages = {
        "missing": "thiếu trường bắt buộc",
        "extra_forbidden": "trường không được phép (viết sai tên?)",
        "int_parsing": "phải là số nguyên",
        "decimal_parsing": "phải là số (dạng 4670.8)",
        "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
        "date_parsing": "phải là ngày dạng YYYY-MM-DD",
        "literal_error": "giá trị không hợp lệ",
        "string_pattern_mismatch": "mã chỉ gồm chữ không dấu, số, '-', '_' hoặc '.'",
    }
    text = messages.get(kind)
    if text is None:
        return str(err["msg"]).removeprefix("Value error, ")
    return f"{text} (nhận được {err.get('input')!r})" if kind != "missing" else text


def _index_lines(node: yaml.Node, path: tuple[str | int, ...], out: dict[Any, int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _index_lines(value, (*path, key.value), out)
                out[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*path, index), out)


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
    await loader.check_references(parsed)
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

    async def check_references(self, files: list[ParsedFile]) -> None:
        existing_units = set((await self.session.scalars(select(Unit.code))).all())
        existing_forms = set((await self.session.scalars(select(AwardForm.code))).all())
        unit_codes = existing_units | {u.code for f in files for u in f.data.units}
        form_codes = existing_forms | {a.code for f in files for a in f.data.award_forms}
        problems: list[str] = []

        def need(f: ParsedFile, codes: set[str], code: str | None, what: str, *path: Any) -> None:
            if code is not None and code not in codes:
                problems.append(f"{f.name}:{f.line(*path)}: {what} '{code}' không tồn tại")

        seen: dict[tuple[str, str], str] = {}
        for f in files:
            for section in ("units", "award_forms", "commemorations", "documents", "tasks"):
                for i, rec in enumerate(getattr(f.data, section)):
                    key = (section, rec.code)
                    if key in seen:
                        problems.append(
                            f"{f.name}:{f.line(section, i)}: mã '{rec.code}' trùng với {seen[key]}"
                        )
                    seen[key] = f"{f.name}:{f.line(section, i)}"
            for i, unit in enumerate(f.data.units):
                need(f, unit_codes, unit.parent, "đơn vị cha", "units", i, "parent")
            for i, c in enumerate(f.data.commemorations):
                need(f, unit_codes, c.unit, "đơn vị", "commemorations", i, "unit")
            for i, ind in enumerate(f.data.indicators):
                need(f, unit_codes, ind.unit, "đơn vị", "indicators", i, "unit")
            for i, sc in enumerate(f.data.scorecards):
                need(f, unit_codes, sc.unit, "đơn vị", "scorecards", i, "unit")
            for i, aw in enumerate(f.data.awards):
                need(f, unit_codes, aw.unit, "đơn vị", "awards", i, "unit")
                need(f, form_codes, aw.form, "hình thức khen thưởng", "awards", i, "form")
            for i, task in enumerate(f.data.tasks):
                for j, code in enumerate(task.units):
                    need(f, unit_codes, code, "đơn vị", "tasks", i, "units", j)
        if problems:
            raise SeedError(problems)

    async def apply(self, files: list[ParsedFile]) -> None:
        deletes = select(AuditEntry.entity, AuditEntry.entity_key).where(
            AuditEntry.action == "delete"
        )
        self.deleted = {(e, k.upper()) for e, k in (await self.session.execute(deletes)).all()}
        self.units = {u.code: u for u in (await self.session.scalars(select(Unit))).all()}
        self.forms = {f.code: f for f in (await self.session.scalars(select(AwardForm))).all()}
        unit_seeds = [u for f in files for u in f.data.units]
        # Parents first, so each row's parent id exists when it is written.
        pending = list(unit_seeds)
        while pending:
            ready = [u for u in pending if u.parent is None or u.parent in self.units]
            if not ready:
                raise SeedError([f"vòng lặp đơn vị cha: {', '.join(u.code for u in pending)}"])
            for u in ready:
                parent_id = self.units[u.parent].id if u.parent else None
                self.units[u.code] = await self._upsert(
                    Unit,
                    {"code": u.code},
                    self.units.get(u.code),
                    name=u.name,
                    kind=u.kind,
                    parent_id=parent_id,
                    source=u.source,
                )
                pending.remove(u)
        for f in files:
            for form in f.data.award_forms:
                self.forms[form.code] = await self._upsert(
                    AwardForm,
                    {"code": form.code},
                    self.forms.get(form.code),
                    name=form.name,
                    category=form.category,
                    level=form.level,
                    recipient_kinds=",".join(form.recipient_kinds),
                    sort=form.sort,
                    count_unit=form.count_unit,
                    source=form.source,
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
                title=c.title,
                calendar=c.calendar,
                day=c.day,
                month=c.month,
                origin_year=c.origin_year,
                category=c.category,
                unit_id=self._unit_id(c.unit),
                description=c.description,
                source=c.source,
            )
        for d in data.documents:
            await self._upsert(
                Document,
                {"code": d.code},
                await _one(s, Document, code=d.code),
                number=d.number,
                issued_on=d.issued_on,
                issuer=d.issuer,
                title=d.title,
                source=d.source,
            )
        for ind in data.indicators:
            await self._upsert(
                Indicator,
                {"year": ind.year, "code": ind.code},
                await _one(s, Indicator, year=ind.year, code=ind.code),
                group=ind.group,
                name=ind.name,
                measure=ind.measure,
                plan=ind.plan,
                actual=ind.actual,
                percent=ind.percent,
                qualifier=ind.qualifier,
                unit_id=self._unit_id(ind.unit),
                note=ind.note,
                source=ind.source,
            )
        for sc in data.scorecards:
            unit_id = self.units[sc.unit].id
            await self._upsert(
                Scorecard,
                {"year": sc.year, "unit_id": unit_id},
                await _one(s, Scorecard, year=sc.year, unit_id=unit_id),
                targets_total=sc.targets_total,
                targets_met=sc.targets_met,
                source=sc.source,
            )
        for aw in data.awards:
            wanted: dict[str, tuple[str, int, bool]] = {}
            for kind, count in aw.counts.items():
                ad_hoc = aw.ad_hoc.get(kind, 0)
                if count - ad_hoc > 0:
                    wanted[f"{aw.key}:{kind}"] = (kind, count - ad_hoc, False)
                if ad_hoc:
                    wanted[f"{aw.key}:{kind}:ad_hoc"] = (kind, ad_hoc, True)
            # A line whose split changed (e.g. no more ad-hoc part) must not leave old rows behind.
            await s.execute(
                delete(AwardRecord).where(
                    AwardRecord.key.like(f"{aw.key}:%"), AwardRecord.key.not_in(list(wanted))
                )
            )
            for key, (recipient, amount, ad_hoc_flag) in wanted.items():
                record = await _one(s, AwardRecord, key=key)
                if self.gone(DELETED_AWARD, key, record):
                    continue
                await self._upsert(
                    AwardRecord,
                    {"key": key},
                    record,
                    year=aw.year,
                    form_id=self.forms[aw.form].id,
                    recipient_kind=recipient,
                    count=amount,
                    recipient_name=aw.recipient_name,
                    unit_id=self._unit_id(aw.unit),
                    ad_hoc=ad_hoc_flag,
                    label=aw.label,
                    occasion=aw.occasion,
                    occasion_date=aw.occasion_date,
                    decision_number=aw.decision_number,
                    decision_date=aw.decision_date,
                    source=aw.source,
                )
        for t in data.tasks:
            existing = await _one(s, Task, code=t.code)
            if self.gone(DELETED_TASK, t.code, existing):
                continue
            task = await self._upsert(
                Task,
                {"code": t.code},
                existing,
                year=t.year,
                title=t.title,
                description=t.description,
                deadline=t.deadline,
                deadline_assumed=t.deadline_assumed,
                source=t.source,
            )
            wanted_units = {self.units[c].id for c in t.units}
            have = set(
                (await s.scalars(select(TaskUnit.unit_id).where(TaskUnit.task_id == task.id))).all()
            )
            if have - wanted_units:
                await s.execute(
                    delete(TaskUnit).where(
                        TaskUnit.task_id == task.id, TaskUnit.unit_id.in_(have - wanted_units)
                    )
                )
            for unit_id in wanted_units - have:
                s.add(TaskUnit(task_id=task.id, unit_id=unit_id))
        await s.flush()

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

    async def _upsert(
        self, model: type[M], keys: dict[str, Any], row: M | None, **values: Any
    ) -> M:
        if row is None:
            row = model(**keys, **values)
            self.session.add(row)
            self.report.added += 1
            await self.session.flush()
            return row
        changed = False
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
        if changed:
            self.report.updated += 1
            await self.session.flush()
        else:
            self.report.unchanged += 1
        return row


async def _one(session: AsyncSession, model: type[M], **keys: Any) -> M | None:
    stmt = select(model).filter_by(**keys)
    return (await session.scalars(stmt)).first()


def describe(report: SeedReport) -> str:
    """A one-line Vietnamese summary of a load."""
    skipped = (
        f", bỏ qua {report.skipped} bản ghi đã bị xóa bằng lệnh /xoa" if report.skipped else ""
    )
    return (
        f"Đã nạp {len(report.files)} tệp: thêm {report.added}, cập nhật {report.updated}, "
        f"không đổi {report.unchanged} bản ghi{skipped}."
    )
