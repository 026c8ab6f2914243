"""Updates for the bot: builders for what users do, the getUpdates queue, webhook delivery."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Mapping
from typing import Any, Final

from aiohttp import ClientSession, ClientTimeout

from tests.fakes.telegram.html import utf16_len
from tests.fakes.telegram.records import ApiError, JsonDict, WebhookState, member_json
from tests.fakes.telegram.state import ChatState

SECRET_HEADER: Final = "X-Telegram-Bot-Api-Secret-Token"
# Entities Telegram finds in a user's text by itself; a client adds text_mention explicitly.
_AUTO_ENTITIES: Final = (
    ("bot_command", re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}\b")),
)
_DEFAULT_EXCLUDED: Final = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_CONFLICT_WEBHOOK: Final = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
_CONFLICT_POLLING: Final = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class UpdateFeed(ChatState):
    """Builds user updates, queues them for getUpdates (long polling) or posts them to a webhook.

    Pushed and delivered updates are learnt first (chats, users, messages, open callback
    queries), so the bot's answers to them are checked against what they said.
    """

    def __init__(self, *, long_poll_cap: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.long_poll_cap = long_poll_cap
        self.webhook = WebhookState()
        self._updates: list[JsonDict] = []
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._open_callbacks: set[str] = set()
        self._allowed_updates: frozenset[str] | None = None
        self._poll_generation = 0
        self._closing = False

    # ------------------------------------------------------------------ delivery

    def push_update(self, update: JsonDict) -> int:
        """Queue an update for getUpdates, assigning (overwriting) its update_id."""
        update_id = next(self._update_ids)
        queued = {**update, "update_id": update_id}
        self._observe(queued)
        self._updates.append(queued)
        self._notify()
        return update_id

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Updates queued and not yet confirmed by an offset."""
        return list(self._updates)

    async def deliver_webhook(
        self, url: str, update: JsonDict, secret_token: str | None = None
    ) -> int:
        """POST an update to a bot's webhook as Telegram would; return the HTTP status."""
        if "update_id" not in update:
            update = {**update, "update_id": next(self._update_ids)}
        self._observe(update)
        headers = {"Content-Type": "application/json"}
        if secret_token is not None:
            headers[SECRET_HEADER] = secret_token
        async with (
            ClientSession(timeout=ClientTimeout(total=10)) as session,
            session.post(url, data=json.dumps(update), headers=headers) as response,
        ):
            await response.read()
            return response.status

    def _observe(self, update: JsonDict) -> None:
        super()._observe(update)
        query = update.get("callback_query")
        if isinstance(query, dict):
            self._observe_user(query.get("from"))
            self._open_callbacks.add(str(query["id"]))
            if isinstance(query.get("message"), dict):
                self._observe_chat(query["message"].get("chat"))

    async def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        """getUpdates: confirm by offset, then wait up to the timeout (capped) for updates."""
        if self.webhook.url:
            raise ApiError(409, _CONFLICT_WEBHOOK)
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            # Telegram remembers the last list; an empty one means "back to the default".
            self._allowed_updates = frozenset(str(kind) for kind in allowed) or None
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        # A newer getUpdates ends an older one still waiting, as on the real server.
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()
        wait = min(timeout, self.long_poll_cap)
        if wait > 0 and not self._deliverable():
            try:
                async with asyncio.timeout(wait):
                    while not (
                        self._closing or generation != self._poll_generation or self._deliverable()
                    ):
                        event = asyncio.Event()
                        self._waiters.add(event)
                        try:
                            await event.wait()
                        finally:
                            self._waiters.discard(event)
            except TimeoutError:
                pass
            if generation != self._poll_generation and not self._closing:
                raise ApiError(409, _CONFLICT_POLLING)
        return self._deliverable()[:limit]

    def _deliverable(self) -> list[JsonDict]:
        return [update for update in self._updates if self._is_allowed(update)]

    def _is_allowed(self, update: JsonDict) -> bool:
        kind = next((key for key in update if key != "update_id"), "")
        if self._allowed_updates is None:
            return kind not in _DEFAULT_EXCLUDED
        return kind in self._allowed_updates

    # ------------------------------------------------------------------ builders

    def message_update(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        chat_type: str | None = None,
        user_first_name: str | None = None,
        is_bot: bool = False,
        message_id: int | None = None,
        reply_to_message_id: int | None = None,
        message_thread_id: int | None = None,
        text_mentions: Mapping[str, int] | None = None,
    ) -> JsonDict:
        """A user's text message; /commands and @usernames get their entities.

        `text_mentions` maps a name written in the text to the user it links to, as a client
        does for people without a username. `message_thread_id` puts the message in a topic
        of a forum supergroup.
        """
        user = self._user_json(user_id, user_first_name, is_bot=is_bot)
        message = self._user_message(
            chat_id, user, chat_type, message_id, reply_to_message_id, message_thread_id
        )
        message["text"] = text
        if entities := self._entities(text, text_mentions or {}):
            message["entities"] = entities
        return {"message": message}

    def document_update(
        self,
        chat_id: int,
        user_id: int,
        filename: str,
        data: bytes,
        *,
        caption: str | None = None,
        chat_type: str | None = None,
        reply_to_message_id: int | None = None,
        message_thread_id: int | None = None,
    ) -> JsonDict:
        """A user's document, optionally captioned; getFile serves its bytes to the bot."""
        stored = self._store_file("document", data, filename=filename)
        message = self._user_message(
            chat_id,
            self._user_json(user_id),
            chat_type,
            None,
            reply_to_message_id,
            message_thread_id,
        )
        message["document"] = stored.json()
        if caption:
            message["caption"] = caption
            if entities := self._entities(caption, {}):
                message["caption_entities"] = entities
        return {"message": message}

    def edited_message_update(
        self,
        chat_id: int,
        user_id: int,
        message_id: int,
        text: str,
        *,
        user_first_name: str | None = None,
    ) -> JsonDict:
        """An update saying a user edited one of their messages."""
        update = self.message_update(
            chat_id, user_id, text, user_first_name=user_first_name, message_id=message_id
        )
        return {"edited_message": {**update["message"], "edit_date": self._now()}}

    def callback_update(
        self,
        chat_id: int,
        user_id: int,
        message_id: int,
        data: str,
        *,
        user_first_name: str | None = None,
    ) -> JsonDict:
        """A press on an inline button of a message."""
        stored = self._messages.get((chat_id, message_id))
        if stored is not None:
            message = self._message_json(stored)
        else:
            message = {
                "message_id": message_id,
                "date": self._now(),
                "chat": self._chat_json(chat_id),
                "from": self.bot_user,
            }
        return {
            "callback_query": {
                "id": f"cbq-{next(self._callback_ids)}",
                "from": self._user_json(user_id, user_first_name),
                "message": message,
                "chat_instance": f"ci{abs(chat_id)}",
                "data": data,
            }
        }

    def my_chat_member_update(
        self,
        chat_id: int,
        user_id: int,
        old_status: str,
        new_status: str,
        *,
        chat_type: str | None = None,
        chat_title: str | None = None,
    ) -> JsonDict:
        """user_id changed the bot's own status in a chat (added it, removed it, …)."""
        return {
            "my_chat_member": {
                "chat": self._chat_json(chat_id, chat_type=chat_type, title=chat_title),
                "from": self._user_json(user_id),
                "date": self._now(),
                "old_chat_member": member_json(self.bot_user, old_status),
                "new_chat_member": member_json(self.bot_user, new_status),
            }
        }

    def migration_update(
        self, old_chat_id: int, new_chat_id: int, *, user_id: int | None = None
    ) -> JsonDict:
        """The service message in the old group announcing its upgrade to a supergroup."""
        message: JsonDict = {
            "message_id": self._allocate_message_id(old_chat_id),
            "date": self._now(),
            "chat": self._chat_json(old_chat_id, chat_type="group"),
            "migrate_to_chat_id": new_chat_id,
        }
        if user_id is not None:
            message["from"] = self._user_json(user_id)
        return {"message": message}

    def _user_message(
        self,
        chat_id: int,
        user: JsonDict,
        chat_type: str | None,
        message_id: int | None,
        reply_to_message_id: int | None,
        message_thread_id: int | None,
    ) -> JsonDict:
        """The common part of a user's message: who, where, when, in reply to what."""
        chat = self._chat_json(chat_id, chat_type=chat_type)
        if chat["type"] == "private":
            chat["first_name"] = user["first_name"]
        message: JsonDict = {
            "message_id": message_id or self._allocate_message_id(chat_id),
            "from": user,
            "chat": chat,
            "date": self._now(),
        }
        if message_thread_id is not None:
            if chat["type"] != "supergroup":
                raise ValueError("forum topics exist only in supergroups")
            chat["is_forum"] = True
            message["message_thread_id"] = message_thread_id
            message["is_topic_message"] = True
        if reply_to_message_id is not None:
            replied = self._messages.get((chat_id, reply_to_message_id))
            if replied is None:
                raise ValueError(f"no message {reply_to_message_id} in chat {chat_id} to reply to")
            message["reply_to_message"] = self._message_json(replied, with_reply=False)
        return message

    def _entities(self, text: str, text_mentions: Mapping[str, int]) -> list[JsonDict]:
        """Entities of a user's text, offsets in UTF-16 code units as Telegram counts them."""
        entities: list[JsonDict] = [
            {
                "type": kind,
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group()),
            }
            for kind, pattern in _AUTO_ENTITIES
            for match in pattern.finditer(text)
        ]
        for name, user_id in text_mentions.items():
            start = text.find(name)
            if start < 0:
                raise ValueError(f"{name!r} does not occur in {text!r}")
            entities.append(
                {
                    "type": "text_mention",
                    "offset": utf16_len(text[:start]),
                    "length": utf16_len(name),
                    "user": self._user_json(user_id),
                }
            )
        return sorted(entities, key=lambda entity: entity["offset"])
