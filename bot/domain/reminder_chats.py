"""The data reminder planning reads: a chat's settings, one pass's snapshot, a planned reminder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from bot.domain.calendar import Occurrence, occurrences
from bot.domain.dossiers import Notice
from bot.domain.text import UserRef
from storage.models import Chat, Commemoration, Task, Unit
from storage.queries import units as unit_queries


@dataclass(frozen=True)
class Progress:
    """A unit's current progress on a task."""

    percent: int
    updated_by: str
    updated_at: dt.datetime


@dataclass
class Snapshot:
    """Everything planning reads, loaded once per dispatch pass."""

    commemorations: list[Commemoration]
    units: dict[int, Unit]
    tasks: list[Task]
    task_units: dict[int, set[int]]
    progress: dict[tuple[int, int], Progress]
    root_unit_id: int | None
    task_years: set[int] = field(default_factory=set)
    """Every year with tasks, closed ones included (the digest says when this year has none)."""
    closed: dict[int, dt.datetime] = field(default_factory=dict)
    """Closed years and when: the first digest after a closing says so, once."""
    notices: dict[int, list[Notice]] = field(default_factory=dict)
    """Dossier notices per chat id (see jobs.dossier_notices), told without a subscription."""
    _subtrees: dict[int, set[int]] = field(default_factory=dict)
    _occurrences: dict[tuple[int, dt.date, dt.date], list[Occurrence]] = field(default_factory=dict)

    def occurrences_of(self, c: Commemoration, first: dt.date, last: dt.date) -> list[Occurrence]:
        """A commemoration's days in [first, last] (cached: chats of one zone share windows)."""
        key = (c.id, first, last)
        found = self._occurrences.get(key)
        if found is None:
            found = self._occurrences[key] = list(
                occurrences(
                    calendar=c.calendar,
                    day=c.day,
                    month=c.month,
                    origin_year=c.origin_year,
                    start=first,
                    end=last,
                )
            )
        return found

    def subtree(self, unit_id: int) -> set[int]:
        """A unit and everything below it (cached)."""
        if unit_id not in self._subtrees:
            self._subtrees[unit_id] = unit_queries.subtree_ids(
                ((u.id, u.parent_id) for u in self.units.values()), unit_id
            )
        return self._subtrees[unit_id]


@dataclass(frozen=True)
class ChatPlan:
    """A chat's reminder settings, as planning needs them."""

    chat_id: int
    platform: str
    platform_chat_id: str
    title: str | None
    unit_id: int | None
    timezone: str
    remind_at: str
    lead_days: tuple[int, ...]
    jubilee_lead_days: int
    subscribed_since: dict[str, dt.datetime]
    """Active subscription kinds, each with the moment it became active."""
    topics: dict[str, str] = field(default_factory=dict)
    """The forum topic each subscription kind was made in, where it was made in one."""

    @classmethod
    def from_chat(
        cls,
        chat: Chat,
        subscribed_since: dict[str, dt.datetime],
        topics: dict[str, str] | None = None,
    ) -> ChatPlan:
        """Settings of a stored chat."""
        leads = tuple(sorted({int(p) for p in chat.lead_days.split(",") if p.strip().isdecimal()}))
        return cls(
            chat_id=chat.id,
            platform=chat.platform,
            platform_chat_id=chat.platform_chat_id,
            title=chat.title,
            unit_id=chat.unit_id,
            timezone=chat.timezone,
            remind_at=chat.remind_at,
            lead_days=tuple(reversed(leads)),
            jubilee_lead_days=chat.jubilee_lead_days,
            subscribed_since=subscribed_since,
            topics=topics or {},
        )

    @property
    def tz(self) -> ZoneInfo:
        """The chat's time zone."""
        return ZoneInfo(self.timezone)

    def due_at(self, day: dt.date) -> dt.datetime:
        """The chat's reminder hour on `day`, aware in its zone."""
        hour, minute = (int(p) for p in self.remind_at.split(":"))
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tz)


@dataclass(frozen=True)
class PlannedReminder:
    """One reminder a chat should receive: the delivery key, when, and what it says."""

    chat_id: int
    kind: str
    occasion_key: str
    occurrence: dt.date
    lead_days: int
    due_at: dt.datetime
    title: str
    text: str
    summary: str
    """One line for /nhacviec."""
    thread_id: str | None = None
    """The forum topic to send into (Telegram), if the reminder was asked for from one."""
    mentions: tuple[UserRef, ...] = ()
    """People the reminder notifies by name (custom reminders)."""
    reminder_id: int | None = None
    """The custom reminder (/nhac) this is a firing of."""
    buttons: tuple[tuple[str, str], ...] | None = None
    """(label, command) buttons under it; None: the usual "Đã nhận"."""

    @property
    def key(self) -> tuple[int, str, dt.date, int]:
        """The delivery's unique key."""
        return (self.chat_id, self.occasion_key, self.occurrence, self.lead_days)


def scope_units(chat: ChatPlan, snapshot: Snapshot) -> set[int] | None:
    """The units a chat speaks for: its own subtree, or the whole tree for an unbound chat."""
    unit_id = chat.unit_id if chat.unit_id is not None else snapshot.root_unit_id
    return snapshot.subtree(unit_id) if unit_id is not None else None


def unit_progress(
    snapshot: Snapshot, task: Task, scope: set[int]
) -> tuple[float, Progress | None, int]:
    """Average percent over the scope's responsible units, the latest update, and their count."""
    responsible = snapshot.task_units.get(task.id, set()) & scope
    if not responsible:
        return 0.0, None, 0
    rows = [snapshot.progress.get((task.id, u)) for u in responsible]
    total = sum(r.percent for r in rows if r is not None)
    known = [r for r in rows if r is not None]
    latest = max(known, key=lambda r: r.updated_at) if known else None
    return total / len(responsible), latest, len(responsible)
