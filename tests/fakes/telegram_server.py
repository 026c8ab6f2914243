"""Fake Telegram Bot API server on 127.0.0.1 that the real python-telegram-bot talks to in tests."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import math
import re
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from types import TracebackType
from typing import Any, Final, Self

from aiohttp import BodyPartReader, ClientSession, ClientTimeout, hdrs, web

_LOGGER = logging.getLogger(__name__)

JsonDict = dict[str, Any]
Clock = Callable[[], float]

MAX_TEXT_LENGTH: Final = 4096
MAX_CAPTION_LENGTH: Final = 1024
MAX_CALLBACK_DATA_BYTES: Final = 64
MAX_CALLBACK_ANSWER_LENGTH: Final = 200
MAX_COMMANDS: Final = 100

# Every method the fake answers; any other name gets Telegram's 404 "Not Found".
_METHODS: Final = (
    "getMe",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "deleteMessage",
    "answerCallbackQuery",
    "getChat",
    "getChatMember",
    "getChatAdministrators",
    "leaveChat",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "sendPhoto",
    "sendDocument",
    "sendChatAction",
    "getFile",
)
_CANONICAL_METHOD: Final = {name.lower(): name for name in _METHODS}
# Only real sends count toward flood limits (Telegram documents limits on messages sent).
_RATE_LIMITED_METHODS: Final = frozenset({"sendMessage", "sendPhoto", "sendDocument"})

# PTB sends form fields where non-string values are JSON-encoded, so the field type decides
# how a string is read back (a text "123" must stay a string, a chat_id "123" is an int).
_INT_PARAMS: Final = frozenset(
    {
        "message_id",
        "user_id",
        "offset",
        "limit",
        "reply_to_message_id",
        "message_thread_id",
        "cache_time",
        "max_connections",
        "from_chat_id",
    }
)
_FLOAT_PARAMS: Final = frozenset({"timeout"})
_BOOL_PARAMS: Final = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "has_spoiler",
        "disable_content_type_detection",
        "show_caption_above_media",
    }
)
_JSON_PARAMS: Final = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "allowed_updates",
        "reply_parameters",
        "link_preview_options",
        "media",
    }
)

_CHAT_ACTIONS: Final = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_BUTTON_ACTIONS: Final = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_COMMAND_RE: Final = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET_TOKEN_RE: Final = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_BOT_COMMAND_RE: Final = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_TRIMMED: Final = " \t\r\n"
_DEFAULT_EXCLUDED_UPDATES: Final = frozenset(
    {"chat_member", "message_reaction", "message_reaction_count"}
)
_MEMBER_STATUSES: Final = frozenset(
    {"creator", "administrator", "member", "restricted", "left", "kicked"}
)
_CONFLICT_WEBHOOK: Final = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
_CONFLICT_POLLING: Final = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
_NOT_MODIFIED: Final = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """A Bot API error answer: HTTP status, description and optional response parameters."""

    def __init__(self, status: int, description: str, parameters: JsonDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def _bad_request(reason: str, parameters: JsonDict | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}", parameters)


def _forbidden(reason: str) -> ApiError:
    return ApiError(403, f"Forbidden: {reason}")


# --------------------------------------------------------------------------- HTML entities


class HtmlParseError(ValueError):
    """The reason Telegram gives after "can't parse entities:" for rejected HTML."""


_ALLOWED_TAGS: Final = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "code",
        "pre",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "blockquote",
    }
)
_SIMPLE_ENTITY_TYPES: Final = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_NAMED_HTML_ENTITIES: Final = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# tdlib's is_space; the tag scanner stops on these.
_HTML_SPACE: Final = frozenset(" \t\r\n\v\0")
_HEX_DIGITS: Final = frozenset("0123456789abcdefABCDEF")


_TAG_OR_ENTITY: Final = re.compile("[<&]")


def utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units, the unit of Bot API entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _decode_html_entity(text: str, pos: int) -> tuple[str | None, int]:
    """Decode the entity starting at text[pos] == "&" the way tdlib does (";" is optional)."""
    end = pos + 1
    size = len(text)
    if end < size and text[end] == "#":
        end += 1
        if end < size and text[end] in "xX":
            end += 1
            start = end
            while end < size and text[end] in _HEX_DIGITS:
                end += 1
            digits, base = text[start:end], 16
        else:
            start = end
            while end < size and text[end].isascii() and text[end].isdigit():
                end += 1
            digits, base = text[start:end], 10
        if not digits or len(digits) > 7:
            return None, pos
        code = int(digits, base)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None, pos
        decoded = chr(code)
    else:
        start = end
        while end < size and text[end].isascii() and text[end].isalpha():
            end += 1
        named = _NAMED_HTML_ENTITIES.get(text[start:end])
        if named is None:
            return None, pos
        decoded = named
    if end < size and text[end] == ";":
        end += 1
    return decoded, end


@dataclass(slots=True)
class _OpenTag:
    name: str
    argument: str
    utf16_start: int
    chunk_start: int


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[JsonDict]]:
    """Render Telegram HTML to plain text and Bot API entities, raising HtmlParseError."""
    out: list[str] = []
    utf16_pos = 0
    stack: list[_OpenTag] = []
    entities: list[JsonDict] = []
    size = len(text)

    def byte_offset(pos: int) -> int:
        return len(text[:pos].encode("utf-8"))

    def emit(chunk: str) -> None:
        nonlocal utf16_pos
        out.append(chunk)
        utf16_pos += utf16_len(chunk)

    i = 0
    while i < size:
        char = text[i]
        if char == "&":
            decoded, end = _decode_html_entity(text, i)
            if decoded is not None:
                emit(decoded)
                i = end
                continue
            if strict_ampersand:
                # Telegram itself shows such an "&" literally, but its documentation requires
                # &amp;; being strict here catches a missing html.escape() before a "<" does.
                raise HtmlParseError(
                    f'Unescaped "&" at byte offset {byte_offset(i)}; write it as &amp; '
                    "(strict check of the fake server)"
                )
            emit(char)
            i += 1
            continue
        if char != "<":
            # The whole run of plain text up to the next tag or entity at once.
            special = _TAG_OR_ENTITY.search(text, i)
            stop = special.start() if special else size
            emit(text[i:stop])
            i = stop
            continue

        begin = i
        i += 1
        if i < size and text[i] == "/":
            if not stack:
                raise HtmlParseError(f"Unexpected end tag at byte offset {byte_offset(begin)}")
            i += 1
            name_start = i
            while i < size and text[i] != ">":
                i += 1
            if i >= size:
                raise HtmlParseError(f"Unclosed end tag at byte offset {byte_offset(begin)}")
            end_name = text[name_start:i].lower()
            i += 1
            top = stack[-1]
            if end_name and end_name != top.name:
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {byte_offset(begin)}, "
                    f'expected "</{top.name}>", found "</{end_name}>"'
                )
            stack.pop()
            _close_tag(top, stack, utf16_pos, "".join(out[top.chunk_start :]), entities)
            continue

        name_start = i
        while i < size and text[i] not in _HTML_SPACE and text[i] != ">":
            i += 1
        if i >= size:
            raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
        name = text[name_start:i].lower()
        if name not in _ALLOWED_TAGS:
            raise HtmlParseError(
                f'Unsupported start tag "{name}" at byte offset {byte_offset(begin)}'
            )
        argument = ""
        while True:
            while i < size and text[i] in _HTML_SPACE:
                i += 1
            if i >= size:
                raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if text[i] == ">":
                i += 1
                break
            attr_start = i
            while i < size and text[i] not in _HTML_SPACE and text[i] not in "=>":
                i += 1
            attr_name = text[attr_start:i].lower()
            if not attr_name:
                raise HtmlParseError(
                    f'Empty attribute name in the tag "{name}" at byte offset {byte_offset(begin)}'
                )
            while i < size and text[i] in _HTML_SPACE:
                i += 1
            if i >= size or text[i] != "=":
                if name == "blockquote" and attr_name == "expandable":
                    argument = "expandable"
                    continue
                raise HtmlParseError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{name}" at byte offset {byte_offset(begin)}'
                )
            i += 1
            while i < size and text[i] in _HTML_SPACE:
                i += 1
            if i >= size:
                raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            value_chars: list[str] = []
            if text[i] in "\"'":
                quote = text[i]
                i += 1
                while i < size and text[i] != quote:
                    if text[i] == "&":
                        decoded, end = _decode_html_entity(text, i)
                        if decoded is not None:
                            value_chars.append(decoded)
                            i = end
                            continue
                        if strict_ampersand:
                            raise HtmlParseError(
                                f'Unescaped "&" at byte offset {byte_offset(i)}; write it as '
                                "&amp; (strict check of the fake server)"
                            )
                    value_chars.append(text[i])
                    i += 1
                if i < size:
                    i += 1
                value = "".join(value_chars)
            else:
                token_start = i
                while i < size and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                    i += 1
                value = text[token_start:i].lower()
                if i < size and text[i] not in _HTML_SPACE and text[i] != ">":
                    raise HtmlParseError(
                        f"Unexpected end of name token at byte offset {byte_offset(token_start)}"
                    )
            if i >= size:
                raise HtmlParseError(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if name == "a" and attr_name == "href":
                argument = value
            elif name == "code" and attr_name == "class" and value.startswith("language-"):
                argument = value.removeprefix("language-")
            elif name == "span" and attr_name == "class" and value.startswith("tg-"):
                argument = value.removeprefix("tg-")
            elif name == "tg-emoji" and attr_name == "emoji-id":
                argument = value
        if name == "span" and argument != "spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
            )
        stack.append(_OpenTag(name, argument, utf16_pos, len(out)))

    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    for entity in entities:
        entity.pop("_language", None)
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return "".join(out), entities


def _close_tag(
    tag: _OpenTag, stack: list[_OpenTag], utf16_end: int, inner: str, entities: list[JsonDict]
) -> None:
    """Turn a closed tag into its Bot API entity; empty ones vanish as in Telegram."""
    length = utf16_end - tag.utf16_start
    if length == 0:
        return
    span: JsonDict = {"offset": tag.utf16_start, "length": length}
    simple = _SIMPLE_ENTITY_TYPES.get(tag.name)
    if simple is not None:
        entities.append({"type": simple, **span})
    elif tag.name == "a":
        url = tag.argument or inner
        if url:
            entities.append({"type": "text_link", **span, "url": url})
    elif tag.name == "code":
        entity: JsonDict = {"type": "code", **span}
        if stack and stack[-1].name == "pre" and tag.argument:
            entity["_language"] = tag.argument
        entities.append(entity)
    elif tag.name == "pre":
        last = entities[-1] if entities else None
        if (
            last is not None
            and "_language" in last
            and last["offset"] == tag.utf16_start
            and last["length"] == length
        ):
            entities[-1] = {"type": "pre", **span, "language": last["_language"]}
        else:
            entities.append({"type": "pre", **span})
    elif tag.name == "blockquote":
        kind = "expandable_blockquote" if tag.argument == "expandable" else "blockquote"
        entities.append({"type": kind, **span})
    elif tag.name == "tg-emoji" and tag.argument:
        entities.append({"type": "custom_emoji", **span, "custom_emoji_id": tag.argument})


def _trim(text: str, entities: list[JsonDict]) -> tuple[str, list[JsonDict]]:
    """Strip surrounding whitespace like Telegram does, clipping entities to what remains."""
    stripped = text.strip(_TRIMMED)
    if stripped == text:
        return text, entities
    left = utf16_len(text[: len(text) - len(text.lstrip(_TRIMMED))])
    total = utf16_len(stripped)
    clipped: list[JsonDict] = []
    for entity in entities:
        start = max(int(entity["offset"]) - left, 0)
        end = min(int(entity["offset"]) + int(entity["length"]) - left, total)
        if end > start:
            clipped.append({**entity, "offset": start, "length": end - start})
    return stripped, clipped


# --------------------------------------------------------------------------- state records


@dataclass(slots=True)
class Upload:
    """A file that arrived in a multipart request."""

    filename: str
    content_type: str
    data: bytes


@dataclass(slots=True)
class StoredFile:
    """A photo or document the bot sent; data is None when it was sent by URL or file_id."""

    file_id: str
    file_unique_id: str
    kind: str
    data: bytes | None
    filename: str | None = None
    mime_type: str | None = None
    url: str | None = None
    width: int = 1
    height: int = 1

    @property
    def file_path(self) -> str:
        """Path under the file URL, as getFile reports it."""
        return f"{self.kind}s/{self.file_unique_id}"


@dataclass(slots=True)
class StoredMessage:
    """A message the fake knows: sent by the bot, or pushed to it as a user update."""

    chat_id: int
    message_id: int
    from_bot: bool
    date: int
    method: str
    sender: JsonDict
    raw_text: str | None = None
    text: str | None = None
    entities: list[JsonDict] = field(default_factory=list)
    parse_mode: str | None = None
    raw_caption: str | None = None
    caption: str | None = None
    caption_entities: list[JsonDict] = field(default_factory=list)
    reply_markup: JsonDict | None = None
    file: StoredFile | None = None
    reply_to_message_id: int | None = None
    edit_date: int | None = None
    edits: int = 0
    deleted: bool = False
    payload: JsonDict | None = None


@dataclass(slots=True)
class FakeChat:
    """A chat the fake knows, with the bot's standing in it and its configured admins."""

    id: int
    type: str
    title: str | None = None
    first_name: str | None = None
    username: str | None = None
    bot_status: str = "member"
    migrated_to: int | None = None
    admin_ids: list[int] = field(default_factory=list)
    creator_id: int | None = None
    member_status: dict[int, str] = field(default_factory=dict)


@dataclass(slots=True)
class WebhookState:
    """What the last setWebhook call configured."""

    url: str = ""
    secret_token: str | None = None
    allowed_updates: list[str] | None = None
    max_connections: int | None = None


@dataclass(slots=True)
class _RateLimits:
    global_per_sec: int | None
    per_group_per_min: int | None
    global_window: deque[float] = field(default_factory=deque)
    group_windows: dict[int, deque[float]] = field(default_factory=dict)


@dataclass(slots=True)
class _InjectedFailure:
    status: int
    description: str
    parameters: JsonDict | None
    remaining: int


def _chat_type_for(chat_id: int) -> str:
    """Guess a chat type from the id shape Telegram uses."""
    if chat_id > 0:
        return "private"
    return "supergroup" if str(chat_id).startswith("-100") else "group"


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or GIF, (1, 1) for JPEG/WebP, None if not an image."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data.startswith((b"GIF87a", b"GIF89a")):
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if data.startswith(b"\xff\xd8\xff") or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return 1, 1
    return None


def member_json(user: JsonDict, status: str) -> JsonDict:
    """A ChatMember object with every field PTB requires for the given status."""
    if status == "creator":
        return {"status": status, "user": user, "is_anonymous": False}
    if status == "administrator":
        rights = (
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
            "can_pin_messages",
        )
        return {
            "status": status,
            "user": user,
            "can_be_edited": False,
            "is_anonymous": False,
            "can_promote_members": False,
            **dict.fromkeys(rights, True),
        }
    if status == "restricted":
        flags = (
            "can_change_info",
            "can_invite_users",
            "can_pin_messages",
            "can_send_messages",
            "can_send_polls",
            "can_send_other_messages",
            "can_add_web_page_previews",
            "can_manage_topics",
            "can_send_audios",
            "can_send_documents",
            "can_send_photos",
            "can_send_videos",
            "can_send_video_notes",
            "can_send_voice_notes",
            "can_edit_tag",
            "can_react_to_messages",
        )
        return {
            "status": status,
            "user": user,
            "is_member": True,
            "until_date": 0,
            **dict.fromkeys(flags, False),
        }
    if status == "kicked":
        return {"status": status, "user": user, "until_date": 0}
    if status in ("member", "left"):
        return {"status": status, "user": user}
    raise ValueError(f"unknown chat member status {status!r}")


# --------------------------------------------------------------------------- the server


class FakeTelegramServer:
    """An aiohttp server speaking the Bot API over HTTP, with hooks to script chats."""

    def __init__(
        self,
        *,
        token: str = "123456789:TEST-thidua-fake-token",
        bot_username: str = "thidua_test_bot",
        bot_first_name: str = "Thi Đua Bot",
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
        long_poll_cap: float = 1.0,
        strict_ampersand: bool = True,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.long_poll_cap = long_poll_cap
        self.strict_ampersand = strict_ampersand
        self._clock = clock
        self._wall_clock = wall_clock

        self.calls: list[tuple[str, JsonDict]] = []
        self.errors: list[tuple[str, int, str]] = []
        self.sent_per_chat: Counter[int] = Counter()
        self.too_many_requests = 0
        self.webhook = WebhookState()
        self.callback_answers: dict[str, JsonDict] = {}
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}

        self._chats: dict[int, FakeChat] = {}
        self._users: dict[int, JsonDict] = {}
        self._messages: dict[tuple[int, int], StoredMessage] = {}
        self._sent: list[StoredMessage] = []
        self._files: dict[str, StoredFile] = {}
        self._next_message_id: Counter[int] = Counter()
        self._updates: list[JsonDict] = []
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._open_callbacks: set[str] = set()
        self._allowed_updates: frozenset[str] | None = None
        self._limits: _RateLimits | None = None
        self._failures: dict[str, deque[_InjectedFailure]] = {}
        self._poll_generation = 0
        self._waiters: set[asyncio.Event] = set()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._handlers: dict[str, Callable[[JsonDict], Any]] = {
            "getMe": self._get_me,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "leaveChat": self._leave_chat,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendPhoto": lambda params: self._send_media(params, "photo"),
            "sendDocument": lambda params: self._send_media(params, "document"),
            "sendChatAction": self._send_chat_action,
            "getFile": self._get_file,
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Listen on an ephemeral port of 127.0.0.1."""
        if self._runner is not None:
            raise RuntimeError("FakeTelegramServer is already started")
        self._closing = False
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=2.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        """Answer pending long polls and close the listener; safe to call twice."""
        self._closing = True
        self._notify()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """Root URL of the server, e.g. http://127.0.0.1:41234."""
        if self._port is None:
            raise RuntimeError("FakeTelegramServer is not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def api_url(self) -> str:
        """Value for ApplicationBuilder.base_url / Bot(base_url=...); PTB appends the token."""
        return f"{self.base_url}/bot"

    @property
    def file_url(self) -> str:
        """Value for ApplicationBuilder.base_file_url / Bot(base_file_url=...)."""
        return f"{self.base_url}/file/bot"

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
        first_name: str | None = None,
        username: str | None = None,
        bot_status: str = "member",
    ) -> FakeChat:
        """Make a chat known (with the bot in it); unknown chats answer like real Telegram."""
        chat = self._ensure_chat(chat_id, chat_type=chat_type, title=title)
        if first_name is not None:
            chat.first_name = first_name
        if username is not None:
            chat.username = username
        chat.bot_status = bot_status
        chat.migrated_to = None
        return chat

    def chat(self, chat_id: int) -> FakeChat:
        """The known chat with this id (KeyError if none)."""
        return self._chats[chat_id]

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
        new.member_status = dict(old.member_status)
        old.migrated_to = new_chat_id

    def set_admins(
        self, chat_id: int, user_ids: list[int], *, creator_id: int | None = None
    ) -> None:
        """Configure who getChatAdministrators / getChatMember report as admins of a chat."""
        chat = self._ensure_chat(chat_id)
        chat.admin_ids = [user_id for user_id in user_ids if user_id != creator_id]
        chat.creator_id = creator_id

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """Override getChatMember's status for one user (e.g. "left", "kicked")."""
        if status not in _MEMBER_STATUSES:
            raise ValueError(f"unknown chat member status {status!r}")
        self._ensure_chat(chat_id).member_status[user_id] = status

    def set_rate_limits(
        self, *, global_per_sec: int | None = 30, per_group_per_min: int | None = 20
    ) -> None:
        """Enforce Telegram's flood limits on sends, measured with the injected clock."""
        self._limits = _RateLimits(global_per_sec, per_group_per_min)

    def disable_rate_limits(self) -> None:
        """Turn flood limits off again (the default)."""
        self._limits = None

    def fail_next(
        self,
        method: str,
        status: int,
        description: str | None = None,
        *,
        times: int = 1,
        retry_after: int | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with this error instead of running it."""
        if description is None:
            if status == 429:
                description = "Too Many Requests" + (
                    f": retry after {retry_after}" if retry_after is not None else ""
                )
            else:
                description = HTTPStatus(status).phrase
        parameters = {"retry_after": retry_after} if retry_after is not None else None
        queue = self._failures.setdefault(method.lower(), deque())
        queue.append(_InjectedFailure(status, description, parameters, times))

    # ------------------------------------------------------------------ inspection

    def calls_to(self, method: str) -> list[JsonDict]:
        """Parameters of every call of one method, in arrival order."""
        wanted = method.lower()
        return [params for name, params in self.calls if name.lower() == wanted]

    def sent_messages(self, chat_id: int | None = None) -> list[StoredMessage]:
        """Messages the bot sent and has not deleted, oldest first, optionally for one chat."""
        return [
            message
            for message in self._sent
            if not message.deleted and (chat_id is None or message.chat_id == chat_id)
        ]

    def get_message(self, chat_id: int, message_id: int) -> StoredMessage:
        """A stored message (KeyError if unknown)."""
        return self._messages[(chat_id, message_id)]

    def get_file_bytes(self, file_id: str) -> bytes | None:
        """Bytes of an uploaded photo or document (None when sent by URL or file_id)."""
        return self._files[file_id].data

    def commands_for(
        self, scope: JsonDict | None = None, language_code: str = ""
    ) -> list[JsonDict]:
        """Commands stored by setMyCommands for a scope and language."""
        return list(self.commands.get(self._commands_key(scope, language_code), []))

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Updates queued and not yet confirmed by an offset."""
        return list(self._updates)

    # ------------------------------------------------------------------ waiting

    # The timeout is part of the waiter API on purpose: a hung bot must fail the test quickly
    # and the error should list the calls seen, which a caller's asyncio.timeout cannot do.
    async def wait_until(
        self,
        predicate: Callable[[], bool],
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
        what: str = "condition",
    ) -> None:
        """Wait until predicate() holds, re-checked after every call the server handles."""
        try:
            async with asyncio.timeout(timeout):
                while not predicate():
                    event = asyncio.Event()
                    self._waiters.add(event)
                    try:
                        await event.wait()
                    finally:
                        self._waiters.discard(event)
        except TimeoutError:
            seen = Counter(name for name, _ in self.calls)
            raise TimeoutError(
                f"timed out after {timeout}s waiting for {what}; calls so far: {dict(seen)}"
            ) from None

    async def wait_for_calls(
        self,
        method: str,
        count: int = 1,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[JsonDict]:
        """Wait for `count` calls of `method`, answered or failed; return all its calls."""
        await self.wait_until(
            lambda: len(self.calls_to(method)) >= count,
            timeout=timeout,
            what=f"{count} {method} call(s)",
        )
        return self.calls_to(method)

    async def wait_for_sent(
        self,
        chat_id: int,
        count: int = 1,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[StoredMessage]:
        """Wait until the bot has `count` live messages in a chat; return them."""
        await self.wait_until(
            lambda: len(self.sent_messages(chat_id)) >= count,
            timeout=timeout,
            what=f"{count} message(s) in chat {chat_id}",
        )
        return self.sent_messages(chat_id)

    def _notify(self) -> None:
        for event in self._waiters:
            event.set()

    # ------------------------------------------------------------------ updates

    def push_update(self, update: JsonDict) -> int:
        """Queue an update for getUpdates, assigning (overwriting) its update_id."""
        update_id = next(self._update_ids)
        queued = {**update, "update_id": update_id}
        self._observe(queued)
        self._updates.append(queued)
        self._notify()
        return update_id

    async def deliver_webhook(
        self, url: str, update: JsonDict, secret_token: str | None = None
    ) -> int:
        """POST an update to a bot's webhook as Telegram would; return the HTTP status."""
        if "update_id" not in update:
            update = {**update, "update_id": next(self._update_ids)}
        self._observe(update)
        headers: dict[str, str] = {"Content-Type": "application/json"}
        if secret_token is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret_token
        async with (
            ClientSession(timeout=ClientTimeout(total=10)) as session,
            session.post(url, data=json.dumps(update), headers=headers) as response,
        ):
            await response.read()
            return response.status

    def message_update(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        chat_type: str | None = None,
        chat_title: str | None = None,
        user_first_name: str | None = None,
        username: str | None = None,
        is_bot: bool = False,
        message_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> JsonDict:
        """An update with a text message; /commands get bot_command entities."""
        user = self._user_json(user_id, user_first_name, username=username, is_bot=is_bot)
        message = self._user_message_json(
            chat_id, user, text, chat_type=chat_type, chat_title=chat_title, message_id=message_id
        )
        if reply_to_message_id is not None:
            replied = self._messages.get((chat_id, reply_to_message_id))
            if replied is not None:
                message["reply_to_message"] = self._message_json(replied, with_reply=False)
        return {"message": message}

    def edited_message_update(
        self,
        chat_id: int,
        user_id: int,
        message_id: int,
        text: str,
        *,
        chat_type: str | None = None,
        chat_title: str | None = None,
        user_first_name: str | None = None,
    ) -> JsonDict:
        """An update saying a user edited one of their messages."""
        user = self._user_json(user_id, user_first_name)
        message = self._user_message_json(
            chat_id, user, text, chat_type=chat_type, chat_title=chat_title, message_id=message_id
        )
        message["edit_date"] = self._now()
        return {"edited_message": message}

    def callback_update(
        self,
        chat_id: int,
        user_id: int,
        message_id: int,
        data: str,
        *,
        user_first_name: str | None = None,
    ) -> JsonDict:
        """An update for a press on an inline button of a message."""
        user = self._user_json(user_id, user_first_name)
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
                "from": user,
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
        """An update saying user_id changed the bot's own status in a chat."""
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

    # ------------------------------------------------------------------ HTTP plumbing

    async def _handle_api(self, request: web.Request) -> web.Response:
        raw_method = request.match_info["method"]
        method = _CANONICAL_METHOD.get(raw_method.lower())
        if request.match_info["token"] != self.token:
            return self._error_response(raw_method, ApiError(401, "Unauthorized"))
        try:
            raw, uploads = await self._read_params(request)
        except ApiError as exc:
            self._record(method or raw_method, {})
            return self._error_response(method or raw_method, exc)
        try:
            params = self._coerce_params(raw, uploads)
        except ApiError as exc:
            self._record(method or raw_method, dict(raw))
            return self._error_response(method or raw_method, exc)
        self._record(method or raw_method, params)
        if method is None:
            # PTB reports any 404 as InvalidToken, so say plainly what is missing.
            reason = f"Not Found: method {raw_method} is not implemented by FakeTelegramServer"
            return self._error_response(raw_method, ApiError(404, reason))
        try:
            self._raise_injected_failure(method)
            if method == "getUpdates":
                result = await self._get_updates(params)
            else:
                result = self._handlers[method](params)
        except ApiError as exc:
            return self._error_response(method, exc)
        finally:
            self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        path = request.match_info["path"]
        for stored in self._files.values():
            if stored.file_path == path and stored.data is not None:
                return web.Response(
                    body=stored.data, content_type=stored.mime_type or "application/octet-stream"
                )
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    async def _read_params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
        """Read query, JSON, url-encoded or multipart parameters the way the Bot API accepts."""
        raw: dict[str, Any] = dict(request.query)
        uploads: dict[str, Upload] = {}
        if not request.can_read_body:
            return raw, uploads
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise _bad_request("can't parse JSON") from None
            if not isinstance(body, dict):
                raise _bad_request("JSON object expected")
            raw.update(body)
        elif request.content_type == "multipart/form-data":
            # Read parts ourselves: request.post() would spool files into temp files.
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                if part.filename is not None:
                    content_type = part.headers.get(hdrs.CONTENT_TYPE, "application/octet-stream")
                    uploads[part.name] = Upload(
                        part.filename, content_type, bytes(await part.read())
                    )
                else:
                    raw[part.name] = await part.text()
        else:
            form = await request.post()
            raw.update({key: value for key, value in form.items() if isinstance(value, str)})
        return raw, uploads

    @staticmethod
    def _coerce_params(raw: dict[str, Any], uploads: dict[str, Upload]) -> JsonDict:
        """Give each parameter its Bot API type; resolve file fields and attach:// references."""
        params: JsonDict = {}
        for name, value in raw.items():
            if isinstance(value, str) and value.startswith("attach://"):
                attached = uploads.get(value.removeprefix("attach://"))
                if attached is None:
                    raise _bad_request(f"file {value} not found in the request")
                params[name] = attached
            elif name in _JSON_PARAMS:
                if isinstance(value, str):
                    try:
                        value = json.loads(value)
                    except ValueError:
                        raise _bad_request(f"can't parse {name} JSON object") from None
                params[name] = value
            elif not isinstance(value, str):
                params[name] = value
            elif name == "chat_id":
                try:
                    params[name] = int(value)
                except ValueError:
                    params[name] = value
            elif name in _INT_PARAMS:
                try:
                    params[name] = int(value)
                except ValueError:
                    raise _bad_request(f"invalid {name} specified") from None
            elif name in _FLOAT_PARAMS:
                try:
                    params[name] = float(value)
                except ValueError:
                    raise _bad_request(f"invalid {name} specified") from None
            elif name in _BOOL_PARAMS:
                params[name] = value.lower() in ("true", "1")
            else:
                params[name] = value
        for name, upload in uploads.items():
            params.setdefault(name, upload)
        return params

    def _record(self, method: str, params: JsonDict) -> None:
        _LOGGER.debug("fake telegram call %s", method)
        self.calls.append((method, params))
        self._notify()

    def _error_response(self, method: str, exc: ApiError) -> web.Response:
        if exc.status == 429:
            self.too_many_requests += 1
        self.errors.append((method, exc.status, exc.description))
        body: JsonDict = {"ok": False, "error_code": exc.status, "description": exc.description}
        if exc.parameters:
            body["parameters"] = exc.parameters
        return web.json_response(body, status=exc.status)

    def _raise_injected_failure(self, method: str) -> None:
        queue = self._failures.get(method.lower())
        if not queue:
            return
        failure = queue[0]
        failure.remaining -= 1
        if failure.remaining <= 0:
            queue.popleft()
        raise ApiError(failure.status, failure.description, failure.parameters)

    # ------------------------------------------------------------------ chats and users

    def _now(self) -> int:
        return int(self._wall_clock())

    def _ensure_chat(
        self, chat_id: int, *, chat_type: str | None = None, title: str | None = None
    ) -> FakeChat:
        chat = self._chats.get(chat_id)
        if chat is None:
            kind = chat_type or _chat_type_for(chat_id)
            chat = FakeChat(id=chat_id, type=kind)
            if kind == "private":
                chat.first_name = self._users.get(chat_id, {}).get("first_name", f"User {chat_id}")
            else:
                chat.title = title or f"Test {kind} {chat_id}"
            self._chats[chat_id] = chat
        else:
            if chat_type is not None:
                chat.type = chat_type
            if title is not None:
                chat.title = title
        return chat

    def _chat_json(
        self, chat_id: int, *, chat_type: str | None = None, title: str | None = None
    ) -> JsonDict:
        known = self._chats.get(chat_id)
        kind = chat_type or (known.type if known else _chat_type_for(chat_id))
        if kind == "private":
            user = self._users.get(chat_id, {})
            first_name = (known.first_name if known else None) or user.get("first_name")
            chat: JsonDict = {"id": chat_id, "type": kind, "first_name": first_name or "User"}
            username = (known.username if known else None) or user.get("username")
            if username:
                chat["username"] = username
            return chat
        return {
            "id": chat_id,
            "type": kind,
            "title": title or (known.title if known else None) or f"Test {kind} {chat_id}",
        }

    def _user_json(
        self,
        user_id: int,
        first_name: str | None = None,
        *,
        username: str | None = None,
        is_bot: bool = False,
    ) -> JsonDict:
        known = self._users.get(user_id, {})
        user: JsonDict = {
            "id": user_id,
            "is_bot": is_bot,
            "first_name": first_name or known.get("first_name") or f"User {user_id}",
            "language_code": "vi",
        }
        if username or known.get("username"):
            user["username"] = username or known["username"]
        return user

    def _allocate_message_id(self, chat_id: int) -> int:
        self._next_message_id[chat_id] += 1
        return self._next_message_id[chat_id]

    def _user_message_json(
        self,
        chat_id: int,
        user: JsonDict,
        text: str,
        *,
        chat_type: str | None,
        chat_title: str | None,
        message_id: int | None,
    ) -> JsonDict:
        kind = chat_type or _chat_type_for(chat_id)
        chat = self._chat_json(chat_id, chat_type=kind, title=chat_title)
        if kind == "private":
            chat["first_name"] = user["first_name"]
        message: JsonDict = {
            "message_id": message_id or self._allocate_message_id(chat_id),
            "from": user,
            "chat": chat,
            "date": self._now(),
            "text": text,
        }
        commands = [
            {
                "type": "bot_command",
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group()),
            }
            for match in _BOT_COMMAND_RE.finditer(text)
        ]
        if commands:
            message["entities"] = commands
        return message

    def _observe(self, update: JsonDict) -> None:
        """Learn chats, users and messages from an update the bot is about to see."""
        for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
            message = update.get(key)
            if isinstance(message, dict):
                self._observe_message(message, edited=key.startswith("edited"))
        query = update.get("callback_query")
        if isinstance(query, dict):
            self._observe_user(query.get("from"))
            self._open_callbacks.add(str(query["id"]))
            if isinstance(query.get("message"), dict):
                self._observe_chat(query["message"].get("chat"))
        member = update.get("my_chat_member")
        if isinstance(member, dict):
            self._observe_user(member.get("from"))
            self._observe_chat(member.get("chat"))

    def _observe_user(self, user: object) -> None:
        if isinstance(user, dict) and "id" in user and user["id"] != self.bot_id:
            self._users[int(user["id"])] = dict(user)

    def _observe_chat(self, chat: object) -> None:
        # Only unknown chats are added: a chat the bot was kicked from stays kicked.
        if isinstance(chat, dict) and int(chat["id"]) not in self._chats:
            known = self._ensure_chat(int(chat["id"]), chat_type=chat.get("type"))
            known.title = chat.get("title", known.title)
            known.first_name = chat.get("first_name", known.first_name)
            known.username = chat.get("username", known.username)

    def _observe_message(self, message: JsonDict, *, edited: bool) -> None:
        self._observe_user(message.get("from"))
        self._observe_chat(message.get("chat"))
        chat_id = int(message["chat"]["id"])
        message_id = int(message["message_id"])
        self._next_message_id[chat_id] = max(self._next_message_id[chat_id], message_id)
        stored = self._messages.get((chat_id, message_id))
        if edited and stored is not None:
            stored.text = stored.raw_text = message.get("text")
            stored.edit_date = message.get("edit_date")
            stored.payload = dict(message)
            return
        sender = message.get("from") or {}
        self._messages[(chat_id, message_id)] = StoredMessage(
            chat_id=chat_id,
            message_id=message_id,
            from_bot=sender.get("id") == self.bot_id,
            date=int(message.get("date", self._now())),
            method="update",
            sender=sender,
            raw_text=message.get("text"),
            text=message.get("text"),
            entities=list(message.get("entities", [])),
            payload=dict(message),
        )

    def _target_chat(self, params: JsonDict) -> FakeChat:
        """The chat a call addresses, or the error Telegram gives for it."""
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        if not isinstance(chat_id, int):
            raise _bad_request("chat not found")
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_id > 0:
                raise _forbidden("bot can't initiate conversation with a user")
            raise _bad_request("chat not found")
        if chat.migrated_to is not None:
            raise _bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.bot_status == "kicked":
            if chat.type == "private":
                raise _forbidden("bot was blocked by the user")
            raise _forbidden(f"bot was kicked from the {chat.type} chat")
        if chat.bot_status == "left":
            raise _forbidden(f"bot is not a member of the {chat.type} chat")
        return chat

    # ------------------------------------------------------------------ validation helpers

    def _render(
        self, text: str, parse_mode: object, explicit_entities: object
    ) -> tuple[str, list[JsonDict]]:
        if parse_mode in (None, ""):
            entities = list(explicit_entities) if isinstance(explicit_entities, list) else []
            return _trim(text, entities)
        if not isinstance(parse_mode, str) or parse_mode.lower() != "html":
            raise _bad_request(f"unsupported parse_mode {parse_mode!r} (the fake implements HTML)")
        try:
            rendered, entities = parse_html(text, strict_ampersand=self.strict_ampersand)
        except HtmlParseError as exc:
            raise _bad_request(f"can't parse entities: {exc}") from None
        return _trim(rendered, entities)

    def _render_text(self, params: JsonDict) -> tuple[str, str, list[JsonDict]]:
        text = params.get("text")
        if text is None or text == "":
            raise _bad_request("message text is empty")
        raw = str(text)
        rendered, entities = self._render(raw, params.get("parse_mode"), params.get("entities"))
        if not rendered:
            raise _bad_request("message text is empty")
        # Telegram counts Unicode code points here (entity offsets are UTF-16, the limit is not).
        if len(rendered) > MAX_TEXT_LENGTH:
            raise _bad_request("message is too long")
        return raw, rendered, entities

    @staticmethod
    def _validate_reply_markup(markup: object) -> JsonDict | None:
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            if any(key in markup for key in ("keyboard", "remove_keyboard", "force_reply")):
                return markup
            raise _bad_request("can't parse reply keyboard markup JSON object")
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                if not isinstance(button, dict):
                    raise _bad_request(
                        "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
                    )
                text = button.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise _bad_request(
                        'can\'t parse inline keyboard button: Field "text" must be of type String'
                    )
                actions = [key for key in _BUTTON_ACTIONS if key in button]
                if len(actions) != 1:
                    raise _bad_request(
                        "can't parse inline keyboard button: "
                        "Text buttons are unallowed in the inline keyboard"
                    )
                if "callback_data" in button:
                    data = button["callback_data"]
                    if not isinstance(data, str) or not (
                        1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
                    ):
                        raise _bad_request("BUTTON_DATA_INVALID")
                if "url" in button:
                    url = button["url"]
                    if not isinstance(url, str) or not url.startswith(
                        ("http://", "https://", "tg://")
                    ):
                        raise _bad_request("BUTTON_URL_INVALID")
        return markup

    def _reply_target(self, chat: FakeChat, params: JsonDict) -> StoredMessage | None:
        reply_parameters = params.get("reply_parameters")
        allow_missing = bool(params.get("allow_sending_without_reply"))
        message_id: object = params.get("reply_to_message_id")
        if isinstance(reply_parameters, dict):
            message_id = reply_parameters.get("message_id")
            allow_missing = allow_missing or bool(
                reply_parameters.get("allow_sending_without_reply")
            )
        if message_id is None:
            return None
        if not isinstance(message_id, int):
            raise _bad_request("invalid reply message identifier")
        replied = self._messages.get((chat.id, message_id))
        if replied is None or replied.deleted:
            if allow_missing:
                return None
            raise _bad_request("message to be replied not found")
        return replied

    def _check_rate_limit(self, chat: FakeChat) -> None:
        limits = self._limits
        if limits is None:
            return
        now = self._clock()
        window = limits.global_window
        while window and window[0] <= now - 1.0:
            window.popleft()
        if limits.global_per_sec is not None and len(window) >= limits.global_per_sec:
            self._raise_retry_after(window[0] + 1.0 - now)
        group_window: deque[float] | None = None
        if limits.per_group_per_min is not None and chat.type in ("group", "supergroup"):
            group_window = limits.group_windows.setdefault(chat.id, deque())
            while group_window and group_window[0] <= now - 60.0:
                group_window.popleft()
            if len(group_window) >= limits.per_group_per_min:
                self._raise_retry_after(group_window[0] + 60.0 - now)
            group_window.append(now)
        window.append(now)

    @staticmethod
    def _raise_retry_after(seconds: float) -> None:
        retry_after = max(1, math.ceil(seconds))
        raise ApiError(
            429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
        )

    def _store_sent(self, message: StoredMessage) -> JsonDict:
        self._messages[(message.chat_id, message.message_id)] = message
        self._sent.append(message)
        self.sent_per_chat[message.chat_id] += 1
        return self._message_json(message)

    def _message_json(self, message: StoredMessage, *, with_reply: bool = True) -> JsonDict:
        if message.payload is not None:
            return dict(message.payload)
        result: JsonDict = {
            "message_id": message.message_id,
            "from": message.sender,
            "chat": self._chat_json(message.chat_id),
            "date": message.date,
        }
        if message.text is not None:
            result["text"] = message.text
            if message.entities:
                result["entities"] = message.entities
        if message.file is not None:
            stored = message.file
            if stored.kind == "photo":
                result["photo"] = [
                    {
                        "file_id": stored.file_id,
                        "file_unique_id": stored.file_unique_id,
                        "width": stored.width,
                        "height": stored.height,
                        "file_size": len(stored.data or b""),
                    }
                ]
            else:
                document: JsonDict = {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": len(stored.data or b""),
                }
                if stored.filename:
                    document["file_name"] = stored.filename
                if stored.mime_type:
                    document["mime_type"] = stored.mime_type
                result["document"] = document
        if message.caption:
            result["caption"] = message.caption
            if message.caption_entities:
                result["caption_entities"] = message.caption_entities
        # Telegram echoes only inline keyboards back in the Message object.
        if message.reply_markup is not None and "inline_keyboard" in message.reply_markup:
            result["reply_markup"] = message.reply_markup
        if message.edit_date is not None:
            result["edit_date"] = message.edit_date
        if with_reply and message.reply_to_message_id is not None:
            replied = self._messages.get((message.chat_id, message.reply_to_message_id))
            if replied is not None:
                result["reply_to_message"] = self._message_json(replied, with_reply=False)
        return result

    def _editable_message(self, params: JsonDict) -> StoredMessage:
        if params.get("inline_message_id"):
            raise _bad_request("MESSAGE_ID_INVALID (the fake does not model inline messages)")
        chat = self._target_chat(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise _bad_request("message identifier is not specified")
        message = self._messages.get((chat.id, message_id))
        if message is None or message.deleted:
            raise _bad_request("message to edit not found")
        if not message.from_bot:
            raise _bad_request("message can't be edited")
        return message

    # ------------------------------------------------------------------ Bot API methods

    def _get_me(self, params: JsonDict) -> JsonDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        if self.webhook.url:
            raise ApiError(409, _CONFLICT_WEBHOOK)
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            # Telegram remembers the last list; an empty list means "back to the default".
            self._allowed_updates = frozenset(str(kind) for kind in allowed) or None
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
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
            return kind not in _DEFAULT_EXCLUDED_UPDATES
        return kind in self._allowed_updates

    def _set_webhook(self, params: JsonDict) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return self._delete_webhook(params)
        if not url.startswith("https://"):
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_TOKEN_RE.fullmatch(str(secret)):
            raise _bad_request("secret token contains unallowed characters")
        allowed = params.get("allowed_updates")
        self.webhook = WebhookState(
            url=url,
            secret_token=None if secret is None else str(secret),
            allowed_updates=[str(kind) for kind in allowed] if isinstance(allowed, list) else None,
            max_connections=params.get("max_connections"),
        )
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _delete_webhook(self, params: JsonDict) -> bool:
        self.webhook = WebhookState()
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: JsonDict) -> JsonDict:
        info: JsonDict = {
            "url": self.webhook.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook.url:
            info["max_connections"] = self.webhook.max_connections or 40
            if self.webhook.allowed_updates is not None:
                info["allowed_updates"] = self.webhook.allowed_updates
        return info

    def _send_message(self, params: JsonDict) -> JsonDict:
        chat = self._target_chat(params)
        raw, rendered, entities = self._render_text(params)
        markup = self._validate_reply_markup(params.get("reply_markup"))
        replied = self._reply_target(chat, params)
        self._check_rate_limit(chat)
        return self._store_sent(
            StoredMessage(
                chat_id=chat.id,
                message_id=self._allocate_message_id(chat.id),
                from_bot=True,
                date=self._now(),
                method="sendMessage",
                sender=self.bot_user,
                raw_text=raw,
                text=rendered,
                entities=entities,
                parse_mode=params.get("parse_mode"),
                reply_markup=markup,
                reply_to_message_id=replied.message_id if replied else None,
            )
        )

    def _edit_message_text(self, params: JsonDict) -> JsonDict:
        message = self._editable_message(params)
        if message.text is None:
            raise _bad_request("there is no text in the message to edit")
        raw, rendered, entities = self._render_text(params)
        # Like Telegram, an edit without reply_markup removes the inline keyboard.
        markup = self._validate_reply_markup(params.get("reply_markup"))
        unchanged = rendered == message.text and entities == message.entities
        if unchanged and markup == message.reply_markup:
            raise _bad_request(_NOT_MODIFIED)
        message.raw_text, message.text, message.entities = raw, rendered, entities
        message.parse_mode = params.get("parse_mode")
        message.reply_markup = markup
        message.edits += 1
        message.edit_date = self._now()
        return self._message_json(message)

    def _edit_message_reply_markup(self, params: JsonDict) -> JsonDict:
        message = self._editable_message(params)
        markup = self._validate_reply_markup(params.get("reply_markup"))
        if markup == message.reply_markup:
            raise _bad_request(_NOT_MODIFIED)
        message.reply_markup = markup
        message.edits += 1
        message.edit_date = self._now()
        return self._message_json(message)

    def _delete_message(self, params: JsonDict) -> bool:
        chat = self._target_chat(params)
        message = self._messages.get((chat.id, int(params.get("message_id") or 0)))
        if message is None or message.deleted:
            raise _bad_request("message to delete not found")
        message.deleted = True
        return True

    def _answer_callback_query(self, params: JsonDict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._open_callbacks:
            raise _bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = params.get("text")
        if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad_request("MESSAGE_TOO_LONG")
        self._open_callbacks.discard(query_id)
        self.callback_answers[query_id] = dict(params)
        return True

    def _get_chat(self, params: JsonDict) -> JsonDict:
        chat = self._target_chat(params)
        return {
            **self._chat_json(chat.id),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _member_status(self, chat: FakeChat, user_id: int) -> str:
        if user_id == self.bot_id:
            return chat.bot_status
        if user_id in chat.member_status:
            return chat.member_status[user_id]
        if user_id == chat.creator_id:
            return "creator"
        return "administrator" if user_id in chat.admin_ids else "member"

    def _get_chat_member(self, params: JsonDict) -> JsonDict:
        chat = self._target_chat(params)
        user_id = params.get("user_id")
        if not isinstance(user_id, int):
            raise _bad_request("invalid user_id specified")
        user = self.bot_user if user_id == self.bot_id else self._user_json(user_id)
        return member_json(user, self._member_status(chat, user_id))

    def _get_chat_administrators(self, params: JsonDict) -> list[JsonDict]:
        chat = self._target_chat(params)
        if chat.type == "private":
            raise _bad_request("there are no administrators in the private chat")
        members: list[JsonDict] = []
        if chat.creator_id is not None:
            members.append(member_json(self._user_json(chat.creator_id), "creator"))
        members.extend(
            member_json(self._user_json(user_id), "administrator") for user_id in chat.admin_ids
        )
        if chat.bot_status == "administrator":
            members.append(member_json(self.bot_user, "administrator"))
        return members

    def _leave_chat(self, params: JsonDict) -> bool:
        chat = self._target_chat(params)
        if chat.type == "private":
            raise _bad_request("chat member status can't be changed in private chats")
        chat.bot_status = "left"
        return True

    @staticmethod
    def _commands_key(scope: object, language_code: object) -> tuple[str, str]:
        scope_json = scope if isinstance(scope, dict) and scope else {"type": "default"}
        return json.dumps(scope_json, sort_keys=True), str(language_code or "")

    def _set_my_commands(self, params: JsonDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad_request("can't parse commands JSON object")
        if len(commands) > MAX_COMMANDS:
            raise _bad_request("BOT_COMMANDS_TOO_MUCH")
        cleaned: list[JsonDict] = []
        for command in commands:
            if not isinstance(command, dict):
                raise _bad_request("can't parse BotCommand: BotCommand must be an Object")
            name, description = command.get("command"), command.get("description")
            if not isinstance(name, str) or not _COMMAND_RE.fullmatch(name):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self.commands[key] = cleaned
        return True

    def _get_my_commands(self, params: JsonDict) -> list[JsonDict]:
        return self.commands_for(params.get("scope"), str(params.get("language_code") or ""))

    def _delete_my_commands(self, params: JsonDict) -> bool:
        self.commands.pop(
            self._commands_key(params.get("scope"), params.get("language_code")), None
        )
        return True

    def _send_media(self, params: JsonDict, kind: str) -> JsonDict:
        chat = self._target_chat(params)
        stored = self._media_file(params.get(kind), kind)
        raw_caption = params.get("caption")
        caption: str | None = None
        caption_entities: list[JsonDict] = []
        if raw_caption is not None:
            caption, caption_entities = self._render(
                str(raw_caption), params.get("parse_mode"), params.get("caption_entities")
            )
            if len(caption) > MAX_CAPTION_LENGTH:
                raise _bad_request("message caption is too long")
        markup = self._validate_reply_markup(params.get("reply_markup"))
        replied = self._reply_target(chat, params)
        self._check_rate_limit(chat)
        self._files[stored.file_id] = stored
        return self._store_sent(
            StoredMessage(
                chat_id=chat.id,
                message_id=self._allocate_message_id(chat.id),
                from_bot=True,
                date=self._now(),
                method="sendPhoto" if kind == "photo" else "sendDocument",
                sender=self.bot_user,
                parse_mode=params.get("parse_mode"),
                raw_caption=None if raw_caption is None else str(raw_caption),
                caption=caption or None,
                caption_entities=caption_entities,
                reply_markup=markup,
                file=stored,
                reply_to_message_id=replied.message_id if replied else None,
            )
        )

    def _media_file(self, value: object, kind: str) -> StoredFile:
        if isinstance(value, Upload):
            if not value.data:
                raise _bad_request("file must be non-empty")
            width, height = 1, 1
            if kind == "photo":
                size = _image_size(value.data)
                if size is None:
                    raise _bad_request("IMAGE_PROCESS_FAILED")
                width, height = size
            number = next(self._file_ids)
            return StoredFile(
                file_id=f"fake-{kind}-{number}",
                file_unique_id=f"u{kind}{number}",
                kind=kind,
                data=value.data,
                filename=value.filename,
                mime_type=value.content_type,
                width=width,
                height=height,
            )
        if isinstance(value, str) and value in self._files:
            return self._files[value]
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            number = next(self._file_ids)
            return StoredFile(
                file_id=f"fake-{kind}-{number}",
                file_unique_id=f"u{kind}{number}",
                kind=kind,
                data=None,
                url=value,
            )
        if value is None or value == "":
            raise _bad_request(f"there is no {kind} in the request")
        raise _bad_request("wrong file identifier/HTTP URL specified")

    def _send_chat_action(self, params: JsonDict) -> bool:
        self._target_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        return True

    def _get_file(self, params: JsonDict) -> JsonDict:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad_request("invalid file_id")
        result: JsonDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
        }
        if stored.data is not None:
            result["file_size"] = len(stored.data)
            result["file_path"] = stored.file_path
        return result
