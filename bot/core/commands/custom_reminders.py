"""`/nhac`: reminders people set themselves — set, list, cancel, move, and the buttons under them.

Who may (checked here, before any write): in a private chat, its user. In a group, setting one
needs a reporter or administrator of the group's unit (an office administrator for a group linked
to no unit); cancelling or moving one, its author or an administrator of the group's unit; the
buttons under a sent one, its author, the people it mentions, or a reporter of the group's unit.
"""

from __future__ import annotations

import datetime as dt

from bot.core.commands.common import chat_unit
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import custom_reminders as texts
from bot.core.texts.custom_reminders import CANCEL_USAGE, MOVE_USAGE, SNOOZE_USAGE, USAGE
from bot.domain.recurrence import Recurrence
from bot.domain.roles import Role
from bot.domain.when import EXAMPLES, ParsedWhen, WhenError, moment_text, parse_when, when_text
from bot.domain.when import recurrence_text as rule_text
from storage.models import Reminder
from storage.queries import reminders as queries

TEXT_LIMIT = 1000
LIST_LIMIT = 30


def _when(ctx: Context, text: str) -> ParsedWhen:
    """The time at the start of `text`, read in the chat's zone; refused with examples."""
    chat = ctx.chat
    hour, minute = (int(p) for p in (chat.remind_at if chat else "08:00").split(":"))
    try:
        return parse_when(text, now=ctx.now, tz=ctx.tz, default_time=dt.time(hour, minute))
    except WhenError as exc:
        raise UserError(exc.message) from exc


def _code(token: str, usage: str) -> int:
    cleaned = token.lstrip("#")
    if not cleaned.isdecimal():
        raise UserError(texts.not_a_number(token), usage=usage)
    return int(cleaned)


async def _require_set(ctx: Context) -> None:
    if ctx.msg.chat_type == "private":
        ctx.checked = ("private_chat", None)
        return
    unit = await chat_unit(ctx)
    await ctx.require(Role.REPORTER if unit else Role.OFFICE_ADMIN, unit)


async def _require_change(ctx: Context, row: Reminder) -> None:
    if ctx.msg.chat_type == "private":
        ctx.checked = ("private_chat", None)
    elif row.author_id == ctx.msg.user_id:
        ctx.checked = ("author", None)
    else:
        await ctx.require_chat_settings()


async def _row(ctx: Context, token: str, usage: str) -> Reminder:
    code = _code(token, usage)
    row = await queries.by_code(ctx.session, ctx.chat.id, code) if ctx.chat else None
    if row is None or not row.active:
        raise UserError(texts.not_waiting(code))
    return row


def _rule(row: Reminder) -> Recurrence | None:
    return None if row.rule is None else Recurrence.from_string(row.rule)


async def remind(ctx: Context) -> Reply:
    """`/nhac <khi> <nội dung>` sets a reminder; `/nhac` alone lists this chat's."""
    if not ctx.rest:
        return await list_reminders(ctx)
    parsed = _when(ctx, ctx.rest)
    content = parsed.rest.strip()
    if not content:
        raise UserError(texts.MISSING_TEXT, usage=texts.with_example(USAGE, EXAMPLES[0]))
    if len(content) > TEXT_LIMIT:
        raise UserError(texts.too_long(TEXT_LIMIT), usage=USAGE)
    await _require_set(ctx)
    chat = await ctx.ensure_chat()
    if await queries.count_active(ctx.session, chat.id) >= queries.MAX_ACTIVE_PER_CHAT:
        raise UserError(texts.too_many(queries.MAX_ACTIVE_PER_CHAT))
    row = Reminder(
        chat_id=chat.id,
        code=await queries.next_code(ctx.session, chat.id),
        thread_id=ctx.msg.thread_id,
        author_id=ctx.msg.user_id,
        author_name=ctx.msg.user_name,
        text=content,
        rule=parsed.recurrence.to_string() if parsed.recurrence else None,
        workdays=parsed.workdays,
        mentions=[[m.user_id, m.name or ""] for m in ctx.msg.mentions],
        next_at=parsed.first,
        active=True,
        created_at=ctx.now,
    )
    ctx.session.add(row)
    await ctx.session.flush()
    ctx.audit("create", "reminder", str(row.code), {"text": content[:200], "rule": row.rule})
    lines = [texts.set_line(when_text(parsed), content)]
    if row.mentions:
        lines.append(texts.mentions([m.name or m.user_id for m in ctx.msg.mentions]))
    if row.thread_id is not None:
        lines.append(texts.in_topic(row.thread_id))
    lines.append(texts.set_footer(row.code))
    return Reply("\n".join(lines))


async def list_reminders(ctx: Context) -> Reply:
    """This chat's waiting reminders: number, next time, recurrence, text."""
    rows = await queries.active_in_chat(ctx.session, ctx.chat.id) if ctx.chat else []
    title = texts.LIST_TITLE
    if not rows:
        return Reply(texts.none_set(EXAMPLES[:3]), title=title)
    lines = []
    for row in rows[:LIST_LIMIT]:
        rule = _rule(row)
        at = row.next_at.astimezone(ctx.tz) if row.next_at else None
        when = moment_text(at) if at else texts.SENDING
        repeat = rule_text(rule) if rule else None
        first_line = row.text.splitlines()[0][:80]
        lines.append(texts.list_line(row.code, when, repeat, row.thread_id, first_line))
    if len(rows) > LIST_LIMIT:
        lines.append(texts.more(len(rows) - LIST_LIMIT))
    lines.append(texts.LIST_FOOTER)
    return Reply("\n".join(lines), title=title)


async def cancel(ctx: Context) -> Reply:
    """`/huynhac <số>`: stop a reminder."""
    if len(ctx.args) != 1:
        raise UserError(texts.NEED_ONE_NUMBER, usage=CANCEL_USAGE)
    row = await _row(ctx, ctx.args[0], CANCEL_USAGE)
    await _require_change(ctx, row)
    row.active = False
    ctx.audit("cancel", "reminder", str(row.code), {"text": row.text[:200]})
    return Reply(texts.cancelled(row.code, row.text.splitlines()[0][:120]))


async def move(ctx: Context) -> Reply:
    """`/suanhac <số> <khi>`: a new time (and recurrence) for a reminder, its text kept."""
    if len(ctx.args) < 2:
        raise UserError(texts.NEED_NUMBER_AND_TIME, usage=MOVE_USAGE)
    row = await _row(ctx, ctx.args[0], MOVE_USAGE)
    parsed = _when(ctx, ctx.rest.split(maxsplit=1)[1])
    if parsed.rest.strip():
        raise UserError(
            texts.unreadable_rest(parsed.rest.strip()[:60]),
            usage=texts.with_example(MOVE_USAGE, texts.move_example(row.code)),
        )
    await _require_change(ctx, row)
    row.rule = parsed.recurrence.to_string() if parsed.recurrence else None
    row.workdays = parsed.workdays
    row.next_at = parsed.first
    ctx.audit("move", "reminder", str(row.code), {"rule": row.rule, "at": parsed.first.isoformat()})
    return Reply(texts.moved(row.code, when_text(parsed), row.text.splitlines()[0]))


def snooze_moment(ctx: Context, how: str) -> dt.datetime:
    """`1h` → an hour from now; `sangmai` → tomorrow at the chat's reminder hour."""
    if how == "1h":
        return ctx.now.replace(second=0, microsecond=0) + dt.timedelta(hours=1)
    if how == "sangmai":
        hour, minute = (int(p) for p in (ctx.chat.remind_at if ctx.chat else "08:00").split(":"))
        tomorrow = ctx.today + dt.timedelta(days=1)
        return dt.datetime.combine(tomorrow, dt.time(hour, minute), ctx.tz)
    raise UserError(texts.no_snooze(how), usage=SNOOZE_USAGE)


COMMANDS = [
    Command(
        "nhac",
        ("remind",),
        USAGE,
        texts.REMIND_HELP,
        EXAMPLES[0],
        remind,
        writes=True,
        who=texts.REMIND_WHO,
    ),
    Command(
        "huynhac",
        ("cancelreminder",),
        CANCEL_USAGE,
        texts.CANCEL_HELP,
        "/huynhac 3",
        cancel,
        writes=True,
        who=texts.CHANGE_WHO,
        max_args=1,
    ),
    Command(
        "suanhac",
        ("movereminder",),
        MOVE_USAGE,
        texts.MOVE_HELP,
        texts.MOVE_EXAMPLE,
        move,
        writes=True,
        who=texts.CHANGE_WHO,
    ),
]
