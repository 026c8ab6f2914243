"""Sending a line to the core the way a transport would, for tests."""

from __future__ import annotations

from bot.app import App
from bot.core.messages import Incoming, Reply


async def ask_reply(
    app: App,
    text: str,
    *,
    admin: bool = True,
    platform: str = "console",
    chat_id: str = "local",
    user_id: str = "9001",
    chat_type: str = "group",
) -> Reply:
    """The core's reply to `text`; fails if the core chose to stay silent.

    By default the sender is user 9001, an office administrator on every platform (the `app`
    fixture's BOT_ADMIN_IDS; the console's operator always is one); pass `user_id` and
    `admin=False` to act as someone else.
    """
    reply = await app.core.handle(
        Incoming(
            platform=platform,
            chat_id=chat_id,
            user_id=user_id,
            user_name="Người thử",
            chat_title="Nhóm thử",
            chat_type=chat_type,
            text=text,
            is_platform_admin=admin,
        )
    )
    assert reply is not None, f"no reply to {text!r}"
    return reply


async def ask(app: App, text: str, **kwargs: object) -> str:
    """The plain text of the core's reply."""
    return (await ask_reply(app, text, **kwargs)).plain()  # type: ignore[arg-type]
