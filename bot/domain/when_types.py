"""What `/nhac` understood (ParsedWhen) and how it refuses what it could not read (WhenError)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from bot.domain.recurrence import Recurrence
from bot.domain.texts.when import EXAMPLES, USAGE, refusal

# Why a moment is later than written: a yearless date already past this year, a day of the
# month already past this month, a time already past today.
Rolled = Literal["year", "month", "day"]


@dataclass(frozen=True, slots=True)
class ParsedWhen:
    """The leading time expression of a `/nhac` argument, understood.

    `first` is the first moment the reminder fires (aware, in the chat's zone), already moved to
    the working day before when `workdays` is set; `nominal` is the moment as written (equal to
    `first` unless it was moved). `recurrence` is None for a one-off reminder. `rolled` says the
    written date was already past and the next one was taken. `rest` is the reminder's text.
    """

    first: dt.datetime
    recurrence: Recurrence | None
    workdays: bool
    rest: str
    nominal: dt.datetime
    rolled: Rolled | None = None
    default_time: bool = False


class WhenError(ValueError):
    """Input that cannot be read without guessing; `message` is the Vietnamese answer."""

    def __init__(
        self, problem: str, *, how: str = USAGE, examples: tuple[str, ...] = EXAMPLES
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.how = how
        self.examples = examples

    @property
    def message(self) -> str:
        """What was wrong, how to write it, and examples (docs/voice.md)."""
        return refusal(self.problem, self.how, self.examples)
