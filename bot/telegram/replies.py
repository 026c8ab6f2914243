"""Sending a core Reply into a Telegram chat, or putting it in place of a message."""

from __future__ import annotations

import logging

from telegram import Bot, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.core.messages import Reply
from bot.telegram.render import caption_html, keyboard, to_html

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def _has_text(reply: Reply) -> bool:
    return bool(reply.text.strip() or reply.title) or (not reply.image and not reply.document)


async def send_reply(
    bot: Bot,
    chat_id: int,
    reply: Reply,
    *,
    reply_to: int | None = None,
    thread_id: int | None = None,
) -> Message | None:
    """Send the text in chunks (buttons on the last), then the image and document if any.

    Returns the last text message, the one carrying the buttons.
    """
    last: Message | None = None
    if _has_text(reply):
        chunks = to_html(reply)
        markup = keyboard(reply)
        for index, chunk in enumerate(chunks):
            quote = reply_to if index == 0 else None
            last = await bot.send_message(
                chat_id,
                chunk,
                parse_mode=ParseMode.HTML,
                reply_markup=markup if index == len(chunks) - 1 else None,
                link_preview_options=NO_PREVIEW,
                message_thread_id=thread_id,
                reply_parameters=(
                    ReplyParameters(quote, allow_sending_without_reply=True) if quote else None
                ),
            )
    if reply.image is not None:
        await bot.send_photo(
            chat_id,
            reply.image.png,
            caption=caption_html(reply.image.caption),
            parse_mode=ParseMode.HTML,
            message_thread_id=thread_id,
        )
    if reply.document is not None:
        await bot.send_document(
            chat_id,
            reply.document.content,
            filename=reply.document.filename,
            caption=caption_html(reply.document.caption),
            parse_mode=ParseMode.HTML,
            message_thread_id=thread_id,
        )
    return last


async def replace_with_reply(bot: Bot, message: Message, reply: Reply) -> None:
    """Edit a bot message in place to show the reply (a button was pressed under it).

    The first chunk replaces the text; further chunks, an image or a document follow as new
    messages. A message too old to edit gets the reply as a new message instead.
    """
    chunks = to_html(reply)
    markup = keyboard(reply) if len(chunks) == 1 else None
    try:
        await bot.edit_message_text(
            chunks[0],
            chat_id=message.chat.id,
            message_id=message.message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as exc:
        reason = exc.message.lower()
        if "not modified" in reason:
            # Same page pressed twice: Telegram refuses an edit that changes nothing.
            pass
        elif "can't be edited" in reason or "not found" in reason:
            log.info("message not editable, sending anew chat_id=%s", message.chat.id)
            await send_reply(bot, message.chat.id, reply)
            return
        else:
            raise
    await _send_rest(bot, message.chat.id, chunks[1:], reply)


async def _send_rest(bot: Bot, chat_id: int, chunks: list[str], reply: Reply) -> None:
    """Chunks after the edited first one (buttons on the last), then any attachments."""
    markup = keyboard(reply)
    for index, chunk in enumerate(chunks):
        await bot.send_message(
            chat_id,
            chunk,
            parse_mode=ParseMode.HTML,
            reply_markup=markup if index == len(chunks) - 1 else None,
            link_preview_options=NO_PREVIEW,
        )
    if reply.image or reply.document:
        await send_reply(bot, chat_id, Reply("", image=reply.image, document=reply.document))
