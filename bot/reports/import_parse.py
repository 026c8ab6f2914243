"""Reading an uploaded .xlsx or .csv into checked rows; pure, no database."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from bot.core import args as parse
from bot.core import vn
from bot.domain import unit_kinds
from bot.reports import sheets
from bot.reports.import_rows import (
    AwardLine,
    Cells,
    DayRow,
    DossierRow,
    ImportRejected,
    IndicatorRow,
    ParsedFile,
    RecordRow,
    TaskRow,
    UnitRow,
)
from bot.reports.sheets import SheetSpec
from bot.reports.xlsx_limits import MAX_ROWS, UNREADABLE, check_xlsx, not_xlsx
from storage.seed_schema import CODE_PATTERN

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MAX_COUNT = 1_000_000
YEARS = parse.YEAR_RANGE
CATEGORIES = {parse.fold(word): code for code, word in sheets.CATEGORY_WORDS.items()}
CALENDARS = {
    "duong lich": "solar",
    "duong": "solar",
    "dl": "solar",
    "solar": "solar",
    "am lich": "lunar",
    "am": "lunar",
    "al": "lunar",
    "lunar": "lunar",
}
NUMBER_FORMS = (
    (r"[-+]?\d+", "", "."),
    (r"[-+]?\d{1,3}(\.\d{3})+(,\d+)?", ".", ","),
    (r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", ",", "."),
    (r"[-+]?\d*,\d+", "", ","),
    (r"[-+]?\d*\.\d+", "", "."),
)
"""(pattern, thousands mark, decimal mark), tried in order."""
AMBIGUOUS = re.compile(r"[-+]?\d{1,3}\.\d{3}")
"""One dot before three digits: thousands in Vietnamese, a decimal point in English."""
DECIMAL_COMMA = re.compile(r"[-+]?\d{1,3},\d{3}")
QUALIFIERS = {"tren": "over", "duoi": "under", "khoang": "about"} | {
    q: q for q in ("over", "under", "about")
}


def check_size(filename: str, size: int) -> None:
    """Refuse an empty or oversized file before reading it."""
    if size == 0:
        raise ImportRejected([f"{filename}: tệp rỗng, không có dữ liệu."])
    if size > MAX_BYTES:
        mb = vn.number(round(size / 1024 / 1024, 1))
        raise ImportRejected(
            [
                f"{filename}: tệp nặng {mb} MB, vượt giới hạn {MAX_BYTES // 1024 // 1024} MB. "
                "Hãy chia thành nhiều tệp nhỏ hơn."
            ]
        )


def parse_file(filename: str, content: bytes) -> ParsedFile:
    """Read an .xlsx or .csv and check every cell; raises ImportRejected listing all problems."""
    check_size(filename, len(content))
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        tables = _xlsx_tables(filename, content)
    elif suffix == ".csv":
        tables = [_csv_table(filename, content)]
    else:
        shown = suffix or "không có đuôi"
        raise ImportRejected(
            [f"{filename}: chỉ nhận tệp Excel .xlsx hoặc .csv (tệp này là '{shown}')."]
        )
    parsed = ParsedFile(filename)
    problems: list[str] = []
    for name, rows in tables:
        _parse_table(name, rows, parsed, problems)
    if not problems and parsed.rows == 0:
        problems.append(f"{filename}: tệp không có dòng dữ liệu nào (chỉ có tiêu đề hoặc trống).")
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
                        raise ImportRejected(
                            [f"{ws.title}: quá {vn.number(MAX_ROWS)} dòng, hãy chia nhỏ tệp."]
                        )
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
        raise ImportRejected(
            [f"{filename}: tệp CSV phải lưu với bảng mã UTF-8 (Excel: CSV UTF-8)."]
        ) from None
    first = text.split("\n", 1)[0]
    # Excel set to Vietnamese writes ';' between fields, since ',' is its decimal mark.
    delimiter = max(";,\t", key=first.count)
    try:
        rows = [tuple(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ImportRejected([f"{filename}: tệp CSV sai định dạng ({exc})."]) from None
    if len(rows) > MAX_ROWS + 1:
        raise ImportRejected([f"{filename}: quá {vn.number(MAX_ROWS)} dòng, hãy chia nhỏ tệp."])
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
        problems.append(
            f"{name}!A1: không nhận ra bảng này: tiêu đề cột không khớp mẫu xuất của bot "
            f"(các trang: {titles}). Hãy xuất mẫu bằng /xuat rồi điền vào."
        )
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
            problems.append(f"{where}: cột '{value}' không có trong mẫu của trang {spec.title}.")
        elif column.field in columns:
            problems.append(f"{where}: cột '{value}' lặp lại.")
        else:
            columns[column.field] = i
    for column in spec.columns:
        if column.field not in columns and not column.info and not column.optional:
            problems.append(f"{name}!A1: thiếu cột '{column.header}' (trang {spec.title}).")
    if len(problems) > before:
        return
    for number, values in enumerate(rows[1:], start=2):
        if _blank(values):
            continue
        reader = _Reader(name, number, values, columns, problems)
        if spec.kind == "units":
            unit = _unit_row(reader)
            if unit:
                parsed.units.append(unit)
        elif spec.kind == "awards":
            line = _award_line(reader)
            if line:
                parsed.awards.append(line)
        elif spec.kind == "records":
            record = _record_row(reader)
            if record:
                parsed.records.append(record)
        elif spec.kind == "dossiers":
            nominee = _dossier_row(reader)
            if nominee:
                parsed.dossiers.append(nominee)
        elif spec.kind == "tasks":
            task = _task_row(reader)
            if task:
                parsed.tasks.append(task)
        elif spec.kind == "indicators":
            ind = _indicator_row(reader)
            if ind:
                parsed.indicators.append(ind)
        else:
            day = _day_row(reader)
            if day:
                parsed.days.append(day)


class _Reader:
    """Typed access to one row's cells; every problem is recorded with its cell."""

    def __init__(
        self,
        sheet: str,
        number: int,
        values: Sequence[object],
        columns: dict[str, int],
        problems: list[str],
    ) -> None:
        self.sheet = sheet
        self.line = number
        self.values = values
        self.columns = columns
        self.problems = problems
        self.start = len(problems)

    @property
    def ok(self) -> bool:
        """No problem found in this row so far."""
        return len(self.problems) == self.start

    def has(self, name: str) -> bool:
        """The file has this column."""
        return name in self.columns

    def where(self, name: str) -> str:
        """`sheet!D5` of a field in this row."""
        index = self.columns.get(name, 0)
        return f"{self.sheet}!{get_column_letter(index + 1)}{self.line}"

    def cells(self) -> Cells:
        """Every field's cell, for messages found later (unknown codes)."""
        return Cells(self.sheet, self.line, self.columns)

    def error(self, name: str, message: str) -> None:
        """Record a problem at a field's cell."""
        self.problems.append(f"{self.where(name)}: {message}")

    def raw(self, name: str) -> object:
        """The cell value; blank text is None."""
        index = self.columns.get(name)
        if index is None or index >= len(self.values):
            return None
        value = self.values[index]
        if isinstance(value, str):
            value = parse.visible(value).strip()
            return value or None
        return value

    def text(self, name: str, what: str, *, required: bool = False, limit: int = 300) -> str | None:
        """A text cell."""
        value = self.raw(name)
        if value is None:
            if required:
                self.error(name, f"thiếu {what}.")
            return None
        if isinstance(value, dt.datetime | dt.date):
            return vn.date(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
        if len(text) > limit:
            self.error(name, f"{what} dài quá {vn.number(limit)} ký tự.")
            return None
        return text

    def code(self, name: str, what: str, *, required: bool = False) -> str | None:
        """A code: ASCII letters, digits, '-', '_', '.'; stored upper-case."""
        text = self.text(name, what, required=required, limit=40)
        if text is None:
            return None
        if not re.fullmatch(CODE_PATTERN, text):
            self.error(
                name,
                f"{what} '{text}' chỉ được gồm chữ không dấu, số, '-', '_' hoặc '.' "
                "(tối đa 40 ký tự).",
            )
            return None
        return text.upper()

    def number(self, name: str, what: str, *, whole: bool = False) -> Decimal | None:
        """A number cell, or text written like one (2.054 · 4.670,8 · 4670.8).

        `whole`: the value must be an integer, so a lone mark before three digits is thousands;
        otherwise a lone comma there is the decimal mark and a lone dot is refused as ambiguous.
        """
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, bool | dt.date | dt.datetime | dt.time):
            self.error(name, f"{what} phải là số, ô đang chứa '{value}'.")
            return None
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(repr(value))
        text = str(value).removesuffix("%").strip()
        if not whole and DECIMAL_COMMA.fullmatch(text):
            # Where decimals are allowed, one comma is the Vietnamese decimal mark (742,042).
            return Decimal(text.replace(",", "."))
        number = number_text(text)
        if number is None:
            self.error(name, f"{what} phải là số, ô đang chứa chữ '{value}'.")
        elif not whole and AMBIGUOUS.fullmatch(text):
            # 742.042 is 742042 written the Vietnamese way and 742,042 written the English way;
            # guessing could store a figure a thousand times off, so the user says which.
            digits, decimal = text.replace(".", ""), text.replace(".", ",")
            self.error(
                name,
                f"{what} '{text}' không rõ: nếu là {digits} thì viết {digits}, "
                f"nếu là số thập phân thì viết {decimal}.",
            )
            return None
        return number

    def integer(self, name: str, what: str, *, low: int, high: int) -> int | None:
        """A whole number within [low, high]."""
        number = self.number(name, what, whole=True)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.error(name, f"{what} phải là số nguyên, ô đang chứa {vn.number(number)}.")
            return None
        value = int(number)
        if not low <= value <= high:
            self.error(
                name,
                f"{what} phải từ {low} đến {vn.number(high) if high > 9999 else high}, "
                f"ô đang chứa {value}.",
            )
            return None
        return value

    def year(self, name: str, what: str = "năm", *, required: bool = True) -> int | None:
        """A year within the range the bot knows."""
        if self.raw(name) is None:
            if required:
                self.error(name, f"thiếu {what}.")
            return None
        return self.integer(name, what.capitalize(), low=YEARS[0], high=YEARS[1])

    def date(self, name: str, what: str) -> dt.date | None:
        """A date cell, or text dd/mm/yyyy or yyyy-mm-dd."""
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value)
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S"):
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.error(name, f"{what} '{text}' không phải là ngày (viết dd/mm/yyyy, ví dụ 03/03/2023).")
        return None


def number_text(text: str) -> Decimal | None:
    """Parse a number written by hand or by Excel in any locale; None if it is not one.

    `2.054` and `2,054` are thousands (2054), as are `4.670,8` and `4,670.8` (4670,8); a single
    mark followed by other than three digits is the decimal mark (`105.29`, `1,5`).
    """
    t = text.replace(" ", "").replace("\u00a0", "")
    for pattern, thousands, decimal in NUMBER_FORMS:
        if re.fullmatch(pattern, t):
            cleaned = (t.replace(thousands, "") if thousands else t).replace(decimal, ".")
            try:
                return Decimal(cleaned)
            except InvalidOperation:
                return None
    return None


def _award_line(r: _Reader) -> AwardLine | None:
    year = r.year("year")
    form = r.code("form", "mã hình thức", required=True)
    counts: dict[str, int] = {}
    ad_hoc: dict[str, int] = {}
    for kind in sheets.AWARD_KINDS:
        label = sheets.KIND_HEADERS[kind]
        total = r.integer(kind, f"Số {label.lower()}", low=0, high=MAX_COUNT)
        extra = r.integer(f"{kind}_ad_hoc", f"Số {label.lower()} đột xuất", low=0, high=MAX_COUNT)
        if total:
            counts[kind] = total
        if extra:
            if extra > (total or 0):
                r.error(
                    f"{kind}_ad_hoc",
                    f"số {label.lower()} đột xuất ({extra}) lớn hơn tổng số {label.lower()} "
                    f"({total or 0}).",
                )
            ad_hoc[kind] = extra
    if r.ok and not counts:
        r.error("collective", "dòng không có số lượng nào (tập thể, cá nhân...).")
    key = r.code("key", "mã dòng")
    unit = r.code("unit", "mã đơn vị")
    recipient = r.text("recipient_name", "tên người, tập thể được khen")
    occasion = r.text("occasion", "dịp khen thưởng")
    occasion_date = r.date("occasion_date", "ngày của dịp")
    decision = r.text("decision_number", "số quyết định", limit=60)
    decision_date = r.date("decision_date", "ngày quyết định")
    source = r.text("source", "nguồn", limit=2000)
    if not r.ok or year is None or form is None:
        return None
    if key is None:
        # A line typed in by hand: a key made from what identifies it, so importing the same
        # file twice finds the same line instead of adding it again.
        basis = "|".join(str(v) for v in (year, form, unit, occasion, recipient, decision))
        key = "NH-" + hashlib.sha1(basis.encode()).hexdigest()[:10].upper()
    return AwardLine(
        cells=r.cells(),
        key=key,
        year=year,
        form=form,
        counts=counts,
        ad_hoc=ad_hoc,
        unit=unit,
        recipient_name=recipient,
        occasion=occasion,
        occasion_date=occasion_date,
        decision_number=decision,
        decision_date=decision_date,
        source=source,
        has_source=r.has("source"),
    )


RECORD_KINDS = {"tap the": "collective", "ca nhan": "individual"}


def _record_row(r: _Reader) -> RecordRow | None:
    year = r.year("year")
    form = r.code("form", "mã hình thức", required=True)
    kind_text = r.text("kind", "đối tượng", required=True)
    kind = RECORD_KINDS.get(" ".join(parse.fold(kind_text or "").split()))
    if kind_text and kind is None:
        r.error("kind", f"đối tượng '{kind_text}' phải là 'tập thể' hoặc 'cá nhân'.")
    name = r.text("name", "họ tên, tên tập thể", required=True)
    position = r.text("position", "chức vụ", limit=200)
    unit = r.code("unit", "mã đơn vị", required=True)
    occasion = r.text("occasion", "dịp khen thưởng")
    decision = r.text("decision_number", "số quyết định", limit=60)
    decision_date = r.date("decision_date", "ngày quyết định")
    level = r.text("decision_level", "cấp quyết định", limit=200)
    key = r.code("key", "mã bản ghi")
    if not r.ok or year is None or form is None or kind is None or name is None or unit is None:
        return None
    return RecordRow(
        r.cells(),
        key,
        year,
        form,
        kind,
        name,
        position,
        unit,
        occasion,
        decision,
        decision_date,
        level,
    )


def _dossier_row(r: _Reader) -> DossierRow | None:
    code = r.code("code", "mã hồ sơ")
    year = r.year("year")
    form = r.code("form", "mã hình thức", required=True)
    unit = r.code("unit", "mã đơn vị đề nghị", required=True)
    reason = r.text("reason", "lý do", required=True, limit=2000)
    kind_text = r.text("kind", "đối tượng", required=True)
    kind = RECORD_KINDS.get(" ".join(parse.fold(kind_text or "").split()))
    if kind_text and kind is None:
        r.error("kind", f"đối tượng '{kind_text}' phải là 'tập thể' hoặc 'cá nhân'.")
    name = r.text("name", "họ tên, tên tập thể", required=True)
    position = r.text("position", "chức vụ", limit=200)
    nominee_unit = r.code("nominee_unit", "mã đơn vị của người được đề nghị")
    if not r.ok or None in (year, form, unit, reason, kind, name):
        return None
    assert year and form and unit and reason and kind and name
    return DossierRow(r.cells(), code, year, form, unit, reason, kind, name, position, nominee_unit)


def _task_row(r: _Reader) -> TaskRow | None:
    year = r.year("year")
    code = r.code("code", "mã nhiệm vụ", required=True)
    title = r.text("title", "tên nhiệm vụ", required=True)
    deadline = r.date("deadline", "Hạn")
    unit = r.code("unit", "mã đơn vị")
    percent = r.integer("percent", "Tiến độ", low=0, high=100)
    note = r.text("note", "ghi chú tiến độ", limit=500)
    if percent is not None and unit is None and r.ok:
        r.error("unit", "có tiến độ nhưng thiếu mã đơn vị.")
    if not r.ok or year is None or code is None or title is None:
        return None
    return TaskRow(r.cells(), code, year, title, deadline, unit, percent, note)


def _indicator_row(r: _Reader) -> IndicatorRow | None:
    year = r.year("year")
    code = r.code("code", "mã chỉ tiêu", required=True)
    group = r.text("group", "nhóm", required=True, limit=100)
    name = r.text("name", "tên chỉ tiêu", required=True)
    measure = r.text("measure", "đơn vị tính", limit=50)
    word = r.text("qualifier", "mức")
    qualifier = QUALIFIERS.get(parse.fold(word)) if word else None
    if word and qualifier is None:
        r.error("qualifier", f"mức '{word}' phải để trống hoặc là 'trên', 'dưới', 'khoảng'.")
    plan = r.number("plan", "Kế hoạch")
    actual = r.number("actual", "Thực hiện")
    percent = r.number("percent", "Tỷ lệ so với kế hoạch")
    if percent is not None and percent < 0:
        r.error("percent", "tỷ lệ so với kế hoạch không được âm.")
    if r.ok and actual is None and percent is None:
        r.error("actual", "cần ít nhất một trong hai: Thực hiện hoặc Tỷ lệ so với kế hoạch.")
    unit = r.code("unit", "mã đơn vị")
    note = r.text("note", "ghi chú", limit=2000)
    source = r.text("source", "nguồn", limit=2000)
    if not r.ok or year is None or code is None or group is None or name is None:
        return None
    return IndicatorRow(
        r.cells(),
        year,
        code,
        group,
        name,
        measure,
        qualifier,
        plan,
        actual,
        percent,
        unit,
        note,
        source,
        r.has("source"),
    )


def _day_row(r: _Reader) -> DayRow | None:
    code = r.code("code", "mã", required=True)
    title = r.text("title", "tên ngày kỷ niệm", required=True)
    word = r.text("calendar", "lịch", required=True)
    calendar = CALENDARS.get(parse.fold(word)) if word else None
    if word and calendar is None:
        r.error("calendar", f"lịch '{word}' phải là 'dương lịch' hoặc 'âm lịch'.")
    day = r.integer("day", "Ngày", low=1, high=31)
    month = r.integer("month", "Tháng", low=1, high=12)
    if r.raw("day") is None:
        r.error("day", "thiếu ngày.")
    if r.raw("month") is None:
        r.error("month", "thiếu tháng.")
    if day and month and calendar:
        limit = 30 if calendar == "lunar" else {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}.get(month, 31)
        if day > limit:
            r.error("day", f"ngày {day} không có trong tháng {month}.")
    origin = r.integer("origin_year", "Năm gốc", low=1, high=2200)
    category = r.text("category", "loại", required=True, limit=40)
    # The workbook shows the stored kind in words (quốc gia); an older file has the code.
    category = CATEGORIES.get(parse.fold(category), category) if category else None
    unit = r.code("unit", "mã đơn vị")
    description = r.text("description", "mô tả", limit=5000)
    source = r.text("source", "nguồn", limit=2000)
    if (
        not r.ok
        or code is None
        or title is None
        or calendar is None
        or day is None
        or month is None
        or category is None
    ):
        return None
    return DayRow(
        r.cells(),
        code,
        title,
        calendar,
        day,
        month,
        origin,
        category,
        unit,
        description,
        source,
        r.has("source"),
    )


def _unit_row(r: _Reader) -> UnitRow | None:
    code = r.code("code", "mã đơn vị", required=True)
    name = r.text("name", "tên đơn vị", required=True, limit=200)
    kind_text = r.text("kind", "loại đơn vị", required=True, limit=60)
    kind = unit_kinds.parse(kind_text) if kind_text else None
    if kind_text and kind is None:
        r.error("kind", f"loại '{kind_text}' không có. Các loại: {unit_kinds.offered_text()}.")
    parent = r.code("parent", "mã đơn vị cha")
    retired_on = r.date("retired_on", "ngày ngừng")
    merged_into = r.code("merged_into", "mã đơn vị gộp vào")
    if merged_into and retired_on is None and r.ok:
        r.error("retired_on", "đơn vị gộp vào đơn vị khác cần ngày ngừng.")
    if code and parent == code:
        r.error("parent", f"đơn vị {code} không thể là cha của chính nó.")
    if not r.ok or code is None or name is None or kind is None:
        return None
    return UnitRow(
        r.cells(), code, name, kind, parent, retired_on, merged_into, r.has("retired_on")
    )


def _row_of(cell: str) -> str:
    return re.sub(r"^.*![A-Z]+", "", cell)


def _check_duplicates(parsed: ParsedFile, problems: list[str]) -> None:
    def check(items: Iterable[tuple[object, Mapping[str, str], str, str]]) -> None:
        seen: dict[object, str] = {}
        for key, cells, first_field, what in items:
            where = cells.get(first_field, next(iter(cells.values()), "?"))
            if key in seen:
                problems.append(f"{where}: dòng trùng với dòng {_row_of(seen[key])} ({what}).")
            else:
                seen[key] = where

    check((u.code, u.cells, "code", f"cùng mã đơn vị {u.code}") for u in parsed.units)
    check((a.key, a.cells, "key", f"cùng mã dòng {a.key}") for a in parsed.awards)
    check((k.key, k.cells, "key", f"cùng mã bản ghi {k.key}") for k in parsed.records if k.key)
    check(
        ((t.code, t.unit), t.cells, "code", f"cùng nhiệm vụ {t.code}, đơn vị {t.unit or 'trống'}")
        for t in parsed.tasks
    )
    check(
        ((i.year, i.code), i.cells, "code", f"cùng chỉ tiêu {i.code} năm {i.year}")
        for i in parsed.indicators
    )
    check((d.code, d.cells, "code", f"cùng mã {d.code}") for d in parsed.days)
    # A task listed on several rows (one per unit) must say the same about the task each time.
    first: dict[str, TaskRow] = {}
    for t in parsed.tasks:
        seen_task = first.setdefault(t.code, t)
        for name, what in (("year", "năm"), ("title", "tên nhiệm vụ"), ("deadline", "hạn")):
            if getattr(t, name) != getattr(seen_task, name):
                problems.append(
                    f"{t.cells[name]}: {what} của {t.code} khác với dòng "
                    f"{_row_of(seen_task.cells[name])}."
                )
