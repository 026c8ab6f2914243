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
from storage.queries import acks, awards, indicators, task_overview
from storage.queries.task_overview import YearOverview

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
    years, closed = await task_overview.task_years_and_closed(ctx.session)
    chosen = open_task_year(years, closed, current=year)
    if chosen is None:
        return [texts.no_tasks_this_year(year)]
    overview = await task_overview.year_overview(
        ctx.session, chosen.year, today=ctx.today, unit_ids=scope, shown=SHOWN
    )
    lines = [chosen.note] if chosen.note else []
    if not overview.total:
        return [*lines, texts.no_tasks_for_unit(chosen.year)]
    found = lines + task_lines(chosen.year, overview, ctx.today)
    if overview.units:
        found.insert(len(lines) + 1, texts.reporting_units(overview.units, overview.never))
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


def task_lines(year: int, overview: YearOverview, today: dt.date) -> list[str]:
    """The year's tasks counted by state, then the first overdue and the next due."""
    o = overview
    lines = [texts.task_counts(year, o.total, o.done, o.started, o.idle, o.overdue)]
    if o.first_overdue:
        lines.append(texts.OVERDUE)
        for row in o.first_overdue:
            assert row.deadline is not None  # only tasks with a deadline are overdue
            percent = vn.percent(row.percent, decimals=0)
            shown = vn.deadline(row.deadline, assumed=row.assumed)
            lines.append(texts.overdue_task(row.code, shown, percent))
        lines.extend(_more_line(o.overdue, year))
    if o.next_due:
        lines.append(texts.UPCOMING)
        for row in o.next_due:
            assert row.deadline is not None  # only tasks with a deadline are upcoming
            left = vn.days_left((row.deadline - today).days)
            percent = vn.percent(row.percent, decimals=0)
            shown = vn.deadline(row.deadline, assumed=row.assumed)
            lines.append(texts.upcoming_task(row.code, shown, left, percent))
        lines.extend(_more_line(o.upcoming, year))
    return lines


def _more_line(total: int, year: int) -> list[str]:
    """Say how many were left out of a list cut at SHOWN, so the counts above add up."""
    if total <= SHOWN:
        return []
    return [vn.left_out(total - SHOWN, texts.TASKS, f"/nhiemvu {year}")]


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
