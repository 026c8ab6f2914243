"""What users are told about a unit that has stopped or was merged into another."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.texts import units as texts
from bot.domain import vn
from storage.models import Unit


def retired_text(unit: Unit, into: Unit | None) -> str:
    """How a user is told that a unit has stopped: since when, and into which unit."""
    assert unit.retired_on is not None
    merged = f"{into.name} ({into.code})" if into is not None else None
    return texts.retired(f"{unit.name} ({unit.code})", vn.date(unit.retired_on), merged)


async def stopped_unit_notice(ctx: Context) -> str | None:
    """For a chat linked to a unit that has stopped: what to tell it under every reply."""
    if ctx.chat is None or ctx.chat.unit_id is None:
        return None
    tree = await ctx.unit_tree()
    unit = tree.units.get(ctx.chat.unit_id)
    if unit is None or unit.retired_on is None:
        return None
    into = tree.units.get(unit.merged_into_id or 0)
    return texts.stopped_unit_notice(retired_text(unit, into))
