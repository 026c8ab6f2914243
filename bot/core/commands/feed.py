"""`/lich`: the chat's calendar as an iCalendar link to subscribe to, or as an .ics file."""

from __future__ import annotations

import secrets

from bot.core import args as parse
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.feed import chat_feed, feed_path
from bot.core.messages import Document, Reply
from bot.core.registry import Command
from bot.core.texts import feed as texts

USAGE = texts.USAGE
FILENAME = "lich-thi-dua.ics"


def _link(ctx: Context, token: str) -> str:
    assert ctx.config.public_base_url is not None
    return ctx.config.public_base_url.rstrip("/") + feed_path(token)


async def calendar(ctx: Context) -> Reply:
    """The link (made on first ask), a new one (`moi`), none (`tat`), or the file itself."""
    action = parse.fold(ctx.args[0]) if ctx.args else ""
    if action not in ("", "moi", "new", "tat", "off"):
        raise UserError(texts.unknown_choice(ctx.args[0]), usage=USAGE)
    chat = ctx.chat
    if action in ("tat", "off"):
        await ctx.require_chat_settings()
        if chat is None or chat.feed_token is None:
            return Reply(texts.NO_LINK)
        chat.feed_token = None
        ctx.audit("revoke", "calendar", ctx.msg.chat_id, {})
        return Reply(texts.LINK_OFF)
    if ctx.config.public_base_url is None:
        # No public address: the file itself, which calendars import once (no updates).
        content = await chat_feed(ctx.session, await ctx.ensure_chat(), now=ctx.now)
        return Reply("", document=Document(FILENAME, content, texts.FILE_CAPTION))
    if chat is not None and chat.feed_token is not None and action == "":
        return Reply(texts.the_link(_link(ctx, chat.feed_token)))
    await ctx.require_chat_settings()
    chat = await ctx.ensure_chat()
    renewed = chat.feed_token is not None
    chat.feed_token = secrets.token_urlsafe(24)
    ctx.audit("renew" if renewed else "create", "calendar", ctx.msg.chat_id, {})
    note = texts.OLD_LINK_GONE if renewed else ""
    return Reply(texts.new_link(_link(ctx, chat.feed_token), note))


COMMANDS = [
    Command(
        "lich",
        ("calendar",),
        USAGE,
        texts.SUMMARY,
        "/lich",
        calendar,
        writes=True,
        who=texts.WHO,
        max_args=1,
    ),
]
