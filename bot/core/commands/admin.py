"""Write commands: chat settings, progress updates, new events and awards, deletes, grants."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import select

from bot.core import args as parse
from bot.core import vn
from bot.core.commands.chat_settings import change as change_chat_setting
from bot.core.commands.chat_settings import settings_lines
from bot.core.commands.common import chat_unit, default_unit, require_active, unit_arg
from bot.core.commands.records import NAMED_GUIDE, add_named
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from bot.domain.awards import shown_key, stored_key
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
AWARD_USAGE = (
    "/themkhenthuong <năm> <mã hình thức> <tập thể|cá nhân> <số lượng> [mã đơn vị], hoặc có "
    "tên, mỗi dòng (hoặc sau dấu ;): <họ tên>, <chức vụ>, <mã đơn vị>; Tập thể <mã đơn vị>; "
    "QĐ <số>, <dd/mm/yyyy>, <cấp>; Dịp <dịp>"
)
DELETE_USAGE = "/xoa <sukien|khenthuong|nhiemvu> <mã>"
KIND_WORDS = {
    "tap the": "collective",
    "tt": "collective",
    "ca nhan": "individual",
    "cn": "individual",
    "ho gia dinh": "household",
    "ho": "household",
    "cong trinh": "project",
}
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
    if origin is not None and origin > ctx.today.year + 1:
        raise UserError(f"Năm gốc {origin} ở tương lai.", usage=EVENT_USAGE)
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
    base = parse.slug(title)
    code = base
    while await commemorations.commemoration_by_code(ctx.session, code):
        code = f"{base}-{secrets.token_hex(2).upper()}"
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


def _recipient_kind(tokens: list[str]) -> tuple[str, int]:
    """Match a recipient kind of one to three words at the start of `tokens`."""
    for size in (3, 2, 1):
        phrase = parse.fold(" ".join(tokens[:size]))
        if len(tokens) >= size and phrase in KIND_WORDS:
            return KIND_WORDS[phrase], size
    raise UserError(
        f"Đối tượng '{tokens[0] if tokens else ''}' phải là 'tập thể' hoặc 'cá nhân' "
        "(hoặc 'hộ gia đình', 'công trình').",
        usage=AWARD_USAGE,
    )


def _is_count(tokens: list[str]) -> bool:
    """Whether the words after the form are `<tập thể|cá nhân> <số lượng>` (a count)."""
    for size in (3, 2, 1):
        phrase = parse.fold(" ".join(tokens[:size]))
        if len(tokens) >= size and phrase in KIND_WORDS:
            # `Tập thể P-GIAPBAT` names a collective; any other kind word starts a count.
            if len(tokens) == size or KIND_WORDS[phrase] != "collective":
                return True
            return bool(re.fullmatch(r"[\d.]+", tokens[size]))
    return False


async def add_award(ctx: Context) -> Reply:
    """Add an award count of a year, form and recipient kind, or named records (see records)."""
    if len(ctx.args) < 3:
        raise UserError("Thiếu thông tin khen thưởng.", usage=AWARD_USAGE)
    year = parse.year(ctx.args[0], usage=AWARD_USAGE)
    # `/themkhenthuong 2023 BK-TP; QĐ ...`: the lines may start right after the form's code.
    form_code = ctx.args[1].rstrip(";")
    form = await awards.form_by_code(ctx.session, form_code)
    if form is None:
        known = ", ".join(f.code for f in await awards.all_forms(ctx.session))
        raise UserError(f"Không có hình thức mã '{form_code}'. Các mã: {known}.", usage=AWARD_USAGE)
    if year > ctx.today.year:
        raise UserError(f"Năm {year} chưa tới.", usage=AWARD_USAGE)
    first_line = ctx.rest.split("\n", 1)[0]
    single = len(first_line.split()) == len(ctx.args) and ";" not in ctx.rest
    # `... ai 5`: a mistyped kind before a number, not a person named "ai 5".
    counted = _is_count(ctx.args[2:]) or (
        "," not in ctx.rest and bool(re.fullmatch(r"[\d.]+", ctx.args[-1]))
    )
    if not (single and counted):
        # Names follow the form: the text after the year and the form, line breaks kept.
        after = re.sub(r"^\s*\S+\s+\S+[ \t]*", "", ctx.rest, count=1)
        return await add_named(ctx, year, form, after)
    kind, used = _recipient_kind(ctx.args[2:])
    rest = ctx.args[2 + used :]
    if not rest:
        raise UserError("Thiếu số lượng.", usage=AWARD_USAGE)
    amount = parse.count(rest[0], usage=AWARD_USAGE)
    if kind not in form.recipient_kinds.split(","):
        raise UserError(
            f"{form.name} không áp dụng cho {vn.RECIPIENT_LABELS[kind]}.", usage=AWARD_USAGE
        )
    unit = (
        await unit_arg(ctx, rest[1], usage=AWARD_USAGE)
        if len(rest) > 1
        else await default_unit(ctx)
    )
    if len(rest) > 2:
        raise UserError(f"Thừa '{' '.join(rest[2:])}' ở cuối lệnh.", usage=AWARD_USAGE)
    await ctx.require(Role.UNIT_ADMIN, unit)
    await require_active(ctx, unit, usage=AWARD_USAGE)
    key = f"KT-{secrets.token_hex(4).upper()}"
    ctx.session.add(
        AwardRecord(
            key=key,
            year=year,
            form_id=form.id,
            recipient_kind=kind,
            count=amount,
            unit_id=unit.id if unit else None,
            ad_hoc=False,
            source=f"Thêm qua lệnh bởi {ctx.actor}",
        )
    )
    await ctx.session.flush()
    await awards.refresh_totals(ctx.session, [year])
    ctx.audit(
        "create",
        "award",
        key,
        {
            "year": year,
            "form": form.code,
            "kind": kind,
            "count": amount,
            "unit": unit.code if unit else None,
        },
        unit=unit,
    )
    where = f", {unit.name}" if unit else ""
    return Reply(
        f"Đã thêm khen thưởng năm {year}: {form.name} — {vn.number(amount)} "
        f"{vn.RECIPIENT_LABELS[kind]}{where}. Mã bản ghi: {key} (xóa: /xoa khenthuong {key})."
    )


# The keys are also the audit entities the seed loader reads to keep deleted records deleted.
DELETABLE = {
    DELETED_EVENT: "sự kiện",
    DELETED_AWARD: "bản ghi khen thưởng",
    DELETED_TASK: "nhiệm vụ",
}


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
        "themkhenthuong",
        ("addaward",),
        AWARD_USAGE,
        "Thêm số liệu hoặc bản ghi khen thưởng có tên.",
        "/themkhenthuong 2023 BK-TP; QĐ 12/QĐ-UBND, 20/12/2023, Chủ tịch UBND TP; "
        "Nguyễn Văn An, Chủ tịch UBND phường, P-DAIKIM",
        add_award,
        writes=True,
        who="quản trị của đơn vị được khen thưởng",
        guide=NAMED_GUIDE,
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
