"""Texts of /nhatky: each recorded change told as a Vietnamese phrase."""

from __future__ import annotations

from bot.core.texts.common import unknown_unit as unknown_unit

USAGE = "/nhatky [mã đơn vị] [số dòng]"
SUMMARY = "Các thay đổi gần đây trong phạm vi quản trị của bạn."
WHO = "quản trị chung; quản trị đơn vị trong đơn vị được giao"

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
"""What was changed, by the entity an audit entry records."""
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
"""What was done, by the action an audit entry records."""
ANY_ACTION = "thay đổi"
ANY_ENTITY = "dữ liệu"
ANY_ROLE = "người được phép"
"""Who was needed, when a refusal recorded no role the bot knows."""


# A chat's settings and subscriptions.
def chat_named(title: object) -> str:
    """The chat a change was made in, by its title."""
    return f"nhóm «{title}»" if title else "một cuộc trò chuyện"


ANY_REMINDERS = "nhắc việc"


def subscription(*, subscribed: bool, names: str, chat: str) -> str:
    """Reminders subscribed to, or unsubscribed from, for a chat."""
    verb = "đăng ký" if subscribed else "hủy đăng ký"
    return f"{verb} nhận {names} cho {chat}"


def remind_at(value: object) -> str:
    """The chat's reminder time changed."""
    return f"giờ gửi nhắc việc {value}"


def lead_days(value: object) -> str:
    """The chat's lead days changed."""
    return f"nhắc trước {value} ngày"


def linked_unit(value: object) -> str:
    """The chat linked to a unit."""
    return f"gắn với đơn vị {value}"


def settings_changed(chat: str, changes: str) -> str:
    """The chat's settings changed (`changes` may be empty)."""
    return f"đổi cài đặt của {chat}" + (f": {changes}" if changes else "")


# Other entries.
def refused(text: str, role: str) -> str:
    """A command refused, and the role it needed."""
    return f"bị từ chối lệnh «{text}» (cần quyền {role})"


def progress(task: str, before: object, after: object) -> str:
    """A task's progress updated."""
    change = f"{before}% → {after}%" if before is not None else f"{after}%"
    return f"cập nhật tiến độ {task}: {change}"


def role_change(*, granted: bool, role: str, where: str, person: str) -> str:
    """A role granted or revoked (`where` empty or a leading space and a unit code)."""
    verb = "cấp" if granted else "thu hồi"
    return f"{verb} quyền {role}{where} cho {person}"


# The journal.


WHOLE_OFFICE = "toàn cơ quan"


def title(where: str) -> str:
    """The journal's title: the whole office or a unit."""
    return f"Nhật ký thay đổi — {where}"


NO_ENTRIES = "Chưa có thay đổi nào được ghi lại."


def footer(most: int) -> str:
    """Under the entries: their order and how to see more."""
    return f"(Mới nhất trước; tối đa {most} dòng: {USAGE})"
