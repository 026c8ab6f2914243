"""The checks Telegram applies to what the bot sends: markup, lengths, buttons, commands, images.

Each failure raises the ApiError Telegram answers with, worded as Telegram words it, so the
bot's handling of the real error is what gets tested.
"""

from __future__ import annotations

import re
from typing import Final

from tests.fakes.telegram.html import HtmlParseError, parse_html, trim
from tests.fakes.telegram.records import JsonDict, bad_request

# Telegram counts code points for these two limits; only entity offsets are in UTF-16 units.
# A live probe saw 4096 astral characters (8192 UTF-16 units) accepted and 4097 refused.
MAX_TEXT_LENGTH: Final = 4096
MAX_CAPTION_LENGTH: Final = 1024
MAX_CALLBACK_DATA_BYTES: Final = 64
MAX_COMMANDS: Final = 100
_BUTTON_ACTIONS: Final = [
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
]
_COMMAND_RE: Final = re.compile(r"^[a-z0-9_]{1,32}$")


def render(text: str, parse_mode: object, entities: object = None) -> tuple[str, list[JsonDict]]:
    """The text a chat shows and its entities, trimmed of surrounding whitespace."""
    if parse_mode in (None, ""):
        return trim(text, list(entities) if isinstance(entities, list) else [])
    if not isinstance(parse_mode, str) or parse_mode.lower() != "html":
        raise bad_request(f"unsupported parse_mode {parse_mode!r} (the fake implements HTML)")
    try:
        rendered, parsed = parse_html(text)
    except HtmlParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from None
    return trim(rendered, parsed)


def message_text(params: JsonDict) -> tuple[str, str, list[JsonDict]]:
    """The raw text of a send or edit, its rendering and entities; non-empty, ≤ 4096."""
    raw = params.get("text")
    if raw is None or raw == "":
        raise bad_request("message text is empty")
    text, entities = render(str(raw), params.get("parse_mode"), params.get("entities"))
    if not text:
        raise bad_request("message text is empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return str(raw), text, entities


def caption(params: JsonDict) -> tuple[str | None, list[JsonDict]]:
    """The rendered caption of a media send and its entities; ≤ 1024."""
    raw = params.get("caption")
    if raw is None:
        return None, []
    text, entities = render(str(raw), params.get("parse_mode"), params.get("caption_entities"))
    if len(text) > MAX_CAPTION_LENGTH:
        raise bad_request("message caption is too long")
    return text or None, entities


def reply_markup(markup: object) -> JsonDict | None:
    """An inline keyboard as Telegram validates it (the bot sends no other kind)."""
    if markup is None:
        return None
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        raise bad_request("can't parse reply keyboard markup JSON object (the fake: inline only)")
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
        )
    for button in (button for row in rows for button in row):
        if not isinstance(button, dict):
            raise bad_request(
                "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
            )
        text = button.get("text")
        if not isinstance(text, str) or not text.strip():
            raise bad_request(
                'can\'t parse inline keyboard button: Field "text" must be of type String'
            )
        if sum(key in button for key in _BUTTON_ACTIONS) != 1:
            raise bad_request(
                "can't parse inline keyboard button: "
                "Text buttons are unallowed in the inline keyboard"
            )
        if "callback_data" in button:
            data = button["callback_data"]
            if not isinstance(data, str) or not (
                1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
            ):
                raise bad_request("BUTTON_DATA_INVALID")
        if "url" in button:
            url = button["url"]
            if not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://")):
                raise bad_request("BUTTON_URL_INVALID")
    return markup


def commands(value: object) -> list[JsonDict]:
    """setMyCommands' list: ≤ 100 commands, names [a-z0-9_]{1,32}, descriptions 1–256."""
    if not isinstance(value, list):
        raise bad_request("can't parse commands JSON object")
    if len(value) > MAX_COMMANDS:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    cleaned: list[JsonDict] = []
    for command in value:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand: BotCommand must be an Object")
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not _COMMAND_RE.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned.append({"command": name, "description": description})
    return cleaned


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, (1, 1) for a JPEG; anything else is no photo to Telegram."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data.startswith(b"\xff\xd8\xff"):
        return 1, 1
    raise bad_request("IMAGE_PROCESS_FAILED")
