"""Errors the core turns into a reply for the user."""

from __future__ import annotations

# Bad input is told to the user by every layer, the domain rules included, so its class lives in
# the domain layer; the core keeps the name its modules import.
from bot.domain.errors import UserError as UserError


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
