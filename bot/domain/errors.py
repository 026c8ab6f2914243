"""The error every layer raises for bad input or a question without data: told to the user."""

from __future__ import annotations

from bot.domain.texts.errors import with_usage


class UserError(Exception):
    """Bad input: the message says in Vietnamese what was wrong and how to write it."""

    def __init__(self, message: str, *, usage: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.usage = usage

    def text(self) -> str:
        """The reply text, with the right form when known."""
        return with_usage(self.message, self.usage) if self.usage else self.message
