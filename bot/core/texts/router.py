"""Texts of the command core itself: text that is no command, an unknown command, extra words."""

from __future__ import annotations

NOT_A_COMMAND = (
    "Thi Đua Bot chỉ hiểu lệnh bắt đầu bằng dấu /, ví dụ /khenthuong 2022 hoặc "
    "/sukien.\nGõ /trogiup để xem tất cả các lệnh."
)


def unknown_command(shown: str, close: str | None) -> str:
    """A command name the bot does not know, with the closest one it does."""
    hint = f" Có phải bạn muốn gõ /{close}?" if close else ""
    return f"Không có lệnh /{shown}.{hint}\nGõ /trogiup để xem các lệnh và ví dụ."


def no_arguments_taken(name: str, extra: str) -> str:
    """Arguments given to a command that takes none."""
    return f"Lệnh /{name} không cần tham số (thừa: {extra})."


def too_many_arguments(name: str, extra: str, most: int) -> str:
    """Arguments beyond the most a command takes."""
    return f"Thừa tham số: {extra} — lệnh /{name} nhận tối đa {most}."
