"""Errors the core turns into a reply for the user."""

from __future__ import annotations


class UserError(Exception):
    """Bad input: the message says in Vietnamese what was wrong and how to write it."""

    def __init__(self, message: str, *, usage: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.usage = usage

    def text(self) -> str:
        """The reply text, with the right form when known."""
        return f"{self.message}\nCách viết: {self.usage}" if self.usage else self.message


class NotAllowed(Exception):
    """A write the user's roles do not cover; `text` says what is needed and who grants it."""

    def __init__(
        self,
        text: str,
        *,
        needed: str | None = None,
        unit_id: int | None = None,
        unit_code: str | None = None,
    ) -> None:
        super().__init__(text)
        self.text = text
        self.needed = needed
        self.unit_id = unit_id
        self.unit_code = unit_code
