"""Core replies as Telegram HTML messages and inline keyboards."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.messages import MENTION_LEAD, Button, Reply, mention_name, split_text

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_LIMIT = 64


def to_html(reply: Reply) -> list[str]:
    """Escaped HTML chunks of at most 4096 characters; the title is bold in the first one."""
    body = html.escape(reply.text, quote=False)
    if reply.title:
        body = f"<b>{html.escape(reply.title, quote=False)}</b>\n{body}"
    if reply.mentions:
        # A link to tg://user?id= is a mention that notifies, also of people without a handle.
        links = ", ".join(
            f'<a href="tg://user?id={int(m.user_id)}">{html.escape(mention_name(m))}</a>'
            for m in reply.mentions
            if m.user_id.isdecimal()
        )
        body = f"{body}\n{html.escape(MENTION_LEAD, quote=False)}{links}"
    # Escaping is per line, so splitting the escaped text at lines never cuts an entity;
    # the bold title is one line and stays whole.
    return [chunk for chunk in split_text(body, TEXT_LIMIT) if chunk.strip()] or ["…"]


def caption_html(text: str) -> str:
    """An escaped caption that renders to at most 1024 characters."""
    if len(text) > CAPTION_LIMIT:
        text = text[: CAPTION_LIMIT - 1] + "…"
    return html.escape(text, quote=False)


OWNER_MARK = "u"
"""Callback data `u<user id>|<command>`: a button only that user may press."""


def callback_data(button: Button) -> str:
    """The command a button runs, prefixed with its owner when it belongs to one user."""
    if button.owner is None:
        return button.command
    return f"{OWNER_MARK}{button.owner}|{button.command}"


def parse_callback(data: str) -> tuple[str, str | None]:
    """The command and the owner (if any) of a pressed button's callback data."""
    if data.startswith(OWNER_MARK) and "|" in data:
        owner, _, command = data[len(OWNER_MARK) :].partition("|")
        return command, owner
    return data, None


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """Buttons whose callback data is the command they run (at most 64 bytes each)."""
    rows = []
    for row in reply.buttons:
        buttons = [
            InlineKeyboardButton(b.text, callback_data=data)
            for b in row
            if len((data := callback_data(b)).encode()) <= CALLBACK_LIMIT
        ]
        if buttons:
            rows.append(buttons)
    return InlineKeyboardMarkup(rows) if rows else None
