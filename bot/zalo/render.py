"""A core Reply as Zalo plain-text messages: title first, buttons as commands to type, split."""

from __future__ import annotations

from bot.core.buttons import typed_buttons
from bot.core.messages import Reply
from bot.texts import transports as texts
from bot.zalo.client import TEXT_LIMIT, split_for_zalo


def reply_text(reply: Reply) -> str:
    """The whole reply as one plain text (Zalo has no buttons and no file attachments)."""
    parts = [reply.plain()]
    lines = typed_buttons(reply)
    if lines:
        parts.append("\n".join(lines))
    if reply.image is not None and reply.image.caption.strip():
        # Left here only when the chart could not go as a photo (no public address for Zalo to
        # fetch it from, see bot.zalo.sender): its caption is then the text form.
        parts.append(reply.image.caption)
    if reply.document is not None:
        caption = reply.document.caption.strip()
        note = texts.zalo_file_not_sent(reply.document.filename)
        parts.append(f"{caption}\n{note}" if caption else note)
    return "\n\n".join(part for part in parts if part.strip())


def reply_texts(reply: Reply, limit: int = TEXT_LIMIT) -> list[str]:
    """The messages to send for a reply, each at most `limit` UTF-16 units; may be empty."""
    return split_for_zalo(reply_text(reply), limit)
