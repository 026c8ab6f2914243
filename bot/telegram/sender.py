"""Reminder delivery through the Telegram Bot API, with failures mapped to the sender errors."""

from __future__ import annotations

import datetime as dt

from telegram import Bot
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.error import ChatMigrated as TgChatMigrated

from bot.core.messages import Reply
from bot.telegram.replies import send_reply
from jobs.sender import (
    ChatGone,
    ChatMigrated,
    PermanentError,
    RateLimited,
    TransientError,
    Unauthorized,
)


def retry_seconds(exc: RetryAfter) -> float:
    """`retry_after` as seconds, whether PTB hands an int or a timedelta."""
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class TelegramSender:
    """Sends core replies with a PTB Bot; the Bot's rate limiter paces the sends."""

    platform = "telegram"

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: str, reply: Reply, *, thread_id: str | None = None) -> str:
        """Send every chunk; the id of the last one (the one carrying the buttons) is returned."""
        topic = int(thread_id) if thread_id is not None and thread_id.isdecimal() else None
        try:
            message = await send_reply(self.bot, int(chat_id), reply, thread_id=topic)
        except RetryAfter as exc:
            raise RateLimited(retry_seconds(exc)) from exc
        except TgChatMigrated as exc:
            raise ChatMigrated(str(exc.new_chat_id)) from exc
        except Forbidden as exc:
            raise ChatGone(exc.message) from exc
        except InvalidToken as exc:
            raise Unauthorized("invalid token") from exc
        except BadRequest as exc:
            raise PermanentError(exc.message) from exc
        except (TimedOut, NetworkError) as exc:
            raise TransientError(str(exc)) from exc
        return str(message.message_id) if message is not None else ""
