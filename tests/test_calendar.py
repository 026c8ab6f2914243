"""Lunar conversion, anniversaries and formatting rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import holidays
import pytest

from bot.domain import vn
from bot.domain.calendar import (
    anniversary_class,
    lunar_to_solar,
    occurrences,
    solar_in_year,
    to_lunar,
)


def test_tet_and_gio_to_match_the_holidays_package_1990_2100() -> None:
    mismatches = []
    compared = 0
    for year in range(1990, 2101):
        table = holidays.country_holidays("VN", years=year, language="en_US")
        tet = [d for d, name in table.items() if name == "Lunar New Year"]
        gio_to = [d for d, name in table.items() if "Hung Kings" in name]
        # Tết is in every year's table; Giỗ Tổ became a day off in 2007.
        assert tet and (gio_to or year < 2007), year
        if min(tet) != lunar_to_solar(1, 1, year):
            mismatches.append(("tet", year, min(tet)))
        if gio_to and min(gio_to) != lunar_to_solar(10, 3, year):
            mismatches.append(("gio_to", year, min(gio_to)))
        compared += 1 + bool(gio_to)
    assert mismatches == []
    assert compared == 111 + 94  # Tết 1990–2100, Giỗ Tổ 2007–2100


@pytest.mark.parametrize(
    ("year", "expected"),
    [(1985, dt.date(1985, 1, 21)), (2007, dt.date(2007, 2, 17)), (2023, dt.date(2023, 1, 22))],
)
def test_vietnamese_not_chinese_tet(year: int, expected: dt.date) -> None:
    assert lunar_to_solar(1, 1, year) == expected


def test_leap_month_year_uses_the_regular_month() -> None:
    # 2023 had a leap 2nd month; Giỗ Tổ (10/3) falls after it, on 29/04/2023.
    assert lunar_to_solar(10, 3, 2023) == dt.date(2023, 4, 29)
    assert to_lunar(dt.date(2023, 3, 22)).leap


def test_missing_lunar_30th_falls_on_the_29th() -> None:
    # Lunar month 1 of 2023 had 29 days: its "30th" is observed on the 29th, still in month 1.
    day = lunar_to_solar(30, 1, 2023)
    lunar = to_lunar(day)
    assert (lunar.day, lunar.month) == (29, 1)


def test_feb_29_falls_on_feb_28_in_common_years() -> None:
    assert solar_in_year(29, 2, 2027) == dt.date(2027, 2, 28)
    assert solar_in_year(29, 2, 2028) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("origin", "year", "number", "klass"),
    [
        (1948, 2028, 80, "năm tròn"),
        (2003, 2028, 25, "năm lẻ 5"),
        (1930, 2030, 100, "năm tròn"),
        (1945, 2027, 82, None),
    ],
)
def test_anniversary_examples(origin: int, year: int, number: int, klass: str | None) -> None:
    [occ] = occurrences(
        calendar="solar",
        day=1,
        month=1,
        origin_year=origin,
        start=dt.date(year, 1, 1),
        end=dt.date(year, 1, 1),
    )
    assert occ.anniversary == number
    assert anniversary_class(number) == klass


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("4670.8"), "4.670,8"),
        (2054, "2.054"),
        (Decimal("742.042"), "742,042"),
        (Decimal("105.29"), "105,29"),
        (1000000, "1.000.000"),
        (0, "0"),
        (-1234.5, "-1.234,5"),
    ],
)
def test_vietnamese_numbers(value: Decimal | int | float, text: str) -> None:
    assert vn.number(value) == text


def test_dates() -> None:
    assert vn.date(dt.date(2023, 3, 3)) == "03/03/2023"
    assert vn.date_with_weekday(dt.date(2023, 11, 25)) == "Thứ Bảy, 25/11/2023"
