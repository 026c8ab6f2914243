"""Reading /nhac times in tests: in Hà Nội, from a fixed Friday morning, 08:00 if no hour given."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.domain.when import ParsedWhen, parse_when

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Friday 27/11/2026, 10:00 in Hà Nội: every expectation of the /nhac time tests is relative to it.
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=VN)


def parse(text: str, *, now: dt.datetime = NOW, tz: ZoneInfo = VN) -> ParsedWhen:
    """Read `text` as /nhac would, at NOW in Hà Nội unless told otherwise."""
    return parse_when(text, now=now, tz=tz, default_time=dt.time(8, 0))
