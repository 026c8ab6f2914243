"""What charts plot, read from the database into plain values that a worker thread may use."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.awards import FormTotal, form_totals
from bot.domain.verdicts import Verdict, judge, percent_of_plan
from storage.queries import awards, exports, indicators


@dataclass(frozen=True)
class UnitProgress:
    """A unit's average progress over the year's tasks it is responsible for."""

    code: str
    name: str
    tasks: int
    average: float
    overdue: int


@dataclass(frozen=True)
class IndicatorPercent:
    """An indicator with its percent of plan and the verdict the rule gives it."""

    code: str
    name: str
    percent: Decimal
    qualifier: str | None

    @property
    def verdict(self) -> Verdict:
        """vượt / đạt / chưa đạt / chưa đủ căn cứ: the same rule as /chitieu and the workbook."""
        # A percent always gets a verdict; OPEN only satisfies the type checker.
        return judge(self.percent, self.qualifier) or Verdict.OPEN


async def award_forms(session: AsyncSession, year: int) -> list[FormTotal]:
    """The year's office-wide award table, one entry per form (ceremonies excluded)."""
    return form_totals(await awards.award_counts(session, year))


async def unit_progress(session: AsyncSession, year: int, today: dt.date) -> list[UnitProgress]:
    """Per responsible unit: average progress (no report counts as 0%) and overdue tasks."""
    percents: dict[tuple[str, str], list[int]] = defaultdict(list)
    overdue: dict[tuple[str, str], int] = defaultdict(int)
    for code, name, deadline, percent in await exports.unit_task_percents(session, year):
        value = int(percent or 0)
        percents[(code, name)].append(value)
        if deadline is not None and deadline < today and value < 100:
            overdue[(code, name)] += 1
    return [
        UnitProgress(code, name, len(values), sum(values) / len(values), overdue[(code, name)])
        for (code, name), values in percents.items()
    ]


async def indicator_percents(session: AsyncSession, year: int) -> list[IndicatorPercent]:
    """The year's indicators that have a percent of plan (reported or computed)."""
    result = []
    for ind in await indicators.indicators(session, year):
        pct = percent_of_plan(ind)
        if pct is not None:
            result.append(IndicatorPercent(ind.code, ind.name, pct, ind.qualifier))
    return result
