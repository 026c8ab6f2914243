"""What the fake knows: chats and the bot's standing in them, users, messages and files."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import Iterable

from tests.fakes.telegram.limits import Clock
from tests.fakes.telegram.records import (
    FakeChat,
    JsonDict,
    StoredFile,
    StoredMessage,
    bad_request,
    chat_type_for,
    forbidden,
)


class ChatState:
    """The chats, users, messages and files behind the fake, with the calls tests script them by.

    The first layer of FakeTelegramServer; the update feed, the API methods and the HTTP server
    are stacked on it (updates.py, methods.py, server.py).
    """

    def __init__(
        self,
        *,
        token: str = "123456789:TEST-thidua-fake-token",
        bot_username: str = "thidua_test_bot",
        bot_first_name: str = "Thi Đua Bot",
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self._clock = clock
        self._wall_clock = wall_clock
        self._chats: dict[int, FakeChat] = {}
        self._users: dict[int, JsonDict] = {}
        self._messages: dict[tuple[int, int], StoredMessage] = {}
        self._sent: list[StoredMessage] = []
        self._files: dict[str, StoredFile] = {}
        self._next_message_id: Counter[int] = Counter()
        self._file_ids = itertools.count(1)
        # Set on every change a waiter may care about (a call, an update, a stop).
        self._waiters: set[asyncio.Event] = set()

    @property
    def bot_user(self) -> JsonDict:
        """The bot's own User object."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    # ------------------------------------------------------------------ scripting

    def add_chat(
        self,
        chat_id: int,
        *,
        chat_type: str | None = None,
        title: str | None = None,
        topics: Iterable[int] = (),
    ) -> FakeChat:
        """Make a chat known with the bot in it; unknown chats answer like real Telegram.

        `topics` makes a supergroup a forum with these topics (message_thread_id values).
        """
        chat = self._ensure_chat(chat_id, chat_type=chat_type, title=title)
        chat.bot_status = "member"
        chat.migrated_to = None
        chat.topics = set(topics)
        return chat

    def kick_bot(self, chat_id: int) -> None:
        """Remove the bot from a chat (or have a private user block it); sends then get 403."""
        self._ensure_chat(chat_id).bot_status = "kicked"

    def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """Upgrade a group to a supergroup; sends to the old id then get 400 + migrate_to."""
        old = self._ensure_chat(old_chat_id, chat_type="group")
        new = self._ensure_chat(new_chat_id, chat_type="supergroup", title=old.title)
        new.bot_status = old.bot_status
        new.admin_ids = list(old.admin_ids)
        new.creator_id = old.creator_id
        old.migrated_to = new_chat_id

    def set_admins(
        self, chat_id: int, user_ids: list[int], *, creator_id: int | None = None
    ) -> None:
        """Configure whom getChatAdministrators reports for a chat."""
        chat = self._ensure_chat(chat_id)
        chat.admin_ids = [user_id for user_id in user_ids if user_id != creator_id]
        chat.creator_id = creator_id

    # ------------------------------------------------------------------ inspection

    def sent_messages(self, chat_id: int | None = None) -> list[StoredMessage]:
        """Messages the bot sent, oldest first, optionally only those in one chat."""
        return [m for m in self._sent if chat_id is None or m.chat_id == chat_id]

    def get_message(self, chat_id: int, message_id: int) -> StoredMessage:
        """A stored message, the bot's or a user's (KeyError if unknown)."""
        return self._messages[(chat_id, message_id)]

    def get_file_bytes(self, file_id: str) -> bytes | None:
        """Bytes of a stored file (None for a user's file sent without bytes)."""
        return self._files[file_id].data

    # ------------------------------------------------------------------ records

    def _now(self) -> int:
        return int(self._wall_clock())

    def _notify(self) -> None:
        for event in self._waiters:
            event.set()

    def _ensure_chat(
        self, chat_id: int, *, chat_type: str | None = None, title: str | None = None
    ) -> FakeChat:
        chat = self._chats.setdefault(chat_id, FakeChat(chat_id, chat_type_for(chat_id)))
        chat.type = chat_type or chat.type
        chat.title = title or chat.title
        return chat

    def _allocate_message_id(self, chat_id: int) -> int:
        self._next_message_id[chat_id] += 1
        return self._next_message_id[chat_id]

    def _store_file(
        self,
        kind: str,
        data: bytes,
        *,
        filename: str | None = None,
        mime_type: str | None = None,
        size: tuple[int, int] = (1, 1),
    ) -> StoredFile:
        number = next(self._file_ids)
        stored = StoredFile(
            file_id=f"fake-{kind}-{number}",
            file_unique_id=f"u{kind}{number}",
            kind=kind,
            data=data,
            filename=filename,
            mime_type=mime_type,
            width=size[0],
            height=size[1],
        )
        self._files[stored.file_id] = stored
        return stored

    def _store_sent(self, message: StoredMessage) -> JsonDict:
        """Keep a message the bot sent and answer with its Message object.

        The one place every send passes: bench/telegram.py hooks it to time arrivals.
        """
        self._messages[(message.chat_id, message.message_id)] = message
        self._sent.append(message)
        return self._message_json(message)

    def _target_chat(self, params: JsonDict, key: str = "chat_id") -> FakeChat:
        """The chat a call addresses, or the error Telegram gives for it."""
        chat_id = params.get(key)
        if chat_id is None or chat_id == "":
            raise bad_request(f"{key} is empty")
        if not isinstance(chat_id, int):
            raise bad_request("chat not found")
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_id > 0:
                raise forbidden("bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.bot_status == "kicked":
            if chat.type == "private":
                raise forbidden("bot was blocked by the user")
            raise forbidden(f"bot was kicked from the {chat.type} chat")
        if chat.bot_status == "left":
            raise forbidden(f"bot is not a member of the {chat.type} chat")
        return chat

    # ------------------------------------------------------------------ JSON

    def _chat_json(
        self, chat_id: int, *, chat_type: str | None = None, title: str | None = None
    ) -> JsonDict:
        known = self._chats.get(chat_id)
        kind = chat_type or (known.type if known else chat_type_for(chat_id))
        if kind == "private":
            first_name = self._users.get(chat_id, {}).get("first_name", f"User {chat_id}")
            return {"id": chat_id, "type": kind, "first_name": first_name}
        title = title or (known.title if known else None) or f"Test {kind} {chat_id}"
        chat: JsonDict = {"id": chat_id, "type": kind, "title": title}
        if known is not None and known.topics:
            chat["is_forum"] = True
        return chat

    def _user_json(
        self, user_id: int, first_name: str | None = None, *, is_bot: bool = False
    ) -> JsonDict:
        known = self._users.get(user_id, {})
        return {
            "id": user_id,
            "is_bot": is_bot,
            "first_name": first_name or known.get("first_name") or f"User {user_id}",
            "language_code": "vi",
        }

    def _message_json(self, message: StoredMessage, *, with_reply: bool = True) -> JsonDict:
        if message.payload is not None:
            return dict(message.payload)
        result: JsonDict = {
            "message_id": message.message_id,
            "from": message.sender,
            "chat": self._chat_json(message.chat_id),
            "date": message.date,
        }
        if message.message_thread_id is not None:
            result["message_thread_id"] = message.message_thread_id
            result["is_topic_message"] = True
        if message.text is not None:
            result["text"] = message.text
            if message.entities:
                result["entities"] = message.entities
        if message.file is not None:
            # Telegram lists a photo in several sizes; one is enough for the bot.
            kind = message.file.kind
            file_json = message.file.json()
            result[kind] = [file_json] if kind == "photo" else file_json
        if message.caption:
            result["caption"] = message.caption
            if message.caption_entities:
                result["caption_entities"] = message.caption_entities
        if message.reply_markup is not None:
            result["reply_markup"] = message.reply_markup
        if message.edit_date is not None:
            result["edit_date"] = message.edit_date
        if with_reply and message.reply_to_message_id is not None:
            replied = self._messages.get((message.chat_id, message.reply_to_message_id))
            if replied is not None:
                result["reply_to_message"] = self._message_json(replied, with_reply=False)
        return result

    # ------------------------------------------------------------------ learning from updates

    def _observe(self, update: JsonDict) -> None:
        """Learn chats, users and messages from an update the bot is about to see."""
        for key in ("message", "edited_message"):
            message = update.get(key)
            if isinstance(message, dict):
                self._observe_message(message, edited=key == "edited_message")
        member = update.get("my_chat_member")
        if isinstance(member, dict):
            self._observe_user(member.get("from"))
            chat = self._observe_chat(member.get("chat"))
            status = member.get("new_chat_member", {}).get("status")
            if chat is not None and isinstance(status, str):
                # The bot's own standing: after "left" or "kicked" its sends get 403.
                chat.bot_status = status

    def _observe_user(self, user: object) -> None:
        if isinstance(user, dict) and "id" in user and user["id"] != self.bot_id:
            self._users[int(user["id"])] = dict(user)

    def _observe_chat(self, chat: object) -> FakeChat | None:
        if not isinstance(chat, dict) or "id" not in chat:
            return None
        chat_id = int(chat["id"])
        if chat_id in self._chats:
            # A known chat keeps its state: one the bot was kicked from stays so.
            return self._chats[chat_id]
        return self._ensure_chat(chat_id, chat_type=chat.get("type"), title=chat.get("title"))

    def _observe_message(self, message: JsonDict, *, edited: bool) -> None:
        self._observe_user(message.get("from"))
        chat = self._observe_chat(message.get("chat"))
        if chat is None or "message_id" not in message:
            return
        message_id = int(message["message_id"])
        self._next_message_id[chat.id] = max(self._next_message_id[chat.id], message_id)
        thread_id = message.get("message_thread_id")
        if message.get("is_topic_message") and isinstance(thread_id, int):
            chat.topics.add(thread_id)
        stored = self._messages.get((chat.id, message_id))
        if edited and stored is not None:
            stored.text = stored.raw_text = message.get("text")
            stored.edit_date = message.get("edit_date")
            stored.payload = dict(message)
            return
        sender = message.get("from") or {}
        replied = message.get("reply_to_message")
        self._messages[(chat.id, message_id)] = StoredMessage(
            chat_id=chat.id,
            message_id=message_id,
            from_bot=sender.get("id") == self.bot_id,
            date=int(message.get("date", self._now())),
            method="update",
            sender=sender,
            raw_text=message.get("text"),
            text=message.get("text"),
            entities=list(message.get("entities", [])),
            caption=message.get("caption"),
            caption_entities=list(message.get("caption_entities", [])),
            file=self._observed_document(message.get("document")),
            reply_to_message_id=replied.get("message_id") if isinstance(replied, dict) else None,
            message_thread_id=thread_id if isinstance(thread_id, int) else None,
            payload=dict(message),
        )

    def _observed_document(self, document: object) -> StoredFile | None:
        """The stored file of a user's document; one the fake never saw has no bytes."""
        if not isinstance(document, dict) or "file_id" not in document:
            return None
        known = self._files.get(str(document["file_id"]))
        if known is not None:
            return known
        return StoredFile(
            file_id=str(document["file_id"]),
            file_unique_id=str(document.get("file_unique_id", document["file_id"])),
            kind="document",
            data=None,
            filename=document.get("file_name"),
            mime_type=document.get("mime_type"),
        )
