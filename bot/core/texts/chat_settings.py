"""Texts of a chat's settings: the `/caidat` lines, its time zone and the jubilee lead."""

from __future__ import annotations

ZONE_USAGE = "/caidat muigio <múi giờ IANA>"
ZONE_EXAMPLES = "Asia/Ho_Chi_Minh, Asia/Bangkok, Europe/Berlin"
JUBILEE_USAGE = "/caidat namtron <số ngày 0–366>"


def topic(thread_id: str | None) -> str:
    """Where in a forum group something goes."""
    return f"chủ đề số {thread_id}" if thread_id else "chủ đề chung"


# The settings, one per line.
NOT_LINKED = "chưa gắn"
NOT_SUBSCRIBED = "chưa đăng ký"


def unit_line(unit: str) -> str:
    """The unit the chat is linked to (or NOT_LINKED)."""
    return f"Đơn vị: {unit}"


def zone_line(zone: str) -> str:
    """The chat's time zone."""
    return f"Múi giờ: {zone}"


def remind_at_line(at: str) -> str:
    """When reminders are sent."""
    return f"Giờ gửi nhắc việc: {at}"


def lead_days_line(days: str) -> str:
    """How many days ahead reminders start."""
    return f"Nhắc trước (ngày): {days}"


def jubilee_line(days: int) -> str:
    """How early jubilees are reminded."""
    return f"Nhắc sớm cho năm tròn, năm lẻ 5: trước {days} ngày"


def subscriptions_line(kinds: str) -> str:
    """The reminders the chat receives (or NOT_SUBSCRIBED)."""
    return "Đăng ký nhận nhắc: " + kinds


# Changes.
def zone_set(here: str, zone: str, remind_at: str, moved: int) -> str:
    """The time zone changed; reminders set by /nhac keep their wall-clock time."""
    note = (
        f" {moved} nhắc việc đặt bằng /nhac giữ giờ như đã hẹn theo múi giờ mới." if moved else ""
    )
    return f"Múi giờ của {here}: {zone}. Nhắc việc gửi lúc {remind_at} theo múi giờ này.{note}"


def bad_jubilee_days(value: str) -> str:
    """A jubilee lead that is not 0–366 days."""
    return f"'{value}' phải là số ngày từ 0 đến 366 (0: không nhắc sớm)."


JUBILEE_OFF = "Đã tắt nhắc sớm cho năm tròn, năm lẻ 5."


def jubilee_set(days: int) -> str:
    """The jubilee lead changed."""
    return (
        f"Năm tròn, năm lẻ 5 sẽ được nhắc thêm trước {days} ngày để các "
        "đơn vị chuẩn bị hồ sơ đề nghị khen thưởng."
    )


def unknown_zone(value: str) -> str:
    """A time zone name that is no IANA name."""
    return f"Không có múi giờ '{value}'. Viết tên múi giờ IANA, ví dụ {ZONE_EXAMPLES}."


def zone_not_found(value: str) -> str:
    """A time zone the system cannot open."""
    return f"Không có múi giờ '{value}'."
