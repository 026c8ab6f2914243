"""Texts of the chat's calendar feed: /lich and the feed's own names."""

from __future__ import annotations

USAGE = "/lich [moi | tat]"
SUMMARY = "Lịch sự kiện, hạn nhiệm vụ và nhắc việc cho ứng dụng lịch (đường dẫn hoặc tệp .ics)."
WHO = (
    "xem: mọi người; tạo, đổi, tắt đường dẫn: quản trị đơn vị của nhóm; "
    "trong cuộc trò chuyện riêng: chính bạn"
)
SUBSCRIBE_HOW = (
    "Trong ứng dụng lịch, chọn thêm lịch từ đường dẫn (URL) và dán đường dẫn này; lịch tự cập nhật."
)
NO_LINK = "Cuộc trò chuyện này chưa có đường dẫn lịch nào."
LINK_OFF = "Đã tắt đường dẫn lịch: lịch đã đăng ký theo đường dẫn cũ không còn cập nhật."
FILE_CAPTION = (
    "Lịch sự kiện, hạn nhiệm vụ và nhắc việc của cuộc trò chuyện này. Mở tệp để nhập "
    "vào lịch; bot chưa có địa chỉ công khai (WEBHOOK_BASE_URL) nên chưa có đường dẫn "
    "tự cập nhật."
)
OLD_LINK_GONE = " Đường dẫn cũ không còn dùng được."
FEED_NAME = "Thi Đua Bot"
"""The calendar's name in the subscriber's calendar app."""


def unknown_choice(word: str) -> str:
    """An argument /lich does not take."""
    return f"Không có lựa chọn '{word}'."


def the_link(link: str) -> str:
    """The existing link, asked for again."""
    return (
        f"Đường dẫn lịch của cuộc trò chuyện này: {link}\n"
        f"{SUBSCRIBE_HOW}\nĐổi đường dẫn: /lich moi; tắt: /lich tat."
    )


def new_link(link: str, note: str) -> str:
    """A link made or renewed (`note`: that the old one stopped working)."""
    return (
        f"Đường dẫn lịch của cuộc trò chuyện này: {link}{note}\n"
        f"{SUBSCRIBE_HOW}\nAi có đường dẫn đều xem được lịch; đổi: /lich moi, tắt: /lich tat."
    )


def deadline(code: str, title: str) -> str:
    """A task's deadline as a calendar event."""
    return f"Hạn nhiệm vụ {code}: {title}"


def feed_name(chat_title: str | None) -> str:
    """The feed's name: the bot's, with the chat's title when it has one."""
    return f"{FEED_NAME} — {chat_title}" if chat_title else FEED_NAME
