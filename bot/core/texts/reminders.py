"""Texts of the reminder subscriptions: `/dangky`, `/huydangky`, `/nhacviec` and `/danhan`."""

from __future__ import annotations

SUBSCRIBE_USAGE = "/dangky [sukien] [hanchot] [tuan]"
UNSUBSCRIBE_USAGE = "/huydangky [sukien] [hanchot] [tuan]"
ACK_USAGE = "/danhan <số nhắc việc>"

SUBSCRIBE_HELP = "Đăng ký nhận nhắc sự kiện, hạn chót nhiệm vụ, tổng hợp tuần (mặc định: tất cả)."
UNSUBSCRIBE_HELP = "Hủy nhận nhắc (mặc định: tất cả các loại)."
SETTINGS_WHO = "quản trị đơn vị của nhóm; trong cuộc trò chuyện riêng: chính bạn"
UPCOMING_HELP = "Các nhắc việc nhóm hoặc cuộc trò chuyện này sẽ nhận trong 30 ngày tới."
ACK_HELP = "Xác nhận đã nhận một nhắc việc (nút “Đã nhận”)."
ACK_WHO = "người báo cáo hoặc quản trị của đơn vị"

NEED_UNIT = (
    "Nhóm này chưa gắn với đơn vị nào nên chưa nhận được nhắc hạn chót. "
    "Quản trị chung hoặc quản trị của đơn vị gõ /caidat donvi <mã đơn vị> trong nhóm này trước "
    "(xem /donvi)."
)
NOTHING_ADDED = "Chưa đăng ký thêm loại nhắc nào."
UPCOMING_HINT = "Xem trước 30 ngày tới: /nhacviec. Đổi giờ: /caidat gio <HH:MM>."
NOT_SUBSCRIBED = "Nhóm này chưa đăng ký nhận nhắc nào."
NOT_THAT_KIND = "Nhóm này chưa đăng ký nhận nhắc loại đó, không có gì thay đổi."
NOTHING_UPCOMING = (
    "Nhóm này chưa đăng ký nhận nhắc. Quản trị của đơn vị gõ /dangky để nhận nhắc "
    "sự kiện, hạn chót và tổng hợp tuần; đặt nhắc riêng bằng /nhac <khi> <nội dung>."
)
CUSTOM_KIND = "nhắc đặt bằng /nhac"
UPCOMING_NOUN = "nhắc"
NEED_NUMBER = "Cần số của nhắc việc."


def no_kind(token: str) -> str:
    """A reminder kind that does not exist."""
    return (
        f"Không có loại nhắc '{token}'. Các loại: sukien (sự kiện), "
        "hanchot (hạn chót nhiệm vụ), tuan (tổng hợp tuần)."
    )


def subscribed(labels: str) -> str:
    """Kinds newly subscribed."""
    return f"Đã đăng ký nhận nhắc: {labels}."


def already(here: str, labels: str) -> str:
    """Kinds this chat had subscribed before (`here`: how the chat is named, capitalized)."""
    return f"{here} đã đăng ký nhận nhắc {labels} từ trước."


def schedule(at: str, zone: str, leads: str, jubilee_lead: int) -> str:
    """When reminders are sent and how many days ahead."""
    return (
        f"Gửi lúc {at} ({zone}), nhắc trước {leads} ngày; năm tròn, năm lẻ 5 nhắc thêm trước "
        f"{jubilee_lead} ngày."
    )


def to_topic(thread_id: str) -> str:
    """Reminders go to the topic the subscription was made in."""
    return f"Nhắc việc sẽ gửi vào chủ đề này (chủ đề số {thread_id})."


def unsubscribed(labels: str) -> str:
    """Kinds stopped."""
    return f"Đã hủy đăng ký nhắc: {labels}. Đăng ký lại: /dangky."


def upcoming_title(days: int, kinds: list[str]) -> str:
    """The title of /nhacviec, with the kinds it covers."""
    return f"Nhắc việc {days} ngày tới ({', '.join(kinds)})"


def nothing_in(days: int) -> str:
    """No reminder in the coming days."""
    return f"Không có nhắc việc nào trong {days} ngày tới."


def custom_line(code: int, text: str) -> str:
    """A /nhac reminder in the /nhacviec list."""
    return f"Nhắc số {code}: {text}"


def no_delivery(number: int) -> str:
    """No sent reminder with that number in this chat."""
    return f"Không tìm thấy nhắc việc số {number} trong nhóm này."


def acked_before(when: str) -> str:
    """The user had acknowledged this reminder already."""
    return f"Bạn đã xác nhận nhắc việc này lúc {when}."


def acked(who: str, unit: str | None) -> str:
    """An acknowledgement recorded, for the chat's unit when it has one."""
    for_unit = f" cho {unit}" if unit else ""
    return f"Đã ghi nhận: {who} đã nhận nhắc việc{for_unit}."
