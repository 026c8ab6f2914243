"""/khoanam: close a year once its review is done, so last year's tasks stop haunting this one."""

from __future__ import annotations

from bot.core import args as parse
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import yearend as texts
from bot.domain import vn
from storage.models import ClosedYear
from storage.queries import closing, tasks
from storage.queries.tasks import TaskState

USAGE = texts.USAGE
SHOWN = 20


def closing_summary(year: int, states: list[TaskState]) -> str:
    """What the year left unfinished, told once: after closing, no reminder repeats it."""
    unfinished = sorted((s for s in states if s.percent < 100), key=lambda s: s.code)
    done = len(states) - len(unfinished)
    lines = [texts.counts(year, len(states), done, len(unfinished))]
    if unfinished:
        lines.append(texts.UNFINISHED)
        for s in unfinished[:SHOWN]:
            when = (
                texts.deadline(vn.deadline(s.deadline, assumed=s.assumed))
                if s.deadline
                else texts.NO_DEADLINE
            )
            lines.append(texts.unfinished_task(s.code, when, vn.percent(s.percent, decimals=0)))
        if len(unfinished) > SHOWN:
            lines.append(vn.left_out(len(unfinished) - SHOWN, texts.TASKS, f"/nhiemvu {year}"))
    return "\n".join(lines)


async def close_year(ctx: Context) -> Reply:
    """Close a year (office), reopen it with `mo`, or list the closed years."""
    if not ctx.args:
        return await list_closed(ctx)
    if parse.fold(ctx.args[0]) in ("mo", "open"):
        if len(ctx.args) != 2:
            raise UserError(texts.WHICH_YEAR, usage=USAGE)
        return await reopen(ctx, parse.year(ctx.args[1], usage=USAGE))
    if len(ctx.args) != 1:
        raise UserError(texts.not_understood(" ".join(ctx.args[1:])), usage=USAGE)
    year = parse.year(ctx.args[0], usage=USAGE)
    done = await closing.closed_year(ctx.session, year)
    if done is not None:
        # Anyone may read a closing summary again; only closing and reopening are the office's.
        return Reply(f"{closed_on(ctx, done)}\n\n{done.summary}\n\n{texts.after_closing(year)}")
    await ctx.require_office()
    if year > ctx.today.year:
        raise UserError(texts.not_yet(year), usage=USAGE)
    states = await tasks.year_states(ctx.session, year)
    if not states:
        raise UserError(texts.no_tasks(year))
    summary = closing_summary(year, states)
    await closing.close_year(ctx.session, year, by=ctx.actor, at=ctx.now, summary=summary)
    unfinished = [s.code for s in states if s.percent < 100]
    ctx.audit("close", "year", str(year), {"unfinished": unfinished})
    return Reply(f"{summary}\n\n{texts.after_closing(year)}", title=texts.closed_title(year))


def closed_on(ctx: Context, row: ClosedYear) -> str:
    """`Năm 2023 đã khóa ngày 28/11/2026.`"""
    return texts.closed_on(row.year, vn.date(row.closed_at.astimezone(ctx.tz).date()))


async def reopen(ctx: Context, year: int) -> Reply:
    """Reopen a closed year: its unfinished tasks are overdue again everywhere."""
    await ctx.require_office()
    row = await closing.closed_year(ctx.session, year)
    if row is None:
        raise UserError(texts.not_closed(year), usage=USAGE)
    await closing.reopen_year(ctx.session, row)
    ctx.audit("reopen", "year", str(year), {})
    return Reply(texts.reopened(year))


async def list_closed(ctx: Context) -> Reply:
    """The closed years and how to close one."""
    years = await closing.closed_years(ctx.session)
    listed = ", ".join(str(y) for y in years) if years else texts.NO_YEARS
    return Reply(texts.closed_years(listed))


COMMANDS = [
    Command(
        "khoanam",
        ("closeyear",),
        USAGE,
        texts.SUMMARY,
        "/khoanam 2023",
        close_year,
        writes=True,
        who=texts.WHO,
    ),
]
