"""/khenthuong: award statistics of a year: titles, award forms and recognitions, each by level."""

from __future__ import annotations

from bot.core.commands.common import known_unit, pick_year
from bot.core.context import Context
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from bot.core.texts import awards as texts
from bot.domain import awards as rules
from bot.domain import vn
from bot.domain.awards import AwardGroup, Counts
from bot.domain.years import no_data
from storage.queries import awards
from storage.queries.awards import OccasionAward

USAGE = texts.USAGE
ROMAN = ("I", "II", "III", "IV")


def counts_text(by_kind: Counts, *, turns: bool = False) -> str:
    """`489 lượt tập thể (9 đột xuất), 1.042 lượt cá nhân (74 đột xuất)`."""
    return rules.counts_phrase(by_kind, turns=turns, number=vn.number)


def subtotal_text(group: AwardGroup) -> str:
    """A group's subtotal, in lượt."""
    return rules.subtotal_phrase(group, number=vn.number)


def group_totals_text(groups: dict[str, Counts]) -> str:
    """`danh hiệu thi đua 129 lượt tập thể, …; hình thức khen thưởng …`: subtotals, never summed."""
    return "; ".join(
        f"{rules.CATEGORY_LABELS[category].lower()} {counts_text(groups[category], turns=True)}"
        for category in rules.CATEGORY_ORDER
        if category in groups
    )


def group_lines(groups: list[AwardGroup]) -> list[str]:
    """Each group with its forms by level and its subtotal; never a total across groups."""
    lines: list[str] = []
    for number, group in zip(ROMAN, groups, strict=False):
        if lines:
            lines.append("")
        lines.append(f"{number}. {group.label}:")
        level = None
        for form in group.forms:
            if form.level != level:
                level = form.level
                lines.append(f"{vn.LEVEL_LABELS.get(level, level)}:")
            lines.append(f"• {form.name}: {counts_text(form.counts, turns=form.in_turns)}")
        lines.append(texts.subtotal(group.label, subtotal_text(group)))
    return lines


def occasion_text(extra: list[OccasionAward]) -> list[str]:
    """Awards at a ceremony or named apart in the report, one block per occasion."""
    lines: list[str] = []
    for occasion, items in rules.occasion_lines(extra):
        lines.append("")
        lines.append(f"{occasion}:")
        for item in items:
            who = f" — {item.recipient}" if item.recipient else ""
            lines.append(f"• {item.name}: {counts_text(item.counts, turns=item.in_turns)}{who}")
    return lines


async def award_stats(ctx: Context) -> Reply:
    """The year's award table: titles, forms and recognitions apart, each with a subtotal."""
    years = await awards.award_years(ctx.session)
    # Besides the year, only a unit code: a number that is not a year is a mistyped year.
    chosen = pick_year(
        ctx.args,
        years,
        usage=USAGE,
        what=texts.WHAT,
        current=ctx.today.year,
        other=lambda a: not a.isdecimal(),
    )
    year = chosen.year
    codes = [a for a in ctx.args if not a.isdecimal()]
    unit_ids = None
    scope = None
    if codes:
        tree = await ctx.unit_tree()
        unit = known_unit(tree.by_code(codes[0]), codes[0], usage=USAGE)
        unit_ids = tree.scope(unit.id)
        scope = unit.name
    rows = await awards.award_counts(ctx.session, year, unit_ids=unit_ids)
    extra = await awards.occasion_awards(ctx.session, year, unit_ids=unit_ids)
    if not rows and not extra:
        if unit_ids is not None and year in years:
            return Reply(texts.none_for_unit(year))
        raise no_data(texts.WHAT, year, years)
    groups = rules.group_forms(rules.form_totals(rows))
    lines = group_lines(groups)
    if groups:
        lines.append("")
        lines.append(rules.SUBTOTAL_NOTE)
    lines.extend(occasion_text(extra))
    if lines and lines[0] == "":
        lines.pop(0)
    if chosen.note:
        lines[:0] = [chosen.note, ""]
    others = [y for y in sorted(years) if y != year]
    suffix = f" {codes[0].upper()}" if codes else ""
    buttons = [[Button(str(y), f"/khenthuong {y}{suffix}") for y in others[-4:]]] if others else []
    return Reply("\n".join(lines), title=texts.title(year, scope), buttons=buttons)


COMMANDS = [
    Command(
        "khenthuong",
        ("awards",),
        USAGE,
        texts.SUMMARY,
        "/khenthuong 2022",
        award_stats,
        cacheable=True,
        max_args=2,
    )
]
