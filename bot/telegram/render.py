"""Core replies as Telegram HTML messages and inline keyboards."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.messages import Reply, split_text

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_LIMIT = 64


def to_html(reply: Reply) -> list[str]:
    """Escaped HTML chunks of at most 4096 characters; the title is bold in the first one."""
    body = html.escape(reply.text, quote=False)
    if reply.title:
        body = f"<b>{html.escape(reply.title, quote=False)}</b>\n{body}"
    # Escaping is per line, so splitting the escaped text at lines never cuts an entity;
    # the bold title is one line and stays whole.
    return [chunk for chunk in split_text(body, TEXT_LIMIT) if chunk.strip()] or ["…"]


def caption_html(text: str) -> str:
    """An escaped caption that renders to at most 1024 characters."""
    if len(text) > CAPTION_LIMIT:
        text = text[: CAPTION_LIMIT - 1] + "…"
    return html.escape(text, quote=False)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """Buttons whose callback data is the command they run (at most 64 bytes each)."""
    rows = []
    for row in reply.buttons:
        buttons = [
            InlineKeyboardButton(b.text, callback_data=b.command)
            for b in row
            if len(b.command.encode()) <= CALLBACK_LIMIT
        ]
        if buttons:
            rows.append(buttons)
    return InlineKeyboardMarkup(rows) if rows else None
