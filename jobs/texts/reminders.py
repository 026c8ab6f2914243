"""Texts of sent reminders: the buttons under them and the lines of a `/nhac` reminder."""

from __future__ import annotations

ACK_BUTTON = "Đã nhận"
SNOOZE_HOUR = "Nhắc lại sau 1 giờ"
TOMORROW = "Sáng mai"
DONE = "Xong"


def custom_title(moment: str) -> str:
    """The title of a sent `/nhac` reminder."""
    return f"Nhắc việc lúc {moment}"


def repeats(rule: str) -> str:
    """How a sent `/nhac` reminder repeats."""
    return f"Lặp lại: {rule}."


def set_by(author: str, code: int) -> str:
    """Who set a sent `/nhac` reminder, its number and how to stop it."""
    return f"Đặt bởi {author} (nhắc số {code}, hủy: /huynhac {code})."


def custom_summary(code: int, text: str) -> str:
    """A `/nhac` reminder in the /nhacviec list and the deliveries' summary."""
    return f"Nhắc số {code}: {text}"
