"""The command type: name, aliases, help text, handler and how the core treats it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.texts import router as texts

Handler = Callable[[Context], Awaitable[Reply]]


@dataclass(frozen=True)
class Command:
    """A chat command: Vietnamese name, English aliases, help text and handler."""

    name: str
    aliases: tuple[str, ...]
    usage: str
    summary: str
    example: str
    handler: Handler
    writes: bool = False
    """Changes data: help lists it apart, and its handler checks the user's role before writing."""
    who: str | None = None
    """Who may use it, as help says it (e.g. "quản trị chung")."""
    menu: bool = True
    """Listed in help and in the platform's command menu."""
    cacheable: bool = False
    """A pure read whose reply depends only on data, arguments, the chat's unit and the day."""
    reads_without_args: bool = False
    """Cacheable when given no arguments (a listing); any argument makes it a write."""
    max_args: int | None = None
    """More arguments than this are refused rather than silently ignored; None: no limit."""
    guide: str = ""
    """Longer help shown by `/trogiup <lệnh>`: the full syntax with a multi-line example."""

    def caches(self, args: list[str]) -> bool:
        """Whether this use of the command is a pure read, answered from the reply cache."""
        return self.cacheable or (self.reads_without_args and not args)

    def check_arity(self, args: list[str]) -> None:
        """Refuse arguments the command would ignore, so a typo is not read as a default."""
        if self.max_args is None or len(args) <= self.max_args:
            return
        extra = " ".join(args[self.max_args :])
        if self.max_args == 0:
            message = texts.no_arguments_taken(self.name, extra)
        else:
            message = texts.too_many_arguments(self.name, extra, self.max_args)
        raise UserError(message, usage=self.usage)
