"""Texts the chat transports (Telegram, Zalo) write themselves, outside any command's reply."""

from __future__ import annotations

GROUP_GREETING_TITLE = "Xin chào!"
GROUP_GREETING = (
    "Cảm ơn đã thêm Thi Đua Bot vào nhóm. Để nhóm làm việc cho một đơn vị, quản trị chung hoặc "
    "quản trị của đơn vị đó gõ /caidat donvi <mã đơn vị> trong nhóm này (xem mã bằng /donvi); "
    "từ đó quản trị viên của nhóm quản trị đơn vị đó.\n"
    "Gõ /toi để xem vai trò của bạn, /trogiup để xem tất cả các lệnh."
)
"""What Telegram says when the bot is added to a group."""

ZALO_TEXT_ONLY = (
    "Thi Đua Bot chỉ hiểu lệnh dạng chữ bắt đầu bằng dấu /, ví dụ /khenthuong 2022. "
    "Gõ /trogiup để xem các lệnh."
)
"""Zalo's answer to a picture, sticker or voice message."""


def file_too_large(size_bytes: int, limit_bytes: int) -> str:
    """A file sent for a command that is larger than the bot downloads."""
    size = f"{size_bytes / 1024 / 1024:.1f}".replace(".", ",")
    return (
        f"Tệp nặng {size} MB, vượt giới hạn {limit_bytes // 1024 // 1024} MB. "
        "Hãy chia nhỏ tệp rồi gửi lại."
    )


def zalo_file_not_sent(filename: str) -> str:
    """A reply's file, which Zalo cannot carry."""
    return f"Tệp {filename} chưa gửi được qua Zalo."
