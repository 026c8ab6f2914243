"""The interface reminders are delivered through, and the failures a transport reports."""

from __future__ import annotations

from typing import Protocol

from bot.core.messages import Reply


class SendError(Exception):
    """A send failed; the subclass says what the dispatcher should do about it."""


class RateLimited(SendError):
    """The platform asked us to wait `retry_after` seconds before sending again."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited, retry after {retry_after}s")
        self.retry_after = retry_after


class ChatGone(SendError):
    """The bot was removed from the chat or blocked (Telegram 403): stop sending there."""


class ChatMigrated(SendError):
    """The group became a supergroup with a new id: resend there."""

    def __init__(self, new_chat_id: str) -> None:
        super().__init__(f"chat migrated to {new_chat_id}")
        self.new_chat_id = new_chat_id


class TransientError(SendError):
    """A 5xx, timeout or network failure: retry with backoff a bounded number of times."""


class PermanentError(SendError):
    """The platform refused the message itself (bad request): retrying will not help."""


class Unauthorized(SendError):
    """The bot token is wrong or revoked: nothing can be sent on this platform."""


class Sender(Protocol):
    """Delivers a core Reply into a chat of one platform and returns the platform's message id."""

    platform: str

    async def send(self, chat_id: str, reply: Reply, *, thread_id: str | None = None) -> str:
        """Send (into the forum topic `thread_id`, where the platform has topics) and return
        the message id; raise a SendError subclass on failure."""
        ...
