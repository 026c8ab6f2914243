"""Telegram update handlers: translate updates into core messages and core replies back."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from telegram import Chat, ChatMember, Message, MessageEntity, Update, User
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.core.messages import Attachment, Incoming, Reply, UserRef, failure_text
from bot.telegram.admins import AdminCache
from bot.telegram.render import parse_callback
from bot.telegram.replies import replace_with_reply, send_reply
from bot.texts import transports as texts
from bot.transport import TransportDeps

log = logging.getLogger(__name__)

PLATFORM = "telegram"
GREETING = Reply(texts.GROUP_GREETING, title=texts.GROUP_GREETING_TITLE)
CALLBACK_ANSWER_LIMIT = 200
ATTACHMENT_LIMIT = 5 * 1024 * 1024
"""Largest file downloaded for a command; the importer refuses larger ones too."""
GROUP_TYPES = frozenset({ChatType.GROUP, ChatType.SUPERGROUP})

Context = ContextTypes.DEFAULT_TYPE


def chat_kind(chat: Chat) -> str:
    """The core's chat type: "private" or "group" (groups and supergroups alike)."""
    return "private" if chat.type == ChatType.PRIVATE else "group"


def is_in_chat(member: ChatMember) -> bool:
    """Whether a member status means being in the chat."""
    if member.status in (ChatMember.OWNER, ChatMember.ADMINISTRATOR, ChatMember.MEMBER):
        return True
    return member.status == ChatMember.RESTRICTED and bool(getattr(member, "is_member", False))


def _is_bot_command_for_others(text: str, username: str | None) -> bool:
    head = text.split(maxsplit=1)[0]
    _, at, target = head.partition("@")
    return bool(at) and target.lower() != (username or "").lower()


def _mentions_us(text: str) -> bool:
    return "@" in text.split(maxsplit=1)[0]


def _describe(update: object) -> tuple[object, object, str]:
    """Update id, chat id and command of an update, for log lines."""
    if not isinstance(update, Update):
        return None, None, "-"
    chat = update.effective_chat
    command = "-"
    if update.callback_query is not None and update.callback_query.data:
        command = update.callback_query.data.split(maxsplit=1)[0]
    elif update.effective_message is not None and update.effective_message.text:
        command = update.effective_message.text.split(maxsplit=1)[0][:40]
    return update.update_id, chat.id if chat else None, command


class TelegramHandlers:
    """The handlers of one application; each one is thin: translate, ask the core, answer."""

    def __init__(self, deps: TransportDeps, admins: AdminCache) -> None:
        self.core = deps.core
        self.health = deps.health
        self.admins = admins

    def _incoming(
        self,
        chat: Chat,
        user: User,
        text: str,
        *,
        addressed: bool,
        message: Message | None = None,
        button_owner: str | None = None,
    ) -> Incoming:
        admins, chat_id, user_id = self.admins, chat.id, user.id

        async def probe() -> bool:
            # Asked only when a write needs it: reads never cost a getChatAdministrators call.
            return await admins.is_admin(chat_id, user_id)

        return Incoming(
            platform=PLATFORM,
            chat_id=str(chat.id),
            user_id=str(user.id),
            user_name=user.full_name,
            username=user.username,
            chat_title=chat.title,
            chat_type=chat_kind(chat),
            text=text,
            admin_probe=probe if chat.type in GROUP_TYPES else None,
            addressed=addressed,
            mentions=_mentions(message) if message is not None else (),
            button_owner=button_owner,
            thread_id=_topic(message),
        )

    def _anonymous_admin(
        self, chat: Chat, text: str, *, addressed: bool, message: Message
    ) -> Incoming:
        # "Send as the group": only administrators can, and Telegram hides which one it was.
        return Incoming(
            platform=PLATFORM,
            chat_id=str(chat.id),
            user_id=str(chat.id),
            user_name=chat.title,
            chat_title=chat.title,
            chat_type=chat_kind(chat),
            text=text,
            is_platform_admin=True,
            addressed=addressed,
            mentions=_mentions(message),
            thread_id=_topic(message),
        )

    async def on_text(self, update: Update, context: Context) -> None:
        """A text message: commands everywhere, plain text only in private chats."""
        message = update.message
        if message is None or message.text is None or message.from_user is None:
            return
        chat, user, text = message.chat, message.from_user, message.text
        private = chat.type == ChatType.PRIVATE
        if text.startswith("/"):
            if _is_bot_command_for_others(text, context.bot.username):
                return
            addressed = private or _mentions_us(text) or _replies_to_bot(message, context)
        elif private:
            addressed = True
        else:
            return
        if message.sender_chat is not None and message.sender_chat.id == chat.id:
            incoming = self._anonymous_admin(chat, text, addressed=addressed, message=message)
        elif user.is_bot:
            return
        else:
            incoming = self._incoming(chat, user, text, addressed=addressed, message=message)
        reply = await self.core.handle(incoming)
        if reply is None:
            return
        await send_reply(
            context.bot,
            chat.id,
            reply,
            reply_to=None if private else message.message_id,
            thread_id=message.message_thread_id if message.is_topic_message else None,
        )
        self.health.ok()

    async def on_document(self, update: Update, context: Context) -> None:
        """A file whose caption is a command (`/nhap`): the core gets the file with the command."""
        message = update.message
        if message is None or message.document is None or message.from_user is None:
            return
        caption = (message.caption or "").strip()
        if not caption.startswith("/") or message.from_user.is_bot:
            return
        if _is_bot_command_for_others(caption, context.bot.username):
            return
        chat, document = message.chat, message.document
        reply_to = None if chat.type == ChatType.PRIVATE else message.message_id
        size = document.file_size or 0
        if size > ATTACHMENT_LIMIT:
            # Refused before downloading: the Bot API serves at most 20 MB anyway.
            await send_reply(
                context.bot,
                chat.id,
                Reply(texts.file_too_large(size, ATTACHMENT_LIMIT)),
                reply_to=reply_to,
            )
            return
        content = bytes(await (await document.get_file()).download_as_bytearray())
        incoming = replace(
            self._incoming(chat, message.from_user, caption, addressed=True, message=message),
            attachment=Attachment(document.file_name or "tep", content),
        )
        reply = await self.core.handle(incoming)
        if reply is None:
            return
        await send_reply(context.bot, chat.id, reply, reply_to=reply_to)
        for forward in reply.forwards:
            # The file itself goes to the requesting chat: copyMessage needs no re-upload.
            try:
                await context.bot.copy_message(
                    forward.chat_id, chat.id, message.message_id, caption=forward.caption
                )
            except TelegramError as exc:
                log.warning(
                    "could not copy a submitted file to chat_id=%s error=%s", forward.chat_id, exc
                )

    async def on_button(self, update: Update, context: Context) -> None:
        """A button press: run its command as the pressing user and show the answer in place."""
        query = update.callback_query
        if query is None:
            return
        message = query.message
        if not query.data or message is None:
            await query.answer()
            return
        chat = message.chat
        command, owner = parse_callback(query.data)
        incoming = self._incoming(
            chat, query.from_user, command, addressed=True, button_owner=owner
        )
        reply = await self.core.handle(incoming)
        if reply is None:
            await query.answer()
        elif reply.notice:
            # A toast only (the reminders' "Đã nhận"): the message stays for the others.
            await query.answer(reply.notice[:CALLBACK_ANSWER_LIMIT])
        elif reply.refused:
            # A refusal must not replace an administrator's message for everyone.
            await query.answer(reply.plain()[:CALLBACK_ANSWER_LIMIT], show_alert=True)
        else:
            await query.answer()
            if isinstance(message, Message):
                await replace_with_reply(context.bot, message, reply)
            else:
                await send_reply(context.bot, chat.id, reply)

    async def on_membership(self, update: Update, context: Context) -> None:
        """The bot was added to or removed from a chat (or blocked in a private one)."""
        change = update.my_chat_member
        if change is None or change.chat.type == ChatType.CHANNEL:
            return
        chat = change.chat
        self.admins.forget(chat.id)
        joined = is_in_chat(change.new_chat_member)
        if is_in_chat(change.old_chat_member) == joined:
            return
        if joined:
            await self.core.chat_joined(
                PLATFORM, str(chat.id), title=chat.title, chat_type=chat_kind(chat)
            )
        else:
            await self.core.chat_left(PLATFORM, str(chat.id))
        log.info("bot membership chat_id=%s joined=%s", chat.id, joined)
        if joined and chat.type in GROUP_TYPES:
            await send_reply(context.bot, chat.id, GREETING)

    async def on_migration(self, update: Update, context: Context) -> None:
        """A group became a supergroup: its chat id changes, its settings and data stay."""
        del context
        message = update.message
        if message is None:
            return
        if message.migrate_to_chat_id is not None:
            old, new = message.chat.id, message.migrate_to_chat_id
        elif message.migrate_from_chat_id is not None:
            old, new = message.migrate_from_chat_id, message.chat.id
        else:
            return
        self.admins.forget(old)
        await self.core.chat_migrated(PLATFORM, str(old), str(new))
        log.info("chat migrated old_chat_id=%s new_chat_id=%s", old, new)

    async def on_error(self, update: object, context: Context) -> None:
        """Log a failed update with its context and tell the user one short true sentence."""
        update_id, chat_id, command = _describe(update)
        log.error(
            "update failed update_id=%s chat_id=%s command=%s",
            update_id,
            chat_id,
            command,
            exc_info=context.error,
        )
        if not isinstance(update, Update) or isinstance(context.error, Forbidden):
            return
        try:
            await _tell_failure(update, context)
        except TelegramError as exc:
            log.warning("could not report the failure update_id=%s error=%s", update_id, exc)


def _mentions(message: Message) -> tuple[UserRef, ...]:
    """Users a message points at: the author it replies to, then text mentions with a user."""
    found: list[UserRef] = []
    replied = message.reply_to_message
    # In a forum topic every message "replies" to the topic's creation: that is no one's mention.
    if replied is not None and replied.forum_topic_created is not None:
        replied = None
    if replied is not None and replied.from_user is not None and not replied.from_user.is_bot:
        found.append(UserRef(str(replied.from_user.id), replied.from_user.full_name))
    for entity in message.entities or message.caption_entities or ():
        if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None:
            found.append(UserRef(str(entity.user.id), entity.user.full_name))
    return tuple(found)


def _topic(message: Message | None) -> str | None:
    """The forum topic a message was written in, as the core stores it."""
    if message is None or not message.is_topic_message or message.message_thread_id is None:
        return None
    return str(message.message_thread_id)


def _replies_to_bot(message: Message, context: Context) -> bool:
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == context.bot.id)


async def _tell_failure(update: Update, context: Context) -> None:
    text = failure_text(context.error)
    query = update.callback_query
    if query is not None:
        try:
            await query.answer(text, show_alert=True)
            return
        except BadRequest:
            pass  # Already answered or too old: say it in the chat instead.
    message = update.message or (query.message if query else None)
    if message is not None:
        await context.bot.send_message(message.chat.id, text)


def register(application: Application[Any, Any, Any, Any, Any, Any], h: TelegramHandlers) -> None:
    """Every handler of the bot, in the order a reader follows an update."""
    groups_and_private = filters.ChatType.GROUPS | filters.ChatType.PRIVATE
    application.add_handler(ChatMemberHandler(h.on_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, h.on_migration))
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & groups_and_private, h.on_text)
    )
    application.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGE & filters.Document.ALL & groups_and_private, h.on_document
        )
    )
    application.add_handler(CallbackQueryHandler(h.on_button))
    application.add_error_handler(h.on_error)
