"""/nhatky: the recent changes (and refused changes) in an administrator's scope, in Vietnamese."""

from __future__ import annotations

from bot.core import vn
from bot.core.commands.common import chat_unit
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.domain.roles import ROLE_LABELS, Role
from jobs.planner import KIND_LABELS
from storage.models import AuditEntry
from storage.queries import audit as audit_log

USAGE = "/nhatky [mã đơn vị] [số dòng]"
DEFAULT_LINES = 20
MAX_LINES = 100
ENTITY_LABELS = {
    "sukien": "sự kiện",
    "khenthuong": "bản ghi khen thưởng",
    "nhiemvu": "nhiệm vụ",
    "commemoration": "sự kiện",
    "award": "khen thưởng",
    "progress": "tiến độ",
    "chat": "cài đặt nhóm",
    "role": "quyền",
    "file": "tệp",
    "delivery": "nhắc việc",
    "unit": "đơn vị",
    "task": "nhiệm vụ",
}
ACTION_LABELS = {
    "create": "thêm",
    "update": "cập nhật",
    "delete": "xóa",
    "set": "đổi",
    "grant": "cấp",
    "revoke": "thu hồi",
    "import": "nhập",
    "subscribe": "đăng ký nhắc cho",
    "unsubscribe": "hủy đăng ký nhắc cho",
    "acknowledge": "xác nhận đã nhận",
}


def _role_label(value: object) -> str:
    try:
        return ROLE_LABELS[Role(str(value))]
    except ValueError:
        return "người được phép"


def _chat_change(action: str, details: dict[str, object]) -> str:
    """A chat's settings or subscriptions changed, named by the chat's title."""
    title = details.get("chat_title")
    chat = f"nhóm «{title}»" if title else "một cuộc trò chuyện"
    if action in ("subscribe", "unsubscribe"):
        kinds = details.get("kinds")
        listed = kinds if isinstance(kinds, list) else []
        names = ", ".join(KIND_LABELS.get(str(k), str(k)) for k in listed) or "nhắc việc"
        verb = "đăng ký" if action == "subscribe" else "hủy đăng ký"
        return f"{verb} nhận {names} cho {chat}"
    changes = []
    if "remind_at" in details:
        changes.append(f"giờ gửi nhắc việc {details['remind_at']}")
    if "lead_days" in details:
        changes.append(f"nhắc trước {details['lead_days']} ngày")
    if "unit" in details:
        changes.append(f"gắn với đơn vị {details['unit']}")
    return f"đổi cài đặt của {chat}" + (f": {', '.join(changes)}" if changes else "")


def describe(entry: AuditEntry) -> str:
    """One entry as a Vietnamese phrase: what was done to what."""
    details = entry.details or {}
    if entry.action == "refused":
        return (
            f"bị từ chối lệnh «{str(details.get('text', ''))[:80]}» "
            f"(cần quyền {_role_label(details.get('needed'))})"
        )
    if entry.entity == "progress":
        before, after = details.get("from"), details.get("to")
        change = f"{before}% → {after}%" if before is not None else f"{after}%"
        return f"cập nhật tiến độ {entry.entity_key}: {change}"
    if entry.entity == "role":
        unit = details.get("unit")
        where = f" {unit}" if unit else ""
        verb = "cấp" if entry.action == "grant" else "thu hồi"
        return f"{verb} quyền {_role_label(details.get('role'))}{where} cho {entry.entity_key}"
    if entry.entity == "chat":
        return _chat_change(entry.action, details)
    action = ACTION_LABELS.get(entry.action, "thay đổi")
    entity = ENTITY_LABELS.get(entry.entity, "dữ liệu")
    return f"{action} {entity} {entry.entity_key}".rstrip()


async def journal(ctx: Context) -> Reply:
    """Recent audit entries of a unit (and the units below it) or of the whole office."""
    tree = await ctx.unit_tree()
    unit, lines = None, DEFAULT_LINES
    for token in ctx.args:
        if token.isdecimal():
            lines = min(int(token[:6]), MAX_LINES) or DEFAULT_LINES
            continue
        unit = tree.by_code(token)
        if unit is None:
            raise UserError(
                f"Không có đơn vị mã '{token}'. Gõ /donvi để xem mã các đơn vị.", usage=USAGE
            )
    rights = await ctx.rights()
    if unit is None and not rights.is_office_admin:
        # A unit administrator's default view is the unit their chat or their grant names.
        unit = await chat_unit(ctx)
        if unit is None or not await ctx.may(Role.UNIT_ADMIN, unit):
            held = [h for h in rights.holdings if h.unit_id is not None and h.role != Role.REPORTER]
            unit = tree.units.get(held[0].unit_id) if held and held[0].unit_id else unit
    await ctx.require(Role.UNIT_ADMIN, unit)
    scope = None if unit is None else tree.subtree(unit.id)
    entries = await audit_log.recent(ctx.session, scope, limit=lines)
    where = "toàn cơ quan" if unit is None else f"{unit.name} ({unit.code})"
    title = f"Nhật ký thay đổi — {where}"
    if not entries:
        return Reply("Chưa có thay đổi nào được ghi lại.", title=title)
    body = []
    for entry in entries:
        when = vn.datetime(entry.at.astimezone(ctx.tz))
        who = entry.user_name or f"{entry.platform}:{entry.user_id}"
        body.append(f"• {when} — {who}: {describe(entry)}")
    body.append(f"(Mới nhất trước; tối đa {MAX_LINES} dòng: {USAGE})")
    return Reply("\n".join(body), title=title)


COMMANDS = [
    Command(
        "nhatky",
        ("log", "audit"),
        USAGE,
        "Các thay đổi gần đây trong phạm vi quản trị của bạn.",
        "/nhatky P-DAIKIM 30",
        journal,
        max_args=2,
        who="quản trị chung; quản trị đơn vị trong đơn vị được giao",
    ),
]
