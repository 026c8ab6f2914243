"""/donvi: unit codes as a tree, so users can name units in commands."""

from __future__ import annotations

from collections import defaultdict

from bot.core import args as parse
from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.registry import Command
from storage.models import Unit

KIND_LABELS = {
    "province": "tỉnh/thành phố",
    "district": "quận/huyện",
    "commune": "xã",
    "ward": "phường",
    "agency": "cơ quan",
    "sector": "ngành",
    "organisation": "tổ chức",
}


async def list_units(ctx: Context) -> Reply:
    """The unit tree with codes."""
    all_units = list((await ctx.unit_tree()).units.values())
    if not all_units:
        return Reply("Chưa có đơn vị nào. Quản trị viên cần nạp dữ liệu bằng `thidua seed`.")
    children: dict[int | None, list[Unit]] = defaultdict(list)
    # Sorted once here, not at every level of the walk: folding names is the costly part.
    ordered = sorted(all_units, key=lambda u: (u.kind != "agency", parse.fold(u.name)))
    for unit in ordered:
        children[unit.parent_id].append(unit)
    lines: list[str] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in children.get(parent, []):
            kind = KIND_LABELS.get(unit.kind, unit.kind)
            lines.append(f"{'  ' * depth}• {unit.code} — {unit.name} ({kind})")
            walk(unit.id, depth + 1)

    walk(None, 0)
    lines.append("")
    lines.append("Dùng mã trong lệnh, ví dụ: /tiendo P-DAIKIM hoặc /khenthuong 2022 HM.")
    return Reply("\n".join(lines), title=f"Mã đơn vị ({len(all_units)} đơn vị)")


COMMANDS = [
    Command(
        "donvi",
        ("units",),
        "/donvi",
        "Mã các đơn vị để dùng trong lệnh.",
        "/donvi",
        list_units,
        cacheable=True,
        max_args=0,
    )
]
