"""The print sheets of the workbook: what an office signs and submits, as Decree 30/2020 lays out.

The governing body and the office top left, the national heading top right, the title and year,
the table (award statistics by group and level, or indicators against plan), then the place and
date line and the signature block; A4 landscape, one page wide, the table's header on every page.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from bot.domain import awards as rules
from bot.domain import vn
from bot.domain.awards import Counts
from bot.reports.print_data import AwardPrint, Heading, IndicatorPrint, IndicatorRow
from bot.reports.print_layout import PrintSheet
from bot.reports.texts import printing as texts
from bot.reports.texts.sheets import KIND_HEADERS
from storage.models import RECIPIENT_KINDS

ROMAN = ("I", "II", "III", "IV", "V")
HEADER_ROW = 7
"""The table's first header row: six rows of heading above it."""
INDICATOR_WIDTHS = (6, 58, 16, 13, 15, 14, 18)


class _AwardTable:
    """The columns of the award table: name, level, counts per kind, ad-hoc counts, remark."""

    def __init__(self, report: AwardPrint) -> None:
        every: list[Counts] = [f.counts for g in report.groups for f in g.forms]
        every += [line.counts for _, lines in report.occasions for line in lines]
        self.kinds = [k for k in RECIPIENT_KINDS if any(k in c for c in every)]
        self.ad_hoc = [k for k in self.kinds if any(c.get(k, (0, 0))[1] for c in every)]
        self.first_count = 4
        self.first_ad_hoc = self.first_count + len(self.kinds)
        self.remark = self.first_ad_hoc + len(self.ad_hoc)
        self.widths = [6, 46, 20, *[11] * (len(self.kinds) + len(self.ad_hoc)), 12]

    def header(self, sheet: PrintSheet) -> None:
        """Two header rows: the counts and the ad-hoc counts, each split by recipient kind."""
        sheet.next(lines=2)  # "Trong đó khen đột xuất" wraps over two narrow columns
        for column, text in ((1, texts.NUMBER), (2, texts.FORM)):
            sheet.put(column, text, bold=True, box=True)
        sheet.put(3, texts.LEVEL, bold=True, box=True)
        sheet.put(self.first_count, texts.COUNTED, to=self.first_ad_hoc - 1, bold=True, box=True)
        if self.ad_hoc:
            end = self.remark - 1
            sheet.put(self.first_ad_hoc, texts.AD_HOC, to=end, bold=True, box=True)
        sheet.put(self.remark, texts.REMARK, bold=True, box=True)
        sheet.next()
        for column in (1, 2, 3, self.remark):
            sheet.put(column, None, box=True)
            sheet.ws.merge_cells(
                start_row=sheet.row - 1, start_column=column, end_row=sheet.row, end_column=column
            )
        for i, kind in enumerate(self.kinds):
            sheet.put(self.first_count + i, KIND_HEADERS[kind], bold=True, box=True)
        for i, kind in enumerate(self.ad_hoc):
            sheet.put(self.first_ad_hoc + i, KIND_HEADERS[kind], bold=True, box=True)

    def line(
        self,
        sheet: PrintSheet,
        number: int | None,
        name: str,
        level: str,
        counts: Counts,
        *,
        turns: bool,
        bold: bool = False,
    ) -> None:
        """One form (or a subtotal) with its counts; "lượt" in the remark when counted so."""
        sheet.next(lines=max(sheet.lines_for(name, 2), sheet.lines_for(level, 3)))
        sheet.put(1, number, box=True, bold=bold)
        sheet.put(2, name, align="left", box=True, bold=bold)
        sheet.put(3, level or None, box=True, bold=bold)
        for i, kind in enumerate(self.kinds):
            total = counts.get(kind, (0, 0))[0] or None
            sheet.put(self.first_count + i, total, align="right", box=True, bold=bold, number=True)
        for i, kind in enumerate(self.ad_hoc):
            extra = counts.get(kind, (0, 0))[1] or None
            sheet.put(self.first_ad_hoc + i, extra, align="right", box=True, bold=bold, number=True)
        sheet.put(self.remark, texts.TURNS if turns else None, box=True, bold=bold)

    def banner(self, sheet: PrintSheet, text: str, *, italic: bool = False) -> None:
        """A row naming a group or an occasion across the table."""
        sheet.next(lines=sheet.lines_for(text, 2, self.remark))
        sheet.put(1, None, box=True)
        sheet.put(2, text, to=self.remark, bold=not italic, italic=italic, align="left", box=True)


def award_sheet(ws: Worksheet, heading: Heading, report: AwardPrint) -> None:
    """The award statistics as submitted: titles, forms and recognitions by level, subtotals."""
    table = _AwardTable(report)
    sheet = PrintSheet(ws, table.widths)
    sheet.heading(
        heading,
        texts.awards_title(report.year),
        texts.AWARDS_SUBTITLE,
    )
    table.header(sheet)
    for roman, group in zip(ROMAN, report.groups, strict=False):
        sheet.section()
        table.banner(sheet, f"{roman}. {group.label.upper()}")
        for index, form in enumerate(group.forms, start=1):
            level = vn.LEVEL_LABELS.get(form.level, form.level)
            table.line(sheet, index, form.name, level, form.counts, turns=form.in_turns)
        total = texts.subtotal(group.label)
        table.line(sheet, None, total, "", group.subtotal, turns=True, bold=True)
    apart = ROMAN[min(len(report.groups), len(ROMAN) - 1)]
    if report.occasions:
        sheet.section()
        table.banner(sheet, f"{apart}. {texts.OCCASIONS_BANNER}")
        for occasion, lines in report.occasions:
            table.banner(sheet, occasion, italic=True)
            for index, line in enumerate(lines, start=1):
                name = f"{line.name} — {line.recipient}" if line.recipient else line.name
                level = vn.LEVEL_LABELS.get(line.level, line.level)
                table.line(sheet, index, name, level, line.counts, turns=line.in_turns)
    sheet.next()
    sheet.paragraph(texts.note(rules.SUBTOTAL_NOTE), italic=True)
    if report.occasions:
        sheet.paragraph(
            texts.occasions_apart(apart),
            italic=True,
        )
    sheet.signatures(heading)
    sheet.finish(title_rows=(HEADER_ROW, HEADER_ROW + 1))


def indicator_sheet(ws: Worksheet, heading: Heading, report: IndicatorPrint) -> None:
    """The indicators with plan, actual, percent of plan and verdict, then the summary."""
    sheet = PrintSheet(ws, INDICATOR_WIDTHS)
    sheet.heading(
        heading,
        texts.indicators_title(report.year),
        texts.INDICATORS_SUBTITLE,
    )
    sheet.next(lines=2)
    for column, text in enumerate(texts.INDICATOR_HEADERS, start=1):
        sheet.put(column, text, bold=True, box=True)
    group = None
    for number, row in enumerate(report.rows, start=1):
        if row.group != group:
            group = row.group
            sheet.section()
            sheet.next()
            sheet.put(1, None, box=True)
            sheet.put(2, group, to=sheet.last, bold=True, align="left", box=True)
        cells = _indicator_cells(number, row)
        sheet.next(
            lines=max(sheet.lines_for(str(value), column) for column, (value, _) in cells.items())
        )
        for column, (value, align) in cells.items():
            sheet.put(column, value, align=align, box=True)
    sheet.next()
    if report.scorecard:
        met, total = report.scorecard
        sheet.paragraph(texts.scorecard(met, total), bold=True)
    sheet.paragraph(report.tally.sentence(vn.number))
    if report.documents:
        sheet.paragraph(texts.documents(report.year))
        for text in report.documents:
            sheet.paragraph(f"- {text}")
    sheet.signatures(heading)
    sheet.finish(title_rows=(HEADER_ROW, HEADER_ROW))


def _indicator_cells(number: int, row: IndicatorRow) -> dict[int, tuple[str | int | None, str]]:
    """Column → (value, alignment) of one indicator: figures written the Vietnamese way."""
    qualifier = texts.QUALIFIERS.get(row.qualifier or "", "")
    measure = row.measure if row.measure and row.measure != "%" else None
    actual = None
    if row.actual is not None:
        unit = "%" if row.measure == "%" else ""
        actual = f"{qualifier}{vn.number(row.actual)}{unit}"
    percent = None
    if row.percent is not None:
        percent = f"{qualifier if row.actual is None else ''}{vn.percent(row.percent)}"
    return {
        1: (number, "center"),
        2: (row.name, "left"),
        3: (measure, "center"),
        4: (vn.number(row.plan) if row.plan is not None else None, "right"),
        5: (actual, "right"),
        6: (percent, "right"),
        7: (str(row.verdict) if row.verdict else None, "center"),
    }
