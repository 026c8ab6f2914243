"""One task unit by unit (/nhiemvu <mã>), and nudging the units that never reported on it."""

from __future__ import annotations

from bot.core import args as parse
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from bot.core.texts import tasks as texts
from bot.domain import vn
from storage.models import Task, TaskProgress, Unit
from storage.queries import closing, tasks
from storage.queries import requests as nudges

NUDGE_USAGE = texts.NUDGE_USAGE


async def _task(ctx: Context, code: str, usage: str) -> Task:
    task = await tasks.task_by_code(ctx.session, code)
    if task is None:
        raise UserError(texts.unknown_task(code), usage=usage)
    return task


def _names(units: list[Unit]) -> str:
    """Unit names in Vietnamese order (diacritics folded, so Đ sorts with D), comma-separated."""
    return ", ".join(sorted((u.name for u in units), key=parse.fold))


def _who(updated_by: str) -> str:
    """`telegram:9001 (Nguyễn Văn A)` → `Nguyễn Văn A`."""
    if updated_by.endswith(")") and " (" in updated_by:
        return updated_by[updated_by.index(" (") + 2 : -1]
    return updated_by


async def task_units(ctx: Context, code: str, usage: str) -> Reply:
    """Each responsible unit's progress and last update, then the units that never reported."""
    task = await _task(ctx, code, usage)
    tree = await ctx.unit_tree()
    rows = await tasks.unit_reports(ctx.session, task.id)
    reported: list[tuple[Unit, TaskProgress]] = []
    never: list[Unit] = []
    for unit_id, progress in rows:
        unit = tree.units.get(unit_id)
        if unit is None:
            continue
        if progress is None:
            never.append(unit)
        else:
            reported.append((unit, progress))
    average = sum(p.percent for _, p in reported) / len(rows) if rows else 0.0
    closed = await closing.closed_year(ctx.session, task.year)
    lines = []
    if task.deadline is not None:
        left = (task.deadline - ctx.today).days
        when = (
            texts.overdue_days(vn.number(-left))
            if left < 0 and average < 100 and closed is None
            else vn.days_left(left)
        )
        assumed = vn.ASSUMED if task.deadline_assumed else None
        lines.append(texts.deadline(vn.date_with_weekday(task.deadline), when, assumed=assumed))
    percent = vn.percent(average, decimals=0)
    lines.append(texts.overall(percent, len(rows), len(reported), len(never)))
    if reported:
        lines.append(texts.REPORTED)
        for unit, p in sorted(reported, key=lambda pair: (-pair[1].percent, pair[0].name)):
            when = vn.datetime(p.updated_at.astimezone(ctx.tz))
            lines.append(texts.unit_report(unit.name, p.percent, _who(p.updated_by), when, p.note))
    buttons: list[list[Button]] = []
    if closed is not None:
        if never:
            lines.append(texts.never_reported(len(never)))
            lines.append(_names(never) + ".")
        # A closed year's figures stay as reported at closing: no nudge, no update offered.
        when = vn.date(closed.closed_at.astimezone(ctx.tz).date())
        lines.append(texts.closed_detail(task.year, when))
        title = texts.task_title(task.code, task.title)
        return Reply("\n".join(lines), title=title)
    if never:
        lines.append(texts.never_reported(len(never)))
        lines.append(_names(never) + ".")
        lines.append(texts.office_nudges(task.code))
        # A cached reply may not depend on who reads it: the button shows in the office's
        # chats (and unlinked ones), and pressing it checks the role.
        linked = ctx.chat.unit_id if ctx.chat else None
        root = tree.root()
        if linked is None or (root is not None and linked == root.id):
            buttons = [[Button(texts.NUDGE_BUTTON, f"/nhacbaocao {task.code}")]]
    lines.append(texts.how_to_update(task.code))
    title = texts.task_title(task.code, task.title)
    return Reply("\n".join(lines), title=title, buttons=buttons)


async def nudge(ctx: Context) -> Reply:
    """One nudge to the chats of each unit that never reported on a task (once a day)."""
    if len(ctx.args) != 1:
        raise UserError(texts.CODE_NEEDED, usage=NUDGE_USAGE)
    task = await _task(ctx, ctx.args[0], NUDGE_USAGE)
    await ctx.require_office()
    if await closing.closed_year(ctx.session, task.year) is not None:
        raise UserError(texts.nudge_closed(task.year, task.code))
    tree = await ctx.unit_tree()
    rows = await tasks.unit_reports(ctx.session, task.id)
    never = [tree.units[u] for u, p in rows if p is None and u in tree.units]
    if not never:
        return Reply(texts.nobody_to_nudge(task.code))
    linked = await nudges.chats_of_units(ctx.session, [u.id for u in never])
    if not any(u.id in linked for u in never):
        names = _names(never)
        return Reply(texts.nobody_reachable(task.code, names))
    last = await nudges.last_task_nudge(ctx.session, task.id)
    if last is not None and last.astimezone(ctx.tz).date() == ctx.today:
        when = vn.moment(last.astimezone(ctx.tz))
        return Reply(texts.nudged_today(task.code, when), notice=texts.nudged_at(when))
    await nudges.add_task_nudges(
        ctx.session, task_id=task.id, unit_ids=[u.id for u in never], by=ctx.actor, now=ctx.now
    )
    ctx.audit("nudge", "task", task.code, {"units": sorted(u.code for u in never)})
    without = [u for u in never if u.id not in linked]
    names = _names(never)
    text = texts.nudged(len(never), task.code, names, _names(without) if without else None)
    return Reply(text, notice=texts.nudged_notice(len(never)))


COMMANDS = [
    Command(
        "nhacbaocao",
        ("nudge",),
        NUDGE_USAGE,
        texts.NUDGE_SUMMARY,
        "/nhacbaocao NV2023-01",
        nudge,
        writes=True,
        who=texts.NUDGE_WHO,
        max_args=1,
    ),
]
