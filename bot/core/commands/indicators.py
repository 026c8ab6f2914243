"""/chitieu: indicators of a year with plan, actual, percent and whether each was met."""

from __future__ import annotations

from bot.core.commands.common import default_unit, pick_year
from bot.core.context import Context
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from bot.core.texts import indicators as texts
from bot.domain import vn
from bot.domain.documents import citation
from bot.domain.verdicts import Tally, percent_of_plan, verdict
from bot.domain.years import no_data
from storage.models import Indicator
from storage.queries import documents, indicators

USAGE = texts.USAGE
QUALIFIERS = texts.QUALIFIERS
SHOWN_DOCUMENTS = 5


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
    """The year's indicators grouped by field, how many targets were met, and the documents."""
    years = await indicators.indicator_years(ctx.session)
    chosen = pick_year(ctx.args, years, usage=USAGE, what=texts.WHAT, current=ctx.today.year)
    year = chosen.year
    rows = await indicators.indicators(ctx.session, year)
    if not rows:
        raise no_data(texts.WHAT, year, years)
    lines: list[str] = [chosen.note, ""] if chosen.note else []
    unit = await default_unit(ctx)
    card = await indicators.scorecard(ctx.session, year, unit.id) if unit else None
    if card:
        lines.append(texts.targets_met(card.targets_met, card.targets_total))
        lines.append("")
    group = None
    for ind in rows:
        if ind.group != group:
            if group is not None:
                lines.append("")
            group = ind.group
            lines.append(f"{group}:")
        lines.append(indicator_line(ind))
    lines.append("")
    lines.append(Tally.of(verdict(ind) for ind in rows).sentence(vn.number))
    lines.extend(await document_lines(ctx, year))
    others = [y for y in sorted(years) if y != year]
    buttons = [[Button(str(y), f"/chitieu {y}") for y in others[-4:]]] if others else []
    title = texts.title(year, unit.name if unit else None)
    return Reply("\n".join(lines), title=title, buttons=buttons)


async def document_lines(ctx: Context, year: int) -> list[str]:
    """The documents issued in the year that the data cites, and where to read all of them."""
    found = await documents.documents_issued_in(ctx.session, year)
    if not found:
        return []
    lines = ["", texts.documents_head(year)]
    lines.extend(f"• {citation(doc, date=vn.date)}" for doc in found[:SHOWN_DOCUMENTS])
    if len(found) > SHOWN_DOCUMENTS:
        lines.append(
            vn.left_out(len(found) - SHOWN_DOCUMENTS, texts.DOCUMENTS_WHAT, f"/xuat {year}")
        )
    lines.append(texts.all_documents(year))
    return lines


COMMANDS = [
    Command(
        "chitieu",
        ("kpi",),
        USAGE,
        texts.SUMMARY,
        "/chitieu 2022",
        indicator_report,
        cacheable=True,
        max_args=1,
    )
]
