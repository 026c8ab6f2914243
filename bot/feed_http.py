"""GET /lich/<token>.ics on the bot's HTTP server: a chat's calendar feed for subscriptions."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.app import App
from bot.core.feed import chat_feed, feed_path
from bot.http import HttpServer
from storage.queries import feed as feed_queries

log = logging.getLogger(__name__)

TOKEN_LIMIT = 64


def add_feed_routes(http: HttpServer, app: App) -> None:
    """Register the calendar feed route."""

    async def feed(request: web.Request) -> web.Response:
        token = request.match_info["token"]
        if len(token) > TOKEN_LIMIT:
            raise web.HTTPNotFound()
        async with app.sessions() as session:
            chat = await feed_queries.chat_by_token(session, token)
            if chat is None:
                # A revoked or mistyped link: nothing says whether it ever existed.
                raise web.HTTPNotFound()
            body = await chat_feed(session, chat, now=app.clock())
        return web.Response(
            body=body,
            headers={
                "Content-Type": "text/calendar; charset=utf-8",
                "Cache-Control": "private, max-age=900",
            },
        )

    http.add_route("GET", feed_path("{token}"), feed)
