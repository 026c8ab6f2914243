"""The Excel export (/xuat, `thidua export`): awards, tasks with unit progress, indicators, days.

Each sheet carries the codes the import needs (form, line, unit, task, indicator, day), so a
workbook exported and imported again changes nothing.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import vn
from bot.core.commands.indicators import verdict
from bot.reports import sheets
from bot.reports.sheets import SheetSpec
from storage.models import (
    AwardForm,
    AwardRecord,
    Commemoration,
    Indicator,
    Task,
    TaskProgress,
    TaskUnit,
    Unit,
)

Row = dict[str, object]
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
MAX_WIDTH = 60


@dataclass
class ExportData:
    """The rows of every sheet, as plain values."""

    year: int | None
    rows: dict[str, list[Row]] = field(default_factory=dict)
    units: list[tuple[str, str, str, str]] = field(default_factory=list)
    forms: list[tuple[str, str, str, str]] = field(default_factory=list)

    def count(self, kind: str) -> int:
        """How many rows a sheet has."""
        return len(self.rows.get(kind, []))


async def export_data(session: AsyncSession, *, year: int | None, tz: ZoneInfo) -> ExportData:
    """Read everything the workbook shows; `year` limits awards, tasks and indicators."""
    units = list((await session.scalars(select(Unit).order_by(Unit.code))).all())
    codes = {u.id: u.code for u in units}
    names = {u.id: u.name for u in units}
    forms = list((await session.scalars(select(AwardForm))).all())
    result = ExportData(year=year)
    result.rows["awards"] = await _award_rows(session, year, codes, {f.id: f for f in forms})
    result.rows["tasks"] = await _task_rows(session, year, codes, names, tz)
    result.rows["indicators"] = await _indicator_rows(session, year, codes)
    result.rows["commemorations"] = await _commemoration_rows(session, codes)
    result.units = [
        (u.code, u.name, u.kind, codes.get(u.parent_id, "") if u.parent_id else "") for u in units
    ]
    level_rank = {level: i for i, level in enumerate(vn.LEVEL_ORDER)}
    result.forms = [
        (
            f.code,
            f.name,
            vn.LEVEL_LABELS.get(f.level, f.level),
            ", ".join(vn.RECIPIENT_LABELS.get(k, k) for k in f.recipient_kinds.split(",")),
        )
        for f in sorted(forms, key=lambda f: (level_rank.get(f.level, 9), f.sort, f.code))
    ]
    return result


async def export_workbook(session: AsyncSession, *, year: int | None, tz: ZoneInfo) -> bytes:
    """The .xlsx bytes; the workbook is built in a worker thread."""
    return await build_in_thread(await export_data(session, year=year, tz=tz))


async def build_in_thread(data: ExportData) -> bytes:
    """`build_workbook` off the event loop."""
    return await asyncio.to_thread(build_workbook, data)


def line_key(record_key: str) -> str:
    """The award line a record belongs to: `HM-2022-13:individual:ad_hoc` → `HM-2022-13`."""
    return record_key.split(":", 1)[0]


async def _award_rows(
    session: AsyncSession, year: int | None, codes: dict[int, str], forms: dict[int, AwardForm]
) -> list[Row]:
    stmt = select(AwardRecord).order_by(AwardRecord.id)
    if year is not None:
        stmt = stmt.where(AwardRecord.year == year)
    lines: dict[str, list[AwardRecord]] = defaultdict(list)
    for record in (await session.scalars(stmt)).all():
        lines[line_key(record.key)].append(record)
    level_rank = {level: i for i, level in enumerate(vn.LEVEL_ORDER)}
    rows: list[tuple[tuple[object, ...], Row]] = []
    for key, records in lines.items():
        first = records[0]
        form = forms[first.form_id]
        row: Row = {
            "year": first.year,
            "level": vn.LEVEL_LABELS.get(form.level, form.level),
            "form_name": form.name,
            "form": form.code,
            "key": key,
            "unit": codes.get(first.unit_id) if first.unit_id else None,
            "recipient_name": first.recipient_name,
            "occasion": first.occasion,
            "occasion_date": first.occasion_date,
            "decision_number": first.decision_number,
            "decision_date": first.decision_date,
            "source": first.source,
        }
        for record in records:
            kind = record.recipient_kind
            row[kind] = int(row.get(kind) or 0) + record.count  # type: ignore[call-overload]
            if record.ad_hoc:
                ad_hoc = f"{kind}_ad_hoc"
                row[ad_hoc] = int(row.get(ad_hoc) or 0) + record.count  # type: ignore[call-overload]
        # The article's order: the year's table by level and form, then ceremonies.
        order = (
            first.year,
            first.occasion is not None,
            level_rank.get(form.level, 9),
            form.sort,
            form.name,
            key,
        )
        rows.append((order, row))
    return [row for _, row in sorted(rows, key=lambda item: item[0])]


async def _task_rows(
    session: AsyncSession,
    year: int | None,
    codes: dict[int, str],
    names: dict[int, str],
    tz: ZoneInfo,
) -> list[Row]:
    stmt = select(Task).order_by(Task.year, Task.code)
    if year is not None:
        stmt = stmt.where(Task.year == year)
    task_list = list((await session.scalars(stmt)).all())
    ids = [t.id for t in task_list]
    links: dict[int, list[int]] = defaultdict(list)
    progress: dict[tuple[int, int], TaskProgress] = {}
    if ids:
        for task_id, unit_id in (
            await session.execute(
                select(TaskUnit.task_id, TaskUnit.unit_id).where(TaskUnit.task_id.in_(ids))
            )
        ).all():
            links[task_id].append(unit_id)
        for p in (
            await session.scalars(select(TaskProgress).where(TaskProgress.task_id.in_(ids)))
        ).all():
            progress[(p.task_id, p.unit_id)] = p
    rows: list[Row] = []
    for task in task_list:
        base: Row = {
            "year": task.year,
            "code": task.code,
            "title": task.title,
            "deadline": task.deadline,
        }
        unit_ids = sorted(links.get(task.id, []), key=lambda u: codes.get(u, ""))
        if not unit_ids:
            rows.append(dict(base))
        for unit_id in unit_ids:
            current = progress.get((task.id, unit_id))
            rows.append(
                {
                    **base,
                    "unit": codes.get(unit_id),
                    "unit_name": names.get(unit_id),
                    "percent": current.percent if current else None,
                    "note": current.note if current else None,
                    "updated_at": vn.datetime(current.updated_at.astimezone(tz))
                    if current
                    else None,
                    "updated_by": current.updated_by if current else None,
                }
            )
    return rows


async def _indicator_rows(
    session: AsyncSession, year: int | None, codes: dict[int, str]
) -> list[Row]:
    stmt = select(Indicator).order_by(Indicator.year, Indicator.id)
    if year is not None:
        stmt = stmt.where(Indicator.year == year)
    return [
        {
            "year": ind.year,
            "group": ind.group,
            "code": ind.code,
            "name": ind.name,
            "measure": ind.measure,
            "qualifier": sheets.QUALIFIER_WORDS.get(ind.qualifier or ""),
            "plan": ind.plan,
            "actual": ind.actual,
            "percent": ind.percent,
            "verdict": verdict(ind),
            "unit": codes.get(ind.unit_id) if ind.unit_id else None,
            "note": ind.note,
            "source": ind.source,
        }
        for ind in (await session.scalars(stmt)).all()
    ]


async def _commemoration_rows(session: AsyncSession, codes: dict[int, str]) -> list[Row]:
    stmt = select(Commemoration).order_by(
        Commemoration.calendar.desc(), Commemoration.month, Commemoration.day, Commemoration.code
    )
    return [
        {
            "code": c.code,
            "title": c.title,
            "calendar": sheets.CALENDAR_WORDS.get(c.calendar, c.calendar),
            "day": c.day,
            "month": c.month,
            "origin_year": c.origin_year,
            "category": c.category,
            "unit": codes.get(c.unit_id) if c.unit_id else None,
            "description": c.description,
            "source": c.source,
        }
        for c in (await session.scalars(stmt)).all()
    ]


def build_workbook(data: ExportData) -> bytes:
    """Write the sheets: bold frozen headers, number formats, fitted column widths."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for spec in sheets.DATA_SHEETS:
        _data_sheet(book.create_sheet(spec.title), spec, data.rows.get(spec.kind, []))
    _plain_sheet(
        book.create_sheet(sheets.UNITS_TITLE),
        ("Mã", "Tên đơn vị", "Loại", "Mã đơn vị cha"),
        data.units,
    )
    _plain_sheet(
        book.create_sheet(sheets.FORMS_TITLE),
        ("Mã", "Tên hình thức", "Cấp", "Áp dụng cho"),
        data.forms,
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _data_sheet(ws: Worksheet, spec: SheetSpec, rows: Sequence[Row]) -> None:
    widths = [len(c.header) for c in spec.columns]
    _header(ws, [c.header for c in spec.columns])
    for r, row in enumerate(rows, start=2):
        for i, column in enumerate(spec.columns):
            value = row.get(column.field)
            shown = _put(ws, r, i + 1, value, column.kind)
            widths[i] = max(widths[i], min(len(shown), column.width * 2))
    _finish(ws, widths, len(rows))


def _plain_sheet(ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [len(h) for h in headers]
    _header(ws, headers)
    for r, row in enumerate(rows, start=2):
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(_put(ws, r, i + 1, value or None, "text")))
    _finish(ws, widths, len(rows))


def _header(ws: Worksheet, headers: Sequence[str]) -> None:
    for i, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=i, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _finish(ws: Worksheet, widths: Sequence[int], rows: int) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), MAX_WIDTH)
    ws.freeze_panes = "A2"
    last = get_column_letter(len(widths))
    ws.auto_filter.ref = f"A1:{last}{max(rows + 1, 1)}"


def _put(ws: Worksheet, row: int, column: int, value: object, kind: str) -> str:
    """Write one value with its number format; return how it reads, for the column width."""
    if value is None or value == "":
        return ""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "DD/MM/YYYY"
        return "00/00/0000"
    if isinstance(value, bool):
        raise TypeError("booleans have no column")
    if isinstance(value, int):
        cell.value = value
        cell.number_format = "0" if kind in ("year", "percent") else "#,##0"
        return str(value) if kind == "year" else vn.number(value)
    if isinstance(value, Decimal):
        cell.value = int(value) if value == value.to_integral_value() else value
        places = max(0, -int(value.normalize().as_tuple().exponent))
        cell.number_format = "#,##0" + ("." + "0" * places if places else "")
        return vn.number(value)
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.value = text
    # A title starting with "=" is text, not a formula.
    cell.data_type = "s"
    return text
