"""`/lich`: the chat's calendar as an iCalendar link to subscribe to, or as an .ics file."""

from __future__ import annotations

import secrets

from bot.core import args as parse
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.feed import chat_feed, feed_path
from bot.core.messages import Document, Reply
from bot.core.registry import Command

USAGE = "/lich [moi | tat]"
FILENAME = "lich-thi-dua.ics"
SUBSCRIBE_HOW = (
    "Trong ứng dụng lịch, chọn thêm lịch từ đường dẫn (URL) và dán đường dẫn này; lịch tự cập nhật."
)


def _link(ctx: Context, token: str) -> str:
    assert ctx.config.public_base_url is not None
    return ctx.config.public_base_url.rstrip("/") + feed_path(token)


async def calendar(ctx: Context) -> Reply:
    """The link (made on first ask), a new one (`moi`), none (`tat`), or the file itself."""
    action = parse.fold(ctx.args[0]) if ctx.args else ""
    if action not in ("", "moi", "new", "tat", "off"):
        raise UserError(f"Không có lựa chọn '{ctx.args[0]}'.", usage=USAGE)
    chat = ctx.chat
    if action in ("tat", "off"):
        await ctx.require_chat_settings()
        if chat is None or chat.feed_token is None:
            return Reply("Cuộc trò chuyện này chưa có đường dẫn lịch nào.")
        chat.feed_token = None
        ctx.audit("revoke", "calendar", ctx.msg.chat_id, {})
        return Reply("Đã tắt đường dẫn lịch: lịch đã đăng ký theo đường dẫn cũ không còn cập nhật.")
    if ctx.config.public_base_url is None:
        # No public address: the file itself, which calendars import once (no updates).
        content = await chat_feed(ctx.session, await ctx.ensure_chat(), now=ctx.now)
        caption = (
            "Lịch sự kiện, hạn nhiệm vụ và nhắc việc của cuộc trò chuyện này. Mở tệp để nhập "
            "vào lịch; bot chưa có địa chỉ công khai (WEBHOOK_BASE_URL) nên chưa có đường dẫn "
            "tự cập nhật."
        )
        return Reply("", document=Document(FILENAME, content, caption))
    if chat is not None and chat.feed_token is not None and action == "":
        return Reply(
            f"Đường dẫn lịch của cuộc trò chuyện này: {_link(ctx, chat.feed_token)}\n"
            f"{SUBSCRIBE_HOW}\nĐổi đường dẫn: /lich moi; tắt: /lich tat."
        )
    await ctx.require_chat_settings()
    chat = await ctx.ensure_chat()
    renewed = chat.feed_token is not None
    chat.feed_token = secrets.token_urlsafe(24)
    ctx.audit("renew" if renewed else "create", "calendar", ctx.msg.chat_id, {})
    note = " Đường dẫn cũ không còn dùng được." if renewed else ""
    return Reply(
        f"Đường dẫn lịch của cuộc trò chuyện này: {_link(ctx, chat.feed_token)}{note}\n"
        f"{SUBSCRIBE_HOW}\nAi có đường dẫn đều xem được lịch; đổi: /lich moi, tắt: /lich tat."
    )


COMMANDS = [
    Command(
        "lich",
        ("calendar",),
        USAGE,
        "Lịch sự kiện, hạn nhiệm vụ và nhắc việc cho ứng dụng lịch (đường dẫn hoặc tệp .ics).",
        "/lich",
        calendar,
        writes=True,
        who="xem: mọi người; tạo, đổi, tắt đường dẫn: quản trị đơn vị của nhóm; "
        "trong cuộc trò chuyện riêng: chính bạn",
        max_args=1,
    ),
]
