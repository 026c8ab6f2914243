"""Which year a report is about: the one asked for, else this year, else the newest with data."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.domain.errors import UserError
from bot.domain.texts import years as texts


@dataclass(frozen=True)
class YearChoice:
    """The year to show and, when it is not the one the reader expects, a sentence saying so."""

    year: int
    note: str | None = None


def load_hint(what: str, year: int | str) -> str:
    """How to put data of `what` for `year` into the bot."""
    return texts.LOAD_HINTS.get(what, texts.DEFAULT_HINT).format(year=year)


def report_year(
    named: int | None, years: Sequence[int], *, what: str, current: int | None = None
) -> int:
    """The year to show; see `choose_year`."""
    return choose_year(named, years, what=what, current=current).year


def choose_year(
    named: int | None, years: Sequence[int], *, what: str, current: int | None = None
) -> YearChoice:
    """`named` when given; else `current` when it has data; else the newest year up to `current`
    (then the newest at all), with a note that `current` has none and how to load it.

    `years` is newest first; no years at all is refused.
    """
    if named is not None:
        return YearChoice(named)
    if not years:
        year: int | str = current if current is not None else texts.SOME_YEAR
        raise UserError(texts.nothing_loaded(what, load_hint(what, year)))
    if current is None or current in years:
        return YearChoice(current if current is not None else years[0])
    past = [y for y in years if y < current]
    shown = past[0] if past else years[0]
    return YearChoice(shown, texts.shown_instead(what, current, shown, load_hint(what, current)))


def no_data(what: str, year: int, years: Sequence[int]) -> UserError:
    """A message for a year without data that lists the years that have some and how to load."""
    listed = ", ".join(str(y) for y in sorted(years)) or texts.NO_YEARS
    return UserError(texts.year_without_data(what, year, listed, load_hint(what, year)))


def open_task_year(
    years: Sequence[int], closed: Collection[int], *, current: int
) -> YearChoice | None:
    """The year whose tasks summaries follow: this year, else the newest open year with tasks.

    Closed years are never chosen, so their unfinished tasks stop being told as overdue; None
    when every year with tasks is closed (or none has any).
    """
    candidates = [y for y in years if y not in closed]
    if not candidates:
        return None
    if current in candidates:
        return YearChoice(current)
    past = [y for y in candidates if y < current]
    shown = past[0] if past else candidates[0]
    hint = load_hint(texts.TASKS, current)
    return YearChoice(shown, texts.open_task_year_instead(current, shown, hint))
