"""Requests to units: reading a deadline and a code, each unit's state, when nudges fall due."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.domain.errors import UserError
from bot.domain.texts import requests as texts

DEFAULT_DEADLINE_TIME = dt.time(17, 0)
"""A deadline written without a time ends with the office day."""
SUBMITTED, EXTENSION, PENDING = "submitted", "extension", "pending"
STATE_LABELS = {SUBMITTED: texts.SUBMITTED, EXTENSION: texts.EXTENSION, PENDING: texts.PENDING}
ANNOUNCE, NUDGE, SUMMARY = "moi", "nhac", "tonghop"
"""Parts of a request's occasion key: the request itself, a nudge, the requester's summary."""
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_CODE = re.compile(r"^(?:yc)?(\d{1,9})$", re.IGNORECASE)


def request_code(request_id: int) -> str:
    """The short code users type: `YC12`."""
    return f"YC{request_id}"


def parse_code(token: str, *, usage: str) -> int:
    """The request id in `YC12` (or `12`)."""
    found = _CODE.match(token.strip())
    if found is None:
        raise UserError(texts.bad_code(token), usage=usage)
    return int(found.group(1))


def parse_deadline(tokens: list[str], tz: ZoneInfo, *, usage: str) -> tuple[dt.datetime, int]:
    """The deadline at the head of `tokens` (`dd/mm/yyyy [HH:MM]`) and how many tokens it took."""
    head = tokens[0] if tokens else ""
    found = _DATE.match(head)
    if found is None:
        raise UserError(texts.bad_deadline(head), usage=usage)
    day, month, year = (int(p) for p in found.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise UserError(texts.no_such_day(head), usage=usage) from None
    at, used = DEFAULT_DEADLINE_TIME, 1
    clock = _TIME.match(tokens[1]) if len(tokens) > 1 else None
    if clock is not None:
        hour, minute = (int(p) for p in clock.groups())
        if hour > 23 or minute > 59:
            raise UserError(texts.bad_time(tokens[1]), usage=usage)
        at, used = dt.time(hour, minute), 2
    return dt.datetime.combine(date, at, tzinfo=tz), used


def unit_state(submitted_at: dt.datetime | None, extension_at: dt.datetime | None) -> str:
    """Submitted wins over an extension asked for earlier; else not yet."""
    if submitted_at is not None:
        return SUBMITTED
    return EXTENSION if extension_at is not None else PENDING


def days_overdue(deadline_at: dt.datetime, now: dt.datetime, tz: ZoneInfo) -> int:
    """Whole local days past the deadline (1 from the moment it passes); 0 before it."""
    if now <= deadline_at:
        return 0
    return max(1, (now.astimezone(tz).date() - deadline_at.astimezone(tz).date()).days)


@dataclass(frozen=True)
class NudgeChat:
    """A chat's reminder hour and lead days, as nudge timing needs them."""

    chat_id: int
    tz: ZoneInfo
    remind_at: str
    lead_days: tuple[int, ...]

    def at(self, day: dt.date) -> dt.datetime:
        """The chat's reminder hour on `day`."""
        hour, minute = (int(p) for p in self.remind_at.split(":"))
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tz)


@dataclass(frozen=True)
class Due:
    """One message of a request due to one chat: its ledger key parts and its moment.

    `lead` counts days before the deadline; overdue notices count back from -1, so the
    dispatcher's "keep the nearest lead" rule keeps the newest notice after downtime.
    """

    chat_id: int
    part: str
    occurrence: dt.date
    lead: int
    due_at: dt.datetime


def unit_dues(
    chat: NudgeChat,
    *,
    created_at: dt.datetime,
    deadline_at: dt.datetime,
    overdue_days: int,
    start: dt.datetime,
    end: dt.datetime,
) -> list[Due]:
    """What a chat of a unit that has not submitted gets in [start, end].

    The request when it is made; a nudge at each lead day after the day it was made and before
    the deadline; then one overdue notice a day for `overdue_days` days.
    """
    deadline_day = deadline_at.astimezone(chat.tz).date()
    created_day = created_at.astimezone(chat.tz).date()
    found: list[Due] = []
    if start <= created_at <= end:
        found.append(Due(chat.chat_id, ANNOUNCE, deadline_day, 0, created_at))
    for lead in chat.lead_days:
        day = deadline_day - dt.timedelta(days=lead)
        due = chat.at(day)
        if day > created_day and due < deadline_at and start <= due <= end:
            found.append(Due(chat.chat_id, NUDGE, deadline_day, lead, due))
    for late in range(1, overdue_days + 1):
        due = chat.at(deadline_day + dt.timedelta(days=late))
        if due > deadline_at and start <= due <= end:
            found.append(Due(chat.chat_id, NUDGE, deadline_day, -late, due))
    return found


def summary_due(
    chat_id: int, *, deadline_at: dt.datetime, tz: ZoneInfo, start: dt.datetime, end: dt.datetime
) -> Due | None:
    """The requesting chat's one summary, at the deadline, if that falls in [start, end]."""
    if not start <= deadline_at <= end:
        return None
    return Due(chat_id, SUMMARY, deadline_at.astimezone(tz).date(), 0, deadline_at)


def occasion_key(request_id: int, part: str) -> str:
    """The ledger's occasion key of one part of a request."""
    return f"yeucau:{request_id}:{part}"


def common_ancestor(parents: Mapping[int, int | None], unit_ids: Iterable[int]) -> int | None:
    """The deepest unit at or above every one of `unit_ids` (None: they share no unit)."""
    shared: list[int] | None = None
    for unit_id in unit_ids:
        chain: list[int] = []
        current: int | None = unit_id
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        chain.reverse()  # root first
        if shared is None:
            shared = chain
        else:
            common = 0
            while common < min(len(shared), len(chain)) and shared[common] == chain[common]:
                common += 1
            shared = shared[:common]
    return shared[-1] if shared else None
