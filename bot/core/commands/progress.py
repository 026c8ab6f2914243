"""/tiendo: a unit's progress summary: tasks done, in progress, overdue, next deadlines."""

from __future__ import annotations

import datetime as dt

from bot.core.commands.awards import group_totals_text
from bot.core.commands.common import known_unit
from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import progress as texts
from bot.domain import vn
from bot.domain.years import open_task_year
from storage.models import Unit
from storage.queries import acks, awards, closing, indicators, tasks
from storage.queries.tasks import TaskState

USAGE = texts.USAGE
# Tasks listed under each heading; the counts line covers all of them.
SHOWN = 5


async def progress_summary(ctx: Context) -> Reply:
    """Tasks by state for the named unit, the chat's unit, or the whole office."""
    # The named unit, the chat's, or the office, and its subtree, from the process's unit tree.
    tree = await ctx.unit_tree()
    unit: Unit | None
    if ctx.args:
        unit = known_unit(tree.by_code(ctx.args[0]), ctx.args[0], usage=USAGE)
    elif ctx.chat is not None and ctx.chat.unit_id in tree.units:
        unit = tree.units[ctx.chat.unit_id]
    else:
        unit = tree.root()
    if unit is None:
        return Reply(texts.NO_UNITS)
    # None when the unit covers the whole office: every query then reads unfiltered totals.
    scope = tree.scope(unit.id)
    lines = await task_summary(ctx, scope)
    card = await indicators.latest_scorecard(ctx.session, unit.id)
    if card:
        lines.append(texts.indicators(card.year, card.targets_met, card.targets_total))
    else:
        lines.append(texts.NO_INDICATORS)
    lines.append(await award_line(ctx, unit, scope))
    names = {unit_id: u.name for unit_id, u in tree.units.items()}
    lines.extend(await acknowledgement_lines(ctx, scope, names))
    if ctx.chat is None or ctx.chat.unit_id is None:
        lines.append("")
        lines.append(texts.LINK_CHAT)
    return Reply("\n".join(lines), title=texts.title(unit.name))


async def task_summary(ctx: Context, scope: set[int] | None) -> list[str]:
    """This year's tasks by state, else the newest open year's; closed years never count."""
    year = ctx.today.year
    chosen = open_task_year(
        await tasks.task_years(ctx.session),
        await closing.closed_years(ctx.session),
        current=year,
    )
    if chosen is None:
        return [texts.no_tasks_this_year(year)]
    states = await tasks.year_states(ctx.session, chosen.year, unit_ids=scope)
    lines = [chosen.note] if chosen.note else []
    if not states:
        return [*lines, texts.no_tasks_for_unit(chosen.year)]
    found = lines + task_lines(chosen.year, states, ctx.today)
    units, never = await tasks.never_reported(ctx.session, chosen.year, unit_ids=scope)
    if units:
        found.insert(len(lines) + 1, texts.reporting_units(units, never))
    return found


async def award_line(ctx: Context, unit: Unit, scope: set[int] | None) -> str:
    """The unit's awards of the latest year, or those named for it in the report, or none."""
    award_totals = await awards.latest_group_totals(ctx.session, unit_ids=scope)
    if award_totals is not None:
        year, groups = award_totals
        details = f"/khenthuong {year} {unit.code}"
        return texts.awards(year, group_totals_text(groups), details)
    # Awards named for one unit in a report or at a ceremony are kept apart from the totals.
    years = await awards.award_years(ctx.session)
    named = await awards.occasion_awards(ctx.session, years[0], unit_ids=scope) if years else []
    if named:
        forms = ", ".join(sorted({item.form_name for item in named}))
        return texts.awards(years[0], forms, f"/khenthuong {years[0]} {unit.code}")
    return texts.NO_AWARDS


def task_lines(year: int, rows: list[TaskState], today: dt.date) -> list[str]:
    """The year's tasks counted by state, then the first overdue and the next due."""
    done = 0
    overdue: list[tuple[dt.date, TaskState]] = []
    open_rows: list[TaskState] = []
    for row in rows:
        if row.percent >= 100:
            done += 1
        elif row.deadline is not None and row.deadline < today:
            overdue.append((row.deadline, row))
        else:
            open_rows.append(row)
    started = sum(1 for row in open_rows if row.percent > 0)
    idle = len(open_rows) - started
    lines = [texts.task_counts(year, len(rows), done, started, idle, len(overdue))]
    if overdue:
        lines.append(texts.OVERDUE)
        for deadline, row in sorted(overdue, key=_by_deadline)[:SHOWN]:
            percent = vn.percent(row.percent, decimals=0)
            shown = vn.deadline(deadline, assumed=row.assumed)
            lines.append(texts.overdue_task(row.code, shown, percent))
        lines.extend(_more_line(len(overdue), year))
    upcoming = [(row.deadline, row) for row in open_rows if row.deadline is not None]
    if upcoming:
        lines.append(texts.UPCOMING)
        for deadline, row in sorted(upcoming, key=_by_deadline)[:SHOWN]:
            left = vn.days_left((deadline - today).days)
            percent = vn.percent(row.percent, decimals=0)
            shown = vn.deadline(deadline, assumed=row.assumed)
            lines.append(texts.upcoming_task(row.code, shown, left, percent))
        lines.extend(_more_line(len(upcoming), year))
    return lines


def _more_line(total: int, year: int) -> list[str]:
    """Say how many were left out of a list cut at SHOWN, so the counts above add up."""
    if total <= SHOWN:
        return []
    return [vn.left_out(total - SHOWN, texts.TASKS, f"/nhiemvu {year}")]


def _by_deadline(pair: tuple[dt.date, TaskState]) -> tuple[dt.date, str]:
    return pair[0], pair[1].code


async def acknowledgement_lines(
    ctx: Context, scope: set[int] | None, names: dict[int, str]
) -> list[str]:
    """Which units acknowledged the latest reminders sent to chats in the scope."""
    summaries = await acks.latest_acknowledgements(ctx.session, scope, names=names)
    if not summaries:
        return []
    lines = [texts.ACKNOWLEDGEMENTS]
    for s in summaries:
        sent = vn.date(s.sent_at.astimezone(ctx.tz).date())
        lines.append(texts.acknowledgement(s.title, sent, s.acknowledged, s.waiting))
    return lines


COMMANDS = [
    Command(
        "tiendo",
        ("progress",),
        USAGE,
        texts.SUMMARY,
        "/tiendo P-DAIKIM",
        progress_summary,
        cacheable=True,
        max_args=1,
    )
]
