"""/themnhiemvu and /suanhiemvu: the office types this year's tasks into the chat."""

from __future__ import annotations

import datetime as dt
import re

from bot.core import args as parse
from bot.core.commands.common import require_active
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import plan as texts
from bot.domain import vn
from bot.domain.codes import next_task_code
from storage.models import Task, Unit
from storage.queries import closing, tasks
from storage.queries.units import UnitTree

ADD_USAGE = texts.ADD_USAGE
EDIT_USAGE = texts.EDIT_USAGE
TITLE_LIMIT = 300
UNIT_CODE = re.compile(r"[+-]?[A-Z0-9][A-Z0-9._-]*")
"""A unit code as typed after a title: upper case, so a title's last word is never taken."""
LIKE_UNIT_CODE = re.compile(r"[A-Z]+-[A-Z0-9-]+")
"""Upper-case words joined by a hyphen (`P-DAIKM`): a unit code, never a word of a title."""
SHOWN_UNITS = 8


def full_date(token: str, *, usage: str) -> dt.date:
    """A dd/mm/yyyy date; the year is required (it decides the task's year)."""
    day, month, year = parse.solar_date(token, usage=usage)
    if year is None:
        raise UserError(texts.year_needed(token), usage=usage)
    return dt.date(year, month, day)


def default_units(tree: UnitTree) -> set[int]:
    """No codes given: the office's top unit and every unit directly below it."""
    root = tree.root()
    if root is None:
        return set()
    below = {u.id for u in tree.units.values() if u.parent_id == root.id and u.retired_on is None}
    return {root.id} | below


def units_text(tree: UnitTree, unit_ids: set[int]) -> str:
    """`Phường Đại Kim (P-DAIKIM), …` cut after a few, with the count."""
    names = sorted(f"{tree.units[u].name} ({tree.units[u].code})" for u in unit_ids)
    if not names:
        return texts.NO_UNITS
    shown = ", ".join(names[:SHOWN_UNITS])
    more = len(names) - SHOWN_UNITS if len(names) > SHOWN_UNITS else None
    return texts.units_listed(shown, more, len(names))


def known_units(tree: UnitTree, codes: list[str], *, usage: str) -> list[Unit]:
    """The units named by `codes`, or a message naming the unknown code."""
    found = []
    for code in codes:
        unit = tree.by_code(code)
        if unit is None:
            raise UserError(texts.unknown_unit(code), usage=usage)
        found.append(unit)
    return found


async def refuse_closed(ctx: Context, year: int, *, usage: str) -> None:
    """A closed year takes no new or changed tasks until it is reopened."""
    if await closing.closed_year(ctx.session, year) is not None:
        raise UserError(texts.year_closed(year), usage=usage)


async def add_task(ctx: Context) -> Reply:
    """Add a task with its deadline and responsible units; its code is the year's next."""
    await ctx.require_office()
    tokens = ctx.rest.split()
    if len(tokens) < 2:
        raise UserError(texts.MISSING_ADD, usage=ADD_USAGE)
    deadline = full_date(tokens[0], usage=ADD_USAGE)
    words = tokens[1:]
    tree = await ctx.unit_tree()
    codes: list[str] = []
    while len(words) > 1 and UNIT_CODE.fullmatch(words[-1]) and tree.by_code(words[-1]):
        codes.insert(0, words.pop())
    if LIKE_UNIT_CODE.fullmatch(words[-1]) and len(words) > 1:
        # A mistyped code would otherwise end the title and leave the task to the default units.
        raise UserError(texts.unknown_unit(words[-1]), usage=ADD_USAGE)
    title = " ".join(words)
    if len(title) > TITLE_LIMIT:
        raise UserError(texts.title_too_long(TITLE_LIMIT), usage=ADD_USAGE)
    year = deadline.year
    await refuse_closed(ctx, year, usage=ADD_USAGE)
    named = known_units(tree, codes, usage=ADD_USAGE)
    for unit in named:
        await require_active(ctx, unit, usage=ADD_USAGE)
    unit_ids = {u.id for u in named} or default_units(tree)
    code = next_task_code(year, await tasks.year_codes(ctx.session, year))
    task = Task(
        year=year, code=code, title=title, deadline=deadline, source=texts.added_by(ctx.actor)
    )
    ctx.session.add(task)
    await ctx.session.flush()
    await tasks.set_responsible(ctx.session, task.id, unit_ids)
    ctx.audit(
        "create",
        "task",
        code,
        {
            "title": title,
            "deadline": deadline.isoformat(),
            "units": sorted(tree.units[u].code for u in unit_ids),
        },
    )
    return Reply(
        texts.added(
            code,
            title,
            vn.date_with_weekday(deadline),
            units_text(tree, unit_ids),
            past=deadline < ctx.today,
        )
    )


async def edit_task(ctx: Context) -> Reply:
    """Change a task's deadline, title or responsible units."""
    await ctx.require_office()
    if len(ctx.args) < 3:
        raise UserError(texts.MISSING_EDIT, usage=EDIT_USAGE)
    task = await tasks.task_by_code(ctx.session, ctx.args[0])
    if task is None:
        raise UserError(texts.unknown_task(ctx.args[0]), usage=EDIT_USAGE)
    await refuse_closed(ctx, task.year, usage=EDIT_USAGE)
    what = parse.fold(ctx.args[1])
    values = ctx.rest.split()[2:]
    if what in ("han", "deadline"):
        if len(values) != 1:
            raise UserError(texts.ONE_DEADLINE, usage=EDIT_USAGE)
        deadline = full_date(values[0], usage=EDIT_USAGE)
        before = vn.deadline(task.deadline, assumed=task.deadline_assumed)
        change = {"from": task.deadline.isoformat() if task.deadline else None}
        # A deadline the office types is a fact, no longer the seed's assumption.
        task.deadline, task.deadline_assumed = deadline, False
        ctx.audit("update", "task", task.code, {"deadline": {**change, "to": deadline.isoformat()}})
        return Reply(texts.deadline_changed(task.code, before, vn.date_with_weekday(deadline)))
    if what in ("ten", "title"):
        title = " ".join(values)
        if len(title) > TITLE_LIMIT:
            raise UserError(texts.title_too_long(TITLE_LIMIT), usage=EDIT_USAGE)
        ctx.audit("update", "task", task.code, {"title": {"from": task.title, "to": title}})
        task.title = title
        return Reply(texts.title_changed(task.code, title))
    if what in ("donvi", "units"):
        return await edit_units(ctx, task, values)
    raise UserError(texts.cannot_edit(ctx.args[1]), usage=EDIT_USAGE)


async def edit_units(ctx: Context, task: Task, values: list[str]) -> Reply:
    """Codes alone replace the list; `+CODE` adds one and `-CODE` removes one."""
    tree = await ctx.unit_tree()
    have = await tasks.responsible_unit_ids(ctx.session, task.id)
    signed = [v for v in values if v[0] in "+-"]
    if signed and len(signed) != len(values):
        raise UserError(texts.MIXED_UNITS, usage=EDIT_USAGE)
    units = known_units(tree, [v.lstrip("+-") for v in values], usage=EDIT_USAGE)
    for value, unit in zip(values, units, strict=True):
        if not value.startswith("-") and unit.id not in have:
            await require_active(ctx, unit, usage=EDIT_USAGE)
    if signed:
        wanted = set(have)
        for value, unit in zip(values, units, strict=True):
            if value[0] == "+":
                wanted.add(unit.id)
            else:
                wanted.discard(unit.id)
    else:
        wanted = {u.id for u in units}
    if not wanted:
        raise UserError(texts.unit_needed(task.code), usage=EDIT_USAGE)
    await tasks.set_responsible(ctx.session, task.id, wanted)
    codes = {u: tree.units[u].code for u in have | wanted if u in tree.units}
    ctx.audit(
        "update",
        "task",
        task.code,
        {
            "units": {
                "added": sorted(codes[u] for u in wanted - have),
                "removed": sorted(codes[u] for u in have - wanted),
            }
        },
    )
    return Reply(texts.units_changed(task.code, units_text(tree, wanted)))


COMMANDS = [
    Command(
        "themnhiemvu",
        ("addtask",),
        ADD_USAGE,
        texts.ADD_SUMMARY,
        texts.ADD_EXAMPLE,
        add_task,
        writes=True,
        who=texts.WHO,
    ),
    Command(
        "suanhiemvu",
        ("edittask",),
        EDIT_USAGE,
        texts.EDIT_SUMMARY,
        "/suanhiemvu NV2026-01 han 20/12/2026",
        edit_task,
        writes=True,
        who=texts.WHO,
    ),
]
