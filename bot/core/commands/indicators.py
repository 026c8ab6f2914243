"""/chitieu: indicators of a year with plan, actual, percent and whether each was met."""

from __future__ import annotations

from decimal import Decimal

from bot.core import vn
from bot.core.commands.common import default_unit, no_data, pick_year
from bot.core.context import Context
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from storage.models import Indicator
from storage.queries import indicators

USAGE = "/chitieu [năm]"
QUALIFIERS = {"over": "trên ", "under": "dưới ", "about": "khoảng ", None: ""}


def percent_of_plan(ind: Indicator) -> Decimal | None:
    """The reported percent, else actual / plan."""
    if ind.percent is not None:
        return ind.percent
    if ind.plan and ind.actual is not None:
        return (ind.actual / ind.plan * 100).quantize(Decimal("0.01"))
    return None


def verdict(ind: Indicator) -> str | None:
    """vượt / đạt / chưa đạt, only when the percent says it for sure."""
    pct = percent_of_plan(ind)
    if pct is None:
        return None
    if ind.qualifier == "over":
        return "vượt" if pct >= 100 else None
    if ind.qualifier is not None:
        return None
    if pct > 100:
        return "vượt"
    return "đạt" if pct == 100 else "chưa đạt"


def indicator_line(ind: Indicator) -> str:
    """`Hiến máu tình nguyện: 4.564/3.000 đơn vị máu — 152% KH — vượt`."""
    qual = QUALIFIERS[ind.qualifier]
    measure = f" {ind.measure}" if ind.measure and ind.measure != "%" else (ind.measure or "")
    parts = []
    if ind.actual is not None:
        plan = f"/{vn.number(ind.plan)}" if ind.plan is not None else ""
        parts.append(f"{qual}{vn.number(ind.actual)}{plan}{measure}")
    pct = percent_of_plan(ind)
    if pct is not None:
        kh = f" KH{f' ({vn.number(ind.plan)}{measure})' if ind.plan and ind.actual is None else ''}"
        parts.append(f"{qual if ind.actual is None else ''}{vn.percent(pct)}{kh}")
    mark = verdict(ind)
    if mark:
        parts.append(mark)
    return f"• {ind.name}: {' — '.join(parts)}"


async def indicator_report(ctx: Context) -> Reply:
    """The year's indicators grouped by field, and how many targets were met."""
    years = await indicators.indicator_years(ctx.session)
    year = pick_year(ctx.args, years, usage=USAGE, what="chỉ tiêu")
    rows = await indicators.indicators(ctx.session, year)
    if not rows:
        raise no_data("chỉ tiêu", year, years)
    lines: list[str] = []
    unit = await default_unit(ctx)
    card = await indicators.scorecard(ctx.session, year, unit.id) if unit else None
    if card:
        lines.append(
            f"Hoàn thành {card.targets_met}/{card.targets_total} chỉ tiêu được giao (theo báo cáo)."
        )
        lines.append("")
    group = None
    for ind in rows:
        if ind.group != group:
            if group is not None:
                lines.append("")
            group = ind.group
            lines.append(f"{group}:")
        lines.append(indicator_line(ind))
    marks = [verdict(ind) for ind in rows]
    judged = [m for m in marks if m]
    lines.append("")
    lines.append(
        f"Trong {len(judged)} chỉ tiêu có số liệu so với kế hoạch: "
        f"{marks.count('vượt')} vượt, {marks.count('đạt')} đạt, {marks.count('chưa đạt')} chưa đạt."
    )
    others = [y for y in sorted(years) if y != year]
    buttons = [[Button(str(y), f"/chitieu {y}") for y in others[-4:]]] if others else []
    scope = f" — {unit.name}" if unit else ""
    return Reply("\n".join(lines), title=f"Chỉ tiêu năm {year}{scope}", buttons=buttons)


COMMANDS = [
    Command(
        "chitieu",
        ("kpi",),
        USAGE,
        "Các chỉ tiêu kinh tế - xã hội: kế hoạch, thực hiện, tỷ lệ và đánh giá.",
        "/chitieu 2022",
        indicator_report,
        cacheable=True,
        max_args=1,
    )
]
