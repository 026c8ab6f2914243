"""FakeTelegramServer: the Bot API over HTTP on 127.0.0.1, recording calls tests wait on."""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from collections.abc import Callable
from types import TracebackType
from typing import Any, Final, Self

from aiohttp import BodyPartReader, hdrs, web

from tests.fakes.telegram.methods import BotMethods
from tests.fakes.telegram.records import ApiError, JsonDict, StoredMessage, Upload, bad_request

_LOGGER = logging.getLogger(__name__)

# PTB form-encodes every parameter and JSON-encodes the non-strings among them, so a string
# parameter must stay as it came ("123" as a text is not a number); the rest is JSON.
_STRING_PARAMS: Final = frozenset(
    [
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "file_id",
        "language_code",
    ]
)


class FakeTelegramServer(BotMethods):
    """The fake Bot API: state, updates and methods (the layers below) served over aiohttp."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.calls: list[tuple[str, JsonDict]] = []
        self.errors: list[tuple[str, int, str]] = []
        self.too_many_requests = 0
        self._canonical = {name.lower(): name for name in [*self._methods, "getUpdates"]}
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

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
        """Root URL of the server, e.g. http://127.0.0.1:41234 (the bot's TELEGRAM_API_URL)."""
        if self._port is None:
            raise RuntimeError("FakeTelegramServer is not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def api_url(self) -> str:
        """Value for Bot(base_url=...) / ApplicationBuilder.base_url; PTB appends the token."""
        return f"{self.base_url}/bot"

    @property
    def file_url(self) -> str:
        """Value for Bot(base_file_url=...) / ApplicationBuilder.base_file_url."""
        return f"{self.base_url}/file/bot"

    # ------------------------------------------------------------------ inspection and waiting

    def calls_to(self, method: str) -> list[JsonDict]:
        """Parameters of every call of one method, in arrival order."""
        wanted = method.lower()
        return [params for name, params in self.calls if name.lower() == wanted]

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
        """Wait until the bot has sent `count` messages to a chat; return them."""
        await self.wait_until(
            lambda: len(self.sent_messages(chat_id)) >= count,
            timeout=timeout,
            what=f"{count} message(s) in chat {chat_id}",
        )
        return self.sent_messages(chat_id)

    # ------------------------------------------------------------------ HTTP

    async def _handle_api(self, request: web.Request) -> web.Response:
        raw_method = request.match_info["method"]
        method = self._canonical.get(raw_method.lower(), raw_method)
        if request.match_info["token"] != self.token:
            return self._error(method, ApiError(401, "Unauthorized"))
        try:
            params = await self._read_params(request)
        except ApiError as exc:
            self._record(method, {})
            return self._error(method, exc)
        self._record(method, params)
        try:
            if method != "getUpdates" and method not in self._methods:
                # PTB reports any 404 as InvalidToken, so say plainly what is missing.
                raise ApiError(404, f"Not Found: method {raw_method} is not in the fake server")
            self._failures.raise_next(method)
            if method == "getUpdates":
                result = await self._get_updates(params)
            else:
                result = self._methods[method](params)
        except ApiError as exc:
            return self._error(method, exc)
        finally:
            self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._error("file", ApiError(401, "Unauthorized"))
        path = request.match_info["path"]
        for stored in self._files.values():
            if stored.file_path == path and stored.data is not None:
                return web.Response(
                    body=stored.data, content_type=stored.mime_type or "application/octet-stream"
                )
        return self._error("file", ApiError(404, "Not Found"))

    async def _read_params(self, request: web.Request) -> JsonDict:
        """Form or multipart parameters (what PTB sends), each with its Bot API type."""
        raw: dict[str, str] = {}
        uploads: dict[str, Upload] = {}
        if request.content_type == "multipart/form-data":
            # Read parts here: request.post() would spool uploaded files into temp files.
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                if part.filename is None:
                    raw[part.name] = await part.text()
                    continue
                content_type = part.headers.get(hdrs.CONTENT_TYPE, "application/octet-stream")
                uploads[part.name] = Upload(part.filename, content_type, bytes(await part.read()))
        elif request.can_read_body:
            form = await request.post()
            raw.update({key: value for key, value in form.items() if isinstance(value, str)})
        params: JsonDict = dict(uploads)
        for name, value in raw.items():
            if value.startswith("attach://"):
                attached = uploads.get(value.removeprefix("attach://"))
                if attached is None:
                    raise bad_request(f"file {value} not found in the request")
                params[name] = attached
            elif name in _STRING_PARAMS:
                params[name] = value
            else:
                try:
                    params[name] = json.loads(value)
                except ValueError:
                    params[name] = value  # a chat_id such as "@channel"
        return params

    def _record(self, method: str, params: JsonDict) -> None:
        _LOGGER.debug("fake telegram call %s", method)
        self.calls.append((method, params))
        self._notify()

    def _error(self, method: str, exc: ApiError) -> web.Response:
        if exc.status == 429:
            self.too_many_requests += 1
        self.errors.append((method, exc.status, exc.description))
        body: JsonDict = {"ok": False, "error_code": exc.status, "description": exc.description}
        if exc.parameters:
            body["parameters"] = exc.parameters
        return web.json_response(body, status=exc.status)
