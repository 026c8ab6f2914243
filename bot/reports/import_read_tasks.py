"""Rows of the other sheets read from an upload: tasks, indicators, days and units."""

from __future__ import annotations

from bot.core import args as parse
from bot.domain import unit_kinds
from bot.reports import sheets
from bot.reports.import_cells import Reader
from bot.reports.import_rows import DayRow, IndicatorRow, TaskRow, UnitRow
from bot.reports.texts import import_fields as texts

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
    what = texts.TASK
    year = r.year("year")
    code = r.code("code", what["code"], required=True)
    title = r.text("title", what["title"], required=True)
    deadline = r.date("deadline", what["deadline"])
    unit = r.code("unit", what["unit"])
    percent = r.integer("percent", what["percent"], low=0, high=100)
    note = r.text("note", what["note"], limit=500)
    if percent is not None and unit is None and r.ok:
        r.error("unit", texts.PROGRESS_WITHOUT_UNIT)
    if not r.ok or year is None or code is None or title is None:
        return None
    return TaskRow(r.cells(), code, year, title, deadline, unit, percent, note)


def indicator_row(r: Reader) -> IndicatorRow | None:
    """An indicator row (plan, actual, unit of measure), or None."""
    what = texts.INDICATOR
    year = r.year("year")
    code = r.code("code", what["code"], required=True)
    group = r.text("group", what["group"], required=True, limit=100)
    name = r.text("name", what["name"], required=True)
    measure = r.text("measure", what["measure"], limit=50)
    word = r.text("qualifier", what["qualifier"])
    qualifier = QUALIFIERS.get(parse.fold(word)) if word else None
    if word and qualifier is None:
        r.error("qualifier", texts.bad_qualifier(word))
    plan = r.number("plan", what["plan"])
    actual = r.number("actual", what["actual"])
    percent = r.number("percent", what["percent"])
    if percent is not None and percent < 0:
        r.error("percent", texts.NEGATIVE_PERCENT)
    if r.ok and actual is None and percent is None:
        r.error("actual", texts.NO_RESULT)
    unit = r.code("unit", what["unit"])
    note = r.text("note", what["note"], limit=2000)
    source = r.text("source", what["source"], limit=2000)
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
    what = texts.DAY
    code = r.code("code", what["code"], required=True)
    title = r.text("title", what["title"], required=True)
    word = r.text("calendar", what["calendar"], required=True)
    calendar = CALENDARS.get(parse.fold(word)) if word else None
    if word and calendar is None:
        r.error("calendar", texts.bad_calendar(word))
    day = r.integer("day", what["day"], low=1, high=31)
    month = r.integer("month", what["month"], low=1, high=12)
    if r.raw("day") is None:
        r.error("day", texts.NO_DAY)
    if r.raw("month") is None:
        r.error("month", texts.NO_MONTH)
    if day and month and calendar:
        limit = 30 if calendar == "lunar" else {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}.get(month, 31)
        if day > limit:
            r.error("day", texts.no_such_day(day, month))
    origin = r.integer("origin_year", what["origin_year"], low=1, high=2200)
    category = r.text("category", what["category"], required=True, limit=40)
    # The workbook shows the stored kind in words (quốc gia); an older file has the code.
    category = CATEGORIES.get(parse.fold(category), category) if category else None
    unit = r.code("unit", what["unit"])
    description = r.text("description", what["description"], limit=5000)
    source = r.text("source", what["source"], limit=2000)
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
    what = texts.UNIT
    code = r.code("code", what["code"], required=True)
    name = r.text("name", what["name"], required=True, limit=200)
    kind_text = r.text("kind", what["kind"], required=True, limit=60)
    kind = unit_kinds.parse(kind_text) if kind_text else None
    if kind_text and kind is None:
        r.error("kind", texts.bad_unit_kind(kind_text, unit_kinds.offered_text()))
    parent = r.code("parent", what["parent"])
    retired_on = r.date("retired_on", what["retired_on"])
    merged_into = r.code("merged_into", what["merged_into"])
    if merged_into and retired_on is None and r.ok:
        r.error("retired_on", texts.MERGED_WITHOUT_DATE)
    if code and parent == code:
        r.error("parent", texts.own_parent(code))
    if not r.ok or code is None or name is None or kind is None:
        return None
    return UnitRow(
        r.cells(), code, name, kind, parent, retired_on, merged_into, r.has("retired_on")
    )
