"""Zalo updates, one at a time: into the core as an `Incoming`, its answer back as messages."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from bot.core.messages import PHOTO_COMMANDS, Attachment, Incoming, Reply, failure_text
from bot.texts import transports as texts
from bot.transport import TransportDeps
from bot.zalo.client import ZaloClient
from bot.zalo.errors import ZaloError, ZaloUnauthorized
from bot.zalo.sender import CAPTION_LIMIT, ZaloSender
from bot.zalo.updates import (
    IMAGE_RECEIVED,
    STICKER_RECEIVED,
    TEXT_RECEIVED,
    VOICE_RECEIVED,
    ZaloUpdate,
    strip_mention,
)

log = logging.getLogger(__name__)

TEXT_ONLY: Final = texts.ZALO_TEXT_ONLY
MEDIA_EVENTS: Final = frozenset({IMAGE_RECEIVED, STICKER_RECEIVED, VOICE_RECEIVED})


class UpdateHandler:
    """Runs each update through the core and sends the answer; the transport's error handler."""

    def __init__(
        self,
        deps: TransportDeps,
        client: ZaloClient,
        sender: ZaloSender,
        *,
        on_handled: Callable[[ZaloUpdate], None] | None = None,
    ) -> None:
        self._core = deps.core
        self._health = deps.health
        self._client = client
        self._sender = sender
        # Called after each update is fully handled (replies sent or failure told): tests, metrics.
        self._on_handled = on_handled
        self.bot_name: str | None = None
        """The bot's account name once known: group messages start with its mention."""

    async def handle(self, update: ZaloUpdate) -> None:
        """The transport's one error handler: log with context, tell the user briefly."""
        try:
            await self._dispatch(update)
            self._health.ok()
        except Exception as exc:
            log.exception(
                "Zalo update failed event=%s chat_id=%s message_id=%s",
                update.event_name,
                update.chat_id,
                update.message_id,
            )
            if not isinstance(exc, ZaloUnauthorized):
                await self._tell_failure(update.chat_id, failure_text(exc))
        if self._on_handled is not None:
            self._on_handled(update)

    async def _dispatch(self, update: ZaloUpdate) -> None:
        if update.is_bot:
            log.debug("Zalo message from a bot ignored chat_id=%s", update.chat_id)
            return
        if update.event_name == TEXT_RECEIVED:
            await self._on_text(update)
            return
        caption = self._photo_command(update)
        if caption is not None and update.photo_url:
            await self._on_captioned_image(update, caption, update.photo_url)
            return
        log.info(
            "Zalo update ignored event=%s chat_id=%s chat_type=%s",
            update.event_name,
            update.chat_id,
            update.chat_type,
        )
        if update.event_name in MEDIA_EVENTS and update.chat_type == "PRIVATE":
            await self._sender.reply(update.chat_id, Reply(TEXT_ONLY))

    def _photo_command(self, update: ZaloUpdate) -> str | None:
        """The caption of an image that answers a request (`/nop YC1`), else None."""
        if update.event_name != IMAGE_RECEIVED or not update.caption:
            return None
        caption = update.caption
        if update.chat_type == "GROUP":
            caption = strip_mention(caption, self.bot_name)
        head = caption.strip().split(maxsplit=1)[0] if caption.strip() else ""
        command = self._core.lookup(head[1:].split("@", 1)[0]) if head[:1] == "/" else None
        return caption if command is not None and command.name in PHOTO_COMMANDS else None

    async def _on_captioned_image(self, update: ZaloUpdate, caption: str, photo_url: str) -> None:
        """An image captioned `/nop <mã>`: the only kind of file Zalo hands a bot.

        The core records it by name; a copy goes to a requesting Zalo chat by its URL, since
        Zalo sends photos by URL only.
        """
        name = photo_url.rsplit("/", 1)[-1].split("?", 1)[0][:120] or "anh"
        reply = await self._core.handle(
            replace(self._incoming(update, caption), attachment=Attachment(name, b""))
        )
        if reply is None:
            return
        await self._sender.reply(update.chat_id, reply)
        for forward in reply.forwards:
            try:
                await self._client.send_photo(
                    forward.chat_id, photo_url, caption=forward.caption[:CAPTION_LIMIT]
                )
            except ZaloError as exc:
                log.warning(
                    "could not pass a submitted image to chat_id=%s: %s", forward.chat_id, exc
                )

    async def _on_text(self, update: ZaloUpdate) -> None:
        """Run a text message through the core and send its answer."""
        group = update.chat_type == "GROUP"
        text = update.text or ""
        if group:
            text = strip_mention(text, self.bot_name)
        if not text.strip():
            return
        reply = await self._core.handle(self._incoming(update, text))
        if reply is not None:
            await self._sender.reply(update.chat_id, reply)

    def _incoming(self, update: ZaloUpdate, text: str) -> Incoming:
        """The core's view of a Zalo message."""
        group = update.chat_type == "GROUP"
        return Incoming(
            platform="zalo",
            chat_id=update.chat_id,
            user_id=update.user_id,
            text=text,
            user_name=update.user_name or None,
            chat_type="group" if group else "private",
            # Zalo tells nothing about group roles; the core adds BOT_ADMIN_IDS and grants.
            is_platform_admin=False,
            # Zalo delivers group messages only when they mention or reply to the bot.
            addressed=True,
        )

    async def _tell_failure(self, chat_id: str, text: str) -> None:
        try:
            await self._client.send_message(chat_id, text)
        except ZaloError as exc:
            log.warning("could not tell Zalo chat_id=%s about the failure: %s", chat_id, exc)
