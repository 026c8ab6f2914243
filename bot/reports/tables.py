"""Data sheets of the workbook: bold frozen headers, number formats, widths, wrapping, print setup.

A column is as wide as its longest header word or its values, up to the spec's width; longer texts
wrap and their row is made tall enough (openpyxl cannot measure text, and spreadsheet programs do
not grow a stored row), so a sheet printed one page wide stays whole and legible.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain import vn
from bot.reports import print_layout
from bot.reports.sheets import SheetSpec

Row = dict[str, object]
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAPPED = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 60
TEXT_WIDTH = 60
"""The widest a free-text column gets; longer texts wrap."""
LINE = 15.0
"""Points per line of the default 11-point font."""


def data_sheet(ws: Worksheet, spec: SheetSpec, rows: Sequence[Row]) -> None:
    """A sheet laid out by `spec`, one row per record."""
    headers = [c.header for c in spec.columns]
    caps = [min(c.width, TEXT_WIDTH) for c in spec.columns]
    widths = [max(len(word) for word in h.split()) for h in headers]
    _header(ws, headers)
    for r, row in enumerate(rows, start=2):
        lines = 1
        for i, column in enumerate(spec.columns):
            shown = _put(ws, r, i + 1, row.get(column.field), column.kind)
            if len(shown) > caps[i]:
                ws.cell(row=r, column=i + 1).alignment = WRAPPED
                lines = max(lines, _lines(shown, caps[i]))
            widths[i] = max(widths[i], min(len(shown), caps[i]))
        if lines > 1:
            ws.row_dimensions[r].height = LINE * lines
    _finish(ws, widths, headers, len(rows))


def plain_sheet(ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A reference list: text columns as wide as their values."""
    widths = [len(h) for h in headers]
    _header(ws, headers)
    for r, row in enumerate(rows, start=2):
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(_put(ws, r, i + 1, value or None, "text")))
    _finish(ws, widths, headers, len(rows))


def _header(ws: Worksheet, headers: Sequence[str]) -> None:
    for i, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=i, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _finish(ws: Worksheet, widths: Sequence[int], headers: Sequence[str], rows: int) -> None:
    final = [min(max(width + 2, 8), MAX_WIDTH) for width in widths]
    for i, width in enumerate(final, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    # Bold text is wider: a header wraps as if its column were two characters narrower.
    lines = max(_lines(h, w - 2) for h, w in zip(headers, final, strict=True))
    ws.row_dimensions[1].height = LINE * lines
    ws.freeze_panes = "A2"
    last = get_column_letter(len(widths))
    ws.auto_filter.ref = f"A1:{last}{max(rows + 1, 1)}"
    # Printed, a data sheet keeps every column on the page and its header on every page.
    print_layout.page_setup(ws, title_rows="1:1", last_column=len(widths), last_row=rows + 1)
    ws.print_options.gridLines = True


def _lines(text: str, width: int) -> int:
    """How many lines `text` wraps to in a column `width` characters wide (words kept whole)."""
    return max(1, len(textwrap.wrap(text, max(width, 1), break_long_words=False)))


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
