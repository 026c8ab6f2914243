"""Reading an uploaded .xlsx or .csv into checked rows; pure, no database.

The cells of a row are read by `import_cells.Reader`; each sheet kind's rows by
`import_read_awards` (awards, records, dossiers) and `import_read_tasks` (tasks, indicators,
days, units).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from bot.domain import vn
from bot.reports import sheets
from bot.reports.import_cells import Reader
from bot.reports.import_read_awards import award_line, dossier_row, record_row
from bot.reports.import_read_tasks import day_row, indicator_row, task_row, unit_row
from bot.reports.import_rows import ImportRejected, ParsedFile, TaskRow
from bot.reports.sheets import SheetSpec
from bot.reports.texts import imports as texts
from bot.reports.xlsx_limits import MAX_ROWS, UNREADABLE, check_xlsx, not_xlsx

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024


def check_size(filename: str, size: int) -> None:
    """Refuse an empty or oversized file before reading it."""
    if size == 0:
        raise ImportRejected([texts.empty_file(filename)])
    if size > MAX_BYTES:
        mb = vn.number(round(size / 1024 / 1024, 1))
        raise ImportRejected([texts.heavy_file(filename, mb, MAX_BYTES // 1024 // 1024)])


def parse_file(filename: str, content: bytes) -> ParsedFile:
    """Read an .xlsx or .csv and check every cell; raises ImportRejected listing all problems."""
    check_size(filename, len(content))
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        tables = _xlsx_tables(filename, content)
    elif suffix == ".csv":
        tables = [_csv_table(filename, content)]
    else:
        raise ImportRejected([texts.wrong_type(filename, suffix or texts.NO_SUFFIX)])
    parsed = ParsedFile(filename)
    problems: list[str] = []
    for name, rows in tables:
        _parse_table(name, rows, parsed, problems)
    if not problems and parsed.rows == 0:
        problems.append(texts.no_rows(filename))
    _check_duplicates(parsed, problems)
    if problems:
        raise ImportRejected(problems)
    return parsed


Table = tuple[str, list[tuple[Any, ...]]]


def _xlsx_tables(filename: str, content: bytes) -> list[Table]:
    check_xlsx(filename, content)
    try:
        # openpyxl warns about workbook features it drops (data validation, styles of other
        # tools); they do not touch cell values, and pytest turns warnings into errors.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            tables: list[Table] = []
            for ws in book.worksheets:
                rows: list[tuple[Any, ...]] = []
                for row in ws.iter_rows(values_only=True):
                    rows.append(tuple(row))
                    if len(rows) > MAX_ROWS + 1:
                        raise ImportRejected([texts.too_many_rows(ws.title, MAX_ROWS)])
                tables.append((ws.title, rows))
            book.close()
    except (InvalidFileException, *UNREADABLE) as exc:
        # The raw error (a zlib or XML parser message) is for whoever debugs, not for the user.
        log.debug("openpyxl could not read %s: %r", filename, exc)
        raise ImportRejected([not_xlsx(filename)]) from None
    return tables


def _csv_table(filename: str, content: bytes) -> Table:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected([texts.csv_encoding(filename)]) from None
    first = text.split("\n", 1)[0]
    # Excel set to Vietnamese writes ';' between fields, since ',' is its decimal mark.
    delimiter = max(";,\t", key=first.count)
    try:
        rows = [tuple(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ImportRejected([texts.csv_broken(filename, exc)]) from None
    if len(rows) > MAX_ROWS + 1:
        raise ImportRejected([texts.too_many_rows(filename, MAX_ROWS)])
    return filename, rows


def _spec_for(name: str, header: Sequence[object]) -> SheetSpec | None:
    titles = {sheets.header_key(s.title): s for s in sheets.IMPORT_SHEETS}
    if sheets.header_key(name) in titles:
        return titles[sheets.header_key(name)]
    keys = {sheets.header_key(str(h)) for h in header if h not in (None, "")}
    best = max(sheets.IMPORT_SHEETS, key=lambda s: len(keys & set(s.by_header())))
    # A sheet with another name is recognised by its headers (a CSV, or a renamed sheet).
    required = {sheets.header_key(c.header) for c in best.columns if not c.info}
    return best if len(keys & required) * 2 >= len(required) else None


def _blank(row: Sequence[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _parse_table(
    name: str, rows: list[tuple[Any, ...]], parsed: ParsedFile, problems: list[str]
) -> None:
    if sheets.header_key(name) in {sheets.header_key(t) for t in sheets.REFERENCE_TITLES}:
        return
    if not rows or all(_blank(r) for r in rows):
        return
    header = rows[0]
    spec = _spec_for(name, header)
    if spec is None:
        titles = ", ".join(s.title for s in sheets.IMPORT_SHEETS)
        problems.append(f"{name}!A1: {texts.unknown_table(titles)}")
        return
    known = spec.by_header()
    columns: dict[str, int] = {}
    before = len(problems)
    for i, value in enumerate(header):
        if value is None or str(value).strip() == "":
            continue
        where = f"{name}!{get_column_letter(i + 1)}1"
        column = known.get(sheets.header_key(str(value)))
        if column is None:
            problems.append(f"{where}: {texts.unknown_column(value, spec.title)}")
        elif column.field in columns:
            problems.append(f"{where}: {texts.repeated_column(value)}")
        else:
            columns[column.field] = i
    for column in spec.columns:
        if column.field not in columns and not column.info and not column.optional:
            problems.append(f"{name}!A1: {texts.missing_column(column.header, spec.title)}")
    if len(problems) > before:
        return
    for number, values in enumerate(rows[1:], start=2):
        if _blank(values):
            continue
        reader = Reader(name, number, values, columns, problems)
        read, into = _ROW_READERS.get(spec.kind, (day_row, "days"))
        row = read(reader)
        if row:
            getattr(parsed, into).append(row)


def _row_of(cell: str) -> str:
    return re.sub(r"^.*![A-Z]+", "", cell)


def _check_duplicates(parsed: ParsedFile, problems: list[str]) -> None:
    def check(items: Iterable[tuple[object, Mapping[str, str], str, str]]) -> None:
        seen: dict[object, str] = {}
        for key, cells, first_field, what in items:
            where = cells.get(first_field, next(iter(cells.values()), "?"))
            if key in seen:
                problems.append(f"{where}: {texts.duplicate(_row_of(seen[key]), what)}")
            else:
                seen[key] = where

    check((u.code, u.cells, "code", texts.same_unit(u.code)) for u in parsed.units)
    check((a.key, a.cells, "key", texts.same_line(a.key)) for a in parsed.awards)
    check((k.key, k.cells, "key", texts.same_record(k.key)) for k in parsed.records if k.key)
    check(
        ((t.code, t.unit), t.cells, "code", texts.same_task(t.code, t.unit)) for t in parsed.tasks
    )
    check(
        ((i.year, i.code), i.cells, "code", texts.same_indicator(i.code, i.year))
        for i in parsed.indicators
    )
    check((d.code, d.cells, "code", texts.same_code(d.code)) for d in parsed.days)
    # A task listed on several rows (one per unit) must say the same about the task each time.
    first: dict[str, TaskRow] = {}
    for t in parsed.tasks:
        seen_task = first.setdefault(t.code, t)
        for name, what in texts.TASK_SAME:
            if getattr(t, name) != getattr(seen_task, name):
                line = _row_of(seen_task.cells[name])
                problems.append(f"{t.cells[name]}: {texts.task_differs(what, t.code, line)}")


# Each sheet kind: how one row is read, and which list of ParsedFile it joins (days otherwise).
_ROW_READERS: dict[str, tuple[Callable[[Reader], object], str]] = {
    "units": (unit_row, "units"),
    "awards": (award_line, "awards"),
    "records": (record_row, "records"),
    "dossiers": (dossier_row, "dossiers"),
    "tasks": (task_row, "tasks"),
    "indicators": (indicator_row, "indicators"),
}
