"""What the Zalo Bot API answers, decoded: the result types and the envelope's loose fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.zalo.errors import ZaloApiError
from bot.zalo.updates import parse_epoch


@dataclass(frozen=True, slots=True)
class SentMessage:
    """What sendMessage / sendPhoto return."""

    message_id: str
    date: datetime


@dataclass(frozen=True, slots=True)
class BotInfo:
    """What getMe returns."""

    id: str
    account_name: str
    account_type: str | None
    can_join_groups: bool
    raw: Mapping[str, object] = field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class WebhookInfo:
    """What setWebhook / deleteWebhook / getWebhookInfo return; an empty url means no webhook."""

    url: str
    updated_at: datetime | None
    raw: Mapping[str, object] = field(repr=False, compare=False)


def as_mapping(result: object, method: str) -> Mapping[str, object]:
    """Require a JSON object result."""
    if not isinstance(result, Mapping):
        raise ZaloApiError(500, "result is not a JSON object", method=method)
    return {str(key): value for key, value in result.items()}


def as_text(value: object) -> str:
    """Render an id-like value as a string (ids sometimes arrive as numbers)."""
    if value is None or isinstance(value, bool):
        return ""
    return str(value)


def as_code(value: object) -> int | None:
    """Read an error code given as a number or a numeric string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value.strip())
    return None


def as_seconds(value: object) -> float | None:
    """Read a non-negative number of seconds from a number or numeric string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value >= 0 else None
    if isinstance(value, str):
        try:
            seconds = float(value.strip())
        except ValueError:
            return None
        return seconds if seconds >= 0 else None
    return None


def retry_after_of(envelope: Mapping[str, object], header: str | None) -> float | None:
    """Find a retry delay wherever this server put one: body, `parameters`, or header."""
    candidates: list[object] = [envelope.get("retry_after"), envelope.get("retryAfter")]
    parameters = envelope.get("parameters")
    if isinstance(parameters, Mapping):
        candidates += [parameters.get("retry_after"), parameters.get("retryAfter")]
    candidates.append(header)
    for candidate in candidates:
        seconds = as_seconds(candidate)
        if seconds is not None:
            return seconds
    return None


def sent_message(result: object, method: str) -> SentMessage:
    """Decode `{message_id, date}`; a missing date falls back to now."""
    data = as_mapping(result, method)
    return SentMessage(
        message_id=as_text(data.get("message_id")),
        date=parse_epoch(data.get("date")) or datetime.now(UTC),
    )


def webhook_info(result: object, method: str) -> WebhookInfo:
    """Decode `{url, updated_at}`; a null result means no webhook."""
    data = as_mapping(result, method) if result is not None else {}
    url = data.get("url")
    return WebhookInfo(
        url=url if isinstance(url, str) else "",
        updated_at=parse_epoch(data.get("updated_at")),
        raw=data,
    )
