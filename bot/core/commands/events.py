"""/sukien: commemorations coming soon or in a year, with anniversary numbers and classes."""

from __future__ import annotations

import datetime as dt

from bot.core import args as parse
from bot.core import vn
from bot.core.calendar import Occurrence, occurrences
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from storage.models import Commemoration
from storage.queries import commemorations

USAGE = "/sukien [số ngày | năm]"
DEFAULT_DAYS = 60
MAX_DAYS = 3660


def occurrence_line(c: Commemoration, occ: Occurrence, today: dt.date) -> str:
    """`Thứ Năm, 25/11/2027 — Ngày thành lập quận Hoàng Mai — còn 364 ngày — kỷ niệm 24 năm`."""
    parts = [vn.date_with_weekday(occ.date)]
    if occ.lunar is not None:
        parts[0] += f" ({occ.lunar})"
    parts.append(c.title)
    parts.append(vn.days_left((occ.date - today).days))
    if occ.anniversary:
        jubilee = f" ({occ.jubilee})" if occ.jubilee else ""
        parts.append(f"kỷ niệm {occ.anniversary} năm{jubilee}")
    return "• " + " — ".join(parts)


async def upcoming_events(ctx: Context) -> Reply:
    """Occurrences in the next N days (default 60) or in a given year."""
    today = ctx.today
    if not ctx.args:
        start, end = today, today + dt.timedelta(days=DEFAULT_DAYS)
        title = f"Sự kiện trong {DEFAULT_DAYS} ngày tới"
    elif parse.is_year(ctx.args[0]):
        year = parse.year(ctx.args[0], usage=USAGE)
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        title = f"Các ngày kỷ niệm năm {year}"
    elif ctx.args[0].isdigit():
        days = int(ctx.args[0])
        if not 1 <= days <= MAX_DAYS:
            raise UserError(f"Số ngày phải từ 1 đến {MAX_DAYS} (nhận được {days}).", usage=USAGE)
        start, end = today, today + dt.timedelta(days=days)
        title = f"Sự kiện trong {days} ngày tới"
    else:
        raise UserError(
            f"'{ctx.args[0]}' không phải số ngày hay năm. Ví dụ: /sukien 90 hoặc /sukien 2025.",
            usage=USAGE,
        )
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
        return Reply(f"Không có ngày kỷ niệm nào từ {vn.date(start)} đến {vn.date(end)}.")
    lines = [occurrence_line(c, occ, today) for occ, c in found]
    jubilees = sum(1 for occ, _ in found if occ.jubilee)
    if jubilees:
        lines.append("")
        lines.append(
            f"{jubilees} ngày kỷ niệm năm tròn hoặc năm lẻ 5: nên chuẩn bị hồ sơ khen thưởng sớm."
        )
    return Reply("\n".join(lines), title=f"{title} (từ {vn.date(start)})")


COMMANDS = [
    Command(
        "sukien",
        ("events",),
        USAGE,
        "Các ngày kỷ niệm sắp tới (mặc định 60 ngày) hoặc của một năm, kèm số năm kỷ niệm.",
        "/sukien 90",
        upcoming_events,
        cacheable=True,
    )
]
