"""Buttons as commands to type, for transports that show none (Zalo, the console)."""

from __future__ import annotations

import re
from typing import Final

from bot.core.messages import Button, Reply

_YEAR: Final = re.compile(r"\d{4}")
# What pressing a button does, for the labels the core uses; anything else is shown as it is.
_ACTIONS: Final = {
    "đã nhận": "báo đã nhận",
    "xóa": "xác nhận xóa",
    "hủy": "hủy",
    "trang trước": "xem trang trước",
    "trang sau": "xem trang sau",
    "nhắc lại sau 1 giờ": "nhắc lại sau 1 giờ",
    "sáng mai": "nhắc lại vào sáng mai",
    "xong": "báo đã xong",
}


def button_line(button: Button) -> str:
    """One button as the command to type, e.g. "Gõ /khenthuong 2021 để xem năm 2021"."""
    label = button.text.strip(" «»")
    if _YEAR.fullmatch(label):
        return f"Gõ {button.command} để xem năm {label}"
    action = _ACTIONS.get(label.casefold())
    if action is not None:
        return f"Gõ {button.command} để {action}"
    return f"{label}: gõ {button.command}"


def typed_buttons(reply: Reply) -> list[str]:
    """A line per button, leaving out commands the text already names (e.g. "Xác nhận: ...")."""
    body = reply.plain()
    return [button_line(b) for row in reply.buttons for b in row if b.command not in body]
