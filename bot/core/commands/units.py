"""/donvi: the unit tree with codes and kinds; with an action, the office edits it."""

from __future__ import annotations

from collections import defaultdict

from bot.core import args as parse
from bot.core.commands.unit_edits import (
    edit_units,
)
from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import units as texts
from bot.domain import unit_kinds, vn
from storage.models import Unit


async def units_command(ctx: Context) -> Reply:
    """The tree, or an edit when an action is given."""
    if ctx.args:
        return await edit_units(ctx)
    return await list_units(ctx)


async def list_units(ctx: Context) -> Reply:
    """The unit tree with codes; stopped units marked, under the unit that took them over."""
    tree = await ctx.unit_tree()
    all_units = list(tree.units.values())
    if not all_units:
        return Reply(texts.NO_UNITS)
    children: dict[int | None, list[Unit]] = defaultdict(list)
    # Sorted once here, not at every level of the walk: folding names is the costly part.
    ordered = sorted(
        all_units,
        key=lambda u: (u.retired_on is not None, u.kind != "agency", parse.fold(u.name)),
    )
    for unit in ordered:
        children[unit.parent_id].append(unit)
    lines: list[str] = []
    active = sum(1 for u in all_units if u.retired_on is None)

    def walk(parent: int | None, depth: int) -> None:
        for unit in children.get(parent, []):
            note = unit_kinds.label(unit.kind)
            if unit.retired_on is not None:
                into = tree.units.get(unit.merged_into_id or 0)
                note += texts.stopped_note(into.code if into else None, vn.date(unit.retired_on))
            lines.append(f"{'  ' * depth}• {unit.code} — {unit.name} ({note})")
            walk(unit.id, depth + 1)

    walk(None, 0)
    lines.append("")
    lines.append(texts.CODES_HINT)
    lines.append(texts.EDITS_HINT)
    return Reply("\n".join(lines), title=texts.tree_title(active, len(all_units) - active))


COMMANDS = [
    Command(
        "donvi",
        ("units",),
        texts.COMMAND_USAGE,
        texts.summary(unit_kinds.offered_text()),
        "/donvi gop P-HOANGLIET-MOI P-HOANGLIET P-THINHLIET",
        units_command,
        writes=True,
        reads_without_args=True,
        who=texts.WHO,
    )
]
