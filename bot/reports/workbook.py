"""The Excel export (/xuat, `thidua export`): awards, tasks with unit progress, indicators, days.

Each data sheet carries the codes the import needs (form, line, unit, task, indicator, day), so a
workbook exported and imported again changes nothing. After them come sheets written for people
only, which the import skips: the documents the data cites, the reference lists, and the print
sheets (`printing`) an office signs and submits.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import unit_kinds, vn
from bot.domain.awards import CATEGORY_LABELS
from bot.reports import export_rows, printing, sheets, tables
from bot.reports.print_data import PrintData, print_data
from bot.reports.texts import workbook as texts
from storage.queries import awards, documents, exports

Row = tables.Row


@dataclass
class ExportData:
    """The rows of every sheet, as plain values."""

    year: int | None
    rows: dict[str, list[Row]] = field(default_factory=dict)
    forms: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    printing: PrintData | None = None
    guide: list[Row] = field(default_factory=list)
    """How to fill an empty workbook (a template), written as its first sheet."""

    def count(self, kind: str) -> int:
        """How many rows a sheet has."""
        return len(self.rows.get(kind, []))


async def export_data(
    session: AsyncSession, *, year: int | None, tz: ZoneInfo, today: dt.date
) -> ExportData:
    """Read everything the workbook shows; `year` limits awards, tasks and indicators.

    The print sheets show `year`, or the newest year with data, dated `today`.
    """
    units = await exports.units_by_code(session)
    codes = {u.id: u.code for u in units}
    names = {u.id: u.name for u in units}
    forms = await awards.all_forms(session)
    by_id = {f.id: f for f in forms}
    result = ExportData(year=year)
    result.rows["awards"] = await export_rows.award_rows(session, year, codes, by_id)
    result.rows["records"] = await export_rows.record_rows(session, year, codes, names)
    result.rows["dossiers"] = await export_rows.dossier_rows(session, year, codes, by_id)
    result.rows["tasks"] = await export_rows.task_rows(session, year, codes, names, tz)
    result.rows["indicators"] = await export_rows.indicator_rows(session, year, codes)
    result.rows["commemorations"] = await export_rows.commemoration_rows(session, codes)
    result.rows["documents"] = [
        {
            "code": d.code,
            "number": d.number,
            "issued_on": d.issued_on,
            "issuer": d.issuer,
            "title": d.title,
            "source": d.source,
        }
        for d in await documents.all_documents(session)
    ]
    result.rows["requests"] = await export_rows.request_rows(session, year, codes, names, tz, today)
    result.printing = await print_data(session, year=year, today=today)
    result.rows["units"] = [
        {
            "code": u.code,
            "name": u.name,
            "kind": unit_kinds.label(u.kind),
            "parent": codes.get(u.parent_id) if u.parent_id else None,
            "retired_on": u.retired_on,
            "merged_into": codes.get(u.merged_into_id) if u.merged_into_id else None,
        }
        for u in units
    ]
    level_rank = {level: i for i, level in enumerate(vn.LEVEL_ORDER)}
    result.forms = [
        (
            f.code,
            f.name,
            CATEGORY_LABELS.get(f.category, f.category),
            vn.LEVEL_LABELS.get(f.level, f.level),
            ", ".join(vn.RECIPIENT_LABELS.get(k, k) for k in f.recipient_kinds.split(",")),
            sheets.COUNT_UNIT_WORDS.get(f.count_unit, ""),
        )
        for f in sorted(forms, key=lambda f: (level_rank.get(f.level, 9), f.sort, f.code))
    ]
    return result


async def build_in_thread(data: ExportData) -> bytes:
    """`build_workbook` off the event loop."""
    return await asyncio.to_thread(build_workbook, data)


def print_sheets(data: ExportData) -> list[str]:
    """What the print sheets of a workbook hold: `khen thưởng năm 2022`, `chỉ tiêu năm 2022`."""
    made = []
    if data.printing is not None and data.printing.awards is not None:
        made.append(texts.awards_printed(data.printing.awards.year))
    if data.printing is not None and data.printing.indicators is not None:
        made.append(texts.indicators_printed(data.printing.indicators.year))
    return made


def build_workbook(data: ExportData) -> bytes:
    """Write the sheets: bold frozen headers, number formats, fitted column widths."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    if data.guide:
        tables.data_sheet(book.create_sheet(sheets.GUIDE.title), sheets.GUIDE, data.guide)
    for spec in sheets.DATA_SHEETS:
        tables.data_sheet(book.create_sheet(spec.title), spec, data.rows.get(spec.kind, []))
    tables.data_sheet(
        book.create_sheet(sheets.DOCUMENTS.title),
        sheets.DOCUMENTS,
        data.rows.get(sheets.DOCUMENTS.kind, []),
    )
    tables.data_sheet(
        book.create_sheet(sheets.REQUESTS.title),
        sheets.REQUESTS,
        data.rows.get(sheets.REQUESTS.kind, []),
    )
    tables.data_sheet(
        book.create_sheet(sheets.UNITS.title), sheets.UNITS, data.rows.get(sheets.UNITS.kind, [])
    )
    tables.plain_sheet(
        book.create_sheet(sheets.FORMS_TITLE),
        texts.FORMS_HEADERS,
        data.forms,
    )
    if data.printing is not None:
        heading = data.printing.heading
        if data.printing.awards is not None:
            ws = book.create_sheet(sheets.PRINT_AWARDS_TITLE)
            printing.award_sheet(ws, heading, data.printing.awards)
        if data.printing.indicators is not None:
            ws = book.create_sheet(sheets.PRINT_INDICATORS_TITLE)
            printing.indicator_sheet(ws, heading, data.printing.indicators)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
