"""The /lich feed, parsed back with `icalendar` and checked against what went in."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Calendar, Component

from bot.domain.ical import Deadline, FeedItem, LunarYearlyDay, Reminder, YearlyDay, build_feed
from bot.domain.recurrence import Recurrence
from bot.domain.when import parse_when

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=VN)


def reminder(key: str, text: str, *, tz: ZoneInfo = VN) -> Reminder:
    parsed = parse_when(text, now=NOW, tz=tz)
    return Reminder(key, parsed.rest, parsed.first, parsed.recurrence)


ITEMS: list[FeedItem] = [
    YearlyDay("11", "Ngày Nhà giáo Việt Nam", 20, 11, "Năm 2026: 44 năm."),
    YearlyDay("12", "Ngày sinh nhật (29/02)", 29, 2),
    LunarYearlyDay("13", "Giỗ Tổ Hùng Vương", 10, 3),
    Deadline("NV2026-01", 'Hạn: Báo cáo tổng kết; Phường Đại Kim, "gấp"', dt.date(2026, 12, 15)),
    reminder("1", "8h thứ 2 hằng tuần Giao ban"),
    reminder("2", "rằm hằng tháng Dâng hương"),
    reminder("3", "ngày 25 hằng tháng ngày làm việc Tổng hợp số liệu"),
    reminder("4", "05/12 9h Gửi báo cáo"),
    reminder("5", "ngày 31 hằng tháng Chốt sổ"),
]


def feed(items: list[FeedItem] = ITEMS) -> Calendar:
    data = build_feed(items, name="Thi Đua Bot — Phường Đại Kim", now=NOW, tz=VN, years=2)
    return Calendar.from_ical(data)


def events(calendar: Calendar, prefix: str) -> list[Component]:
    found = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(prefix)]
    return sorted(found, key=lambda e: str(e["UID"]))


def rrule_text(event: Component) -> str:
    value = event["RRULE"].to_ical()
    return value.decode() if isinstance(value, bytes) else str(value)


def test_calendar_properties_google_and_outlook_read() -> None:
    calendar = feed()
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Thi Đua Bot — Phường Đại Kim"
    assert str(calendar["NAME"]) == "Thi Đua Bot — Phường Đại Kim"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    for event in calendar.walk("VEVENT"):
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)


def test_the_same_input_gives_the_same_bytes() -> None:
    first = build_feed(ITEMS, name="x", now=NOW, tz=VN)
    assert build_feed(ITEMS, name="x", now=NOW, tz=VN) == first


def test_solar_commemorations_repeat_yearly_as_all_day_events() -> None:
    (teachers,) = events(feed(), "sukien-11@")
    assert str(teachers["SUMMARY"]) == "Ngày Nhà giáo Việt Nam"
    assert str(teachers["DESCRIPTION"]) == "Năm 2026: 44 năm."
    assert teachers.decoded("DTSTART") == dt.date(2026, 11, 20)
    assert teachers.decoded("DTEND") == dt.date(2026, 11, 21)
    assert teachers["RRULE"].to_ical() == b"FREQ=YEARLY"
    (leap,) = events(feed(), "sukien-12@")
    assert leap.decoded("DTSTART") == dt.date(2026, 2, 28)
    rule = rrulestr(rrule_text(leap), dtstart=dt.datetime(2026, 2, 28))
    assert [d.date() for d in rule.between(NOW.replace(tzinfo=None), dt.datetime(2030, 1, 1))] == [
        dt.date(2027, 2, 28),
        dt.date(2028, 2, 29),
        dt.date(2029, 2, 28),
    ]


def test_lunar_commemorations_are_expanded_year_by_year() -> None:
    found = events(feed(), "sukien-al-13-")
    assert [e.decoded("DTSTART") for e in found] == [dt.date(2026, 4, 26), dt.date(2027, 4, 16)]
    assert all("RRULE" not in e for e in found)
    assert str(found[0]["DESCRIPTION"]) == "Ngày 10/3 âm lịch."
    assert str(found[0]["UID"]) == "sukien-al-13-20260426@thidua-bot"


def test_deadlines_are_one_all_day_event_and_text_survives_escaping() -> None:
    (deadline,) = events(feed(), "han-NV2026-01@")
    assert str(deadline["SUMMARY"]) == 'Hạn: Báo cáo tổng kết; Phường Đại Kim, "gấp"'
    assert deadline.decoded("DTSTART") == dt.date(2026, 12, 15)
    assert "RRULE" not in deadline


def test_a_weekly_reminder_goes_out_as_an_rrule_in_local_time() -> None:
    (weekly,) = events(feed(), "nhac-1@")
    start = weekly.decoded("DTSTART")
    assert start == dt.datetime(2026, 11, 30, 8, 0, tzinfo=VN)
    assert weekly["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert weekly["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO"
    assert weekly.decoded("DTEND") - start == dt.timedelta(minutes=15)
    # The calendar's own expansion of the RRULE matches the reminder's.
    rule = ITEMS[4]
    assert isinstance(rule, Reminder) and rule.recurrence is not None
    expanded = rrulestr(rrule_text(weekly), dtstart=start)
    window = (NOW, NOW + dt.timedelta(days=120))
    assert expanded.between(*window, inc=True) == rule.recurrence.between(*window)


def test_lunar_and_working_day_reminders_are_expanded() -> None:
    calendar = feed()
    monthly_ram = events(calendar, "nhac-2-")
    item = ITEMS[5]
    assert isinstance(item, Reminder) and item.recurrence is not None
    expected = item.recurrence.between(
        dt.datetime(2026, 1, 1, tzinfo=VN), dt.datetime(2028, 1, 1, tzinfo=VN)
    )
    assert [e.decoded("DTSTART") for e in monthly_ram] == expected
    assert len(expected) == 13  # 23/12/2026 and the twelve regular months of 2027
    shifted = [e.decoded("DTSTART") for e in events(calendar, "nhac-3-")]
    # 25/12/2027 is a Saturday: the event is on Friday 24/12.
    assert dt.datetime(2027, 12, 24, 8, 0, tzinfo=VN) in shifted
    assert all(moment.weekday() < 5 for moment in shifted)
    # Day 31 is expanded too: calendars disagree on BYMONTHDAY=-1 and BYSETPOS.
    assert events(calendar, "nhac-5-")[0].decoded("DTSTART") == dt.datetime(
        2026, 11, 30, 8, 0, tzinfo=VN
    )


def test_a_one_off_reminder_is_one_event() -> None:
    (once,) = events(feed(), "nhac-4@")
    assert once.decoded("DTSTART") == dt.datetime(2026, 12, 5, 9, 0, tzinfo=VN)
    assert str(once["SUMMARY"]) == "Gửi báo cáo"


def test_a_zone_with_daylight_saving_gets_its_vtimezone() -> None:
    rule = Recurrence("DAILY", dt.datetime(2026, 3, 1, 8, 0, tzinfo=BERLIN))
    item = Reminder("b", "Morgen", rule.start, rule)
    calendar = Calendar.from_ical(build_feed([item], name="x", now=NOW, tz=BERLIN))
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == dt.datetime(2026, 3, 1, 8, 0, tzinfo=BERLIN)


def test_an_empty_feed_is_still_a_calendar() -> None:
    calendar = feed([])
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == "Thi Đua Bot — Phường Đại Kim"
