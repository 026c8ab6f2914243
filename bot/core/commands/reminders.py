"""Reminder commands: subscribe, unsubscribe, what is coming, and acknowledging a reminder."""

from __future__ import annotations

import datetime as dt

from bot.core import args as parse
from bot.core.commands.common import chat_unit
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import reminders as texts
from bot.core.texts.reminders import ACK_USAGE, NEED_UNIT, SUBSCRIBE_USAGE, UNSUBSCRIBE_USAGE
from bot.domain import reminder_plan, vn
from bot.domain.recurrence import Recurrence
from bot.domain.reminder_chats import ChatPlan
from bot.domain.reminder_plan import plan_chat
from bot.domain.reminder_texts import KIND_LABELS, KINDS
from bot.domain.roles import Role
from jobs.planner import load_snapshot
from storage.models import Subscription
from storage.queries import acks, chats
from storage.queries import reminders as reminder_queries

UPCOMING_DAYS = 30
UPCOMING_LIMIT = 40
KIND_WORDS = {
    "sukien": "sukien",
    "events": "sukien",
    "hanchot": "hanchot",
    "deadlines": "hanchot",
    "tuan": "tuan",
    "weekly": "tuan",
}


def _kinds(ctx: Context, usage: str) -> list[str]:
    """Kinds named in the arguments, or every kind."""
    if not ctx.args:
        return list(KINDS)
    found: list[str] = []
    for token in ctx.args:
        kind = KIND_WORDS.get(parse.fold(token))
        if kind is None:
            raise UserError(texts.no_kind(token), usage=usage)
        if kind not in found:
            found.append(kind)
    return found


def _labels(kinds: list[str]) -> str:
    return ", ".join(f"{KIND_LABELS[k]} ({k})" for k in kinds)


async def subscribe(ctx: Context) -> Reply:
    """Subscribe this chat to reminder kinds (all when none is named)."""
    kinds = _kinds(ctx, SUBSCRIBE_USAGE)
    await ctx.require_chat_settings()
    chat = await ctx.ensure_chat()
    notes: list[str] = []
    if "hanchot" in kinds and chat.unit_id is None:
        if ctx.args:
            raise UserError(NEED_UNIT)
        kinds.remove("hanchot")
        notes.append(NEED_UNIT)
    rows = await chats.subscriptions_by_kind(ctx.session, chat.id)
    added: list[str] = []
    for kind in kinds:
        row = rows.get(kind)
        if row is None:
            # created_at marks when the subscription became active: nothing older is caught up.
            ctx.session.add(
                Subscription(
                    chat_id=chat.id,
                    kind=kind,
                    active=True,
                    created_at=ctx.now,
                    thread_id=ctx.msg.thread_id,
                )
            )
            added.append(kind)
        elif not row.active:
            row.active = True
            row.created_at = ctx.now
            row.thread_id = ctx.msg.thread_id
            added.append(kind)
        elif row.thread_id != ctx.msg.thread_id:
            # Subscribing again from another topic moves the reminders there.
            row.thread_id = ctx.msg.thread_id
            added.append(kind)
    if not chat.active:
        chat.active = True
    await ctx.session.flush()
    if added:
        ctx.audit("subscribe", "chat", ctx.msg.chat_id, {"kinds": added})
    here = vn.here(ctx.msg.chat_type).capitalize()
    leads = chat.lead_days.replace(",", ", ")
    lines = [
        texts.subscribed(_labels(added))
        if added
        else texts.already(here, _labels(kinds))
        if kinds
        else texts.NOTHING_ADDED,
        texts.schedule(chat.remind_at, vn.zone(chat.timezone), leads, chat.jubilee_lead_days),
        texts.UPCOMING_HINT,
        *notes,
    ]
    if ctx.msg.thread_id is not None:
        lines.insert(1, texts.to_topic(ctx.msg.thread_id))
    return Reply("\n".join(lines))


async def unsubscribe(ctx: Context) -> Reply:
    """Stop reminder kinds for this chat (all when none is named)."""
    kinds = _kinds(ctx, UNSUBSCRIBE_USAGE)
    await ctx.require_chat_settings()
    if ctx.chat is None:
        return Reply(texts.NOT_SUBSCRIBED)
    stopped = await chats.subscriptions(ctx.session, ctx.chat.id, kinds=kinds)
    if not stopped:
        return Reply(texts.NOT_THAT_KIND)
    for row in stopped:
        row.active = False
    names = sorted(s.kind for s in stopped)
    ctx.audit("unsubscribe", "chat", ctx.msg.chat_id, {"kinds": names})
    return Reply(texts.unsubscribed(_labels(names)))


async def upcoming(ctx: Context) -> Reply:
    """What this chat will receive in the next 30 days, /nhac reminders included."""
    chat = ctx.chat
    subs = []
    if chat is not None and chat.active:
        subs = await chats.subscriptions(ctx.session, chat.id)
    end = ctx.now + dt.timedelta(days=UPCOMING_DAYS)
    custom = await _custom_upcoming(ctx, end)
    if chat is None or (not subs and not custom):
        return Reply(texts.NOTHING_UPCOMING)
    plan = ChatPlan.from_chat(chat, {s.kind: ctx.now for s in subs})
    found = [
        (r.due_at, r.summary)
        for r in plan_chat(plan, await load_snapshot(ctx.session), start=ctx.now, end=end)
    ]
    found = sorted(found + custom, key=lambda pair: pair[0])
    kinds = [KIND_LABELS[k] for k in sorted(plan.subscribed_since)]
    if custom:
        kinds.append(texts.CUSTOM_KIND)
    title = texts.upcoming_title(UPCOMING_DAYS, kinds)
    if not found:
        return Reply(texts.nothing_in(UPCOMING_DAYS), title=title)
    lines = [
        f"• {vn.datetime(due.astimezone(plan.tz))} — {summary}"
        for due, summary in found[:UPCOMING_LIMIT]
    ]
    if len(found) > UPCOMING_LIMIT:
        lines.append(vn.left_out(len(found) - UPCOMING_LIMIT, texts.UPCOMING_NOUN))
    return Reply("\n".join(lines), title=title)


async def _custom_upcoming(ctx: Context, end: dt.datetime) -> list[tuple[dt.datetime, str]]:
    """The chat's /nhac reminders due before `end`, as (moment, line)."""
    if ctx.chat is None or not ctx.chat.active:
        return []
    found = []
    for row in await reminder_queries.active_in_chat(ctx.session, ctx.chat.id):
        rule = None if row.rule is None else Recurrence.from_string(row.rule)
        for at in reminder_plan.upcoming(rule, row.next_at, ctx.now, end):
            found.append((at, texts.custom_line(row.code, row.text.splitlines()[0][:80])))
    return found


async def acknowledge(ctx: Context) -> Reply:
    """Record that this user (for the chat's unit) received a reminder."""
    if len(ctx.args) != 1 or not ctx.args[0].isdecimal():
        raise UserError(texts.NEED_NUMBER, usage=ACK_USAGE)
    delivery_id = int(ctx.args[0])
    delivery = None
    if ctx.chat is not None:
        delivery = await chats.delivery_in_chat(ctx.session, delivery_id, ctx.chat.id)
    if delivery is None:
        raise UserError(texts.no_delivery(delivery_id))
    unit = await chat_unit(ctx)
    if ctx.msg.chat_type == "private":
        ctx.checked = ("private_chat", None)
    else:
        # An acknowledgement speaks for the chat's unit: its reporters and administrators.
        await ctx.require(Role.REPORTER if unit else Role.OFFICE_ADMIN, unit)
    row, new = await acks.acknowledge(
        ctx.session,
        delivery_id=delivery.id,
        user_id=ctx.msg.user_id,
        user_name=ctx.msg.user_name,
        unit_id=unit.id if unit else None,
        now=ctx.now,
    )
    who = ctx.msg.user_name or ctx.msg.user_id
    what = (delivery.text or "").split("\n", 1)[0]
    if not new:
        when = vn.datetime(row.acked_at.astimezone(ctx.tz))
        notice = texts.acked_before(when)
        return Reply(notice, notice=notice)
    ctx.audit(
        "acknowledge",
        "delivery",
        str(delivery.id),
        {"unit": unit.code if unit else None},
        unit=unit,
    )
    notice = texts.acked(who, unit.name if unit else None)
    return Reply(f"{notice}\n{what}" if what else notice, notice=notice)


COMMANDS = [
    Command(
        "dangky",
        ("subscribe",),
        SUBSCRIBE_USAGE,
        texts.SUBSCRIBE_HELP,
        "/dangky sukien tuan",
        subscribe,
        writes=True,
        who=texts.SETTINGS_WHO,
    ),
    Command(
        "huydangky",
        ("unsubscribe",),
        UNSUBSCRIBE_USAGE,
        texts.UNSUBSCRIBE_HELP,
        "/huydangky tuan",
        unsubscribe,
        writes=True,
        who=texts.SETTINGS_WHO,
    ),
    Command(
        "nhacviec",
        ("reminders",),
        "/nhacviec",
        texts.UPCOMING_HELP,
        "/nhacviec",
        upcoming,
        max_args=0,
    ),
    Command(
        "danhan",
        ("ack",),
        ACK_USAGE,
        texts.ACK_HELP,
        "/danhan 12",
        acknowledge,
        menu=False,
        writes=True,
        who=texts.ACK_WHO,
    ),
]
