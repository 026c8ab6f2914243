"""Page setup and a row-by-row writer for sheets meant to be printed on A4 landscape.

Row heights are set explicitly (openpyxl cannot measure text), so the writer also knows how tall
each part of a sheet is and can break pages between sections: a section that no longer fits
starts a new page, and the closing part (notes, date line, signatures) always travels with the
last section instead of standing alone on a page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from bot.reports.print_data import Heading
from bot.reports.texts import printing as texts

FONT = "Times New Roman"
SIZE = 12
LINE = 15.0
"""Points per line of 12-point text, with its spacing."""
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
COUNT_FORMAT = r"[>=1000000]#\.###\.###;[>=1000]#\.###;0"
"""Counts grouped the Vietnamese way (2.054) whatever the reader's locale, still numbers."""
SIGNERS = texts.SIGNERS
SIGNING_ROWS = 4
"""Empty rows under the signers' titles: room for signatures and the seal."""
MARGINS = PageMargins(left=0.6, right=0.4, top=0.6, bottom=0.6)
A4_LANDSCAPE = (11.69, 8.27)
"""Inches, width by height."""
CHARS_PER_WIDTH = 1.0
"""Characters of 12-point Times that fit in one unit of Excel column width (measured roughly)."""


def page_setup(ws: Worksheet, *, title_rows: str, last_column: int, last_row: int) -> None:
    """A4 landscape, one page wide, `title_rows` repeated on every page, page numbers below."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(
        left=MARGINS.left, right=MARGINS.right, top=MARGINS.top, bottom=MARGINS.bottom
    )
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = title_rows
    ws.print_area = f"A1:{get_column_letter(last_column)}{max(last_row, 1)}"
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = "Trang &P"


class PrintSheet:
    """A print sheet written top to bottom, one row after another, in sections."""

    def __init__(self, ws: Worksheet, widths: Sequence[int], *, split: int = 3) -> None:
        self.ws = ws
        self.widths = list(widths)
        self.last = len(widths)
        self.split = split
        """The heading's left block spans columns 1..split, the right block the rest."""
        self.row = 0
        self.heights: dict[int, float] = {}
        self.sections: list[int] = []
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.sheet_view.showGridLines = False

    def next(self, *, lines: int = 1, extra: float = 2.0) -> int:
        """Move to the next row, `lines` of text tall, and return its number."""
        self.row += 1
        height = LINE * lines + extra
        self.heights[self.row] = height
        self.ws.row_dimensions[self.row].height = height
        return self.row

    def section(self) -> None:
        """The next row starts a section that pages may break before."""
        self.sections.append(self.row + 1)

    def put(
        self,
        column: int,
        value: str | int | None,
        *,
        to: int | None = None,
        bold: bool = False,
        italic: bool = False,
        size: int = SIZE,
        align: str = "center",
        box: bool = False,
        underline: bool = False,
        number: bool = False,
    ) -> None:
        """Write a value in the current row, merged up to column `to`."""
        ws = self.ws
        cell = ws.cell(row=self.row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # a name starting with "=" is text, not a formula
        cell.font = Font(
            name=FONT,
            size=size,
            bold=bold,
            italic=italic,
            underline="single" if underline else None,
        )
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if number:
            cell.number_format = COUNT_FORMAT
        end = to or column
        if end > column:
            ws.merge_cells(
                start_row=self.row, start_column=column, end_row=self.row, end_column=end
            )
        if box:
            for c in range(column, end + 1):
                ws.cell(row=self.row, column=c).border = BOX

    def lines_for(self, text: str | None, first: int, last: int | None = None) -> int:
        """How many lines `text` takes in columns first..last (to size its row)."""
        if not text:
            return 1
        width = sum(self.widths[first - 1 : last or first]) * CHARS_PER_WIDTH
        return max(1, math.ceil(len(text) / max(width, 1)))

    def heading(self, heading: Heading, title: str, subtitle: str | None) -> None:
        """The two header blocks, the title and the subtitle: rows 1 to 6."""
        split = self.split
        self.next()
        top = heading.governing or heading.office
        self.put(1, top.upper(), to=split, bold=heading.governing is None)
        self.put(split + 1, texts.NATION, to=self.last, bold=True)
        self.next()
        if heading.governing:
            self.put(1, heading.office.upper(), to=split, bold=True, underline=True)
        self.put(split + 1, texts.MOTTO, to=self.last, bold=True, underline=True)
        self.next(extra=-4)
        self.next(extra=6)
        self.put(1, title, to=self.last, bold=True, size=14)
        self.next()
        if subtitle:
            self.put(1, subtitle, to=self.last, italic=True)
        self.next(extra=-4)

    def paragraph(self, text: str, *, italic: bool = False, bold: bool = False) -> None:
        """A full-width line of text below the table."""
        self.next(lines=self.lines_for(text, 1, self.last))
        self.put(1, text, to=self.last, italic=italic, bold=bold, align="left")

    def signatures(self, heading: Heading) -> None:
        """The place and date line, then who signs, with room to sign."""
        split = self.split
        blocks = ((1, split), (split + 1, self.last))
        self.next()
        self.next()
        self.put(split + 1, heading.date_line, to=self.last, italic=True)
        self.next()
        for (title, _), (start, end) in zip(SIGNERS, blocks, strict=True):
            self.put(start, title, to=end, bold=True)
        self.next()
        for (_, hint), (start, end) in zip(SIGNERS, blocks, strict=True):
            self.put(start, hint, to=end, italic=True)
        for _ in range(SIGNING_ROWS):
            self.next()

    def finish(self, *, title_rows: tuple[int, int]) -> None:
        """Page setup, and page breaks between sections where the next one would not fit."""
        first, last = title_rows
        page_setup(self.ws, title_rows=f"{first}:{last}", last_column=self.last, last_row=self.row)
        capacity = self._page_height()
        repeated = sum(self.heights[r] for r in range(first, last + 1))
        starts = [s for s in self.sections if s > last + 1] + [self.row + 1]
        used = sum(self.heights[r] for r in range(1, starts[0]))
        for start, end in pairwise(starts):
            height = sum(self.heights[r] for r in range(start, end))
            if used + height > capacity and used > repeated:
                self.ws.row_breaks.append(Break(id=start - 1))
                used = repeated
            used = repeated + (used + height - repeated) % (capacity - repeated)

    def _page_height(self) -> float:
        """Points of rows one printed page holds, once the sheet is scaled to the page width."""
        width_in, height_in = A4_LANDSCAPE
        printable_width = (width_in - MARGINS.left - MARGINS.right) * 72
        # An Excel width unit is about 7 pixels of 0.75 point, plus 5 pixels of padding.
        content_width = sum((w * 7 + 5) * 0.75 for w in self.widths)
        scale = min(1.0, printable_width / content_width)
        # A little room spare: renderers lay text out slightly taller than the estimate.
        return (height_in - MARGINS.top - MARGINS.bottom) * 72 / scale * 0.97
