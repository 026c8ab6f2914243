"""The Zalo Bot API methods the fake answers, with the checks the real API makes on them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiohttp import web

from tests.fakes.zalo_server.faults import ZaloFaults
from tests.fakes.zalo_server.records import PARSE_MODES, TEXT_LIMIT, BadRequest, utf16_len
from tests.fakes.zalo_server.updates import new_message_id, now_ms

MethodHandler = Callable[[dict[str, object]], Awaitable[web.Response]]


class ZaloMethods(ZaloFaults):
    """getMe, getUpdates, the webhook calls and the sends, each answering an API envelope."""

    def _methods(self) -> dict[str, MethodHandler]:
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
            raise BadRequest("getUpdates is not available while a webhook is set")
        requested = params.get("timeout", "30")
        try:
            wait = float(str(requested))
        except ValueError:
            raise BadRequest("timeout must be a number of seconds") from None
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
            raise BadRequest("url must be a public HTTPS URL")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            raise BadRequest("secret_token must be 8-256 characters")
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
            raise BadRequest("parse_mode must be markdown or html")
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
            raise BadRequest("photo must be an image URL")
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
            raise BadRequest("chat_id must be a non-empty string")
        return chat_id

    @staticmethod
    def _text(value: object, what: str, *, required: bool) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not 1 <= utf16_len(value) <= TEXT_LIMIT:
            raise BadRequest(f"{what} must be 1-{TEXT_LIMIT} characters")
        return value

    @staticmethod
    def _ok(result: object) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    def _error(self, code: int, description: str) -> web.Response:
        status = 200 if self.errors_as_http_200 else code
        return web.json_response(
            {"ok": False, "error_code": code, "description": description}, status=status
        )
