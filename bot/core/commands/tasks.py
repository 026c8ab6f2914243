"""/nhiemvu: the year's emulation tasks with deadline and overall progress, a page at a time."""

from __future__ import annotations

import math

from bot.core import args as parse
from bot.core.commands.common import pick_year
from bot.core.commands.task_units import task_units
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from bot.core.texts import tasks as texts
from bot.domain import vn
from bot.domain.texts.years import TASKS
from bot.domain.years import no_data
from storage.queries import closing, tasks

USAGE = texts.USAGE


async def task_list(ctx: Context) -> Reply:
    """One page of the year's tasks with code, deadline and average progress."""
    if len(ctx.args) == 1 and not ctx.args[0].isdecimal():
        return await task_units(ctx, ctx.args[0], USAGE)
    years = await tasks.task_years(ctx.session)
    # Besides the year, only a page number (checked below).
    chosen = pick_year(
        ctx.args,
        years,
        usage=USAGE,
        what=TASKS,
        current=ctx.today.year,
        other=lambda a: True,
    )
    year = chosen.year
    pages = [a for a in ctx.args if not parse.is_year(a)]
    page = parse.page(pages[0], usage=USAGE) if pages else 1
    size = ctx.config.page_size
    total, rows = await tasks.task_page(ctx.session, year, offset=(page - 1) * size, limit=size)
    if total == 0:
        raise no_data(TASKS, year, years)
    last = math.ceil(total / size)
    if page > last:
        raise UserError(texts.last_page(year, last), usage=USAGE)
    closed = await closing.closed_year(ctx.session, year)
    lines = [chosen.note, ""] if chosen.note and page == 1 else []
    if closed is not None:
        when = vn.date(closed.closed_at.astimezone(ctx.tz).date())
        lines += [texts.year_closed(year, when), ""]
    for row in rows:
        t = row.task
        deadline = vn.deadline(t.deadline, assumed=t.deadline_assumed)
        unfinished = t.deadline is not None and t.deadline < ctx.today and row.percent < 100
        flag = ""
        if unfinished:
            flag = texts.UNFINISHED_AT_CLOSING if closed else texts.OVERDUE
        lines.append(texts.task_line(t.code, t.title))
        percent = vn.percent(row.percent, decimals=0)
        lines.append(texts.task_state(deadline, percent, row.units, flag))
    lines.append("")
    lines.append(texts.HOW_TO_UPDATE)
    nav = []
    if page > 1:
        nav.append(Button(texts.PREVIOUS_PAGE, f"/nhiemvu {year} {page - 1}"))
    if page < last:
        nav.append(Button(texts.NEXT_PAGE, f"/nhiemvu {year} {page + 1}"))
    title = texts.list_title(year, total, page, last)
    return Reply("\n".join(lines), title=title, buttons=[nav] if nav else [])


COMMANDS = [
    Command(
        "nhiemvu",
        ("tasks",),
        USAGE,
        texts.SUMMARY,
        "/nhiemvu 2023",
        task_list,
        cacheable=True,
        max_args=2,
    )
]
