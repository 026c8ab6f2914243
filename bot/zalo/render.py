"""A core Reply as Zalo plain-text messages: title first, buttons as commands to type, split."""

from __future__ import annotations

import re
from typing import Final

from bot.core.messages import Button, Reply
from bot.zalo.client import TEXT_LIMIT, split_for_zalo

_YEAR: Final = re.compile(r"\d{4}")
# What pressing a button does, for the labels the core uses; anything else is shown as it is.
_ACTIONS: Final = {
    "đã nhận": "báo đã nhận",
    "xóa": "xác nhận xóa",
    "hủy": "hủy",
    "trang trước": "xem trang trước",
    "trang sau": "xem trang sau",
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


def reply_text(reply: Reply) -> str:
    """The whole reply as one plain text (Zalo has no buttons and, here, no attachments)."""
    parts = [reply.plain()]
    body = reply.plain()
    # A command the text already names (e.g. "Xác nhận: /xoa ... xacnhan") is not repeated.
    lines = [button_line(b) for row in reply.buttons for b in row if b.command not in body]
    if lines:
        parts.append("\n".join(lines))
    if reply.image is not None and reply.image.caption.strip():
        # No image route exists yet, so the picture's caption is sent as its text form.
        parts.append(reply.image.caption)
    if reply.document is not None:
        caption = reply.document.caption.strip()
        note = f"Tệp {reply.document.filename} chưa gửi được qua Zalo."
        parts.append(f"{caption}\n{note}" if caption else note)
    return "\n\n".join(part for part in parts if part.strip())


def reply_texts(reply: Reply, limit: int = TEXT_LIMIT) -> list[str]:
    """The messages to send for a reply, each at most `limit` UTF-16 units; may be empty."""
    return split_for_zalo(reply_text(reply), limit)
