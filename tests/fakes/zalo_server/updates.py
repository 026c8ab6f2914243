"""Builders of realistic bare Zalo updates, as the fake hands them out by getUpdates or webhook."""

from __future__ import annotations

import time
import uuid


def now_ms() -> int:
    """Current time in epoch milliseconds, the unit Zalo uses for dates."""
    return int(time.time() * 1000)


def new_message_id() -> str:
    """A fresh opaque hex message id like the ones Zalo issues."""
    return uuid.uuid4().hex


def text_update(
    chat_id: str,
    user_id: str,
    text: str,
    chat_type: str = "PRIVATE",
    display_name: str = "Nguyễn Văn A",
    *,
    message_id: str | None = None,
    date_ms: int | None = None,
    is_bot: bool = False,
) -> dict[str, object]:
    """Build a realistic bare `message.text.received` update."""
    return {
        "event_name": "message.text.received",
        "message": {
            "message_id": message_id or new_message_id(),
            "from": {"id": user_id, "display_name": display_name, "is_bot": is_bot},
            "chat": {"id": chat_id, "chat_type": chat_type},
            "date": date_ms if date_ms is not None else now_ms(),
            "text": text,
        },
    }


def image_update(
    chat_id: str,
    user_id: str,
    photo_url: str,
    caption: str | None = None,
    chat_type: str = "PRIVATE",
    display_name: str = "Nguyễn Văn A",
) -> dict[str, object]:
    """Build a realistic bare `message.image.received` update."""
    message: dict[str, object] = {
        "message_id": new_message_id(),
        "from": {"id": user_id, "display_name": display_name, "is_bot": False},
        "chat": {"id": chat_id, "chat_type": chat_type},
        "date": now_ms(),
        "photo": photo_url,
    }
    if caption is not None:
        message["caption"] = caption
    return {"event_name": "message.image.received", "message": message}


def event_update(
    event_name: str,
    chat_id: str,
    user_id: str,
    chat_type: str = "PRIVATE",
    display_name: str = "Nguyễn Văn A",
    **fields: object,
) -> dict[str, object]:
    """Build a bare update of any event name (stickers, voice, unsupported, future kinds)."""
    message: dict[str, object] = {
        "message_id": new_message_id(),
        "from": {"id": user_id, "display_name": display_name, "is_bot": False},
        "chat": {"id": chat_id, "chat_type": chat_type},
        "date": now_ms(),
        **fields,
    }
    return {"event_name": event_name, "message": message}
