"""Write commands: chat settings, progress updates, new events and awards, deletes, grants."""

from __future__ import annotations

import datetime as dt
import re

from bot.core import args as parse
from bot.core.commands.chat_settings import change as change_chat_setting
from bot.core.commands.chat_settings import settings_lines
from bot.core.commands.common import chat_unit, require_active, unit_arg
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from bot.core.texts import admin as texts
from bot.core.texts.records import record_source
from bot.domain import vn
from bot.domain.awards import shown_key, stored_key
from bot.domain.codes import event_code
from bot.domain.roles import Role
from bot.domain.text import clip
from storage.models import AwardRecord, Commemoration, Task
from storage.queries import awards, chats, closing, commemorations, tasks
from storage.seed import DELETED_AWARD, DELETED_EVENT, DELETED_TASK

SETTINGS_USAGE = texts.SETTINGS_USAGE
UPDATE_USAGE = texts.UPDATE_USAGE
EVENT_USAGE = texts.EVENT_USAGE
DELETE_USAGE = texts.DELETE_USAGE
LUNAR_WORDS = {"al", "am", "amlich", "am lich"}


async def show_settings(ctx: Context) -> Reply:
    """Show this chat's settings, or change one (administrators)."""
    if ctx.args:
        return await change_setting(ctx)
    chat = ctx.chat
    unit = await chat_unit(ctx)
    subs = await chats.subscriptions(ctx.session, chat.id) if chat else []
    lines = [
        *settings_lines(ctx, chat, unit, subs),
        "",
        texts.settings_change(SETTINGS_USAGE),
    ]
    return Reply("\n".join(lines), title=texts.settings_title(vn.here(ctx.msg.chat_type)))


async def change_setting(ctx: Context) -> Reply:
    """`/caidat donvi|gio|baotruoc ...`."""
    key = parse.fold(ctx.args[0])
    if len(ctx.args) < 2:
        raise UserError(texts.missing_value(ctx.args[0]), usage=SETTINGS_USAGE)
    value = ctx.args[1]
    if key in ("donvi", "unit"):
        return await link_unit(ctx, value)
    changed = await change_chat_setting(ctx, key, value)
    if changed is not None:
        return changed
    await ctx.require_chat_settings()
    chat = await ctx.ensure_chat()
    if key in ("gio", "time"):
        # 08:00, 8h, 8g, 8h30 — the ways /nhac reads an hour too.
        match = re.fullmatch(r"(\d{1,2})(?:[:hg](\d{2})?)", parse.fold(value))
        if match and (int(match[1]) > 23 or int(match[2] or 0) > 59):
            raise UserError(texts.no_such_time(clip(value)), usage=texts.TIME_USAGE)
        if not match or (match[2] is None and ":" in value):
            raise UserError(texts.bad_time(clip(value)), usage=texts.TIME_USAGE)
        chat.remind_at = f"{int(match[1]):02d}:{match[2] or '00'}"
        ctx.audit("set", "chat", ctx.msg.chat_id, {"remind_at": chat.remind_at})
        return Reply(texts.remind_at(chat.remind_at, vn.zone(chat.timezone)))
    if key in ("baotruoc", "lead"):
        parts = [p for p in value.split(",") if p]
        if not parts or not all(p.isdecimal() and int(p) <= 366 for p in parts):
            raise UserError(texts.bad_lead(value), usage=SETTINGS_USAGE)
        days = sorted({int(p) for p in parts}, reverse=True)
        chat.lead_days = ",".join(str(d) for d in days)
        ctx.audit("set", "chat", ctx.msg.chat_id, {"lead_days": chat.lead_days})
        return Reply(texts.lead_days(", ".join(str(d) for d in days)))
    raise UserError(texts.unknown_setting(ctx.args[0]), usage=SETTINGS_USAGE)


async def link_unit(ctx: Context, code: str) -> Reply:
    """Link this chat to a unit: its administrators then administer that unit from here."""
    unit = await unit_arg(ctx, code, usage=texts.LINK_USAGE)
    current = await chat_unit(ctx)
    if current is not None and current.id != unit.id:
        # Moving a chat away from a unit takes its reminders and group rights from that unit.
        await ctx.require(Role.UNIT_ADMIN, current)
    await ctx.require(Role.UNIT_ADMIN, unit)
    await require_active(ctx, unit, usage=texts.LINK_USAGE)
    chat = await ctx.ensure_chat()
    chat.unit_id = unit.id
    ctx.audit("set", "chat", ctx.msg.chat_id, {"unit": unit.code}, unit=unit)
    text = texts.linked(vn.here(ctx.msg.chat_type), unit.name, unit.code)
    kinds = {sub.kind for sub in await chats.subscriptions(ctx.session, chat.id)}
    if kinds and "hanchot" not in kinds:
        # /dangky without a unit left deadline reminders off; say how to turn them on.
        text += texts.DEADLINE_HINT
    return Reply(text)


async def update_progress(ctx: Context) -> Reply:
    """Record a task's progress for this chat's unit."""
    if len(ctx.args) < 2:
        raise UserError(texts.MISSING_TASK_OR_PERCENT, usage=UPDATE_USAGE)
    first, second = ctx.args[0], ctx.args[1]
    task = await tasks.task_by_code(ctx.session, first)
    if task is None and _looks_like_percent(first):
        # `/capnhat 40% NV01`: the same two things in the other order mean the same.
        task, first, second = await tasks.task_by_code(ctx.session, second), second, first
    if task is None:
        raise UserError(texts.unknown_task(first), usage=UPDATE_USAGE)
    percent = parse.percent(second, usage=UPDATE_USAGE)
    note = " ".join(ctx.rest.split()[2:]) or None
    if note and len(note) > 500:
        raise UserError(texts.NOTE_TOO_LONG, usage=UPDATE_USAGE)
    unit = await chat_unit(ctx)
    if unit is None:
        raise UserError(texts.NO_UNIT)
    await ctx.require(Role.REPORTER, unit)
    await require_active(ctx, unit, usage=UPDATE_USAGE)
    responsible = await tasks.responsible_unit_ids(ctx.session, task.id)
    if unit.id not in responsible:
        raise UserError(texts.not_responsible(unit.name, task.code))
    # A closed year's figures are what the office reported at closing; they stay as they were.
    if await closing.closed_year(ctx.session, task.year) is not None:
        raise UserError(texts.year_closed(task.year, task.code))
    before = await tasks.current_progress(ctx.session, task.id, unit.id)
    old = before.percent if before else None
    await tasks.set_progress(
        ctx.session,
        task_id=task.id,
        unit_id=unit.id,
        percent=percent,
        note=note,
        updated_by=ctx.actor,
        now=ctx.now,
    )
    ctx.audit(
        "update",
        "progress",
        f"{task.code}/{unit.code}",
        {"from": old, "to": percent, "note": note},
        unit=unit,
    )
    change = texts.progress_change(old, percent)
    return Reply(texts.progress_updated(task.code, unit.name, change, note))


def _looks_like_percent(token: str) -> bool:
    return token.removesuffix("%").isdecimal()


async def add_event(ctx: Context) -> Reply:
    """Add a commemoration: solar with its origin year, or a lunar day."""
    await ctx.require_office()
    if not ctx.args:
        raise UserError(texts.MISSING_EVENT, usage=EVENT_USAGE)
    tokens = ctx.rest.split()
    if len(tokens) >= 3 and parse.fold(tokens[1]) in LUNAR_WORDS:
        day, month = parse.lunar_day_month(tokens[0], usage=EVENT_USAGE)
        calendar = "lunar"
        rest = tokens[2:]
        origin = (
            parse.year(rest.pop(0), usage=EVENT_USAGE) if rest and parse.is_year(rest[0]) else None
        )
    else:
        day, month, origin = parse.solar_date(tokens[0], usage=EVENT_USAGE)
        calendar = "solar"
        rest = tokens[1:]
    title = " ".join(rest).strip()
    if not title:
        raise UserError(texts.MISSING_TITLE, usage=EVENT_USAGE)
    if len(title) > 300:
        raise UserError(texts.TITLE_TOO_LONG, usage=EVENT_USAGE)
    if origin is not None:
        refuse_future_origin(ctx, calendar, day, month, origin, title)
    existing = await commemorations.same_commemoration_code(
        ctx.session, day=day, month=month, calendar=calendar, title=title
    )
    if existing:
        raise UserError(texts.event_exists(existing))
    taken = {c.upper() for c in await commemorations.commemoration_codes(ctx.session)}
    code = event_code(title, taken.__contains__)
    unit = await chat_unit(ctx)
    ctx.session.add(
        Commemoration(
            code=code,
            title=title,
            calendar=calendar,
            day=day,
            month=month,
            origin_year=origin,
            category="dia_phuong",
            unit_id=unit.id if unit else None,
            source=record_source(ctx.actor),
        )
    )
    await ctx.session.flush()
    ctx.audit(
        "create",
        "commemoration",
        code,
        {"title": title, "day": day, "month": month, "calendar": calendar, "origin_year": origin},
    )
    return Reply(texts.event_added(title, day, month, calendar == "lunar", origin, code))


# The keys are also the audit entities the seed loader reads to keep deleted records deleted.
DELETABLE = {
    DELETED_EVENT: texts.EVENT_WORD,
    DELETED_AWARD: texts.AWARD_WORD,
    DELETED_TASK: texts.TASK_WORD,
}


def refuse_future_origin(
    ctx: Context, calendar: str, day: int, month: int, origin: int, title: str
) -> None:
    """A date still ahead is a one-off deadline, not the origin of a yearly commemoration."""
    ahead = origin > ctx.today.year
    if calendar == "solar" and origin == ctx.today.year:
        ahead = dt.date(origin, month, day) > ctx.today
    if ahead:
        raise UserError(texts.future_origin(day, month, origin, title), usage=EVENT_USAGE)


async def _where_codes_are(ctx: Context, kind: str) -> str:
    """Where a user finds the codes /xoa takes: no read command shows event or award codes."""
    if kind == DELETED_TASK:
        return texts.TASK_CODES
    if kind == DELETED_AWARD:
        return texts.AWARD_KEYS
    codes = await commemorations.commemoration_codes(ctx.session)
    listed = ", ".join(codes[:40]) + (" …" if len(codes) > 40 else "")
    return texts.event_codes(listed) if codes else texts.NO_EVENTS


async def delete_item(ctx: Context) -> Reply:
    """Delete a commemoration, award record or task, after a confirmation."""
    if len(ctx.args) < 2 or parse.fold(ctx.args[0]) not in DELETABLE:
        raise UserError(texts.WHAT_TO_DELETE, usage=DELETE_USAGE)
    kind, code = parse.fold(ctx.args[0]), ctx.args[1]
    if kind != DELETED_AWARD:
        # Commemorations and tasks are the office's; an award belongs to its unit (below).
        await ctx.require_office()
    confirmed = len(ctx.args) > 2 and parse.fold(ctx.args[2]) in ("xacnhan", "confirm")
    target: Commemoration | AwardRecord | Task | None
    if kind == DELETED_EVENT:
        target = await commemorations.commemoration_by_code(ctx.session, code)
        label = texts.event_label(target.title) if target else ""
    elif kind == DELETED_AWARD:
        target = await awards.record_by_key(ctx.session, stored_key(code))
        label = texts.award_label(shown_key(target.key) if target else code)
    else:
        target = await tasks.task_by_code(ctx.session, code)
        label = texts.task_label(target.code, target.title) if target else ""
    if target is None:
        where = await _where_codes_are(ctx, kind)
        raise UserError(texts.nothing_to_delete(DELETABLE[kind], code, where), usage=DELETE_USAGE)
    unit = None
    if isinstance(target, AwardRecord):
        tree = await ctx.unit_tree()
        unit = tree.units.get(target.unit_id) if target.unit_id is not None else None
        await ctx.require(Role.UNIT_ADMIN, unit)
    if not confirmed:
        typed = shown_key(target.key) if isinstance(target, AwardRecord) else code
        command = f"/xoa {kind} {typed} xacnhan"
        owner = ctx.msg.user_id
        return Reply(
            texts.confirm_delete(label, command),
            buttons=[
                [
                    Button(texts.DELETE, command, owner=owner),
                    Button(texts.CANCEL, "/huy", owner=owner),
                ]
            ],
        )
    if isinstance(target, AwardRecord):
        await awards.delete_record(ctx.session, target)
    elif isinstance(target, Commemoration):
        await commemorations.delete_commemoration(ctx.session, target)
    else:
        # A task's progress and links go with it (cascade).
        await tasks.delete_task(ctx.session, target)
    # The seed loader matches the stored key, so a deleted seed record stays deleted.
    stored = target.key if isinstance(target, AwardRecord) else code
    ctx.audit("delete", kind, stored.upper(), {"label": label}, unit=unit)
    return Reply(texts.deleted(label))


async def cancel(ctx: Context) -> Reply:
    """Cancel a pending confirmation (nothing was changed)."""
    del ctx
    return Reply(texts.CANCELLED)


COMMANDS = [
    Command(
        "caidat",
        ("settings",),
        SETTINGS_USAGE,
        texts.SETTINGS_SUMMARY,
        "/caidat donvi P-DAIKIM",
        show_settings,
        writes=True,
        who=texts.SETTINGS_WHO,
    ),
    Command(
        "capnhat",
        ("update",),
        UPDATE_USAGE,
        texts.UPDATE_SUMMARY,
        texts.UPDATE_EXAMPLE,
        update_progress,
        writes=True,
        who=texts.UPDATE_WHO,
    ),
    Command(
        "themsukien",
        ("addevent",),
        EVENT_USAGE,
        texts.EVENT_SUMMARY,
        texts.EVENT_EXAMPLE,
        add_event,
        writes=True,
        who=texts.EVENT_WHO,
    ),
    Command(
        "xoa",
        ("delete",),
        DELETE_USAGE,
        texts.DELETE_SUMMARY,
        "/xoa nhiemvu NV2023-06",
        delete_item,
        writes=True,
        who=texts.DELETE_WHO,
    ),
    Command("huy", ("cancel",), "/huy", texts.CANCEL_SUMMARY, "/huy", cancel, menu=False),
]
