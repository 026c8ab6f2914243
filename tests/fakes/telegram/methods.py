"""The Bot API methods the bot calls, answered from the fake's state as Telegram answers them.

Only what the bot and its tests use is here; any other method gets a 404 saying so.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

from tests.fakes.telegram import checks
from tests.fakes.telegram.limits import InjectedFailures, RateLimits
from tests.fakes.telegram.records import (
    FakeChat,
    JsonDict,
    StoredMessage,
    Upload,
    WebhookState,
    bad_request,
    member_json,
)
from tests.fakes.telegram.updates import UpdateFeed

_SECRET_TOKEN_CHARS: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
)
_NOT_MODIFIED: Final = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


class BotMethods(UpdateFeed):
    """getMe, getUpdates, the webhook, sends, copies, edits, callback answers, admins, menu, files.

    Sends pass Telegram's checks (checks.py), then the flood limits when a test turned them on.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.callback_answers: dict[str, JsonDict] = {}
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self._limits: RateLimits | None = None
        self._failures = InjectedFailures()
        self._methods: dict[str, Callable[[JsonDict], Any]] = {
            "getMe": self._get_me,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "sendMessage": self._send_message,
            "sendPhoto": lambda params: self._send_media(params, "photo"),
            "sendDocument": lambda params: self._send_media(params, "document"),
            "copyMessage": self._copy_message,
            "editMessageText": self._edit_message_text,
            "answerCallbackQuery": self._answer_callback_query,
            "getChatAdministrators": self._get_chat_administrators,
            "setMyCommands": self._set_my_commands,
            "getFile": self._get_file,
        }

    # ------------------------------------------------------------------ scripting

    def set_rate_limits(
        self, *, global_per_sec: int | None = 30, per_group_per_min: int | None = 20
    ) -> None:
        """Enforce Telegram's flood limits on sends, measured with the injected clock."""
        self._limits = RateLimits(
            self._clock, global_per_sec=global_per_sec, per_group_per_min=per_group_per_min
        )

    def fail_next(
        self, method: str, status: int, *, times: int = 1, retry_after: int | None = None
    ) -> None:
        """Answer the next `times` calls of `method` with this error instead of running it."""
        self._failures.add(method, status, times=times, retry_after=retry_after)

    def commands_for(
        self, scope: JsonDict | None = None, language_code: str = ""
    ) -> list[JsonDict]:
        """The menu setMyCommands stored for a scope and language."""
        return list(self.commands.get(_commands_key(scope, language_code), []))

    # ------------------------------------------------------------------ bot and updates

    def _get_me(self, params: JsonDict) -> JsonDict:
        return {**self.bot_user, "can_join_groups": True, "can_read_all_group_messages": False}

    def _set_webhook(self, params: JsonDict) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return self._delete_webhook(params)
        if not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not (
            1 <= len(str(secret)) <= 256 and set(str(secret)) <= _SECRET_TOKEN_CHARS
        ):
            raise bad_request("secret token contains unallowed characters")
        allowed = params.get("allowed_updates")
        self.webhook = WebhookState(
            url=url,
            secret_token=None if secret is None else str(secret),
            allowed_updates=[str(kind) for kind in allowed] if isinstance(allowed, list) else None,
        )
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _delete_webhook(self, params: JsonDict) -> bool:
        self.webhook = WebhookState()
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    # ------------------------------------------------------------------ sending

    def _send_message(self, params: JsonDict) -> JsonDict:
        chat = self._target_chat(params)
        raw, text, entities = checks.message_text(params)
        return self._send(
            chat,
            params,
            StoredMessage(
                chat_id=chat.id,
                message_id=0,
                from_bot=True,
                date=self._now(),
                method="sendMessage",
                sender=self.bot_user,
                raw_text=raw,
                text=text,
                entities=entities,
                parse_mode=params.get("parse_mode"),
            ),
        )

    def _send_media(self, params: JsonDict, kind: str) -> JsonDict:
        chat = self._target_chat(params)
        upload = params.get(kind)
        if not isinstance(upload, Upload):
            # The bot uploads bytes; sending by file_id or URL is not modelled.
            raise bad_request(f"there is no {kind} in the request (the fake takes uploads)")
        if not upload.data:
            raise bad_request("file must be non-empty")
        size = checks.image_size(upload.data) if kind == "photo" else (1, 1)
        caption, caption_entities = checks.caption(params)
        stored = self._store_file(
            kind, upload.data, filename=upload.filename, mime_type=upload.content_type, size=size
        )
        return self._send(
            chat,
            params,
            StoredMessage(
                chat_id=chat.id,
                message_id=0,
                from_bot=True,
                date=self._now(),
                method="sendPhoto" if kind == "photo" else "sendDocument",
                sender=self.bot_user,
                parse_mode=params.get("parse_mode"),
                caption=caption,
                caption_entities=caption_entities,
                file=stored,
            ),
        )

    def _copy_message(self, params: JsonDict) -> JsonDict:
        chat = self._target_chat(params)
        source_chat = self._target_chat(params, "from_chat_id")
        message_id = params.get("message_id")
        source = self._messages.get(
            (source_chat.id, message_id if isinstance(message_id, int) else 0)
        )
        if source is None:
            raise bad_request("message to copy not found")
        if source.text is None and source.file is None:
            raise bad_request("message can't be copied")
        caption, caption_entities = source.caption, list(source.caption_entities)
        if source.file is not None and "caption" in params:
            caption, caption_entities = checks.caption(params)
        copy = StoredMessage(
            chat_id=chat.id,
            message_id=0,
            from_bot=True,
            date=self._now(),
            method="copyMessage",
            sender=self.bot_user,
            text=source.text,
            entities=list(source.entities),
            caption=caption,
            caption_entities=caption_entities,
            file=source.file,
        )
        self._send(chat, params, copy)
        return {"message_id": copy.message_id}

    def _send(self, chat: FakeChat, params: JsonDict, message: StoredMessage) -> JsonDict:
        """The checks every send shares, then the rate limit, then the message is stored."""
        message.reply_markup = checks.reply_markup(params.get("reply_markup"))
        message.message_thread_id = self._thread(chat, params)
        message.reply_to_message_id = self._reply_target(chat, params)
        if self._limits is not None:
            self._limits.check(chat)
        message.message_id = self._allocate_message_id(chat.id)
        return self._store_sent(message)

    def _thread(self, chat: FakeChat, params: JsonDict) -> int | None:
        thread_id = params.get("message_thread_id")
        if thread_id is None:
            return None
        if thread_id not in chat.topics:
            raise bad_request("message thread not found")
        return int(thread_id)

    def _reply_target(self, chat: FakeChat, params: JsonDict) -> int | None:
        reply = params.get("reply_parameters")
        if reply is None:
            return None
        if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
            raise bad_request("invalid reply parameters")
        if (chat.id, reply["message_id"]) in self._messages:
            return int(reply["message_id"])
        if reply.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")

    # ------------------------------------------------------------------ editing and buttons

    def _edit_message_text(self, params: JsonDict) -> JsonDict:
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID (the fake does not model inline messages)")
        chat = self._target_chat(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise bad_request("message identifier is not specified")
        message = self._messages.get((chat.id, message_id))
        if message is None:
            raise bad_request("message to edit not found")
        if not message.from_bot:
            raise bad_request("message can't be edited")
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        raw, text, entities = checks.message_text(params)
        # Like Telegram, an edit without reply_markup removes the inline keyboard.
        markup = checks.reply_markup(params.get("reply_markup"))
        if (text, entities, markup) == (message.text, message.entities, message.reply_markup):
            raise bad_request(_NOT_MODIFIED)
        message.raw_text, message.text, message.entities = raw, text, entities
        message.parse_mode = params.get("parse_mode")
        message.reply_markup = markup
        message.edits += 1
        message.edit_date = self._now()
        return self._message_json(message)

    def _answer_callback_query(self, params: JsonDict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._open_callbacks:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        if len(str(params.get("text") or "")) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        self._open_callbacks.discard(query_id)
        self.callback_answers[query_id] = dict(params)
        return True

    # ------------------------------------------------------------------ chats, menu, files

    def _get_chat_administrators(self, params: JsonDict) -> list[JsonDict]:
        chat = self._target_chat(params)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        members: list[JsonDict] = []
        if chat.creator_id is not None:
            members.append(member_json(self._user_json(chat.creator_id), "creator"))
        members.extend(
            member_json(self._user_json(user_id), "administrator") for user_id in chat.admin_ids
        )
        return members

    def _set_my_commands(self, params: JsonDict) -> bool:
        cleaned = checks.commands(params.get("commands"))
        self.commands[_commands_key(params.get("scope"), params.get("language_code"))] = cleaned
        return True

    def _get_file(self, params: JsonDict) -> JsonDict:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None or stored.data is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }


def _commands_key(scope: object, language_code: object) -> tuple[str, str]:
    """Menus are kept per scope and language, as setMyCommands keeps them."""
    scope_json = scope if isinstance(scope, dict) and scope else {"type": "default"}
    return json.dumps(scope_json, sort_keys=True), str(language_code or "")
