"""/lich: the chat's feed as a file or a revocable link served over HTTP, checked against
/nhacviec after parsing it back with `icalendar`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientSession
from dateutil.rrule import rrulestr
from icalendar import Calendar, Component

from bot.app import App
from bot.feed_http import add_feed_routes
from bot.http import HttpServer
from tests.chat import ask, ask_reply
from tests.clock import VN, FakeClock
from tests.test_ical import rrule_text

BASE = "https://thidua.example"


@pytest.fixture
async def served(app: App) -> AsyncIterator[str]:
    """The app with a public base URL, and the local address of its HTTP server."""
    app.core.config = dataclasses.replace(app.core.config, public_base_url=BASE)
    http = HttpServer("127.0.0.1", 0)
    add_feed_routes(http, app)
    await http.start()
    try:
        yield f"http://127.0.0.1:{http.port}"
    finally:
        await http.stop()


async def fetch(local: str, link: str) -> tuple[int, bytes, str]:
    """GET the link's path from the local server: status, body, content type."""
    async with ClientSession() as client, client.get(local + link.removeprefix(BASE)) as got:
        return got.status, await got.read(), got.headers.get("Content-Type", "")


def moments(
    calendar: Calendar, start: dt.datetime, end: dt.datetime
) -> list[tuple[str, dt.datetime]]:
    """(summary, local start) of every reminder event in [start, end), RRULEs expanded."""
    found = []
    for event in calendar.walk("VEVENT"):
        if not str(event["UID"]).startswith("nhac-"):
            continue
        first = event.decoded("DTSTART")
        assert isinstance(first, dt.datetime)
        if "RRULE" in event:
            rule = rrulestr(rrule_text(event), dtstart=first)
            found += [(str(event["SUMMARY"]), at) for at in rule.between(start, end, inc=True)]
        elif start <= first < end:
            found.append((str(event["SUMMARY"]), first))
    return sorted(found, key=lambda pair: pair[1])


def events(calendar: Calendar, prefix: str) -> list[Component]:
    return [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(prefix)]


async def test_a_link_served_over_http_agrees_with_nhacviec(
    app: App, clock: FakeClock, served: str
) -> None:
    await ask(app, "/caidat donvi P-DAIKIM")
    await ask(app, "/nhac ngày 25 hằng tháng Tổng hợp số liệu")
    await ask(app, "/nhac 05/12 9h Gửi báo cáo")
    await ask(app, "/nhac rằm hằng tháng Dâng hương")
    answer = await ask(app, "/lich")
    link = re.search(rf"{BASE}/lich/\S+\.ics", answer)
    assert link is not None, answer
    assert await ask(app, "/lich") == answer.replace(
        "Ai có đường dẫn đều xem được lịch; đổi: /lich moi, tắt: /lich tat.",
        "Đổi đường dẫn: /lich moi; tắt: /lich tat.",
    )
    status, body, kind = await fetch(served, link.group())
    assert (status, kind) == (200, "text/calendar; charset=utf-8")
    calendar = Calendar.from_ical(body)
    end = clock() + dt.timedelta(days=30)
    in_feed = [(title, at.astimezone(VN)) for title, at in moments(calendar, clock(), end)]
    upcoming = await ask(app, "/nhacviec")
    listed = re.findall(r"• (\d\d:\d\d \d\d/\d\d/\d{4}) — Nhắc số \d+: (.+)", upcoming)
    assert [(title, at.strftime("%H:%M %d/%m/%Y")) for title, at in in_feed] == [
        (title, when) for when, title in listed
    ]
    assert len(in_feed) == 3  # 05/12 9:00, the rằm (24/12), 25/12 8:00
    # Commemorations come as yearly all-day events, lunar ones expanded, deadlines of the unit.
    yearly = [e for e in events(calendar, "sukien-") if "RRULE" in e]
    assert yearly and all(rrule_text(e).startswith("FREQ=YEARLY") for e in yearly)
    assert events(calendar, "sukien-al-")
    assert events(calendar, "han-")


async def test_a_link_is_revocable(app: App, served: str) -> None:
    first = re.search(rf"{BASE}/lich/\S+\.ics", await ask(app, "/lich"))
    assert first is not None
    renewed = await ask(app, "/lich moi")
    assert "Đường dẫn cũ không còn dùng được." in renewed
    second = re.search(rf"{BASE}/lich/\S+\.ics", renewed)
    assert second is not None and second.group() != first.group()
    assert (await fetch(served, first.group()))[0] == 404
    assert (await fetch(served, second.group()))[0] == 200
    assert (await ask(app, "/lich tat")).startswith("Đã tắt đường dẫn lịch")
    assert (await fetch(served, second.group()))[0] == 404
    assert (await fetch(served, f"{BASE}/lich/doan-bua.ics"))[0] == 404


async def test_without_a_public_address_the_file_is_sent(app: App) -> None:
    await ask(app, "/nhac 8h thứ 2 hằng tuần Giao ban")
    reply = await ask_reply(app, "/lich")
    assert reply.document is not None and reply.document.filename == "lich-thi-dua.ics"
    assert "WEBHOOK_BASE_URL" in reply.document.caption
    calendar = Calendar.from_ical(reply.document.content)
    [weekly] = events(calendar, "nhac-1")
    assert rrule_text(weekly) == "FREQ=WEEKLY;BYDAY=MO"
