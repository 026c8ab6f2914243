"""Recurring reminders: month ends, leap years, lunar leap months, working days, zones, storage."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import holidays
import lunar_vn
import pytest
from dateutil.rrule import rrulestr

from bot.domain import lunar, workdays
from bot.domain.recurrence import Recurrence, RuleError

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BERLIN = ZoneInfo("Europe/Berlin")


def at(
    year: int, month: int, day: int, hour: int = 8, minute: int = 0, tz: ZoneInfo = VN
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=tz)


def days(moments: list[dt.datetime]) -> list[str]:
    return [moment.strftime("%d/%m/%Y") for moment in moments]


def walk(rule: Recurrence, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Occurrences found one by one with next_after, to compare with between."""
    found: list[dt.datetime] = []
    moment = start - dt.timedelta(microseconds=1)
    while (after := rule.next_after(moment)) is not None and after < end:
        found.append(after)
        moment = after
    return found


SHAPES = [
    Recurrence("DAILY", at(2024, 1, 1)),
    Recurrence("WEEKLY", at(2024, 1, 1), weekday=4),
    Recurrence("MONTHLY", at(2024, 1, 25), day=25),
    Recurrence("MONTHLY", at(2024, 1, 31), day=31),
    Recurrence("MONTHLY", at(2024, 1, 30), day=30),
    Recurrence("MONTHLY", at(2024, 1, 29), day=29),
    Recurrence("MONTHLY", at(2024, 1, 1), weekday=0, nth=1),
    Recurrence("MONTHLY", at(2024, 1, 1), weekday=4, nth=-1),
    Recurrence("YEARLY", at(2024, 11, 20), day=20, month=11),
    Recurrence("YEARLY", at(2024, 2, 29), day=29, month=2),
]
LUNAR_AND_WORKDAYS = [
    Recurrence("MONTHLY", at(2023, 1, 6), lunar=True, day=15),
    Recurrence("MONTHLY", at(2023, 1, 1), lunar=True, day=30),
    Recurrence("YEARLY", at(2023, 1, 1), lunar=True, day=1, month=1),
    Recurrence("DAILY", at(2023, 1, 1), workdays=True),
    Recurrence("MONTHLY", at(2023, 1, 1), day=-1, workdays=True),
    Recurrence("MONTHLY", at(2023, 1, 1), day=1, workdays=True),
    Recurrence("YEARLY", at(2023, 1, 1), lunar=True, day=10, month=3, workdays=True),
]


@pytest.mark.parametrize("rule", SHAPES, ids=lambda rule: rule.rrule())
def test_solar_rules_match_dateutil_over_three_years(rule: Recurrence) -> None:
    naive_start = rule.start.replace(tzinfo=None)
    expected = rrulestr(rule.rrule(), dtstart=naive_start).between(
        naive_start, dt.datetime(2027, 1, 1), inc=True
    )
    found = rule.between(rule.start, at(2027, 1, 1, 0))
    assert [moment.replace(tzinfo=None) for moment in found] == expected
    assert len(found) > 2


@pytest.mark.parametrize("rule", SHAPES + LUNAR_AND_WORKDAYS, ids=repr)
def test_next_after_walks_the_same_occurrences_as_between(rule: Recurrence) -> None:
    start, end = at(2023, 6, 1, 0), at(2026, 3, 1, 0)
    assert walk(rule, start, end) == rule.between(start, end)


def test_day_31_falls_on_each_months_last_day() -> None:
    rule = Recurrence("MONTHLY", at(2024, 1, 31), day=31)
    assert days(rule.between(at(2024, 1, 1), at(2024, 7, 1))) == [
        "31/01/2024", "29/02/2024", "31/03/2024", "30/04/2024", "31/05/2024", "30/06/2024",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("day", "leap_feb", "common_feb"),
    [(29, "29/02/2024", "28/02/2025"), (30, "29/02/2024", "28/02/2025")],
)
def test_days_29_and_30_in_february(day: int, leap_feb: str, common_feb: str) -> None:
    rule = Recurrence("MONTHLY", at(2024, 1, day), day=day)
    found = days(rule.between(at(2024, 2, 1), at(2025, 3, 1)))
    assert leap_feb in found and common_feb in found
    assert f"{day}/01/2025" in found and f"{day}/03/2024" in found
    assert len(found) == 13


def test_february_29_every_year_falls_on_the_28th_in_common_years() -> None:
    rule = Recurrence("YEARLY", at(2024, 2, 29), day=29, month=2)
    assert rule.rrule() == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    assert days(rule.between(at(2024, 1, 1), at(2029, 1, 1))) == [
        "29/02/2024", "28/02/2025", "28/02/2026", "28/02/2027", "29/02/2028",
    ]  # fmt: skip
    assert rule.next_after(at(2024, 2, 29, 9)) == at(2025, 2, 28)


def test_monthly_lunar_rule_skips_the_leap_month_of_2023() -> None:
    # 2023 had a leap 2nd month (22/03–19/04/2023): its rằm, 05/04/2023, gets no reminder.
    assert lunar.leap_month(2023) == 2
    rule = Recurrence("MONTHLY", at(2023, 1, 1), lunar=True, day=15)
    assert days(rule.between(at(2023, 1, 1, 0), at(2024, 1, 1, 0))) == [
        "06/01/2023", "05/02/2023", "06/03/2023", "04/05/2023", "02/06/2023", "02/07/2023",
        "01/08/2023", "30/08/2023", "29/09/2023", "29/10/2023", "27/11/2023", "27/12/2023",
    ]  # fmt: skip
    assert rule.next_after(at(2023, 3, 6, 9)) == at(2023, 5, 4)


def test_monthly_lunar_rule_skips_the_leap_month_of_2025() -> None:
    assert lunar.leap_month(2025) == 6
    rule = Recurrence("MONTHLY", at(2025, 1, 1), lunar=True, day=15)
    found = days(rule.between(at(2025, 7, 1, 0), at(2025, 10, 1, 0)))
    # Rằm of the 6th month 09/07, of the leap 6th month 08/08 (skipped), of the 7th 06/09.
    assert found == ["09/07/2025", "06/09/2025"]


def test_yearly_lunar_rule_uses_the_regular_month() -> None:
    gio_to = Recurrence("YEARLY", at(2023, 1, 1), lunar=True, day=10, month=3)
    assert days(gio_to.between(at(2023, 1, 1, 0), at(2026, 1, 1, 0))) == [
        "29/04/2023", "18/04/2024", "07/04/2025",
    ]  # fmt: skip


def test_lunar_30th_in_a_29_day_month_falls_on_the_29th() -> None:
    # Lunar month 1 of 2023 (22/01–19/02/2023) had 29 days; month 2 had 30.
    rule = Recurrence("MONTHLY", at(2023, 1, 1), lunar=True, day=30)
    assert days(rule.between(at(2023, 2, 1, 0), at(2023, 3, 31, 0))) == ["19/02/2023", "21/03/2023"]
    assert lunar.to_lunar(dt.date(2023, 2, 19))[:2] == (29, 1)


def test_lunar_new_year_matches_the_holidays_package() -> None:
    tet = Recurrence("YEARLY", at(2024, 1, 1), lunar=True, day=1, month=1)
    found = [moment.date() for moment in tet.between(at(2024, 1, 1, 0), at(2036, 1, 1, 0))]
    table = holidays.country_holidays("VN", years=range(2024, 2036), language="en_US")
    assert found == sorted(day for day, name in table.items() if name == "Lunar New Year")


def test_working_days_over_tet_2027() -> None:
    # Days off 04–10/02/2027 (Tết) with the weekend 06–07/02: Sat/Sun and holidays move to
    # Wednesday 03/02, and the reminder is sent there once.
    daily = Recurrence("DAILY", at(2027, 1, 1), workdays=True)
    assert days(daily.between(at(2027, 2, 1, 0), at(2027, 2, 13, 0))) == [
        "01/02/2027", "02/02/2027", "03/02/2027", "11/02/2027", "12/02/2027",
    ]  # fmt: skip
    assert daily.next_after(at(2027, 2, 3, 9)) == at(2027, 2, 11)
    tet = Recurrence("YEARLY", at(2027, 1, 1), lunar=True, day=1, month=1, workdays=True)
    assert tet.next_after(at(2026, 12, 1)) == at(2027, 2, 3)


def test_a_working_day_shift_crosses_the_new_year() -> None:
    # 01/01/2027 is a public day off: the monthly "day 1" moves to Thursday 31/12/2026.
    rule = Recurrence("MONTHLY", at(2026, 12, 1), day=1, workdays=True)
    assert days(rule.between(at(2026, 12, 1, 0), at(2027, 1, 15, 0))) == [
        "01/12/2026",
        "31/12/2026",
    ]
    assert rule.next_after(at(2026, 12, 30, 9)) == at(2026, 12, 31)
    assert workdays.holiday_name(dt.date(2027, 1, 1)) == "Tết Dương lịch"


def test_last_working_day_of_the_month() -> None:
    rule = Recurrence("MONTHLY", at(2026, 1, 1), day=-1, workdays=True)
    # 31/01/2026 Sat → 30/01; 28/02 Sat → 27/02; 31/05 Sun → 29/05; 31/10 Sat → 30/10.
    found = days(rule.between(at(2026, 1, 1, 0), at(2026, 12, 1, 0)))
    assert found[:2] == ["30/01/2026", "27/02/2026"]
    assert "29/05/2026" in found and "30/10/2026" in found
    assert all(workdays.is_working_day(dt.datetime.strptime(d, "%d/%m/%Y").date()) for d in found)


def test_a_rule_starting_on_a_day_off_still_fires_on_the_working_day_before() -> None:
    # DTSTART is Sunday 29/11/2026; the shifted occurrence is Friday 27/11.
    rule = Recurrence("WEEKLY", at(2026, 11, 29), weekday=6, workdays=True)
    assert rule.next_after(at(2026, 11, 26)) == at(2026, 11, 27)
    assert rule.between(at(2026, 11, 1), at(2026, 11, 28)) == [at(2026, 11, 27)]


def test_nothing_before_the_start() -> None:
    rule = Recurrence("WEEKLY", at(2026, 12, 7), weekday=0)
    assert rule.next_after(at(2020, 1, 1)) == at(2026, 12, 7)
    assert rule.between(at(2026, 1, 1), at(2026, 12, 8)) == [at(2026, 12, 7)]


def test_next_after_is_strictly_after() -> None:
    rule = Recurrence("DAILY", at(2026, 1, 1))
    assert rule.next_after(at(2026, 5, 5, 8)) == at(2026, 5, 6)
    assert rule.next_after(at(2026, 5, 5, 7, 59)) == at(2026, 5, 5)


def test_vietnam_has_no_daylight_saving() -> None:
    rule = Recurrence("DAILY", at(2026, 1, 1))
    offsets = {moment.utcoffset() for moment in rule.between(at(2026, 1, 1), at(2027, 1, 1))}
    assert offsets == {dt.timedelta(hours=7)}


def test_berlin_keeps_the_wall_clock_across_daylight_saving() -> None:
    rule = Recurrence("DAILY", at(2026, 3, 1, tz=BERLIN))
    found = rule.between(at(2026, 3, 28, 0, tz=BERLIN), at(2026, 3, 31, 0, tz=BERLIN))
    assert [moment.hour for moment in found] == [8, 8, 8]
    assert [moment.astimezone(dt.UTC).hour for moment in found] == [7, 6, 6]
    autumn = rule.between(at(2026, 10, 24, 0, tz=BERLIN), at(2026, 10, 27, 0, tz=BERLIN))
    assert [moment.astimezone(dt.UTC).hour for moment in autumn] == [6, 7, 7]


def test_berlin_wall_times_that_do_not_exist_or_repeat() -> None:
    rule = Recurrence("DAILY", at(2026, 3, 1, 2, 30, tz=BERLIN))
    # 29/03/2026 02:30 does not exist in Berlin: the reminder comes at 03:30 CEST (01:30 UTC).
    spring = rule.next_after(at(2026, 3, 29, 0, tz=BERLIN))
    assert spring is not None and spring.astimezone(dt.UTC) == dt.datetime(
        2026, 3, 29, 1, 30, tzinfo=dt.UTC
    )
    assert rule.next_after(spring) == at(2026, 3, 30, 2, 30, tz=BERLIN)
    # 25/10/2026 02:30 happens twice: the reminder fires once, at the first.
    autumn = rule.between(at(2026, 10, 25, 0, tz=BERLIN), at(2026, 10, 26, 0, tz=BERLIN))
    assert len(autumn) == 1
    assert autumn[0].astimezone(dt.UTC) == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)


def test_a_moment_in_another_zone_is_compared_as_an_instant() -> None:
    rule = Recurrence("DAILY", at(2026, 1, 1))
    # 01:30 UTC is 08:30 in Hà Nội: today's 08:00 has passed.
    assert rule.next_after(dt.datetime(2026, 5, 5, 1, 30, tzinfo=dt.UTC)) == at(2026, 5, 6)


def test_lunar_rules_end_with_the_supported_years() -> None:
    rule = Recurrence("YEARLY", at(2098, 1, 1), lunar=True, day=15, month=8)
    assert rule.next_after(at(2098, 12, 1)) == at(2099, 9, 28)
    assert lunar_vn.convert_lunar_to_solar(15, 8, 2099, 0) == dt.date(2099, 9, 28)
    assert rule.next_after(at(2099, 10, 1)) is None


@pytest.mark.parametrize("rule", SHAPES + LUNAR_AND_WORKDAYS, ids=repr)
def test_storage_round_trip(rule: Recurrence) -> None:
    text = rule.to_string()
    assert len(text) < 120
    assert Recurrence.from_string(text) == rule


def test_storage_form_of_a_lunar_rule_with_working_days() -> None:
    rule = Recurrence("YEARLY", at(2027, 2, 6), lunar=True, day=1, month=1, workdays=True)
    assert rule.to_string() == (
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20270206T080000\n"
        "LUNAR:FREQ=YEARLY;MONTH=1;DAY=1\n"
        "X-WORKDAYS:PREVIOUS"
    )


@pytest.mark.parametrize(
    "text",
    [
        "RRULE:FREQ=DAILY",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=DAILY;COUNT=3",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=HOURLY",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:BYDAY=MO;FREQ=WEEKLY",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=WEEKLY",
        "DTSTART;TZID=Mars/Olympus:20261130T080000\nRRULE:FREQ=DAILY",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:2026-11-30\nRRULE:FREQ=DAILY",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nLUNAR:FREQ=MONTHLY;DAY=31",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nLUNAR:FREQ=WEEKLY;DAY=1",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=DAILY\nX-OTHER:1",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nSOLAR:FREQ=DAILY",
    ],
)
def test_storage_refuses_other_rules(text: str) -> None:
    with pytest.raises(RuleError):
        Recurrence.from_string(text)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"freq": "WEEKLY"},
        {"freq": "DAILY", "day": 3},
        {"freq": "MONTHLY"},
        {"freq": "MONTHLY", "day": 32},
        {"freq": "MONTHLY", "weekday": 0, "nth": 5},
        {"freq": "YEARLY", "day": 31, "month": 4},
        {"freq": "YEARLY", "day": 30, "month": 2},
        {"freq": "DAILY", "lunar": True},
        {"freq": "YEARLY", "day": 15, "month": 13, "lunar": True},
    ],
)
def test_impossible_rules_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(RuleError):
        Recurrence(start=at(2026, 1, 1), **kwargs)  # type: ignore[arg-type]


def test_start_must_carry_a_zoneinfo() -> None:
    with pytest.raises(RuleError):
        Recurrence("DAILY", dt.datetime(2026, 1, 1, 8, tzinfo=dt.UTC))


def test_portable_rrule_only_for_rules_calendars_read_alike() -> None:
    assert (
        Recurrence("WEEKLY", at(2026, 1, 5), weekday=0).portable_rrule() == "FREQ=WEEKLY;BYDAY=MO"
    )
    assert Recurrence("MONTHLY", at(2026, 1, 5), weekday=0, nth=1).portable_rrule() == (
        "FREQ=MONTHLY;BYDAY=1MO"
    )
    assert Recurrence("MONTHLY", at(2026, 1, 31), day=31).portable_rrule() is None
    assert Recurrence("MONTHLY", at(2026, 1, 25), day=25, workdays=True).portable_rrule() is None
    assert Recurrence("MONTHLY", at(2026, 1, 1), lunar=True, day=15).portable_rrule() is None
