"""/donvi: the unit tree with codes and kinds; with an action, the office edits it."""

from __future__ import annotations

from collections import defaultdict

from bot.core import args as parse
from bot.core import vn
from bot.core.commands.unit_edits import (
    edit_units,
)
from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.domain import unit_kinds
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
        return Reply(
            "Chưa có đơn vị nào. Quản trị chung thêm bằng /donvi them hoặc nhập tệp danh mục "
            "đơn vị bằng /nhap."
        )
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
                done = f"gộp vào {into.code}" if into else "ngừng"
                note += f"; {done} từ {vn.date(unit.retired_on)}"
            lines.append(f"{'  ' * depth}• {unit.code} — {unit.name} ({note})")
            walk(unit.id, depth + 1)

    walk(None, 0)
    lines.append("")
    lines.append("Dùng mã trong lệnh, ví dụ: /tiendo P-DAIKIM hoặc /khenthuong 2022 HM.")
    lines.append(
        "Quản trị chung sửa cây đơn vị: /donvi them, sua, chuyen, gop, ngung (xem /trogiup)."
    )
    stopped = len(all_units) - active
    count = f"{active} đơn vị" + (f", {stopped} đã ngừng" if stopped else "")
    return Reply("\n".join(lines), title=f"Mã đơn vị ({count})")


COMMANDS = [
    Command(
        "donvi",
        ("units",),
        "/donvi [them <mã> <loại> <tên> [thuộc <mã>] | sua <mã> ten|loai <giá trị> | "
        "chuyen <mã> <mã cấp trên> | gop <mã mới> <mã cũ ...> | ngung <mã>]",
        "Cây đơn vị; thêm, sửa, chuyển, gộp (đơn vị mới nhận số liệu cũ), ngừng đơn vị. "
        f"Loại: {unit_kinds.offered_text()}.",
        "/donvi gop P-HOANGLIET-MOI P-HOANGLIET P-THINHLIET",
        units_command,
        writes=True,
        who="xem: mọi người; sửa: quản trị chung",
    )
]
