"""Texts of `/nhac` and its commands: set, list, cancel, move, and the buttons under a reminder."""

from __future__ import annotations

from bot.domain.texts.formats import count

USAGE = "/nhac <khi> <nội dung>"
CANCEL_USAGE = "/huynhac <số nhắc>"
MOVE_USAGE = "/suanhac <số nhắc> <khi>"
SNOOZE_USAGE = "/hoannhac <số nhắc việc> <1h|sangmai>"
DONE_USAGE = "/xongnhac <số nhắc việc>"

REMIND_HELP = "Đặt nhắc việc một lần hoặc định kỳ (không có nội dung: xem các nhắc đã đặt)."
REMIND_WHO = (
    "trong nhóm: người báo cáo hoặc quản trị của đơn vị; trong cuộc trò chuyện riêng: chính bạn"
)
CANCEL_HELP = "Hủy một nhắc đã đặt bằng /nhac."
MOVE_HELP = "Đổi thời gian của một nhắc đã đặt."
MOVE_EXAMPLE = "/suanhac 3 thứ 6 tuần sau 9h"
CHANGE_WHO = "người đặt nhắc hoặc quản trị đơn vị của nhóm"
SNOOZE_HELP = "Nhắc lại một nhắc việc sau 1 giờ hoặc sáng mai (nút dưới nhắc việc)."
DONE_HELP = "Báo đã xong một nhắc việc (nút « Xong »)."
PRESS_WHO = "người đặt nhắc, người được nhắc tên, người báo cáo hoặc quản trị của đơn vị"

MISSING_TEXT = "Thiếu nội dung cần nhắc sau thời gian."
LIST_TITLE = "Nhắc việc đã đặt trong cuộc trò chuyện này"
SENDING = "đang gửi"
LIST_FOOTER = "Hủy: /huynhac <số nhắc>; đổi giờ: /suanhac <số nhắc> <khi>."
NEED_ONE_NUMBER = "Cần đúng một số nhắc."
NEED_NUMBER_AND_TIME = "Cần số nhắc và thời gian mới."
NEED_NUMBER_AND_HOW = "Cần số nhắc việc và cách hoãn."
NEED_DELIVERY_NUMBER = "Cần số nhắc việc."


def with_example(usage: str, example: str) -> str:
    """A usage line followed by an example."""
    return f"{usage}. Ví dụ: {example}"


def move_example(code: int) -> str:
    """How `/suanhac` is written for this reminder."""
    return f"/suanhac {code} ngày mai 8 giờ"


def not_a_number(token: str) -> str:
    """An argument that is not a reminder number."""
    return f"'{token}' không phải số nhắc. Gõ /nhac để xem số các nhắc."


def not_waiting(code: int) -> str:
    """No waiting reminder with that number in this chat."""
    return f"Cuộc trò chuyện này không có nhắc số {code} đang chờ. Gõ /nhac để xem các nhắc."


def too_long(limit: int) -> str:
    """A reminder text over the limit."""
    return f"Nội dung nhắc dài quá {count(limit)} ký tự."


def too_many(limit: int) -> str:
    """The chat already has the most reminders it may keep."""
    return (
        f"Cuộc trò chuyện này đã có {count(limit)} nhắc đang chờ. "
        "Hủy bớt bằng /huynhac <số nhắc> rồi đặt lại."
    )


def set_line(when: str, content: str) -> str:
    """The confirmation's first line: when, then what."""
    return f"{when}: {content}"


def mentions(names: list[str]) -> str:
    """Who the reminder will name."""
    return "Sẽ nhắc tên: " + ", ".join(names) + "."


def in_topic(thread_id: str) -> str:
    """The reminder goes to the topic it was set in."""
    return f"Gửi vào chủ đề này (chủ đề số {thread_id})."


def set_footer(code: int) -> str:
    """The new reminder's number and what to type next."""
    return (
        f"Nhắc số {code}. Xem các nhắc: /nhac; hủy: /huynhac {code}; "
        f"đổi giờ: /suanhac {code} <khi>."
    )


def none_set(examples: tuple[str, ...]) -> str:
    """The chat has no reminders yet."""
    return f"Chưa có nhắc nào. Đặt nhắc: {USAGE}, ví dụ {'; '.join(examples)}."


def list_line(code: int, when: str, repeat: str | None, thread_id: str | None, text: str) -> str:
    """One waiting reminder: number, next time, how it repeats, topic, first line of its text."""
    shown = f" — {repeat}" if repeat else ""
    topic = f" (chủ đề số {thread_id})" if thread_id else ""
    return f"• Số {code}: {when}{shown}{topic} — {text}"


def more(count: int) -> str:
    """Reminders the list leaves out."""
    return f"… và {count} nhắc nữa."


def cancelled(code: int, text: str) -> str:
    """A reminder stopped."""
    return f"Đã hủy nhắc số {code}: {text}"


def unreadable_rest(rest: str) -> str:
    """Words after the new time that are not part of it."""
    return f"Không đọc được phần '{rest}' của thời gian mới."


def moved(code: int, when: str, text: str) -> str:
    """A reminder given a new time."""
    return f"Đã đổi nhắc số {code}. {when}: {text}"


def no_snooze(how: str) -> str:
    """A snooze other than 1h or sangmai."""
    return f"Không có cách hoãn '{how}': dùng 1h hoặc sangmai."


def not_a_delivery(token: str) -> str:
    """An argument that is not a sent reminder's number."""
    return f"'{token}' không phải số nhắc việc."


def no_delivery(token: str) -> str:
    """No sent custom reminder with that number in this chat."""
    return f"Không tìm thấy nhắc việc số {token} trong cuộc trò chuyện này."


def snoozed_already(when: str) -> str:
    """The reminder is already set to come again."""
    return f"Đã hẹn nhắc lại lúc {when}."


def snoozed(when: str, code: int) -> str:
    """The reminder will come again."""
    return f"Sẽ nhắc lại lúc {when} (nhắc số {code})."


def done(who: str, when: str) -> str:
    """Who marked the reminder done, and when."""
    return f"Đã xong: {who}, lúc {when}."
