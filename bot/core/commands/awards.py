"""/khenthuong: award statistics of a year, grouped by level, with totals."""

from __future__ import annotations

from collections import defaultdict

from bot.core import vn
from bot.core.commands.common import known_unit, no_data, pick_year
from bot.core.context import Context
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from storage.queries import awards

USAGE = "/khenthuong [năm] [mã đơn vị]"


def counts_text(by_kind: dict[str, tuple[int, int]]) -> str:
    """`489 tập thể (9 đột xuất), 1.042 cá nhân (74 đột xuất)`."""
    parts = []
    for kind in vn.RECIPIENT_LABELS:
        if kind not in by_kind:
            continue
        total, ad_hoc = by_kind[kind]
        extra = f" ({vn.number(ad_hoc)} đột xuất)" if ad_hoc else ""
        parts.append(f"{vn.number(total)} {vn.RECIPIENT_LABELS[kind]}{extra}")
    return ", ".join(parts)


async def award_stats(ctx: Context) -> Reply:
    """The year's award table: each form with its counts, by level, then totals."""
    years = await awards.award_years(ctx.session)
    # Besides the year, only a unit code: a number that is not a year is a mistyped year.
    year = pick_year(
        ctx.args, years, usage=USAGE, what="khen thưởng", other=lambda a: not a.isdecimal()
    )
    codes = [a for a in ctx.args if not a.isdecimal()]
    unit_ids = None
    scope = ""
    if codes:
        tree = await ctx.unit_tree()
        unit = known_unit(tree.by_code(codes[0]), codes[0], usage=USAGE)
        unit_ids = tree.scope(unit.id)
        scope = f" — {unit.name}"
    rows = await awards.award_counts(ctx.session, year, unit_ids=unit_ids)
    extra = await awards.occasion_awards(ctx.session, year, unit_ids=unit_ids)
    if not rows and not extra:
        if unit_ids is not None and year in years:
            return Reply(f"Năm {year} chưa có khen thưởng nào ghi cho đơn vị này.")
        raise no_data("khen thưởng", year, years)

    forms: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    meta: dict[str, tuple[str, str, int]] = {}
    totals: dict[str, tuple[int, int]] = {}
    for row in rows:
        forms[row.form_code][row.recipient_kind] = (row.total, row.ad_hoc)
        meta[row.form_code] = (row.form_name, row.level, row.sort)
        total, ad_hoc = totals.get(row.recipient_kind, (0, 0))
        totals[row.recipient_kind] = (total + row.total, ad_hoc + row.ad_hoc)

    lines: list[str] = []
    for level in vn.LEVEL_ORDER:
        codes_at_level = sorted(
            (c for c in forms if meta[c][1] == level), key=lambda c: (meta[c][2], meta[c][0])
        )
        if not codes_at_level:
            continue
        lines.append(f"{vn.LEVEL_LABELS[level]}:")
        for code in codes_at_level:
            lines.append(f"• {meta[code][0]}: {counts_text(forms[code])}")
    if totals:
        lines.append("")
        lines.append(f"Tổng cộng: {counts_text(totals)}.")
    # One line per form and recipient at each occasion, collectives and individuals together.
    by_occasion: dict[str, dict[tuple[str, str | None], dict[str, tuple[int, int]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for item in extra:
        counts = by_occasion[item.occasion][(item.form_name, item.recipient_name)]
        total, _ = counts.get(item.recipient_kind, (0, 0))
        counts[item.recipient_kind] = (total + item.count, 0)
    for occasion, forms_there in by_occasion.items():
        lines.append("")
        lines.append(f"{occasion}:")
        for (form_name, recipient), kinds in forms_there.items():
            who = f" — {recipient}" if recipient else ""
            lines.append(f"• {form_name}: {counts_text(kinds)}{who}")
    others = [y for y in sorted(years) if y != year]
    suffix = f" {codes[0].upper()}" if codes else ""
    buttons = [[Button(str(y), f"/khenthuong {y}{suffix}") for y in others[-4:]]] if others else []
    return Reply("\n".join(lines), title=f"Khen thưởng năm {year}{scope}", buttons=buttons)


COMMANDS = [
    Command(
        "khenthuong",
        ("awards",),
        USAGE,
        "Thống kê khen thưởng của một năm theo cấp, hình thức, tập thể và cá nhân.",
        "/khenthuong 2022",
        award_stats,
        cacheable=True,
        max_args=2,
    )
]
