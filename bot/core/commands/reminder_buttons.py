"""The buttons under a sent `/nhac` reminder: « Nhắc lại sau 1 giờ », « Sáng mai », « Xong ».

On Zalo and the console they are typed: `/hoannhac <số> 1h|sangmai`, `/xongnhac <số>`.
Who may press them is checked here: in a private chat its user; in a group the reminder's
author, the people it mentions, or a reporter or administrator of the group's unit.
"""

from __future__ import annotations

from bot.core.commands.common import chat_unit
from bot.core.commands.custom_reminders import snooze_moment
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import custom_reminders as texts
from bot.core.texts.custom_reminders import DONE_USAGE, SNOOZE_USAGE
from bot.domain import vn
from bot.domain.reminder_plan import KIND
from bot.domain.roles import Role
from bot.domain.when import moment_text
from storage.models import Delivery, Reminder
from storage.queries import acks, chats
from storage.queries import reminders as queries


async def _sent(ctx: Context, token: str, usage: str) -> tuple[Delivery, Reminder]:
    """The sent custom reminder numbered `token` in this chat, and its reminder row."""
    if not token.isdecimal():
        raise UserError(texts.not_a_delivery(token), usage=usage)
    delivery = None
    if ctx.chat is not None:
        delivery = await chats.delivery_in_chat(ctx.session, int(token), ctx.chat.id)
    row = None
    if delivery is not None and delivery.kind == KIND:
        reminder_id = delivery.occasion_key.removeprefix(f"{KIND}:").split("@", 1)[0]
        if reminder_id.isdecimal():
            row = await queries.by_id(ctx.session, int(reminder_id))
    if delivery is None or row is None:
        raise UserError(texts.no_delivery(token))
    return delivery, row


async def _require_press(ctx: Context, row: Reminder) -> None:
    mentioned = {str(m[0]) for m in row.mentions}
    if ctx.msg.chat_type == "private":
        ctx.checked = ("private_chat", None)
    elif row.author_id == ctx.msg.user_id:
        ctx.checked = ("author", None)
    elif ctx.msg.user_id in mentioned:
        ctx.checked = ("mentioned", None)
    else:
        unit = await chat_unit(ctx)
        await ctx.require(Role.REPORTER if unit else Role.OFFICE_ADMIN, unit)


async def snooze(ctx: Context) -> Reply:
    """`/hoannhac <số> 1h|sangmai`: remind once more, in an hour or tomorrow morning."""
    if len(ctx.args) != 2:
        raise UserError(texts.NEED_NUMBER_AND_HOW, usage=SNOOZE_USAGE)
    delivery, row = await _sent(ctx, ctx.args[0], SNOOZE_USAGE)
    at = snooze_moment(ctx, ctx.args[1].casefold())
    await _require_press(ctx, row)
    again = await queries.snooze_of(ctx.session, delivery.id)
    if again is not None and again.active and again.next_at is not None:
        notice = texts.snoozed_already(moment_text(again.next_at.astimezone(ctx.tz)))
        return Reply(notice, notice=notice)
    if again is not None:
        # A snooze already sent or cancelled: the new time takes its place.
        again.snoozed_delivery_id = None
        await ctx.session.flush()
    chat = await ctx.ensure_chat()
    copy = Reminder(
        chat_id=chat.id,
        code=await queries.next_code(ctx.session, chat.id),
        thread_id=row.thread_id,
        author_id=row.author_id,
        author_name=row.author_name,
        text=row.text,
        rule=None,
        workdays=False,
        mentions=row.mentions,
        next_at=at,
        active=True,
        snoozed_delivery_id=delivery.id,
        created_at=ctx.now,
    )
    ctx.session.add(copy)
    await ctx.session.flush()
    ctx.audit("snooze", "reminder", str(row.code), {"delivery": delivery.id, "at": at.isoformat()})
    notice = texts.snoozed(moment_text(at), copy.code)
    return Reply(notice, notice=notice)


async def done(ctx: Context) -> Reply:
    """`/xongnhac <số>`: the reminder was acted on; a pending « Nhắc lại » of it is cancelled."""
    if len(ctx.args) != 1:
        raise UserError(texts.NEED_DELIVERY_NUMBER, usage=DONE_USAGE)
    delivery, row = await _sent(ctx, ctx.args[0], DONE_USAGE)
    await _require_press(ctx, row)
    unit = await chat_unit(ctx)
    ack, new = await acks.acknowledge(
        ctx.session,
        delivery_id=delivery.id,
        user_id=ctx.msg.user_id,
        user_name=ctx.msg.user_name,
        unit_id=unit.id if unit else None,
        now=ctx.now,
    )
    again = await queries.snooze_of(ctx.session, delivery.id)
    if again is not None and again.active:
        again.active = False
    if new:
        ctx.audit("done", "reminder", str(row.code), {"delivery": delivery.id})
    who = ack.user_name or ack.user_id
    line = texts.done(who, vn.datetime(ack.acked_at.astimezone(ctx.tz)))
    return Reply(f"{delivery.text or row.text}\n{line}")


COMMANDS = [
    Command(
        "hoannhac",
        ("snooze",),
        SNOOZE_USAGE,
        texts.SNOOZE_HELP,
        "/hoannhac 12 1h",
        snooze,
        menu=False,
        writes=True,
        who=texts.PRESS_WHO,
    ),
    Command(
        "xongnhac",
        ("done",),
        DONE_USAGE,
        texts.DONE_HELP,
        "/xongnhac 12",
        done,
        menu=False,
        writes=True,
        who=texts.PRESS_WHO,
    ),
]
