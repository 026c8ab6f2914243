"""Chart links for Zalo, which sends photos by URL only: PNGs kept in memory behind a token.

Plugging it in (the composition root / Zalo adapter, when a public base URL is configured):

    store = ImageStore()
    store.mount(http_server)                       # GET /charts/{token}.png, before start()
    url = store.publish(reply.image.png, base_url)  # e.g. https://bot.example.vn/charts/….png
    # …then send `url` as the photo of the Zalo message, with reply.image.caption as its text.

Links are unguessable (secrets.token_urlsafe, 256 bits), expire after `ttl` seconds, and the
store keeps at most `max_items` images and `max_bytes` bytes, dropping the oldest first.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from bot.http import HttpServer
from bot.reports.texts import charts as texts

ROUTE = "/charts/{token:[A-Za-z0-9_-]{20,100}}.png"


@dataclass(frozen=True)
class _Entry:
    png: bytes
    expires: float


class ImageStore:
    """PNG images by unguessable token, expiring, bounded in count and size."""

    def __init__(
        self,
        *,
        ttl: float = 3600.0,
        max_items: int = 200,
        max_bytes: int = 64 * 1024 * 1024,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_items = max_items
        self.max_bytes = max_bytes
        self._clock = clock
        self._items: OrderedDict[str, _Entry] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    def put(self, png: bytes) -> str:
        """Keep an image; returns its token."""
        self._expire()
        token = secrets.token_urlsafe(32)
        self._items[token] = _Entry(png, self._clock() + self.ttl)
        self._bytes += len(png)
        while self._items and (len(self._items) > self.max_items or self._bytes > self.max_bytes):
            _, dropped = self._items.popitem(last=False)
            self._bytes -= len(dropped.png)
        return token

    def get(self, token: str) -> bytes | None:
        """The image of a live token, else None."""
        self._expire()
        entry = self._items.get(token)
        return entry.png if entry else None

    def publish(self, png: bytes, base_url: str) -> str:
        """Keep an image and return its public URL under `base_url`."""
        return f"{base_url.rstrip('/')}/charts/{self.put(png)}.png"

    def mount(self, server: HttpServer) -> None:
        """Serve `GET /charts/{token}.png` on the bot's HTTP server (before it starts)."""
        server.add_route("GET", ROUTE, self.handle)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """aiohttp handler: the PNG, or 404 for an unknown or expired token."""
        png = self.get(request.match_info.get("token", ""))
        if png is None:
            raise web.HTTPNotFound(text=texts.LINK_GONE)
        return web.Response(
            body=png,
            content_type="image/png",
            headers={"Cache-Control": "private, max-age=300", "X-Robots-Tag": "noindex"},
        )

    def _expire(self) -> None:
        now = self._clock()
        # Entries are kept in insertion order with one ttl, so the expired ones come first.
        while self._items:
            token, entry = next(iter(self._items.items()))
            if entry.expires > now:
                break
            del self._items[token]
            self._bytes -= len(entry.png)
