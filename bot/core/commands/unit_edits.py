"""/donvi them|sua|chuyen|gop|ngung: the office keeps its unit tree as it stands today."""

from __future__ import annotations

import re

from bot.core import args as parse
from bot.core.commands.common import require_active
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.texts import units as texts
from bot.core.texts.units import ADD_USAGE, EDIT_USAGE, MERGE_USAGE, MOVE_USAGE, RETIRE_USAGE
from bot.core.unit_notices import retired_text
from bot.domain import unit_kinds
from storage.models import Unit
from storage.queries import roles, units
from storage.queries.units import UnitTree
from storage.seed_schema import CODE_PATTERN

ACTIONS = {
    "them": "add",
    "add": "add",
    "sua": "edit",
    "edit": "edit",
    "chuyen": "move",
    "move": "move",
    "gop": "merge",
    "merge": "merge",
    "ngung": "retire",
    "retire": "retire",
}
TOP = {"goc", "-", "root"}
"""Words for "no unit above" in /donvi chuyen."""


def unit_text(unit: Unit) -> str:
    """`Phường Đại Kim (P-DAIKIM)`."""
    return f"{unit.name} ({unit.code})"


async def edit_units(ctx: Context) -> Reply:
    """Dispatch `/donvi <action> ...` to its handler, office administrators only."""
    action = ACTIONS.get(parse.fold(ctx.args[0]))
    if action is None:
        raise UserError(texts.unknown_action(ctx.args[0]), usage=texts.ALL_USAGES)
    await ctx.require_office()
    tree = await units.unit_tree(ctx.session)
    tokens = ctx.rest.split()[1:]
    if action == "add":
        return await _add(ctx, tree, tokens)
    if action == "edit":
        return await _edit(ctx, tree, tokens)
    if action == "move":
        return await _move(ctx, tree, tokens)
    if action == "merge":
        return await _merge(ctx, tree, tokens)
    return await _retire(ctx, tree, tokens)


def _known(tree: UnitTree, code: str, usage: str) -> Unit:
    unit = tree.by_code(code)
    if unit is None:
        raise UserError(texts.unknown_unit(code), usage=usage)
    return unit


def _kind(tokens: list[str], usage: str) -> tuple[str, int]:
    """A kind of one to three words at the start of `tokens`, and how many words it took."""
    for size in (3, 2, 1):
        if len(tokens) >= size:
            code = unit_kinds.parse(" ".join(tokens[:size]))
            if code is not None:
                return code, size
    shown = tokens[0] if tokens else ""
    raise UserError(texts.unknown_kind(shown, unit_kinds.offered_text()), usage=usage)


def _name(words: list[str], usage: str) -> str:
    name = " ".join(words).strip()
    if not name:
        raise UserError(texts.NAME_MISSING, usage=usage)
    if len(name) > 200:
        raise UserError(texts.NAME_TOO_LONG, usage=usage)
    return name


async def _add(ctx: Context, tree: UnitTree, tokens: list[str]) -> Reply:
    if len(tokens) < 3:
        raise UserError(texts.ADD_MISSING, usage=ADD_USAGE)
    code = tokens[0].upper()
    if not re.fullmatch(CODE_PATTERN, code):
        raise UserError(texts.bad_code(tokens[0]), usage=ADD_USAGE)
    if (existing := tree.by_code(code)) is not None:
        raise UserError(texts.code_taken(code, existing.name), usage=ADD_USAGE)
    kind, used = _kind(tokens[1:], ADD_USAGE)
    words = tokens[1 + used :]
    parent = None
    if len(words) >= 2 and parse.fold(words[-2]) in ("thuoc", "under"):
        parent = _known(tree, words[-1], ADD_USAGE)
        await require_active(ctx, parent, usage=ADD_USAGE)
        words = words[:-2]
    name = _name(words, ADD_USAGE)
    unit = await units.add_unit(
        ctx.session,
        code=code,
        name=name,
        kind=kind,
        parent_id=parent.id if parent else None,
        source=texts.added_by(ctx.actor),
    )
    ctx.audit(
        "create",
        "unit",
        code,
        {"name": name, "kind": kind, "parent": parent.code if parent else None},
        unit=unit,
    )
    above = unit_text(parent) if parent else None
    return Reply(texts.added(unit_text(unit), unit_kinds.label(kind), above))


async def _edit(ctx: Context, tree: UnitTree, tokens: list[str]) -> Reply:
    if len(tokens) < 3:
        raise UserError(texts.EDIT_MISSING, usage=EDIT_USAGE)
    unit = _known(tree, tokens[0], EDIT_USAGE)
    field = parse.fold(tokens[1])
    if field in ("ten", "name"):
        old, unit.name = unit.name, _name(tokens[2:], EDIT_USAGE)
        ctx.audit("update", "unit", unit.code, {"name": [old, unit.name]}, unit=unit)
        return Reply(texts.renamed(unit.code, old, unit.name))
    if field in ("loai", "kind"):
        kind, used = _kind(tokens[2:], EDIT_USAGE)
        if len(tokens) > 2 + used:
            raise UserError(texts.extra_words(" ".join(tokens[2 + used :])), usage=EDIT_USAGE)
        old_kind, unit.kind = unit.kind, kind
        ctx.audit("update", "unit", unit.code, {"kind": [old_kind, kind]}, unit=unit)
        return Reply(
            texts.kind_changed(unit_text(unit), unit_kinds.label(old_kind), unit_kinds.label(kind))
        )
    raise UserError(texts.not_editable(tokens[1]), usage=EDIT_USAGE)


async def _move(ctx: Context, tree: UnitTree, tokens: list[str]) -> Reply:
    if len(tokens) != 2:
        raise UserError(texts.MOVE_NEEDS_TWO, usage=MOVE_USAGE)
    unit = _known(tree, tokens[0], MOVE_USAGE)
    parent = None if parse.fold(tokens[1]) in TOP else _known(tree, tokens[1], MOVE_USAGE)
    if parent is not None:
        await require_active(ctx, parent, usage=MOVE_USAGE)
        if parent.id in tree.subtree(unit.id):
            raise UserError(texts.move_inside(unit_text(parent), unit_text(unit)), usage=MOVE_USAGE)
    old = tree.units.get(unit.parent_id or 0)
    unit.parent_id = parent.id if parent else None
    ctx.audit(
        "update",
        "unit",
        unit.code,
        {"parent": [old.code if old else None, parent.code if parent else None]},
        unit=unit,
    )
    # Roles follow the tree: grants above the new place now cover the unit, those above the
    # old place no longer do.
    return Reply(texts.moved(unit_text(unit), unit_text(parent) if parent else None))


async def _merge(ctx: Context, tree: UnitTree, tokens: list[str]) -> Reply:
    if len(tokens) < 2:
        raise UserError(texts.MERGE_NEEDS, usage=MERGE_USAGE)
    target = _known(tree, tokens[0], MERGE_USAGE)
    await require_active(ctx, target, usage=MERGE_USAGE)
    merged: list[Unit] = []
    for code in tokens[1:]:
        old = _known(tree, code, MERGE_USAGE)
        if old.id == target.id or target.id in tree.subtree(old.id):
            raise UserError(
                texts.merge_inside(unit_text(old), unit_text(target)), usage=MERGE_USAGE
            )
        await require_active(ctx, old, usage=MERGE_USAGE)
        if old not in merged:
            merged.append(old)
    for old in merged:
        units.stop_unit(tree, old, on=ctx.today, into=target)
        ctx.audit("merge", "unit", old.code, {"into": target.code}, unit=old)
    revoked = await _revoke_grants(ctx, tree, merged)
    olds = ", ".join(unit_text(u) for u in merged)
    lines = [texts.merged(olds, unit_text(target), ctx.today, target.code)]
    lines += await _aftermath(ctx, merged, revoked)
    return Reply("\n".join(lines))


async def _retire(ctx: Context, tree: UnitTree, tokens: list[str]) -> Reply:
    if len(tokens) != 1:
        raise UserError(texts.RETIRE_NEEDS_ONE, usage=RETIRE_USAGE)
    unit = _known(tree, tokens[0], RETIRE_USAGE)
    await require_active(ctx, unit, usage=RETIRE_USAGE)
    below = [c for c in tree.children(unit.id) if c.retired_on is None]
    if below:
        codes = ", ".join(c.code for c in below[:5])
        raise UserError(
            texts.active_children(unit_text(unit), len(below), codes), usage=RETIRE_USAGE
        )
    units.stop_unit(tree, unit, on=ctx.today, into=None)
    ctx.audit("retire", "unit", unit.code, {"on": ctx.today.isoformat()}, unit=unit)
    revoked = await _revoke_grants(ctx, tree, [unit])
    lines = [texts.retired_kept(retired_text(unit, None))]
    lines += await _aftermath(ctx, [unit], revoked)
    return Reply("\n".join(lines))


async def _revoke_grants(ctx: Context, tree: UnitTree, stopped: list[Unit]) -> int:
    """Grants on units that take no more data are withdrawn: the office grants anew."""
    grants = await roles.grants_within(ctx.session, {u.id for u in stopped})
    for grant in grants:
        ctx.audit(
            "revoke",
            "role",
            f"{grant.platform}:{grant.user_id}",
            {"role": grant.role, "reason": "unit stopped"},
            unit=tree.units.get(grant.unit_id or 0),
        )
    await roles.remove_grants(ctx.session, grants)
    return len(grants)


async def _aftermath(ctx: Context, stopped: list[Unit], revoked: int) -> list[str]:
    lines = []
    if revoked:
        lines.append(texts.grants_revoked(revoked))
    linked = await units.chats_of_units(ctx.session, {u.id for u in stopped})
    if linked:
        names = ", ".join(c.title or c.platform_chat_id for c in linked[:5])
        lines.append(texts.chats_linked(len(linked), names))
    return lines
