"""`/caidat` lines and the settings of reminders' time: the chat's time zone, the jubilee lead."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.texts import chat_settings as texts
from bot.core.texts.chat_settings import JUBILEE_USAGE, ZONE_USAGE
from bot.domain import reminder_plan, vn
from bot.domain.recurrence import Recurrence, RuleError
from bot.domain.reminder_texts import KIND_LABELS
from storage.models import Chat, Subscription, Unit
from storage.queries import chats
from storage.queries import reminders as reminder_queries


def topic_text(thread_id: str | None) -> str:
    """Where in a forum group something goes."""
    return texts.topic(thread_id)


def settings_lines(
    ctx: Context, chat: Chat | None, unit: Unit | None, subs: list[Subscription]
) -> list[str]:
    """This chat's settings, one per line."""
    jubilee = chat.jubilee_lead_days if chat else chats.JUBILEE_LEAD_DAYS
    kinds = []
    for sub in subs:
        where = f" ({topic_text(sub.thread_id)})" if sub.thread_id else ""
        kinds.append(f"{KIND_LABELS.get(sub.kind, sub.kind)}{where}")
    return [
        texts.unit_line(f"{unit.name} ({unit.code})" if unit else texts.NOT_LINKED),
        texts.zone_line(vn.zone(ctx.tz.key, at=ctx.now)),
        texts.remind_at_line(chat.remind_at if chat else "08:00"),
        texts.lead_days_line(chat.lead_days if chat else "30,7,1,0"),
        texts.jubilee_line(jubilee),
        texts.subscriptions_line(", ".join(kinds) if kinds else texts.NOT_SUBSCRIBED),
    ]


async def change(ctx: Context, key: str, value: str) -> Reply | None:
    """`/caidat muigio|namtron <giá trị>`; None for a key this module does not own."""
    if key in ("muigio", "timezone", "tz"):
        zone = _zone(value)
        await ctx.require_chat_settings()
        chat = await ctx.ensure_chat()
        moved = await _rezone(ctx, chat, zone)
        chat.timezone = zone.key
        ctx.audit("set", "chat", ctx.msg.chat_id, {"timezone": zone.key, "reminders": moved})
        here = vn.here(ctx.msg.chat_type)
        return Reply(texts.zone_set(here, vn.zone(zone.key, at=ctx.now), chat.remind_at, moved))
    if key in ("namtron", "jubilee"):
        if not value.isdecimal() or not 0 <= int(value) <= 366:
            raise UserError(texts.bad_jubilee_days(value), usage=JUBILEE_USAGE)
        await ctx.require_chat_settings()
        chat = await ctx.ensure_chat()
        chat.jubilee_lead_days = int(value)
        ctx.audit("set", "chat", ctx.msg.chat_id, {"jubilee_lead_days": chat.jubilee_lead_days})
        if chat.jubilee_lead_days == 0:
            return Reply(texts.JUBILEE_OFF)
        return Reply(texts.jubilee_set(chat.jubilee_lead_days))
    return None


def _zone(value: str) -> ZoneInfo:
    # zoneinfo also opens relative paths and odd spellings; only the IANA names are settings,
    # matched without regard to case (people type "asia/ho_chi_minh" on a phone).
    names = {name.lower(): name for name in available_timezones() if name != "Factory"}
    value = names.get(value.lower(), value)
    if value not in names.values():
        raise UserError(texts.unknown_zone(value), usage=ZONE_USAGE)
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UserError(texts.zone_not_found(value), usage=ZONE_USAGE) from exc


async def _rezone(ctx: Context, chat: Chat, zone: ZoneInfo) -> int:
    """Keep the wall-clock time of the chat's reminders in the new zone; returns how many."""
    if chat.id is None or chat.timezone == zone.key:
        return 0
    moved = 0
    for row in await reminder_queries.active_in_chat(ctx.session, chat.id):
        if row.next_at is None:
            continue
        if row.rule is None:
            local = row.next_at.astimezone(ZoneInfo(chat.timezone))
            row.next_at = local.replace(tzinfo=zone)
        else:
            try:
                rule, first = reminder_plan.rezoned(Recurrence.from_string(row.rule), zone, ctx.now)
            except (RuleError, ValueError):
                continue
            row.rule, row.next_at = rule.to_string(), first
        moved += 1
    return moved
