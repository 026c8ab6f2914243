"""/nhiemvu: the year's emulation tasks with deadline and overall progress, a page at a time."""

from __future__ import annotations

import math

from bot.core import args as parse
from bot.core import vn
from bot.core.commands.common import pick_year
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from bot.domain.years import no_data
from storage.queries import closing, tasks

USAGE = "/nhiemvu [năm] [trang]"


async def task_list(ctx: Context) -> Reply:
    """One page of the year's tasks with code, deadline and average progress."""
    years = await tasks.task_years(ctx.session)
    # Besides the year, only a page number (checked below).
    chosen = pick_year(
        ctx.args,
        years,
        usage=USAGE,
        what="nhiệm vụ thi đua",
        current=ctx.today.year,
        other=lambda a: True,
    )
    year = chosen.year
    pages = [a for a in ctx.args if not parse.is_year(a)]
    page = parse.page(pages[0], usage=USAGE) if pages else 1
    size = ctx.config.page_size
    total, rows = await tasks.task_page(ctx.session, year, offset=(page - 1) * size, limit=size)
    if total == 0:
        raise no_data("nhiệm vụ thi đua", year, years)
    last = math.ceil(total / size)
    if page > last:
        raise UserError(f"Năm {year} chỉ có {last} trang nhiệm vụ.", usage=USAGE)
    closed = await closing.closed_year(ctx.session, year)
    lines = [chosen.note, ""] if chosen.note and page == 1 else []
    if closed is not None:
        when = vn.date(closed.closed_at.astimezone(ctx.tz).date())
        lines += [f"Năm {year} đã khóa ngày {when}: không còn nhắc quá hạn.", ""]
    for row in rows:
        t = row.task
        deadline = vn.deadline(t.deadline, assumed=t.deadline_assumed)
        unfinished = t.deadline is not None and t.deadline < ctx.today and row.percent < 100
        flag = ""
        if unfinished:
            flag = " — chưa hoàn thành khi khóa năm" if closed else " — QUÁ HẠN"
        lines.append(f"• {t.code} — {t.title}")
        lines.append(
            f"  Hạn: {deadline} · Tiến độ chung: {vn.percent(row.percent, decimals=0)} "
            f"({row.units} đơn vị thực hiện){flag}"
        )
    lines.append("")
    lines.append("Cập nhật tiến độ của đơn vị: /capnhat <mã nhiệm vụ> <0–100>% [ghi chú]")
    nav = []
    if page > 1:
        nav.append(Button("« Trang trước", f"/nhiemvu {year} {page - 1}"))
    if page < last:
        nav.append(Button("Trang sau »", f"/nhiemvu {year} {page + 1}"))
    title = f"Nhiệm vụ thi đua năm {year} ({total} nhiệm vụ)"
    if last > 1:
        title += f" — trang {page}/{last}"
    return Reply("\n".join(lines), title=title, buttons=[nav] if nav else [])


COMMANDS = [
    Command(
        "nhiemvu",
        ("tasks",),
        USAGE,
        "Các nhiệm vụ thi đua của năm: mã, hạn và tiến độ chung.",
        "/nhiemvu 2023",
        task_list,
        cacheable=True,
        max_args=2,
    )
]
