"""The empty workbook of a year (/xuat mau, `thidua export --template`): filled in, it imports."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.codes import next_task_code
from bot.reports import sheets, workbook
from bot.reports.texts import workbook as texts
from bot.reports.workbook import ExportData
from storage.queries import tasks


def guide_rows(year: int, next_code: str) -> list[dict[str, object]]:
    """How to fill each sheet, in the words of the sheets themselves."""
    return [
        {
            "sheet": texts.GENERAL,
            "how": texts.guide_general(year),
        },
        {
            "sheet": sheets.AWARDS.title,
            "how": texts.guide_awards(year),
        },
        {
            "sheet": sheets.TASKS.title,
            "how": texts.guide_tasks(year, next_code),
        },
        {
            "sheet": sheets.INDICATORS.title,
            "how": texts.guide_indicators(year),
        },
        {
            "sheet": sheets.COMMEMORATIONS.title,
            "how": texts.GUIDE_COMMEMORATIONS,
        },
    ]


async def template_data(
    session: AsyncSession, *, year: int, tz: ZoneInfo, today: dt.date
) -> ExportData:
    """The year's empty data sheets, the unit and form lists filled in, and how to fill them."""
    full = await workbook.export_data(session, year=year, tz=tz, today=today)
    blank = ExportData(year=year, forms=full.forms)
    for spec in sheets.DATA_SHEETS:
        blank.rows[spec.kind] = []
    # The unit sheet imports too: unchanged rows change nothing, new rows add units.
    blank.rows[sheets.UNITS.kind] = full.rows[sheets.UNITS.kind]
    next_code = next_task_code(year, await tasks.year_codes(session, year))
    blank.guide = guide_rows(year, next_code)
    return blank
