"""/donvi them|sua|chuyen|gop|ngung: the office keeps its unit tree as it stands today."""

from __future__ import annotations

import re

from bot.core import args as parse
from bot.core.commands.common import require_active
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.unit_notices import retired_text
from bot.domain import unit_kinds
from storage.models import Unit
from storage.queries import roles, units
from storage.queries.units import UnitTree
from storage.seed_schema import CODE_PATTERN

ADD_USAGE = "/donvi them <mã> <loại> <tên> [thuộc <mã đơn vị cấp trên>]"
EDIT_USAGE = "/donvi sua <mã> ten <tên mới> | /donvi sua <mã> loai <loại>"
MOVE_USAGE = "/donvi chuyen <mã> <mã đơn vị cấp trên mới | goc>"
MERGE_USAGE = "/donvi gop <mã đơn vị mới> <mã đơn vị cũ> [<mã đơn vị cũ> ...]"
RETIRE_USAGE = "/donvi ngung <mã>"
USAGE = "/donvi [them | sua | chuyen | gop | ngung ...]"
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
        raise UserError(
            f"Không có thao tác '{ctx.args[0]}' của /donvi. Gõ /donvi để xem cây đơn vị.",
            usage=f"{ADD_USAGE}\n{EDIT_USAGE}\n{MOVE_USAGE}\n{MERGE_USAGE}\n{RETIRE_USAGE}",
        )
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
        raise UserError(f"Không có đơn vị mã '{code}'. Gõ /donvi để xem mã.", usage=usage)
    return unit


def _kind(tokens: list[str], usage: str) -> tuple[str, int]:
    """A kind of one to three words at the start of `tokens`, and how many words it took."""
    for size in (3, 2, 1):
        if len(tokens) >= size:
            code = unit_kinds.parse(" ".join(tokens[:size]))
            if code is not None:
                return code, size
    shown = tokens[0] if tokens else ""
    raise UserError(
        f"Loại đơn vị '{shown}' không có. Các loại: {unit_kinds.offered_text()}.", usage=usage
    )


def _name(words: list[str], usage: str) -> str:
    name = " ".join(words).strip()
    if not name:
        raise UserError("Thiếu tên đơn vị.", usage=usage)
    if len(name) > 200:
        raise UserError("Tên đơn vị dài quá 200 ký tự.", usage=usage)
    return name


async def _add(ctx: Context, tree: UnitTree, tokens: list[str]) -> Reply:
    if len(tokens) < 3:
        raise UserError("Thiếu mã, loại hoặc tên đơn vị.", usage=ADD_USAGE)
    code = tokens[0].upper()
    if not re.fullmatch(CODE_PATTERN, code):
        raise UserError(
            f"Mã '{tokens[0]}' chỉ được gồm chữ không dấu, số, '-', '_' hoặc '.' (tối đa 40).",
            usage=ADD_USAGE,
        )
    if (existing := tree.by_code(code)) is not None:
        raise UserError(f"Mã '{code}' đã là của {existing.name}.", usage=ADD_USAGE)
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
        source=f"Thêm qua lệnh bởi {ctx.actor}",
    )
    ctx.audit(
        "create",
        "unit",
        code,
        {"name": name, "kind": kind, "parent": parent.code if parent else None},
        unit=unit,
    )
    under = f", thuộc {unit_text(parent)}" if parent else ""
    return Reply(f"Đã thêm đơn vị {unit_text(unit)} — {unit_kinds.label(kind)}{under}.")


async def _edit(ctx: Context, tree: UnitTree, tokens: list[str]) -> Reply:
    if len(tokens) < 3:
        raise UserError("Thiếu mã đơn vị, trường cần sửa hoặc giá trị mới.", usage=EDIT_USAGE)
    unit = _known(tree, tokens[0], EDIT_USAGE)
    field = parse.fold(tokens[1])
    if field in ("ten", "name"):
        old, unit.name = unit.name, _name(tokens[2:], EDIT_USAGE)
        ctx.audit("update", "unit", unit.code, {"name": [old, unit.name]}, unit=unit)
        return Reply(f"Đã đổi tên đơn vị {unit.code}: {old} → {unit.name}.")
    if field in ("loai", "kind"):
        kind, used = _kind(tokens[2:], EDIT_USAGE)
        if len(tokens) > 2 + used:
            raise UserError(f"Thừa '{' '.join(tokens[2 + used :])}' ở cuối lệnh.", usage=EDIT_USAGE)
        old_kind, unit.kind = unit.kind, kind
        ctx.audit("update", "unit", unit.code, {"kind": [old_kind, kind]}, unit=unit)
        return Reply(
            f"Đã đổi loại của {unit_text(unit)}: {unit_kinds.label(old_kind)} → "
            f"{unit_kinds.label(kind)}."
        )
    raise UserError(f"Không sửa được '{tokens[1]}': chỉ sửa ten hoặc loai.", usage=EDIT_USAGE)


async def _move(ctx: Context, tree: UnitTree, tokens: list[str]) -> Reply:
    if len(tokens) != 2:
        raise UserError("Cần đúng mã đơn vị và mã đơn vị cấp trên mới.", usage=MOVE_USAGE)
    unit = _known(tree, tokens[0], MOVE_USAGE)
    parent = None if parse.fold(tokens[1]) in TOP else _known(tree, tokens[1], MOVE_USAGE)
    if parent is not None:
        await require_active(ctx, parent, usage=MOVE_USAGE)
        if parent.id in tree.subtree(unit.id):
            raise UserError(
                f"Không chuyển được: {unit_text(parent)} nằm trong {unit_text(unit)}.",
                usage=MOVE_USAGE,
            )
    old = tree.units.get(unit.parent_id or 0)
    unit.parent_id = parent.id if parent else None
    ctx.audit(
        "update",
        "unit",
        unit.code,
        {"parent": [old.code if old else None, parent.code if parent else None]},
        unit=unit,
    )
    where = f"vào {unit_text(parent)}" if parent else "lên cấp cao nhất"
    # Roles follow the tree: grants above the new place now cover the unit, those above the
    # old place no longer do.
    return Reply(
        f"Đã chuyển {unit_text(unit)} {where}. Quyền của quản trị đơn vị cấp trên theo vị trí mới."
    )


async def _merge(ctx: Context, tree: UnitTree, tokens: list[str]) -> Reply:
    if len(tokens) < 2:
        raise UserError("Cần mã đơn vị mới và ít nhất một mã đơn vị cũ.", usage=MERGE_USAGE)
    target = _known(tree, tokens[0], MERGE_USAGE)
    await require_active(ctx, target, usage=MERGE_USAGE)
    merged: list[Unit] = []
    for code in tokens[1:]:
        old = _known(tree, code, MERGE_USAGE)
        if old.id == target.id or target.id in tree.subtree(old.id):
            raise UserError(
                f"Không gộp được {unit_text(old)} vào {unit_text(target)}: "
                "đơn vị mới không được nằm trong đơn vị cũ.",
                usage=MERGE_USAGE,
            )
        await require_active(ctx, old, usage=MERGE_USAGE)
        if old not in merged:
            merged.append(old)
    for old in merged:
        units.stop_unit(tree, old, on=ctx.today, into=target)
        ctx.audit("merge", "unit", old.code, {"into": target.code}, unit=old)
    revoked = await _revoke_grants(ctx, tree, merged)
    lines = [
        f"Đã gộp {', '.join(unit_text(u) for u in merged)} vào {unit_text(target)} từ "
        f"ngày {ctx.today:%d/%m/%Y}. Số liệu của các đơn vị cũ được tính vào {target.code}; "
        "các đơn vị cũ không nhận dữ liệu mới."
    ]
    lines += await _aftermath(ctx, merged, revoked)
    return Reply("\n".join(lines))


async def _retire(ctx: Context, tree: UnitTree, tokens: list[str]) -> Reply:
    if len(tokens) != 1:
        raise UserError("Cần đúng một mã đơn vị.", usage=RETIRE_USAGE)
    unit = _known(tree, tokens[0], RETIRE_USAGE)
    await require_active(ctx, unit, usage=RETIRE_USAGE)
    below = [c for c in tree.children(unit.id) if c.retired_on is None]
    if below:
        raise UserError(
            f"{unit_text(unit)} còn {len(below)} đơn vị trực thuộc đang hoạt động "
            f"({', '.join(c.code for c in below[:5])}): chuyển (/donvi chuyen) hoặc ngừng "
            "chúng trước.",
            usage=RETIRE_USAGE,
        )
    units.stop_unit(tree, unit, on=ctx.today, into=None)
    ctx.audit("retire", "unit", unit.code, {"on": ctx.today.isoformat()}, unit=unit)
    revoked = await _revoke_grants(ctx, tree, [unit])
    lines = [f"{retired_text(unit, None)}. Số liệu cũ vẫn được giữ và thống kê."]
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
        lines.append(
            f"Đã thu hồi {revoked} quyền trên các đơn vị này; cấp lại trên đơn vị đang hoạt động "
            "bằng /quyen them."
        )
    linked = await units.chats_of_units(ctx.session, {u.id for u in stopped})
    if linked:
        names = ", ".join(c.title or c.platform_chat_id for c in linked[:5])
        lines.append(
            f"{len(linked)} nhóm đang gắn với các đơn vị này ({names}) sẽ được báo ở mỗi lệnh "
            "cho đến khi quản trị gắn lại bằng /caidat donvi <mã>."
        )
    return lines
