"""Write commands: chat settings, progress updates, new events and awards, deletes, grants."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from bot.core import args as parse
from bot.core import vn
from bot.core.commands.chat_settings import change as change_chat_setting
from bot.core.commands.chat_settings import settings_lines
from bot.core.commands.common import chat_unit, require_active, unit_arg
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from bot.domain.awards import shown_key, stored_key
from bot.domain.codes import event_code
from bot.domain.roles import Role
from storage.models import AwardRecord, Commemoration, Task
from storage.queries import awards, chats, commemorations, tasks
from storage.seed import DELETED_AWARD, DELETED_EVENT, DELETED_TASK

SETTINGS_USAGE = (
    "/caidat [donvi <mã> | gio <HH:MM> | baotruoc <số ngày,số ngày,...> | muigio <múi giờ> "
    "| namtron <số ngày>]"
)
UPDATE_USAGE = "/capnhat <mã nhiệm vụ> <0–100>% [ghi chú]"
EVENT_USAGE = "/themsukien <dd/mm/yyyy> <tên> hoặc /themsukien <dd/mm> âl <năm gốc> <tên>"
DELETE_USAGE = "/xoa <sukien|khenthuong|nhiemvu> <mã>"
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
        f"Đổi cài đặt (quản trị): {SETTINGS_USAGE}",
    ]
    return Reply("\n".join(lines), title=f"Cài đặt của {vn.here(ctx.msg.chat_type)}")


async def change_setting(ctx: Context) -> Reply:
    """`/caidat donvi|gio|baotruoc ...`."""
    key = parse.fold(ctx.args[0])
    if len(ctx.args) < 2:
        raise UserError(f"Thiếu giá trị cho '{ctx.args[0]}'.", usage=SETTINGS_USAGE)
    value = ctx.args[1]
    if key in ("donvi", "unit"):
        return await link_unit(ctx, value)
    changed = await change_chat_setting(ctx, key, value)
    if changed is not None:
        return changed
    await ctx.require_chat_settings()
    chat = await ctx.ensure_chat()
    if key in ("gio", "time"):
        match = re.fullmatch(r"(\d{1,2})[:hg](\d{2})", value)
        if match and (int(match[1]) > 23 or int(match[2]) > 59):
            raise UserError(
                f"Không có giờ '{value}': giờ từ 00 đến 23, phút từ 00 đến 59.",
                usage="/caidat gio <HH:MM>",
            )
        if not match:
            raise UserError(
                f"Giờ '{value}' phải viết dạng HH:MM, ví dụ 08:00.", usage=SETTINGS_USAGE
            )
        chat.remind_at = f"{int(match[1]):02d}:{match[2]}"
        ctx.audit("set", "chat", ctx.msg.chat_id, {"remind_at": chat.remind_at})
        return Reply(f"Nhắc việc sẽ được gửi lúc {chat.remind_at} ({vn.zone(chat.timezone)}).")
    if key in ("baotruoc", "lead"):
        parts = [p for p in value.split(",") if p]
        if not parts or not all(p.isdecimal() and int(p) <= 366 for p in parts):
            raise UserError(
                f"'{value}' phải là các số ngày 0–366 cách nhau bằng dấu phẩy, ví dụ 30,7,1,0.",
                usage=SETTINGS_USAGE,
            )
        days = sorted({int(p) for p in parts}, reverse=True)
        chat.lead_days = ",".join(str(d) for d in days)
        ctx.audit("set", "chat", ctx.msg.chat_id, {"lead_days": chat.lead_days})
        return Reply(f"Sẽ nhắc trước {', '.join(str(d) for d in days)} ngày.")
    raise UserError(f"Không có cài đặt '{ctx.args[0]}'.", usage=SETTINGS_USAGE)


async def link_unit(ctx: Context, code: str) -> Reply:
    """Link this chat to a unit: its administrators then administer that unit from here."""
    unit = await unit_arg(ctx, code, usage="/caidat donvi <mã đơn vị>")
    current = await chat_unit(ctx)
    if current is not None and current.id != unit.id:
        # Moving a chat away from a unit takes its reminders and group rights from that unit.
        await ctx.require(Role.UNIT_ADMIN, current)
    await ctx.require(Role.UNIT_ADMIN, unit)
    await require_active(ctx, unit, usage="/caidat donvi <mã đơn vị>")
    chat = await ctx.ensure_chat()
    chat.unit_id = unit.id
    ctx.audit("set", "chat", ctx.msg.chat_id, {"unit": unit.code}, unit=unit)
    text = f"Đã gắn nhóm này với {unit.name} ({unit.code}). /tiendo sẽ tóm tắt đơn vị này."
    kinds = {sub.kind for sub in await chats.subscriptions(ctx.session, chat.id)}
    if kinds and "hanchot" not in kinds:
        # /dangky without a unit left deadline reminders off; say how to turn them on.
        text += "\nĐể nhận nhắc hạn chót nhiệm vụ của đơn vị này: /dangky hanchot"
    return Reply(text)


async def update_progress(ctx: Context) -> Reply:
    """Record a task's progress for this chat's unit."""
    if len(ctx.args) < 2:
        raise UserError("Thiếu mã nhiệm vụ hoặc tiến độ.", usage=UPDATE_USAGE)
    task = await tasks.task_by_code(ctx.session, ctx.args[0])
    if task is None:
        raise UserError(
            f"Không có nhiệm vụ mã '{ctx.args[0]}'. Gõ /nhiemvu để xem mã.", usage=UPDATE_USAGE
        )
    percent = parse.percent(ctx.args[1], usage=UPDATE_USAGE)
    note = " ".join(ctx.rest.split()[2:]) or None
    if note and len(note) > 500:
        raise UserError("Ghi chú dài quá 500 ký tự.", usage=UPDATE_USAGE)
    unit = await chat_unit(ctx)
    if unit is None:
        raise UserError(
            "Nhóm này chưa gắn với đơn vị nào nên chưa biết cập nhật cho ai. Quản trị chung hoặc "
            "quản trị của đơn vị gõ /caidat donvi <mã đơn vị> trong nhóm này trước (xem /donvi)."
        )
    await ctx.require(Role.REPORTER, unit)
    await require_active(ctx, unit, usage=UPDATE_USAGE)
    responsible = await tasks.responsible_unit_ids(ctx.session, task.id)
    if unit.id not in responsible:
        raise UserError(f"{unit.name} không thuộc các đơn vị thực hiện nhiệm vụ {task.code}.")
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
    change = f"{old}% → {percent}%" if old is not None else f"{percent}%"
    note_text = f"\nGhi chú: {note}" if note else ""
    return Reply(f"Đã cập nhật {task.code} cho {unit.name}: {change}.{note_text}")


async def add_event(ctx: Context) -> Reply:
    """Add a commemoration: solar with its origin year, or a lunar day."""
    await ctx.require_office()
    if not ctx.args:
        raise UserError("Thiếu ngày và tên sự kiện.", usage=EVENT_USAGE)
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
        raise UserError("Thiếu tên sự kiện.", usage=EVENT_USAGE)
    if len(title) > 300:
        raise UserError("Tên sự kiện dài quá 300 ký tự.", usage=EVENT_USAGE)
    if origin is not None:
        refuse_future_origin(ctx, calendar, day, month, origin, title)
    existing = await ctx.session.scalar(
        select(Commemoration.code).where(
            Commemoration.day == day,
            Commemoration.month == month,
            Commemoration.calendar == calendar,
            Commemoration.title == title,
        )
    )
    if existing:
        raise UserError(f"Sự kiện này đã có (mã {existing}).")
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
            source=f"Thêm qua lệnh bởi {ctx.actor}",
        )
    )
    await ctx.session.flush()
    ctx.audit(
        "create",
        "commemoration",
        code,
        {"title": title, "day": day, "month": month, "calendar": calendar, "origin_year": origin},
    )
    when = f"{day:02d}/{month:02d} âm lịch" if calendar == "lunar" else f"{day:02d}/{month:02d}"
    since = f", từ năm {origin}" if origin else ""
    return Reply(
        f"Đã thêm sự kiện {title} — {when}{since}. Mã: {code} (dùng để xóa: /xoa sukien {code})."
    )


# The keys are also the audit entities the seed loader reads to keep deleted records deleted.
DELETABLE = {
    DELETED_EVENT: "sự kiện",
    DELETED_AWARD: "bản ghi khen thưởng",
    DELETED_TASK: "nhiệm vụ",
}


def refuse_future_origin(
    ctx: Context, calendar: str, day: int, month: int, origin: int, title: str
) -> None:
    """A date still ahead is a one-off deadline, not the origin of a yearly commemoration."""
    ahead = origin > ctx.today.year
    if calendar == "solar" and origin == ctx.today.year:
        ahead = dt.date(origin, month, day) > ctx.today
    if ahead:
        raise UserError(
            f"Ngày {day:02d}/{month:02d}/{origin} chưa tới nên không làm năm gốc của một sự kiện "
            "hằng năm được (năm gốc là năm sự kiện xảy ra lần đầu). Để được nhắc một lần vào "
            f"ngày đó, dùng lệnh nhắc: /nhac {day:02d}/{month:02d}/{origin} 8h {title}",
            usage=EVENT_USAGE,
        )


async def _where_codes_are(ctx: Context, kind: str) -> str:
    """Where a user finds the codes /xoa takes: no read command shows event or award codes."""
    if kind == DELETED_TASK:
        return "Gõ /nhiemvu để xem mã."
    if kind == DELETED_AWARD:
        return (
            "Mã bản ghi là cột Mã dòng của tệp /xuat (trang Khen thưởng) kèm loại: TT (tập "
            "thể), CN (cá nhân), HGD (hộ gia đình), CT (công trình), thêm DX nếu là khen "
            "thưởng đột xuất, ví dụ HM-2022-01:TT hoặc HM-2022-01:CN:DX; bản ghi thêm bằng "
            "/themkhenthuong có mã trong câu trả lời."
        )
    codes = await commemorations.commemoration_codes(ctx.session)
    listed = ", ".join(codes[:40]) + (" …" if len(codes) > 40 else "")
    return f"Các mã: {listed}." if codes else "Chưa có sự kiện nào."


async def delete_item(ctx: Context) -> Reply:
    """Delete a commemoration, award record or task, after a confirmation."""
    if len(ctx.args) < 2 or parse.fold(ctx.args[0]) not in DELETABLE:
        raise UserError("Cần nói xóa loại gì và mã nào.", usage=DELETE_USAGE)
    kind, code = parse.fold(ctx.args[0]), ctx.args[1]
    if kind != DELETED_AWARD:
        # Commemorations and tasks are the office's; an award belongs to its unit (below).
        await ctx.require_office()
    confirmed = len(ctx.args) > 2 and parse.fold(ctx.args[2]) in ("xacnhan", "confirm")
    target: Commemoration | AwardRecord | Task | None
    if kind == DELETED_EVENT:
        target = await commemorations.commemoration_by_code(ctx.session, code)
        label = f"sự kiện {target.title}" if target else ""
    elif kind == DELETED_AWARD:
        target = await awards.record_by_key(ctx.session, stored_key(code))
        label = f"bản ghi khen thưởng {shown_key(target.key) if target else code}"
    else:
        target = await tasks.task_by_code(ctx.session, code)
        label = f"nhiệm vụ {target.code} — {target.title}" if target else ""
    if target is None:
        raise UserError(
            f"Không có {DELETABLE[kind]} mã '{code}'. {await _where_codes_are(ctx, kind)}",
            usage=DELETE_USAGE,
        )
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
            f"Bạn chắc chắn muốn xóa {label}? Việc này không hoàn tác được.\n"
            f"Xác nhận: {command} · Hủy: /huy",
            buttons=[[Button("Xóa", command, owner=owner), Button("Hủy", "/huy", owner=owner)]],
        )
    if isinstance(target, AwardRecord):
        await awards.delete_record(ctx.session, target)
    else:
        # Commemorations and tasks: their progress, links and deliveries go with them (cascade).
        await ctx.session.delete(target)
    # The seed loader matches the stored key, so a deleted seed record stays deleted.
    stored = target.key if isinstance(target, AwardRecord) else code
    ctx.audit("delete", kind, stored.upper(), {"label": label}, unit=unit)
    return Reply(f"Đã xóa {label}.")


async def cancel(ctx: Context) -> Reply:
    """Cancel a pending confirmation (nothing was changed)."""
    del ctx
    return Reply("Đã hủy, không có gì thay đổi.")


COMMANDS = [
    Command(
        "caidat",
        ("settings",),
        SETTINGS_USAGE,
        "Xem hoặc đổi cài đặt của nhóm.",
        "/caidat donvi P-DAIKIM",
        show_settings,
        writes=True,
        who="xem: mọi người; đổi: quản trị đơn vị của nhóm, trong cuộc trò chuyện riêng: chính bạn",
    ),
    Command(
        "capnhat",
        ("update",),
        UPDATE_USAGE,
        "Cập nhật tiến độ nhiệm vụ của đơn vị mà nhóm được gắn.",
        "/capnhat NV2023-01 60% đã tổ chức phát động",
        update_progress,
        writes=True,
        who="người báo cáo hoặc quản trị của đơn vị",
    ),
    Command(
        "themsukien",
        ("addevent",),
        EVENT_USAGE,
        "Thêm ngày kỷ niệm (dương lịch hoặc âm lịch).",
        "/themsukien 25/11/2003 Ngày thành lập quận",
        add_event,
        writes=True,
        who="quản trị chung",
    ),
    Command(
        "xoa",
        ("delete",),
        DELETE_USAGE,
        "Xóa một sự kiện, bản ghi khen thưởng hoặc nhiệm vụ.",
        "/xoa nhiemvu NV2023-06",
        delete_item,
        writes=True,
        who="sự kiện, nhiệm vụ: quản trị chung; khen thưởng: quản trị của đơn vị",
    ),
    Command(
        "huy", ("cancel",), "/huy", "Hủy thao tác đang chờ xác nhận.", "/huy", cancel, menu=False
    ),
]
