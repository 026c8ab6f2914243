"""What the print sheets of the workbook show, read into plain values a worker thread may use.

The office's name and the place of the date line come from the unit tree: the unit the office
reports for (its root, `UnitTree.root`) names the office, with its parent above it as the
governing body; the place is the name of the nearest administrative unit at or above the office,
without its kind ("Quận Hoàng Mai" → "Hoàng Mai"), as Decree 30/2020/NĐ-CP (Appendix I) writes the
place of a document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import awards as rules
from bot.domain import vn
from bot.domain.awards import AwardGroup, OccasionLine
from bot.domain.documents import citation
from bot.domain.verdicts import Tally, Verdict, percent_of_plan, verdict
from bot.reports.texts import printing as texts
from storage.models import Unit
from storage.queries import awards, documents, indicators, units

ADMINISTRATIVE_KINDS = frozenset({"province", "district", "commune"})


@dataclass(frozen=True)
class Heading:
    """The top and bottom of every print sheet: who writes, where and when."""

    governing: str | None
    """The body above the office (`Thành phố Hà Nội`), printed above its name."""
    office: str
    place: str
    today: dt.date

    @property
    def date_line(self) -> str:
        """`Hoàng Mai, ngày 28 tháng 11 năm 2026` (without a place when no unit names one)."""
        words = official_date(self.today)
        return f"{self.place}, {words}" if self.place else words[:1].upper() + words[1:]


@dataclass(frozen=True)
class AwardPrint:
    """The year's award statistics: the groups with subtotals, then the occasions apart."""

    year: int
    groups: list[AwardGroup]
    occasions: list[tuple[str, list[OccasionLine]]]


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator as the print sheet shows it."""

    group: str
    name: str
    measure: str | None
    plan: Decimal | None
    actual: Decimal | None
    percent: Decimal | None
    qualifier: str | None
    verdict: Verdict | None


@dataclass(frozen=True)
class IndicatorPrint:
    """The year's indicators with their verdicts, the reported scorecard and the documents."""

    year: int
    rows: list[IndicatorRow]
    tally: Tally
    scorecard: tuple[int, int] | None
    documents: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PrintData:
    """Everything the print sheets need; a sheet is left out when its year has no data."""

    heading: Heading
    awards: AwardPrint | None
    indicators: IndicatorPrint | None


def official_date(day: dt.date) -> str:
    """`ngày 05 tháng 02 năm 2026`: days below 10 and months 1–2 with a leading zero (Decree 30)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return texts.official_date(day.day, month, day.year)


def place_name(name: str) -> str:
    """`Quận Hoàng Mai` → `Hoàng Mai`; a name without an administrative prefix stays whole."""
    lowered = name.lower()
    for prefix in texts.PLACE_PREFIXES:
        if lowered.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


async def heading(session: AsyncSession, today: dt.date) -> Heading:
    """The office, its governing body and the place, from the unit tree."""
    tree = await units.unit_tree(session)
    root = tree.root()
    if root is None:
        return Heading(None, "", "", today)
    parent = tree.units.get(root.parent_id) if root.parent_id is not None else None
    place: Unit | None = root
    while place is not None and place.kind not in ADMINISTRATIVE_KINDS:
        place = tree.units.get(place.parent_id) if place.parent_id is not None else None
    return Heading(
        governing=parent.name if parent else None,
        office=root.name,
        place=place_name((place or root).name),
        today=today,
    )


async def award_print(session: AsyncSession, year: int | None) -> AwardPrint | None:
    """The award statistics of `year` (default: the newest), None when it has none."""
    years = await awards.award_years(session)
    chosen = year if year is not None else (years[0] if years else None)
    if chosen is None or chosen not in years:
        return None
    groups = rules.group_forms(rules.form_totals(await awards.award_counts(session, chosen)))
    occasions = rules.occasion_lines(await awards.occasion_awards(session, chosen))
    return AwardPrint(chosen, groups, occasions)


async def indicator_print(session: AsyncSession, year: int | None) -> IndicatorPrint | None:
    """The indicators of `year` (default: the newest), None when it has none."""
    years = await indicators.indicator_years(session)
    chosen = year if year is not None else (years[0] if years else None)
    if chosen is None or chosen not in years:
        return None
    found = await indicators.indicators(session, chosen)
    rows = [
        IndicatorRow(
            ind.group,
            ind.name,
            ind.measure,
            ind.plan,
            ind.actual,
            percent_of_plan(ind),
            ind.qualifier,
            verdict(ind),
        )
        for ind in found
    ]
    root = await units.root_unit(session)
    card = await indicators.scorecard(session, chosen, root.id) if root else None
    cited = await documents.documents_issued_in(session, chosen)
    return IndicatorPrint(
        chosen,
        rows,
        Tally.of(row.verdict for row in rows),
        (card.targets_met, card.targets_total) if card else None,
        [citation(d, date=vn.date) for d in cited],
    )


async def print_data(session: AsyncSession, *, year: int | None, today: dt.date) -> PrintData:
    """Read the heading and both print sheets' data."""
    return PrintData(
        heading=await heading(session, today),
        awards=await award_print(session, year),
        indicators=await indicator_print(session, year),
    )
