"""Zalo updates as they arrive: tolerant decoding, the group mention, duplicate deliveries."""

from __future__ import annotations

import json
import logging
import math
import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final, Literal

logger = logging.getLogger(__name__)

ChatType = Literal["PRIVATE", "GROUP"]

TEXT_RECEIVED: Final = "message.text.received"
IMAGE_RECEIVED: Final = "message.image.received"
STICKER_RECEIVED: Final = "message.sticker.received"
VOICE_RECEIVED: Final = "message.voice.received"
UNSUPPORTED_RECEIVED: Final = "message.unsupported.received"
KNOWN_EVENTS: Final = frozenset(
    {TEXT_RECEIVED, IMAGE_RECEIVED, STICKER_RECEIVED, VOICE_RECEIVED, UNSUPPORTED_RECEIVED}
)

# Epoch values below this are read as seconds: 1e11 ms is March 1973, while 1e11 s is year 5138,
# so no real message date is ambiguous.
_SECONDS_CUTOFF: Final = 100_000_000_000


@dataclass(frozen=True, slots=True)
class ZaloUpdate:
    """One incoming Zalo event, normalised; `raw` keeps the undecoded update for diagnostics."""

    event_name: str
    message_id: str
    chat_id: str
    chat_type: ChatType
    user_id: str
    user_name: str
    is_bot: bool
    text: str | None
    date: datetime
    photo_url: str | None
    raw: Mapping[str, object] = field(repr=False, compare=False)
    caption: str | None = None


def parse_epoch(value: object) -> datetime | None:
    """Decode an epoch timestamp in milliseconds (or clearly seconds) into an aware UTC datetime."""
    number: float
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    if not math.isfinite(number) or number <= 0:
        return None
    seconds = number if number < _SECONDS_CUTOFF else number / 1000
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_update(payload: object) -> ZaloUpdate | None:
    """Decode a wrapped or bare update (dict, JSON str or bytes); None if it is unusable."""
    update = _unwrap(payload)
    if update is None:
        return None
    event_name = update.get("event_name")
    message = update.get("message")
    if not isinstance(event_name, str) or not event_name or not isinstance(message, Mapping):
        logger.debug("Zalo update without event_name or message dropped")
        return None

    chat = message.get("chat")
    chat = chat if isinstance(chat, Mapping) else {}
    sender = message.get("from")
    sender = sender if isinstance(sender, Mapping) else {}

    chat_id = _as_id(chat.get("id"))
    if chat_id is None:
        logger.debug("Zalo update %s without chat id dropped", event_name)
        return None
    chat_type: ChatType = "GROUP" if _is_group(chat.get("chat_type")) else "PRIVATE"
    user_id = _as_id(sender.get("id"))
    if user_id is None:
        # In a private chat the chat id is the user's id; in a group the sender cannot be guessed.
        if chat_type == "GROUP":
            logger.debug("Zalo group update %s without sender id dropped", event_name)
            return None
        user_id = chat_id

    # A missing or broken date should not cost us the message: fall back to the receipt time.
    date = parse_epoch(message.get("date")) or datetime.now(UTC)
    if event_name not in KNOWN_EVENTS:
        logger.info("Zalo update with unknown event name %r decoded", event_name)
    return ZaloUpdate(
        event_name=event_name,
        message_id=_as_id(message.get("message_id")) or "",
        chat_id=chat_id,
        chat_type=chat_type,
        user_id=user_id,
        user_name=_user_name(sender),
        is_bot=sender.get("is_bot") is True,
        text=_as_str(message.get("text")),
        date=date,
        photo_url=_photo_url(message),
        raw=update,
        caption=_as_str(message.get("caption")),
    )


def _unwrap(payload: object) -> Mapping[str, object] | None:
    """Return the bare update mapping from any accepted envelope shape."""
    if isinstance(payload, str | bytes | bytearray):
        try:
            payload = json.loads(payload)
        except (ValueError, RecursionError):
            return None
    if isinstance(payload, list) and len(payload) == 1:
        payload = payload[0]
    if not isinstance(payload, Mapping):
        return None
    if "event_name" not in payload and "result" in payload:
        if payload.get("ok") is False:
            return None
        result = payload["result"]
        if isinstance(result, list) and len(result) == 1:
            result = result[0]
        return _str_keyed(result)
    return _str_keyed(payload)


def _str_keyed(value: object) -> Mapping[str, object] | None:
    """Return value as a string-keyed mapping, or None if it is not one."""
    if not isinstance(value, Mapping):
        return None
    return {str(key): item for key, item in value.items()}


def _as_id(value: object) -> str | None:
    """Normalise an id that may arrive as a string or a number; None if absent or empty."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _as_str(value: object) -> str | None:
    """Return value if it is a string, else None."""
    return value if isinstance(value, str) else None


def _is_group(value: object) -> bool:
    """Whether a chat is to be treated as a group: anything not plainly PRIVATE.

    A private chat gives its user the rights over that chat's settings and reminders, so an
    unknown or missing type must fail closed, as a group (checked against roles).
    """
    return not (isinstance(value, str) and value.strip().upper() == "PRIVATE")


def _user_name(sender: Mapping[str, object]) -> str:
    """Pick the sender's display name from whichever field this delivery uses."""
    for key in ("display_name", "name"):
        name = sender.get(key)
        if isinstance(name, str) and name.strip():
            return name.strip()
    parts = [sender.get("first_name"), sender.get("last_name")]
    return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


def _photo_url(message: Mapping[str, object]) -> str | None:
    """Find the image URL under `photo` or `photo_url`, as a string, object or list of sizes."""
    for key in ("photo", "photo_url"):
        value = message.get(key)
        if isinstance(value, list) and value:
            # Telegram-style size lists put the largest last.
            value = value[-1]
        if isinstance(value, Mapping):
            value = value.get("url") or value.get("photo_url")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


RECENT_KEYS: Final = 4096
"""Webhook deliveries remembered for de-duplication."""

# A leading mention of any name (names may contain spaces) directly before a command.
_LEADING_MENTION: Final = re.compile(r"@[^/\n]*?\s+(?=/)")


def strip_mention(text: str, bot_name: str | None) -> str:
    """Remove the leading `@<bot name>` Zalo puts in group messages (any `@… ` before a `/`)."""
    result = text.strip()
    if bot_name:
        mention = f"@{bot_name}"
        if result[: len(mention)].casefold() == mention.casefold():
            return result[len(mention) :].strip()
    if result.startswith("@"):
        match = _LEADING_MENTION.match(result)
        if match is not None:
            return result[match.end() :]
    return result


class RecentKeys:
    """A bounded set of recently seen keys; the oldest are forgotten first."""

    def __init__(self, size: int = RECENT_KEYS) -> None:
        self.size = size
        self._keys: OrderedDict[tuple[str, str], None] = OrderedDict()

    def add(self, key: tuple[str, str]) -> bool:
        """Remember key; False when it was already there."""
        if key in self._keys:
            self._keys.move_to_end(key)
            return False
        self._keys[key] = None
        if len(self._keys) > self.size:
            self._keys.popitem(last=False)
        return True
