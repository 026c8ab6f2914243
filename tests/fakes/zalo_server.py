"""Fake Zalo Bot Platform API on 127.0.0.1 for offline tests, behaving as the API notes document."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import NamedTuple, Self

from aiohttp import ClientSession, ClientTimeout, web

DEFAULT_TOKEN = "1234567890:fake-zalo-secret-Token_abc"
TEXT_LIMIT = 2000
PARSE_MODES = frozenset({"markdown", "html"})

_MethodHandler = Callable[[dict[str, object]], Awaitable[web.Response]]


class ReceivedCall(NamedTuple):
    """One API call as the fake saw it (recorded even when the token was wrong)."""

    method: str
    json: dict[str, object]


@dataclass(frozen=True, slots=True)
class _Failure:
    """An injected answer that replaces the next real one for a method."""

    status: int
    body: bytes
    content_type: str
    headers: Mapping[str, str]


def now_ms() -> int:
    """Current time in epoch milliseconds, the unit Zalo uses for dates."""
    return int(time.time() * 1000)


def new_message_id() -> str:
    """A fresh opaque hex message id like the ones Zalo issues."""
    return uuid.uuid4().hex


def text_update(
    chat_id: str,
    user_id: str,
    text: str,
    chat_type: str = "PRIVATE",
    display_name: str = "Nguyễn Văn A",
    *,
    message_id: str | None = None,
    date_ms: int | None = None,
    is_bot: bool = False,
) -> dict[str, object]:
    """Build a realistic bare `message.text.received` update."""
    return {
        "event_name": "message.text.received",
        "message": {
            "message_id": message_id or new_message_id(),
            "from": {"id": user_id, "display_name": display_name, "is_bot": is_bot},
            "chat": {"id": chat_id, "chat_type": chat_type},
            "date": date_ms if date_ms is not None else now_ms(),
            "text": text,
        },
    }


def image_update(
    chat_id: str,
    user_id: str,
    photo_url: str,
    caption: str | None = None,
    chat_type: str = "PRIVATE",
    display_name: str = "Nguyễn Văn A",
) -> dict[str, object]:
    """Build a realistic bare `message.image.received` update."""
    message: dict[str, object] = {
        "message_id": new_message_id(),
        "from": {"id": user_id, "display_name": display_name, "is_bot": False},
        "chat": {"id": chat_id, "chat_type": chat_type},
        "date": now_ms(),
        "photo": photo_url,
    }
    if caption is not None:
        message["caption"] = caption
    return {"event_name": "message.image.received", "message": message}


def event_update(
    event_name: str,
    chat_id: str,
    user_id: str,
    chat_type: str = "PRIVATE",
    display_name: str = "Nguyễn Văn A",
    **fields: object,
) -> dict[str, object]:
    """Build a bare update of any event name (stickers, voice, unsupported, future kinds)."""
    message: dict[str, object] = {
        "message_id": new_message_id(),
        "from": {"id": user_id, "display_name": display_name, "is_bot": False},
        "chat": {"id": chat_id, "chat_type": chat_type},
        "date": now_ms(),
        **fields,
    }
    return {"event_name": event_name, "message": message}


def _utf16_len(text: str) -> int:
    """Length in UTF-16 code units; Zalo's backend is Java, which counts strings this way."""
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2


class _BadRequest(Exception):
    """Raised inside a method handler to answer a 400 envelope."""


class FakeZaloServer:
    """In-process Zalo Bot API: queue updates, inject failures, inspect what the bot sent."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        max_poll_wait: float = 0.2,
        bot_id: str = "3216549870123456789",
        account_name: str = "Bot Thi Đua",
        account_type: str = "BASIC",
        can_join_groups: bool = True,
        errors_as_http_200: bool = False,
    ) -> None:
        self.token = token
        self.max_poll_wait = max_poll_wait
        self.bot_info: dict[str, object] = {
            "id": bot_id,
            "account_name": account_name,
            "account_type": account_type,
            "can_join_groups": can_join_groups,
        }
        # Some gateways answer errors with HTTP 200 and ok:false; the client must not care.
        self.errors_as_http_200 = errors_as_http_200
        self.received: list[ReceivedCall] = []
        self.sent: list[dict[str, object]] = []
        self.photos: list[dict[str, object]] = []
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.webhook_updated_at = 0
        self._updates: asyncio.Queue[dict[str, object]] = asyncio.Queue()
        self._failures: defaultdict[str, deque[_Failure]] = defaultdict(deque)
        self._stalls: defaultdict[str, int] = defaultdict(int)
        self._changed = asyncio.Condition()
        self._released = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on 127.0.0.1 with an ephemeral port."""
        self._released = asyncio.Event()
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        # No access log: its request lines carry the token, and tests assert that no captured
        # log record does.
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self._base_url = f"http://{host}:{port}"

    async def stop(self) -> None:
        """Release stalled requests and shut the server down."""
        self._released.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

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
        """`http://127.0.0.1:<port>` once started; pass it to the client as base_url."""
        if self._base_url is None:
            raise RuntimeError("FakeZaloServer is not started")
        return self._base_url

    # -- test hooks --------------------------------------------------------------------------

    def push_update(self, update: Mapping[str, object]) -> None:
        """Queue a bare update for the next getUpdates call."""
        self._updates.put_nowait(dict(update))

    @property
    def pending_updates(self) -> int:
        """How many pushed updates no getUpdates call has taken yet."""
        return self._updates.qsize()

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        times: int = 1,
        retry_after: float | None = None,
        *,
        error_key: str = "error_code",
    ) -> None:
        """Answer the next `times` calls of `method` with an error envelope."""
        body: dict[str, object] = {"ok": False, error_key: error_code, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        status = 200 if self.errors_as_http_200 else error_code
        failure = _Failure(status, json.dumps(body).encode(), "application/json", {})
        self._failures[method].extend([failure] * times)

    def fail_next_raw(
        self,
        method: str,
        status: int = 502,
        body: str = "<html><body><h1>502 Bad Gateway</h1></body></html>",
        times: int = 1,
        *,
        content_type: str = "text/html",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with a non-envelope body, like a proxy."""
        failure = _Failure(status, body.encode(), content_type, dict(headers or {}))
        self._failures[method].extend([failure] * times)

    def stall_next(self, method: str, times: int = 1) -> None:
        """Hold the next `times` calls of `method` without answering until stop()."""
        self._stalls[method] += times

    async def deliver_webhook(
        self,
        url: str,
        update: Mapping[str, object],
        secret_token: str | None = None,
        *,
        wrapped: bool = True,
    ) -> int:
        """POST an update to a bot's webhook as Zalo would; return the HTTP status."""
        body = {"ok": True, "result": dict(update)} if wrapped else dict(update)
        headers = {"Content-Type": "application/json", "User-Agent": "Java/17.0.2"}
        if secret_token is not None:
            headers["X-Bot-Api-Secret-Token"] = secret_token
        async with (
            ClientSession(timeout=ClientTimeout(total=10)) as session,
            session.post(url, data=json.dumps(body), headers=headers) as response,
        ):
            await response.read()
            return response.status

    def calls(self, method: str) -> list[dict[str, object]]:
        """JSON bodies of every received call of `method`, in order."""
        return [call.json for call in self.received if call.method == method]

    # The wait helpers take `timeout` (ASYNC109 suppressed) so that a bot that never answers
    # fails the test with a message naming what was missing, instead of hanging the suite.
    async def wait_for_sent(
        self,
        n: int,
        timeout: float = 2.0,  # noqa: ASYNC109
    ) -> list[dict[str, object]]:
        """Wait until at least n messages were sent; return them all."""
        await self.wait_for(lambda: len(self.sent) >= n, timeout, f"{n} sent messages")
        return list(self.sent)

    async def wait_for_calls(
        self,
        method: str,
        n: int = 1,
        timeout: float = 2.0,  # noqa: ASYNC109
    ) -> list[dict[str, object]]:
        """Wait until `method` was called at least n times; return the bodies."""
        await self.wait_for(lambda: len(self.calls(method)) >= n, timeout, f"{n} {method} calls")
        return self.calls(method)

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 2.0,  # noqa: ASYNC109
        what: str = "condition",
    ) -> None:
        """Wait until predicate() holds, re-checking on every server event (no polling sleeps)."""
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(predicate), timeout)
            except TimeoutError:
                raise TimeoutError(f"fake Zalo server: no {what} within {timeout}s") from None

    # -- HTTP --------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        """Route `/bot{token}/{method}` like the real API."""
        method = request.match_info["method"]
        token = request.match_info["token"]
        raw = await request.read()
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = None
        params: dict[str, object] = (
            {str(k): v for k, v in body.items()} if isinstance(body, dict) else {}
        )
        self.received.append(ReceivedCall(method, params))
        await self._notify()

        if token != self.token:
            return self._error(401, "Unauthorized")
        if body is None or not isinstance(body, dict):
            return self._error(400, "Bad Request: body must be a JSON object")
        if self._stalls[method] > 0:
            self._stalls[method] -= 1
            await self._released.wait()
            return self._error(503, "Service Unavailable")
        if self._failures[method]:
            failure = self._failures[method].popleft()
            return web.Response(
                status=failure.status,
                body=failure.body,
                content_type=failure.content_type,
                headers=failure.headers,
            )

        handler = self._methods().get(method)
        if handler is None:
            return self._error(404, "Not Found")
        try:
            return await handler(params)
        except _BadRequest as exc:
            return self._error(400, f"Bad Request: {exc}")

    def _methods(self) -> dict[str, _MethodHandler]:
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
        }

    async def _get_me(self, params: dict[str, object]) -> web.Response:
        return self._ok(dict(self.bot_info))

    async def _get_updates(self, params: dict[str, object]) -> web.Response:
        if self.webhook_url:
            raise _BadRequest("getUpdates is not available while a webhook is set")
        requested = params.get("timeout", "30")
        try:
            wait = float(str(requested))
        except ValueError:
            raise _BadRequest("timeout must be a number of seconds") from None
        wait = max(0.0, min(wait, self.max_poll_wait))
        try:
            update = await asyncio.wait_for(self._updates.get(), wait)
        except TimeoutError:
            return self._error(408, "Request timeout")
        return self._ok(update)

    async def _set_webhook(self, params: dict[str, object]) -> web.Response:
        url = params.get("url")
        secret = params.get("secret_token")
        if not isinstance(url, str) or not url.startswith("https://"):
            raise _BadRequest("url must be a public HTTPS URL")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            raise _BadRequest("secret_token must be 8-256 characters")
        self.webhook_url, self.webhook_secret = url, secret
        self.webhook_updated_at = now_ms()
        return self._ok(self._webhook_state())

    async def _delete_webhook(self, params: dict[str, object]) -> web.Response:
        self.webhook_url, self.webhook_secret = "", None
        self.webhook_updated_at = now_ms()
        return self._ok(self._webhook_state())

    async def _send_message(self, params: dict[str, object]) -> web.Response:
        chat_id = self._chat_id(params)
        text = self._text(params.get("text"), "text", required=True)
        parse_mode = params.get("parse_mode")
        if parse_mode is not None and parse_mode not in PARSE_MODES:
            raise _BadRequest("parse_mode must be markdown or html")
        message_id, date = new_message_id(), now_ms()
        self.sent.append(
            {"chat_id": chat_id, "text": text, "parse_mode": parse_mode, "message_id": message_id}
        )
        await self._notify()
        return self._ok({"message_id": message_id, "date": date})

    async def _send_photo(self, params: dict[str, object]) -> web.Response:
        chat_id = self._chat_id(params)
        photo = params.get("photo")
        if not isinstance(photo, str) or not photo.startswith(("http://", "https://")):
            raise _BadRequest("photo must be an image URL")
        caption = self._text(params.get("caption"), "caption", required=False)
        message_id, date = new_message_id(), now_ms()
        self.photos.append(
            {"chat_id": chat_id, "photo": photo, "caption": caption, "message_id": message_id}
        )
        await self._notify()
        return self._ok({"message_id": message_id, "date": date})

    # -- helpers -----------------------------------------------------------------------------

    def _webhook_state(self) -> dict[str, object]:
        return {"url": self.webhook_url, "updated_at": self.webhook_updated_at}

    @staticmethod
    def _chat_id(params: dict[str, object]) -> str:
        chat_id = params.get("chat_id")
        # Real ids are strings; a number here means the client forgot to normalise it.
        if not isinstance(chat_id, str) or not chat_id:
            raise _BadRequest("chat_id must be a non-empty string")
        return chat_id

    @staticmethod
    def _text(value: object, what: str, *, required: bool) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not 1 <= _utf16_len(value) <= TEXT_LIMIT:
            raise _BadRequest(f"{what} must be 1-{TEXT_LIMIT} characters")
        return value

    @staticmethod
    def _ok(result: object) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    def _error(self, code: int, description: str) -> web.Response:
        status = 200 if self.errors_as_http_200 else code
        return web.json_response(
            {"ok": False, "error_code": code, "description": description}, status=status
        )

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()
