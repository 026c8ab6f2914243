"""/sukien: commemorations coming soon or in a year, with anniversary numbers and classes."""

from __future__ import annotations

import datetime as dt
import math

from bot.core import args as parse
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from bot.core.texts import events as texts
from bot.domain import vn
from bot.domain.calendar import Occurrence, occurrences
from storage.models import Commemoration
from storage.queries import commemorations

USAGE = texts.USAGE
DEFAULT_DAYS = 60
MAX_DAYS = 3660
PAGE_SIZE = 20
"""Occurrences per page: one line each, so twice a page of /nhiemvu's two-line items."""


def occurrence_line(c: Commemoration, occ: Occurrence, today: dt.date) -> str:
    """`Thứ Năm, 25/11/2027 — Ngày thành lập quận Hoàng Mai — còn 364 ngày — kỷ niệm 24 năm`."""
    parts = [vn.date_with_weekday(occ.date)]
    if occ.lunar is not None:
        parts[0] += f" ({occ.lunar})"
    parts.append(c.title)
    parts.append(vn.days_left((occ.date - today).days))
    if occ.anniversary:
        parts.append(texts.anniversary(occ.anniversary, occ.jubilee))
    return "• " + " — ".join(parts)


async def upcoming_events(ctx: Context) -> Reply:
    """Occurrences in the next N days (default 60) or in a given year, a page at a time."""
    today = ctx.today
    year: int | None = None
    window = ctx.args[0] if ctx.args else str(DEFAULT_DAYS)
    low, high = parse.YEAR_RANGE
    # Four digits in the years the bot knows are a year; any other number is days (up to 3660).
    if parse.is_year(window) and low <= int(window) <= high:
        year = int(window)
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        title = texts.year_title(year)
    elif window.isdecimal():
        days = int(window)
        if not 1 <= days <= MAX_DAYS:
            raise UserError(texts.bad_days(MAX_DAYS, days), usage=USAGE)
        start, end = today, today + dt.timedelta(days=days)
        title = texts.days_title(vn.number(days))
    else:
        raise UserError(texts.bad_window(window), usage=USAGE)
    page = page_arg(ctx.args[1:])
    found: list[tuple[Occurrence, Commemoration]] = []
    for c in await commemorations.all_commemorations(ctx.session):
        for occ in occurrences(
            calendar=c.calendar,
            day=c.day,
            month=c.month,
            origin_year=c.origin_year,
            start=start,
            end=end,
        ):
            found.append((occ, c))
    found.sort(key=lambda pair: (pair[0].date, pair[1].title))
    if not found:
        return Reply(texts.none_between(vn.date(start), vn.date(end)))
    last = math.ceil(len(found) / PAGE_SIZE)
    if page > last:
        raise UserError(texts.too_few_pages(last), usage=USAGE)
    shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    lines = [occurrence_line(c, occ, today) for occ, c in shown]
    jubilees = sum(1 for occ, _ in found if occ.jubilee)
    if jubilees:
        lines.append("")
        lines.append(texts.jubilees(jubilees))
    title = texts.since(title, vn.date(start))
    if last > 1:
        title = texts.page(title, page, last)
    return Reply("\n".join(lines), title=title, buttons=buttons(window, page, last, year))


def page_arg(rest: list[str]) -> int:
    """The page number after the window, 1 when absent."""
    if not rest:
        return 1
    return parse.page(rest[0], usage=USAGE)


def buttons(window: str, page: int, last: int, year: int | None) -> list[list[Button]]:
    """Pages of this window; for a year, also the years before and after."""
    rows: list[list[Button]] = []
    pages = []
    if page > 1:
        pages.append(Button(texts.PREVIOUS, f"/sukien {window} {page - 1}"))
    if page < last:
        pages.append(Button(texts.NEXT, f"/sukien {window} {page + 1}"))
    if pages:
        rows.append(pages)
    if year is not None:
        low, high = parse.YEAR_RANGE
        years = [Button(f"« {year - 1}", f"/sukien {year - 1}")] if year > low else []
        if year < high:
            years.append(Button(f"{year + 1} »", f"/sukien {year + 1}"))
        rows.append(years)
    return rows


COMMANDS = [
    Command(
        "sukien",
        ("events",),
        USAGE,
        texts.SUMMARY,
        "/sukien 90",
        upcoming_events,
        cacheable=True,
        max_args=2,
    )
]
