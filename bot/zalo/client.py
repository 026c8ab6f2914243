"""Typed aiohttp client for the Zalo Bot Platform API (one session, JSON envelope, typed errors)."""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Final, Literal, Self

import aiohttp

from bot.core.messages import utf16_len
from bot.zalo.errors import (
    ZaloPollTimeout,
    ZaloRateLimited,
    ZaloTransportError,
    error_for_code,
    redact,
)
from bot.zalo.results import (
    BotInfo,
    SentMessage,
    WebhookInfo,
    as_code,
    as_mapping,
    as_seconds,
    as_text,
    retry_after_of,
    sent_message,
    webhook_info,
)
from bot.zalo.updates import ZaloUpdate, parse_update

__all__ = [
    "DEFAULT_BASE_URL",
    "TEXT_LIMIT",
    "BotInfo",
    "ParseMode",
    "SentMessage",
    "WebhookInfo",
    "ZaloClient",
    "redact",
    "split_for_zalo",
    "utf16_len",
]

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL: Final = "https://bot-api.zaloplatforms.com"
TEXT_LIMIT: Final = 2000
SECRET_MIN: Final = 8
SECRET_MAX: Final = 256

ParseMode = Literal["markdown", "html"]
_PARSE_MODES: Final = frozenset({"markdown", "html"})


def split_for_zalo(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split text into chunks of at most `limit` UTF-16 units, at line breaks where possible."""
    if limit < 2:
        # One astral character (an emoji) needs two units; a smaller limit could never fit it.
        raise ValueError("limit must be at least 2 UTF-16 code units")
    chunks: list[str] = []
    current: list[str] = []
    current_len = 0
    for line in text.split("\n"):
        line_len = utf16_len(line)
        if line_len > limit:
            chunks.append("\n".join(current))
            *full, tail = _hard_split(line, limit)
            chunks.extend(full)
            # The tail still has room; later lines may share its message.
            current, current_len = [tail], utf16_len(tail)
            continue
        added = line_len if not current else line_len + 1
        if current and current_len + added > limit:
            chunks.append("\n".join(current))
            current, current_len, added = [], 0, line_len
        current.append(line)
        current_len += added
    chunks.append("\n".join(current))
    # A break between messages already separates them, so blank lines at a chunk's edges are
    # noise; and Zalo rejects empty text, so chunks of only blank lines are dropped.
    trimmed = (chunk.strip("\n") for chunk in chunks)
    return [chunk for chunk in trimmed if chunk.strip()]


def _hard_split(line: str, limit: int) -> list[str]:
    """Cut one over-long line into pieces of at most `limit` UTF-16 units, never inside a pair."""
    pieces: list[str] = []
    start = 0
    used = 0
    for index, char in enumerate(line):
        width = 2 if ord(char) > 0xFFFF else 1
        if used + width > limit:
            pieces.append(line[start:index])
            start, used = index, 0
        used += width
    pieces.append(line[start:])
    return pieces


class ZaloClient:
    """Async client for one Zalo bot token; use `async with` or call `close()` when done."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 15.0,
        on_rate_limited: Callable[[], None] | None = None,
    ) -> None:
        if not token:
            raise ValueError("Zalo bot token must not be empty")
        self._token = token
        # Told of each 429 as it arrives, for the metrics; retrying is the caller's business.
        self._on_rate_limited = on_rate_limited
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None
        # getUpdates is documented to return one update; if a server ever answers with a list,
        # keep the rest here instead of dropping messages that already count as delivered.
        self._pending: deque[ZaloUpdate] = deque()

    def __repr__(self) -> str:
        return f"ZaloClient(base_url={self._base_url!r})"

    @property
    def base_url(self) -> str:
        """The API host this client talks to (never includes the token)."""
        return self._base_url

    async def start(self) -> None:
        """Open the HTTP session now rather than on the first call."""
        self._open_session()

    def _open_session(self) -> aiohttp.ClientSession:
        """Return the open session, creating it if needed (must run inside the event loop)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self._timeout),
                headers={"Accept": "application/json"},
            )
        return self._session

    async def close(self) -> None:
        """Close the HTTP session; the client may be started again afterwards."""
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def get_me(self) -> BotInfo:
        """Return the bot's own account details."""
        result = as_mapping(await self._call("getMe", {}), "getMe")
        name = result.get("account_name") or result.get("name") or result.get("display_name")
        account_type = result.get("account_type")
        return BotInfo(
            id=as_text(result.get("id")),
            account_name=name if isinstance(name, str) else "",
            account_type=account_type if isinstance(account_type, str) else None,
            can_join_groups=result.get("can_join_groups") is True,
            raw=result,
        )

    # `timeout` is the API's own getUpdates parameter (how long the server holds the poll),
    # not a client-side cancellation deadline, so ASYNC109's advice does not apply.
    async def get_updates(self, timeout: int = 30) -> ZaloUpdate | None:  # noqa: ASYNC109
        """Long-poll for one update; None when nothing arrived within `timeout` seconds."""
        if self._pending:
            return self._pending.popleft()
        try:
            # The server holds the request for up to `timeout` seconds, so the HTTP timeout must
            # outlast it by the normal per-call allowance.
            result = await self._call(
                "getUpdates", {"timeout": str(timeout)}, http_timeout=timeout + self._timeout
            )
        except ZaloPollTimeout:
            return None
        items = result if isinstance(result, list) else [result]
        for item in items:
            update = parse_update(item)
            if update is None:
                logger.warning("Zalo getUpdates returned an undecodable update; dropped")
            else:
                self._pending.append(update)
        return self._pending.popleft() if self._pending else None

    async def set_webhook(self, url: str, secret_token: str) -> WebhookInfo:
        """Register a webhook URL; Zalo then sends `secret_token` in X-Bot-Api-Secret-Token."""
        if not SECRET_MIN <= len(secret_token) <= SECRET_MAX:
            raise ValueError(f"secret_token must be {SECRET_MIN}-{SECRET_MAX} characters")
        result = await self._call("setWebhook", {"url": url, "secret_token": secret_token})
        return webhook_info(result, "setWebhook")

    async def delete_webhook(self) -> WebhookInfo:
        """Remove the webhook so getUpdates works again."""
        return webhook_info(await self._call("deleteWebhook", {}), "deleteWebhook")

    async def send_message(
        self, chat_id: str, text: str, parse_mode: ParseMode | None = None
    ) -> SentMessage:
        """Send one text message of 1-2000 UTF-16 units; split longer text with split_for_zalo."""
        _check_chat_id(chat_id)
        _check_text(text, "text", allow_empty=False)
        payload: dict[str, object] = {"chat_id": chat_id, "text": text}
        if parse_mode is not None:
            if parse_mode not in _PARSE_MODES:
                raise ValueError(f"unsupported parse_mode {parse_mode!r}")
            payload["parse_mode"] = parse_mode
        return sent_message(await self._call("sendMessage", payload), "sendMessage")

    async def send_photo(
        self, chat_id: str, photo_url: str, caption: str | None = None
    ) -> SentMessage:
        """Send an image by URL (Zalo has no upload), with an optional plain-text caption."""
        _check_chat_id(chat_id)
        if not photo_url:
            raise ValueError("photo_url must not be empty")
        payload: dict[str, object] = {"chat_id": chat_id, "photo": photo_url}
        if caption:
            _check_text(caption, "caption", allow_empty=True)
            payload["caption"] = caption
        return sent_message(await self._call("sendPhoto", payload), "sendPhoto")

    async def _call(
        self, method: str, payload: Mapping[str, object], *, http_timeout: float | None = None
    ) -> object:
        """POST one API method and return the envelope's `result`, or raise a ZaloError."""
        session = self._open_session()
        url = f"{self._base_url}/bot{self._token}/{method}"
        # Always pass an explicit ClientTimeout: aiohttp reads `timeout=None` as "no timeout".
        total = http_timeout if http_timeout is not None else self._timeout
        logger.debug("Zalo call %s", method)
        try:
            async with session.post(
                url, json=dict(payload), timeout=aiohttp.ClientTimeout(total=total)
            ) as response:
                status = response.status
                reason = response.reason or ""
                retry_header = response.headers.get("Retry-After")
                body = await response.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            detail = redact(str(exc), self._token) or "request timed out"
            # Debug only: the raised error carries the same facts, and the transport's one error
            # handler is where failures get logged for operators.
            logger.debug(
                "Zalo call %s failed in transport: %s: %s", method, type(exc).__name__, detail
            )
            # `from None`: the aiohttp exception may carry the token-bearing URL in its text or
            # attributes, and a chained cause would print it in every traceback.
            raise ZaloTransportError(f"{type(exc).__name__}: {detail}", method=method) from None
        return self._decode(method, status, reason, retry_header, body)

    def _decode(
        self, method: str, status: int, reason: str, retry_header: str | None, body: bytes
    ) -> object:
        """Turn an HTTP answer into the envelope's result or the matching ZaloError."""
        envelope: object
        try:
            envelope = json.loads(body)
        except (ValueError, RecursionError):
            envelope = None
        if isinstance(envelope, Mapping) and envelope.get("ok") is True:
            logger.debug("Zalo call %s ok", method)
            return envelope.get("result")

        if isinstance(envelope, Mapping):
            code = as_code(envelope.get("error_code"))
            if code is None:
                code = as_code(envelope.get("errorCode"))
            raw_description = envelope.get("description") or envelope.get("message")
            description = raw_description if isinstance(raw_description, str) else ""
            retry_after = retry_after_of(envelope, retry_header)
        else:
            # Not an API envelope at all (a proxy or gateway page): the HTTP status is all we have.
            code, description, retry_after = None, "", as_seconds(retry_header)
            if status < 400:
                description = "response is not a JSON envelope"
        if code is None:
            code = status if status >= 400 else 500
        if not description:
            description = (
                f"HTTP {status} {reason}".strip() if status >= 400 else "envelope without ok:true"
            )
        description = redact(description, self._token)
        error = error_for_code(code, description, method=method, retry_after=retry_after)
        if isinstance(error, ZaloRateLimited) and self._on_rate_limited is not None:
            self._on_rate_limited()
        if not isinstance(error, ZaloPollTimeout):
            logger.debug(
                "Zalo call %s failed: code=%s http=%s description=%s",
                method,
                code,
                status,
                description,
            )
        raise error


def _check_chat_id(chat_id: str) -> None:
    """Reject an empty chat id before it costs a round trip."""
    if not chat_id:
        raise ValueError("chat_id must not be empty")


def _check_text(text: str, what: str, *, allow_empty: bool) -> None:
    """Enforce Zalo's 1-2000 unit limit locally so the caller learns to split."""
    if not text and not allow_empty:
        raise ValueError(f"{what} must not be empty")
    length = utf16_len(text)
    if length > TEXT_LIMIT:
        raise ValueError(
            f"{what} is {length} UTF-16 units, over Zalo's {TEXT_LIMIT}; use split_for_zalo()"
        )
