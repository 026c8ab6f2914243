"""Reminder commands: subscribe, unsubscribe, what is coming, and acknowledging a reminder."""

from __future__ import annotations

import datetime as dt

from bot.core import args as parse
from bot.core import vn
from bot.core.commands.common import chat_unit
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.domain import reminder_plan
from bot.domain.recurrence import Recurrence
from bot.domain.roles import Role
from jobs.planner import KIND_LABELS, KINDS, ChatPlan, load_snapshot, plan_chat
from storage.models import Subscription
from storage.queries import acks, chats
from storage.queries import reminders as reminder_queries

SUBSCRIBE_USAGE = "/dangky [sukien] [hanchot] [tuan]"
UNSUBSCRIBE_USAGE = "/huydangky [sukien] [hanchot] [tuan]"
ACK_USAGE = "/danhan <số nhắc việc>"
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
NEED_UNIT = (
    "Nhóm này chưa gắn với đơn vị nào nên chưa nhận được nhắc hạn chót. "
    "Quản trị chung hoặc quản trị của đơn vị gõ /caidat donvi <mã đơn vị> trong nhóm này trước "
    "(xem /donvi)."
)


def _kinds(ctx: Context, usage: str) -> list[str]:
    """Kinds named in the arguments, or every kind."""
    if not ctx.args:
        return list(KINDS)
    found: list[str] = []
    for token in ctx.args:
        kind = KIND_WORDS.get(parse.fold(token))
        if kind is None:
            raise UserError(
                f"Không có loại nhắc '{token}'. Các loại: sukien (sự kiện), "
                "hanchot (hạn chót nhiệm vụ), tuan (tổng hợp tuần).",
                usage=usage,
            )
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
    lines = [
        f"Đã đăng ký nhận nhắc: {_labels(added)}."
        if added
        else f"{vn.here(ctx.msg.chat_type).capitalize()} đã đăng ký nhận nhắc {_labels(kinds)} "
        "từ trước."
        if kinds
        else "Chưa đăng ký thêm loại nhắc nào.",
        f"Gửi lúc {chat.remind_at} ({vn.zone(chat.timezone)}), nhắc trước "
        f"{chat.lead_days.replace(',', ', ')} ngày; năm tròn, năm lẻ 5 nhắc thêm trước "
        f"{chat.jubilee_lead_days} ngày.",
        "Xem trước 30 ngày tới: /nhacviec. Đổi giờ: /caidat gio <HH:MM>.",
        *notes,
    ]
    if ctx.msg.thread_id is not None:
        lines.insert(1, f"Nhắc việc sẽ gửi vào chủ đề này (chủ đề số {ctx.msg.thread_id}).")
    return Reply("\n".join(lines))


async def unsubscribe(ctx: Context) -> Reply:
    """Stop reminder kinds for this chat (all when none is named)."""
    kinds = _kinds(ctx, UNSUBSCRIBE_USAGE)
    await ctx.require_chat_settings()
    if ctx.chat is None:
        return Reply("Nhóm này chưa đăng ký nhận nhắc nào.")
    stopped = await chats.subscriptions(ctx.session, ctx.chat.id, kinds=kinds)
    if not stopped:
        return Reply("Nhóm này chưa đăng ký nhận nhắc loại đó, không có gì thay đổi.")
    for row in stopped:
        row.active = False
    names = sorted(s.kind for s in stopped)
    ctx.audit("unsubscribe", "chat", ctx.msg.chat_id, {"kinds": names})
    return Reply(f"Đã hủy đăng ký nhắc: {_labels(names)}. Đăng ký lại: /dangky.")


async def upcoming(ctx: Context) -> Reply:
    """What this chat will receive in the next 30 days, /nhac reminders included."""
    chat = ctx.chat
    subs = []
    if chat is not None and chat.active:
        subs = await chats.subscriptions(ctx.session, chat.id)
    end = ctx.now + dt.timedelta(days=UPCOMING_DAYS)
    custom = await _custom_upcoming(ctx, end)
    if chat is None or (not subs and not custom):
        return Reply(
            "Nhóm này chưa đăng ký nhận nhắc. Quản trị của đơn vị gõ /dangky để nhận nhắc "
            "sự kiện, hạn chót và tổng hợp tuần; đặt nhắc riêng bằng /nhac <khi> <nội dung>."
        )
    plan = ChatPlan.from_chat(chat, {s.kind: ctx.now for s in subs})
    found = [
        (r.due_at, r.summary)
        for r in plan_chat(plan, await load_snapshot(ctx.session), start=ctx.now, end=end)
    ]
    found = sorted(found + custom, key=lambda pair: pair[0])
    kinds = [KIND_LABELS[k] for k in sorted(plan.subscribed_since)]
    if custom:
        kinds.append("nhắc đặt bằng /nhac")
    title = f"Nhắc việc {UPCOMING_DAYS} ngày tới ({', '.join(kinds)})"
    if not found:
        return Reply(f"Không có nhắc việc nào trong {UPCOMING_DAYS} ngày tới.", title=title)
    lines = [
        f"• {vn.datetime(due.astimezone(plan.tz))} — {summary}"
        for due, summary in found[:UPCOMING_LIMIT]
    ]
    if len(found) > UPCOMING_LIMIT:
        lines.append(vn.left_out(len(found) - UPCOMING_LIMIT, "nhắc"))
    return Reply("\n".join(lines), title=title)


async def _custom_upcoming(ctx: Context, end: dt.datetime) -> list[tuple[dt.datetime, str]]:
    """The chat's /nhac reminders due before `end`, as (moment, line)."""
    if ctx.chat is None or not ctx.chat.active:
        return []
    found = []
    for row in await reminder_queries.active_in_chat(ctx.session, ctx.chat.id):
        rule = None if row.rule is None else Recurrence.from_string(row.rule)
        for at in reminder_plan.upcoming(rule, row.next_at, ctx.now, end):
            found.append((at, f"Nhắc số {row.code}: {row.text.splitlines()[0][:80]}"))
    return found


async def acknowledge(ctx: Context) -> Reply:
    """Record that this user (for the chat's unit) received a reminder."""
    if len(ctx.args) != 1 or not ctx.args[0].isdecimal():
        raise UserError("Cần số của nhắc việc.", usage=ACK_USAGE)
    delivery_id = int(ctx.args[0])
    delivery = None
    if ctx.chat is not None:
        delivery = await chats.delivery_in_chat(ctx.session, delivery_id, ctx.chat.id)
    if delivery is None:
        raise UserError(f"Không tìm thấy nhắc việc số {delivery_id} trong nhóm này.")
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
        notice = f"Bạn đã xác nhận nhắc việc này lúc {when}."
        return Reply(notice, notice=notice)
    ctx.audit(
        "acknowledge",
        "delivery",
        str(delivery.id),
        {"unit": unit.code if unit else None},
        unit=unit,
    )
    for_unit = f" cho {unit.name}" if unit else ""
    notice = f"Đã ghi nhận: {who} đã nhận nhắc việc{for_unit}."
    return Reply(f"{notice}\n{what}" if what else notice, notice=notice)


COMMANDS = [
    Command(
        "dangky",
        ("subscribe",),
        SUBSCRIBE_USAGE,
        "Đăng ký nhận nhắc sự kiện, hạn chót nhiệm vụ, tổng hợp tuần (mặc định: tất cả).",
        "/dangky sukien tuan",
        subscribe,
        writes=True,
        who="quản trị đơn vị của nhóm; trong cuộc trò chuyện riêng: chính bạn",
    ),
    Command(
        "huydangky",
        ("unsubscribe",),
        UNSUBSCRIBE_USAGE,
        "Hủy nhận nhắc (mặc định: tất cả các loại).",
        "/huydangky tuan",
        unsubscribe,
        writes=True,
        who="quản trị đơn vị của nhóm; trong cuộc trò chuyện riêng: chính bạn",
    ),
    Command(
        "nhacviec",
        ("reminders",),
        "/nhacviec",
        "Các nhắc việc nhóm này sẽ nhận trong 30 ngày tới.",
        "/nhacviec",
        upcoming,
        max_args=0,
    ),
    Command(
        "danhan",
        ("ack",),
        ACK_USAGE,
        "Xác nhận đã nhận một nhắc việc (nút “Đã nhận”).",
        "/danhan 12",
        acknowledge,
        menu=False,
        writes=True,
        who="người báo cáo hoặc quản trị của đơn vị",
    ),
]
