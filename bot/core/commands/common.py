"""Helpers shared by command handlers: unit and year resolution."""

from __future__ import annotations

from collections.abc import Callable

from bot.core import args as parse
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.texts import common as texts
from bot.core.unit_notices import retired_text
from bot.domain.years import YearChoice, choose_year
from storage.models import Unit
from storage.queries import units


async def unit_arg(ctx: Context, code: str, *, usage: str) -> Unit:
    """The unit named by `code`, or a message pointing at /donvi."""
    return known_unit(await units.unit_by_code(ctx.session, code), code, usage=usage)


def known_unit(unit: Unit | None, code: str, *, usage: str) -> Unit:
    """`unit`, or a message pointing at /donvi when no unit has that code."""
    if unit is None:
        raise UserError(texts.unknown_unit(code), usage=usage)
    return unit


async def require_active(ctx: Context, unit: Unit | None, *, usage: str | None = None) -> None:
    """Refuse new data for a retired or merged unit; its history stays."""
    if unit is None or unit.retired_on is None:
        return
    into = (await ctx.unit_tree()).units.get(unit.merged_into_id or 0)
    raise UserError(texts.retired(retired_text(unit, into)), usage=usage)


async def chat_unit(ctx: Context) -> Unit | None:
    """The unit this chat speaks for, if linked."""
    if ctx.chat is None or ctx.chat.unit_id is None:
        return None
    return await ctx.unit(ctx.chat.unit_id)


async def default_unit(ctx: Context) -> Unit | None:
    """The chat's unit, else the office's top unit."""
    return await chat_unit(ctx) or (await ctx.unit_tree()).root()


def pick_year(
    ctx_args: list[str],
    years: list[int],
    *,
    usage: str,
    what: str,
    current: int | None = None,
    other: Callable[[str], bool] = lambda token: False,
) -> YearChoice:
    """The year named in the arguments, else `current` (this year) when it has data, else the
    newest year with data and a note saying this year has none.

    An argument that is neither a year nor something `other` accepts (a unit code, a page) is
    refused as a wrong year rather than ignored.
    """
    for token in ctx_args:
        if not parse.is_year(token) and not other(token):
            parse.year(token, usage=usage)  # raises, saying how a year is written
    named = [a for a in ctx_args if parse.is_year(a)]
    return choose_year(
        parse.year(named[0], usage=usage) if named else None, years, what=what, current=current
    )
