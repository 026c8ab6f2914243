"""Rows of the other sheets read from an upload: tasks, indicators, days and units."""

from __future__ import annotations

from bot.core import args as parse
from bot.domain import unit_kinds
from bot.reports import sheets
from bot.reports.import_cells import Reader
from bot.reports.import_rows import DayRow, IndicatorRow, TaskRow, UnitRow

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
QUALIFIERS = {"tren": "over", "duoi": "under", "khoang": "about"} | {
    q: q for q in ("over", "under", "about")
}


def task_row(r: Reader) -> TaskRow | None:
    """A task row (one responsible unit and its progress, optionally), or None."""
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


def indicator_row(r: Reader) -> IndicatorRow | None:
    """An indicator row (plan, actual, unit of measure), or None."""
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


def day_row(r: Reader) -> DayRow | None:
    """A commemoration day row (solar or lunar date, origin year), or None."""
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


def unit_row(r: Reader) -> UnitRow | None:
    """A unit row (its kind, parent, retirement or merger), or None."""
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
