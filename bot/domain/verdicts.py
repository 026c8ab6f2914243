"""One verdict rule for an indicator against its plan, shared by /chitieu, chart and workbook.

The percent of plan is the reported one, else actual / plan. Then:

- no percent (no plan to compare with): no verdict at all;
- an exact percent: above 100 → vượt, exactly 100 → đạt, below 100 → chưa đạt;
- "khoảng X%" (about): the source's own estimate, judged like an exact figure;
- "trên X%" (over, the true figure is above X): vượt when X ≥ 100, since the figure is then above
  the plan; below 100 the figure may lie on either side of the plan (the article's "giải ngân đạt
  trên 95% kế hoạch"), so the verdict is open ("chưa đủ căn cứ đánh giá"), never "chưa đạt";
- "dưới X%" (under, the true figure is below X): chưa đạt when X ≤ 100; above 100, open.

An open verdict is counted apart: it is neither met nor missed, and every total says how many
indicators it left open, so a text, a chart and a sheet built from this module always agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from bot.domain.texts import verdicts as texts

HUNDRED = Decimal(100)


class Verdict(StrEnum):
    """What an indicator's percent of plan says, in the words the reports print."""

    EXCEEDED = texts.EXCEEDED
    MET = texts.MET
    MISSED = texts.MISSED
    OPEN = texts.OPEN


REACHED = frozenset({Verdict.EXCEEDED, Verdict.MET})
"""Verdicts that count as "đạt hoặc vượt kế hoạch"."""


class Figures(Protocol):
    """What the rule reads of an indicator (a database row or a plain copy of one)."""

    @property
    def plan(self) -> Decimal | None: ...

    @property
    def actual(self) -> Decimal | None: ...

    @property
    def percent(self) -> Decimal | None: ...

    @property
    def qualifier(self) -> str | None: ...


def percent_of_plan(ind: Figures) -> Decimal | None:
    """The reported percent, else actual / plan."""
    if ind.percent is not None:
        return ind.percent
    if ind.plan and ind.actual is not None:
        return (ind.actual / ind.plan * 100).quantize(Decimal("0.01"))
    return None


def judge(percent: Decimal | None, qualifier: str | None) -> Verdict | None:
    """The verdict of a percent of plan with the source's qualifier (see the module docstring)."""
    if percent is None:
        return None
    if qualifier == "over":
        return Verdict.EXCEEDED if percent >= HUNDRED else Verdict.OPEN
    if qualifier == "under":
        return Verdict.MISSED if percent <= HUNDRED else Verdict.OPEN
    if percent > HUNDRED:
        return Verdict.EXCEEDED
    return Verdict.MET if percent == HUNDRED else Verdict.MISSED


def verdict(ind: Figures) -> Verdict | None:
    """The verdict of an indicator, None when it has nothing to compare with a plan."""
    return judge(percent_of_plan(ind), ind.qualifier)


@dataclass(frozen=True)
class Tally:
    """How many indicators got each verdict; those without a verdict are not counted."""

    exceeded: int = 0
    met: int = 0
    missed: int = 0
    open: int = 0

    @classmethod
    def of(cls, verdicts: Iterable[Verdict | None]) -> Tally:
        """Count a list of verdicts."""
        found = [v for v in verdicts if v is not None]
        return cls(
            exceeded=found.count(Verdict.EXCEEDED),
            met=found.count(Verdict.MET),
            missed=found.count(Verdict.MISSED),
            open=found.count(Verdict.OPEN),
        )

    @property
    def judged(self) -> int:
        """Indicators with a definite verdict: vượt, đạt or chưa đạt."""
        return self.exceeded + self.met + self.missed

    @property
    def reached(self) -> int:
        """Indicators that met or exceeded the plan."""
        return self.exceeded + self.met

    def sentence(self, number: Callable[[int], str]) -> str:
        """`Trong 10 chỉ tiêu đánh giá được …`: the one summary every report prints.

        `number` formats a count (the caller's Vietnamese number style).
        """
        return texts.tally(
            number(self.judged),
            number(self.exceeded),
            number(self.met),
            number(self.missed),
            number(self.open) if self.open else None,
        )
