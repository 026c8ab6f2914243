"""Which year a report is about: the one asked for, else the newest year with data."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.errors import UserError


def report_year(named: int | None, years: Sequence[int], *, what: str) -> int:
    """`named` when given, else the newest of `years` (newest first); no years at all is refused."""
    if named is not None:
        return named
    if not years:
        raise UserError(f"Chưa có số liệu {what} nào trong cơ sở dữ liệu.")
    return years[0]


def no_data(what: str, year: int, years: Sequence[int]) -> UserError:
    """A message for a year without data that lists the years that have some."""
    listed = ", ".join(str(y) for y in sorted(years)) or "chưa có năm nào"
    return UserError(f"Chưa có số liệu {what} năm {year}. Các năm có số liệu: {listed}.")
