"""/yeucau and /theodoi: requests to units for a document, and who has answered them."""

from __future__ import annotations

from bot.core import args as parse
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.domain import requests as rules
from bot.domain import vn
from bot.domain.roles import Role
from storage.models import RequestUnit, Unit, UnitRequest
from storage.queries import requests as queries
from storage.queries.units import UnitTree

USAGE = "/yeucau <hạn dd/mm/yyyy [HH:MM]> <nội dung> <mã đơn vị ... | tatca>"
CLOSE_USAGE = "/yeucau dong <mã yêu cầu>"
TRACK_USAGE = "/theodoi <mã yêu cầu>"
ALL = "tatca"
EXAMPLE = "/yeucau 15/01/2027 Gửi bản đăng ký thi đua P-DAIKIM P-GIAPBAT"


async def request(ctx: Context) -> Reply:
    """List open requests, close one, or make one (by the first argument)."""
    if not ctx.args:
        return await open_list(ctx)
    if parse.fold(ctx.args[0]) in ("dong", "close"):
        return await close(ctx)
    return await create(ctx)


async def create(ctx: Context) -> Reply:
    """Make a request to units, after checking the user administers each of them."""
    deadline, used = rules.parse_deadline(ctx.args, ctx.tz, usage=USAGE)
    if deadline <= ctx.now:
        raise UserError(
            f"Hạn {vn.moment(deadline)} đã qua. Hãy ghi một hạn sau bây giờ.", usage=USAGE
        )
    tree = await ctx.unit_tree()
    words = ctx.args[used:]
    targets: list[Unit] = []
    every = False
    while words and (parse.fold(words[-1]) == ALL or tree.by_code(words[-1]) is not None):
        token = words.pop()
        if parse.fold(token) == ALL:
            every = True
        else:
            unit = tree.by_code(token)
            assert unit is not None
            targets.insert(0, unit)
    title = " ".join(words).strip()
    if not title:
        raise UserError("Cần nội dung của yêu cầu.", usage=f"{USAGE}\nVí dụ: {EXAMPLE}")
    if len(title) > 500:
        raise UserError(f"Nội dung dài {len(title)} ký tự, tối đa 500.", usage=USAGE)
    base: Unit | None = None
    if every:
        base = _all_base(ctx, tree)
        below = [tree.units[u] for u in sorted(tree.subtree(base.id) - {base.id})]
        targets += [u for u in below if tree.active(u)]
    stopped = [u.code for u in targets if not tree.active(u)]
    if stopped:
        raise UserError(
            f"Đơn vị {', '.join(stopped)} đã ngừng hoạt động, không nhận yêu cầu mới. "
            "Gõ /donvi để xem mã các đơn vị.",
            usage=USAGE,
        )
    if not targets:
        raise UserError(
            "Cần mã các đơn vị nhận yêu cầu, hoặc tatca (mọi đơn vị trực thuộc). "
            "Gõ /donvi để xem mã.",
            usage=f"{USAGE}\nVí dụ: {EXAMPLE}",
        )
    unique = {u.id: u for u in targets}
    # One check covers every unit below the base; named units are checked one by one.
    for unit in [base] if base is not None else list(unique.values()):
        await ctx.require(Role.UNIT_ADMIN, unit)
    owner_id = rules.common_ancestor({u.id: u.parent_id for u in tree.units.values()}, unique)
    owner = tree.units.get(owner_id) if owner_id is not None else None
    chat = await ctx.ensure_chat()
    row = await queries.create_request(
        ctx.session,
        title=title,
        deadline_at=deadline,
        chat_id=chat.id,
        thread_id=ctx.msg.thread_id,
        unit_id=owner.id if owner else None,
        created_by=ctx.actor,
        now=ctx.now,
        unit_ids=list(unique),
    )
    code = rules.request_code(row.id)
    ctx.audit(
        "create",
        "request",
        code,
        {
            "title": title,
            "deadline": deadline.isoformat(),
            "units": sorted(u.code for u in unique.values()),
        },
        unit=owner,
    )
    linked = await queries.chats_of_units(ctx.session, list(unique))
    without = sorted(u.name for u in unique.values() if u.id not in linked)
    names = sorted(u.name for u in unique.values())
    lines = [
        f"Hạn nộp: {vn.moment(deadline.astimezone(ctx.tz))}.",
        f"Gửi đến {len(unique)} đơn vị: {_names(names)}.",
        "Các nhóm của đơn vị nhận yêu cầu trong ít phút, kèm nút « Đã nộp » và « Cần gia hạn »; "
        "đơn vị chưa nộp được nhắc theo lịch nhắc của nhóm và sau hạn.",
    ]
    if without:
        lines.append(
            f"Chưa có nhóm nào gắn với {len(without)} đơn vị nên các đơn vị này chưa nhận được: "
            f"{_names(without)} (gắn nhóm: /caidat donvi <mã>)."
        )
    lines.append(f"Theo dõi: /theodoi {code}. Đóng yêu cầu: /yeucau dong {code}.")
    return Reply("\n".join(lines), title=f"Đã tạo yêu cầu {code}: {title}")


def _all_base(ctx: Context, tree: UnitTree) -> Unit:
    """`tatca` means the units below this chat's unit, or below the office's top unit."""
    linked = ctx.chat.unit_id if ctx.chat else None
    base = tree.units.get(linked) if linked is not None else tree.root()
    if base is None or not tree.subtree(base.id) - {base.id}:
        where = base.name if base else "văn phòng"
        raise UserError(
            f"{where} không có đơn vị trực thuộc nào để gửi tatca. Hãy ghi mã từng đơn vị.",
            usage=USAGE,
        )
    return base


def _names(names: list[str], limit: int = 20) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" và {len(names) - limit} đơn vị khác" if len(names) > limit else "")


async def open_list(ctx: Context) -> Reply:
    """Open requests with their counts (in a unit's chat: those asking its units)."""
    tree = await ctx.unit_tree()
    root = tree.root()
    linked = ctx.chat.unit_id if ctx.chat else None
    scope = None
    if linked is not None and linked in tree.units and (root is None or linked != root.id):
        scope = tree.subtree(linked)
    found = await queries.open_requests(ctx.session, unit_ids=scope)
    if not found:
        return Reply(f"Không có yêu cầu nào đang mở.\nTạo yêu cầu: {USAGE}")
    lines = []
    for item in found:
        r = item.request
        code = rules.request_code(r.id)
        pending = item.units - item.submitted - item.extension
        overdue = " — QUÁ HẠN" if r.deadline_at < ctx.now and pending + item.extension else ""
        lines.append(f"• {code} — {r.title}")
        lines.append(
            f"  Hạn: {vn.moment(r.deadline_at.astimezone(ctx.tz))} · đã nộp "
            f"{item.submitted}/{item.units}, xin gia hạn {item.extension}, chưa nộp {pending}"
            f"{overdue}"
        )
    lines.append("")
    lines.append("Chi tiết từng đơn vị: /theodoi <mã yêu cầu>")
    return Reply("\n".join(lines), title=f"Yêu cầu đang mở ({len(found)})")


async def load_request(ctx: Context, token: str, *, usage: str) -> UnitRequest:
    """The request a code names, or a message pointing at /yeucau."""
    found = await queries.request_by_id(ctx.session, rules.parse_code(token, usage=usage))
    if found is None:
        raise UserError(
            f"Không có yêu cầu mã '{token}'. Gõ /yeucau để xem các yêu cầu đang mở.", usage=usage
        )
    return found


async def close(ctx: Context) -> Reply:
    """Close a request: no more nudges, no summary; its status stays readable."""
    if len(ctx.args) != 2:
        raise UserError("Cần mã của yêu cầu cần đóng.", usage=CLOSE_USAGE)
    row = await load_request(ctx, ctx.args[1], usage=CLOSE_USAGE)
    code = rules.request_code(row.id)
    tree = await ctx.unit_tree()
    owner = tree.units.get(row.unit_id) if row.unit_id is not None else None
    if owner is None:
        await ctx.require_office()
    else:
        await ctx.require(Role.UNIT_ADMIN, owner)
    if row.closed_at is not None:
        when = vn.moment(row.closed_at.astimezone(ctx.tz))
        return Reply(f"Yêu cầu {code} đã đóng từ {when}.")
    row.closed_at, row.closed_by = ctx.now, ctx.actor
    ctx.audit("close", "request", code, {"title": row.title}, unit=owner)
    return Reply(
        f"Đã đóng yêu cầu {code}: {row.title}. Các đơn vị không còn được nhắc.\n"
        f"Xem lại tình trạng: /theodoi {code}."
    )


def unit_line(row: RequestUnit, unit: Unit | None, request: UnitRequest, ctx: Context) -> str:
    """One unit's answer to a request, with how long it is overdue."""
    name = unit.name if unit else "?"
    state = rules.unit_state(row.submitted_at, row.extension_at)
    if state == rules.SUBMITTED:
        assert row.submitted_at is not None
        when = vn.moment(row.submitted_at.astimezone(ctx.tz))
        with_file = f", kèm tệp '{row.file_name}'" if row.file_name else ", không kèm tệp"
        late = " (nộp sau hạn)" if row.submitted_at > request.deadline_at else ""
        return f"• {name} — đã nộp lúc {when}, bởi {_who(row.submitted_by)}{with_file}{late}"
    overdue = rules.days_overdue(request.deadline_at, ctx.now, ctx.tz)
    late = f" — quá hạn {vn.number(overdue)} ngày" if overdue else ""
    if state == rules.EXTENSION:
        assert row.extension_at is not None
        when = vn.moment(row.extension_at.astimezone(ctx.tz))
        reason = f": {row.extension_reason}" if row.extension_reason else " (chưa ghi lý do)"
        return f"• {name} — xin gia hạn{reason} ({_who(row.extension_by)}, {when}){late}"
    return f"• {name} — chưa nộp{late}"


def _who(actor: str | None) -> str:
    """`telegram:9001 (Nguyễn Văn A)` → `Nguyễn Văn A`."""
    if actor is None:
        return "?"
    if actor.endswith(")") and " (" in actor:
        return actor[actor.index(" (") + 2 : -1]
    return actor


async def track(ctx: Context) -> Reply:
    """Per unit: submitted (when, by whom, with a file or not), asked for time, not yet."""
    if len(ctx.args) != 1:
        raise UserError("Cần mã của yêu cầu.", usage=TRACK_USAGE)
    row = await load_request(ctx, ctx.args[0], usage=TRACK_USAGE)
    tree = await ctx.unit_tree()
    rows = await queries.answers(ctx.session, row.id)
    order = {
        rules.SUBMITTED: 2,
        rules.EXTENSION: 1,
        rules.PENDING: 0,
    }

    def sort_key(r: RequestUnit) -> tuple[int, str]:
        unit = tree.units.get(r.unit_id)
        return order[rules.unit_state(r.submitted_at, r.extension_at)], unit.name if unit else ""

    rows.sort(key=sort_key)
    counts = {state: 0 for state in order}
    for r in rows:
        counts[rules.unit_state(r.submitted_at, r.extension_at)] += 1
    deadline = vn.moment(row.deadline_at.astimezone(ctx.tz))
    head = [
        f"Hạn nộp: {deadline}" + (" (đã qua)." if row.deadline_at < ctx.now else "."),
        f"Đã nộp {counts[rules.SUBMITTED]}/{len(rows)} đơn vị, xin gia hạn "
        f"{counts[rules.EXTENSION]}, chưa nộp {counts[rules.PENDING]}.",
    ]
    if row.closed_at is not None:
        head.append(f"Yêu cầu đã đóng lúc {vn.moment(row.closed_at.astimezone(ctx.tz))}.")
    lines = head + [unit_line(r, tree.units.get(r.unit_id), row, ctx) for r in rows]
    code = rules.request_code(row.id)
    return Reply("\n".join(lines), title=f"Yêu cầu {code}: {row.title}")


COMMANDS = [
    Command(
        "yeucau",
        ("request",),
        f"{USAGE}; {CLOSE_USAGE}",
        "Yêu cầu đơn vị nộp văn bản trước hạn; không tham số: các yêu cầu đang mở.",
        EXAMPLE,
        request,
        writes=True,
        who="quản trị chung; quản trị đơn vị trong đơn vị được giao",
    ),
    Command(
        "theodoi",
        ("track",),
        TRACK_USAGE,
        "Tình trạng một yêu cầu theo từng đơn vị: đã nộp, xin gia hạn, chưa nộp, quá hạn.",
        "/theodoi YC1",
        track,
        max_args=1,
    ),
]
