"""What a chat should receive and when: commemoration, deadline and weekly digest reminders."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import vn
from bot.core.calendar import Occurrence, occurrences
from bot.core.messages import UserRef, utf16_len
from jobs.dossier_notices import KIND as NOTICE_KIND
from jobs.dossier_notices import Notice, NoticePolicy, load_notices
from storage.models import (
    Chat,
    ClosedYear,
    Commemoration,
    Subscription,
    Task,
    TaskProgress,
    TaskUnit,
    Unit,
)
from storage.queries import units as unit_queries

KINDS = ("sukien", "hanchot", "tuan")
KIND_LABELS = {"sukien": "sự kiện", "hanchot": "hạn chót", "tuan": "tổng hợp tuần"}
LATE_LABEL = "(Gửi muộn do bot tạm ngừng hoạt động)"
ACK_HINT = "Bấm “Đã nhận” để xác nhận đơn vị đã nắm thông tin."
DIGEST_LIST_LIMIT = 10
# A reminder must arrive as one message on every platform: a delivery is recorded as a whole, so
# a reminder in two messages could be resent in part after a crash. Zalo's 2000 UTF-16 units is
# the smallest limit; the rest leaves room for the late label and the acknowledgement line.
REMINDER_TEXT_LIMIT = 1800


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

    def subtree(self, unit_id: int) -> set[int]:
        """A unit and everything below it (cached)."""
        if unit_id not in self._subtrees:
            self._subtrees[unit_id] = unit_queries.subtree_ids(
                ((u.id, u.parent_id) for u in self.units.values()), unit_id
            )
        return self._subtrees[unit_id]


async def load_snapshot(
    session: AsyncSession,
    *,
    since: dt.datetime | None = None,
    policy: NoticePolicy | None = None,
) -> Snapshot:
    """Read commemorations, units, tasks and progress in a few queries; with `since`, also the
    dossier notices from then on."""
    commemorations = list(
        (await session.scalars(select(Commemoration).order_by(Commemoration.code))).all()
    )
    tree = await unit_queries.unit_tree(session)
    # A closed year's tasks leave reminders and digests: its summary was told once at closing.
    tasks = list(
        (
            await session.scalars(
                select(Task)
                .where(Task.deadline.is_not(None), Task.year.not_in(select(ClosedYear.year)))
                .order_by(Task.code)
            )
        ).all()
    )
    task_units: dict[int, set[int]] = defaultdict(set)
    for task_id, unit_id in (
        await session.execute(select(TaskUnit.task_id, TaskUnit.unit_id))
    ).all():
        task_units[task_id].add(unit_id)
    progress = {
        (row.task_id, row.unit_id): Progress(row.percent, row.updated_by, row.updated_at)
        for row in (await session.scalars(select(TaskProgress))).all()
    }
    root = tree.root()
    notices = {}
    if since is not None:
        notices = await load_notices(
            session,
            since=since,
            policy=policy or NoticePolicy(),
            units={u.id: u.code for u in tree.units.values()},
            root_unit_id=root.id if root else None,
        )
    return Snapshot(
        commemorations=commemorations,
        units=tree.units,
        tasks=tasks,
        task_units=dict(task_units),
        progress=progress,
        root_unit_id=root.id if root else None,
        task_years=set((await session.scalars(select(Task.year).distinct())).all()),
        closed={
            row.year: row.closed_at for row in (await session.scalars(select(ClosedYear))).all()
        },
        notices=notices,
    )


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

    @property
    def key(self) -> tuple[int, str, dt.date, int]:
        """The delivery's unique key."""
        return (self.chat_id, self.occasion_key, self.occurrence, self.lead_days)


def plan_chat(
    chat: ChatPlan,
    snapshot: Snapshot,
    *,
    start: dt.datetime,
    end: dt.datetime,
    today: dt.date | None = None,
) -> list[PlannedReminder]:
    """Reminders of `chat` due in [start, end], each no earlier than its subscription began.

    Texts count days left from `today` (default: the local date of `end`, the sending day).
    """
    local_today = today or end.astimezone(chat.tz).date()
    found: list[PlannedReminder] = []
    for kind, since in chat.subscribed_since.items():
        lower = max(start, since)
        if lower > end:
            continue
        if kind == "sukien":
            found.extend(_commemorations(chat, snapshot, lower, end, local_today))
        elif kind == "hanchot":
            found.extend(_deadlines(chat, snapshot, lower, end, local_today))
        elif kind == "tuan":
            found.extend(_digests(chat, snapshot, lower, end))
    for notice in snapshot.notices.get(chat.chat_id, []):
        due = notice.at or chat.due_at(notice.occurrence)
        if start <= due <= end:
            found.append(
                PlannedReminder(
                    chat.chat_id,
                    NOTICE_KIND,
                    notice.occasion_key,
                    notice.occurrence,
                    0,
                    due,
                    notice.title,
                    notice.text,
                    notice.summary,
                )
            )
    found.sort(key=lambda r: (r.due_at, r.kind, r.occasion_key, -r.lead_days))
    if chat.topics:
        found = [replace(r, thread_id=chat.topics.get(r.kind)) for r in found]
    return found


def lead_text(lead: int) -> str:
    """`trước 7 ngày`, or `đúng ngày` for the day itself."""
    return "đúng ngày" if lead == 0 else f"trước {lead} ngày"


def _days(chat: ChatPlan, start: dt.datetime, end: dt.datetime) -> tuple[dt.date, dt.date]:
    return start.astimezone(chat.tz).date(), end.astimezone(chat.tz).date()


def _leads(chat: ChatPlan, occ: Occurrence) -> list[tuple[int, bool]]:
    """(lead, is the extra jubilee reminder) pairs for one occurrence."""
    leads = [(lead, False) for lead in chat.lead_days]
    extra = chat.jubilee_lead_days
    if occ.jubilee and extra > 0 and extra not in chat.lead_days:
        leads.append((extra, True))
    return leads


def _commemorations(
    chat: ChatPlan, snapshot: Snapshot, start: dt.datetime, end: dt.datetime, today: dt.date
) -> Iterable[PlannedReminder]:
    first, last = _days(chat, start, end)
    widest = max([*chat.lead_days, chat.jubilee_lead_days, 0])
    for c in snapshot.commemorations:
        for occ in occurrences(
            calendar=c.calendar,
            day=c.day,
            month=c.month,
            origin_year=c.origin_year,
            start=first,
            end=last + dt.timedelta(days=widest),
        ):
            for lead, extra in _leads(chat, occ):
                due = chat.due_at(occ.date - dt.timedelta(days=lead))
                if not start <= due <= end:
                    continue
                key = f"jubilee:{c.code}" if extra else f"commemoration:{c.code}"
                title, text = commemoration_text(c, occ, lead=lead, today=today, extra=extra)
                found = "Chuẩn bị kỷ niệm" if extra else "Nhắc sự kiện"
                summary = f"{found}: {c.title} ({vn.date(occ.date)}), {lead_text(lead)}"
                yield PlannedReminder(
                    chat.chat_id, "sukien", key, occ.date, lead, due, title, text, summary
                )


def commemoration_text(
    c: Commemoration, occ: Occurrence, *, lead: int, today: dt.date, extra: bool
) -> tuple[str, str]:
    """Title and body of a commemoration reminder."""
    if extra:
        title = f"Chuẩn bị kỷ niệm {occ.anniversary} năm ({occ.jubilee}): {c.title}"
    elif lead == 0:
        title = f"Hôm nay: {c.title}"
    else:
        title = f"Sắp đến: {c.title}"
    when = vn.date_with_weekday(occ.date)
    if occ.lunar is not None:
        when += f" ({occ.lunar})"
    lines = [f"Ngày: {when}.", f"{vn.days_left((occ.date - today).days).capitalize()}."]
    if occ.anniversary:
        jubilee = f" ({occ.jubilee})" if occ.jubilee else ""
        lines.append(f"Kỷ niệm {occ.anniversary} năm{jubilee}.")
    if occ.jubilee and (extra or lead >= 30):
        lines.append(
            f"Đây là dịp kỷ niệm {occ.jubilee}: các đơn vị chuẩn bị kế hoạch tổ chức "
            "và hồ sơ đề nghị khen thưởng (gửi bằng /dexuat, xem các hồ sơ: /hoso)."
        )
    lines.append(ACK_HINT)
    return title, "\n".join(lines)


def _scope_units(chat: ChatPlan, snapshot: Snapshot) -> set[int] | None:
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


def _who(updated_by: str) -> str:
    """`telegram:9001 (Nguyễn Văn A)` → `Nguyễn Văn A`."""
    if updated_by.endswith(")") and " (" in updated_by:
        return updated_by[updated_by.index(" (") + 2 : -1]
    return updated_by


def _deadlines(
    chat: ChatPlan, snapshot: Snapshot, start: dt.datetime, end: dt.datetime, today: dt.date
) -> Iterable[PlannedReminder]:
    if chat.unit_id is None:
        return
    unit = snapshot.units.get(chat.unit_id)
    if unit is None:
        return
    scope = snapshot.subtree(unit.id)
    for task in snapshot.tasks:
        assert task.deadline is not None
        percent, latest, count = unit_progress(snapshot, task, scope)
        if count == 0 or percent >= 100:
            continue
        for lead in chat.lead_days:
            due = chat.due_at(task.deadline - dt.timedelta(days=lead))
            if not start <= due <= end:
                continue
            when = vn.deadline(task.deadline, assumed=task.deadline_assumed)
            title, text = deadline_text(
                task,
                unit,
                percent=percent,
                latest=latest,
                count=count,
                today=today,
                lead=lead,
                tz=chat.tz,
            )
            yield PlannedReminder(
                chat.chat_id,
                "hanchot",
                f"task:{task.code}:{unit.code}",
                task.deadline,
                lead,
                due,
                title,
                text,
                f"Hạn chót {task.code} ({when}), {lead_text(lead)}",
            )


def deadline_text(
    task: Task,
    unit: Unit,
    *,
    percent: float,
    latest: Progress | None,
    count: int,
    today: dt.date,
    lead: int,
    tz: ZoneInfo,
) -> tuple[str, str]:
    """Title and body of a deadline reminder."""
    assert task.deadline is not None
    title = (
        f"Hôm nay là hạn chót nhiệm vụ {task.code}"
        if lead == 0
        else f"Sắp đến hạn nhiệm vụ {task.code}"
    )
    left = vn.days_left((task.deadline - today).days)
    whose = unit.name if count == 1 else f"{unit.name} (trung bình {count} đơn vị)"
    if latest is None:
        progress = f"Tiến độ của {whose}: chưa báo cáo."
    else:
        when = vn.datetime(latest.updated_at.astimezone(tz))
        progress = (
            f"Tiến độ của {whose}: {vn.percent(percent, decimals=0)} — cập nhật lần cuối bởi "
            f"{_who(latest.updated_by)} lúc {when}."
        )
    lines = [
        task.title,
        f"Hạn: {vn.deadline(task.deadline, assumed=task.deadline_assumed, weekday=True)} — {left}.",
        progress,
        f"Cập nhật tiến độ: /capnhat {task.code} <0–100>%",
        ACK_HINT,
    ]
    return title, "\n".join(lines)


def iso_week(day: dt.date) -> str:
    """`2026-W49`."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _digests(
    chat: ChatPlan, snapshot: Snapshot, start: dt.datetime, end: dt.datetime
) -> Iterable[PlannedReminder]:
    first, last = _days(chat, start, end)
    day = first - dt.timedelta(days=first.weekday())
    while day <= last:
        due = chat.due_at(day)
        if start <= due <= end:
            title, text = digest_text(chat, snapshot, day)
            yield PlannedReminder(
                chat.chat_id,
                "tuan",
                f"digest:{iso_week(day)}",
                day,
                0,
                due,
                title,
                text,
                f"Tổng hợp tuần {vn.date(day)} – {vn.date(day + dt.timedelta(days=6))}",
            )
        day += dt.timedelta(days=7)


def digest_text(chat: ChatPlan, snapshot: Snapshot, monday: dt.date) -> tuple[str, str]:
    """The Monday digest: the week's events and deadlines, and the unit's overdue tasks."""
    sunday = monday + dt.timedelta(days=6)
    title = f"Nhắc việc tuần {vn.date(monday)} – {vn.date(sunday)}"
    events: list[tuple[dt.date, str]] = []
    for c in snapshot.commemorations:
        for occ in occurrences(
            calendar=c.calendar,
            day=c.day,
            month=c.month,
            origin_year=c.origin_year,
            start=monday,
            end=sunday,
        ):
            when = vn.date_with_weekday(occ.date)
            if occ.lunar is not None:
                when += f" ({occ.lunar})"
            line = f"• {when} — {c.title}"
            if occ.anniversary:
                jubilee = f" ({occ.jubilee})" if occ.jubilee else ""
                line += f" — kỷ niệm {occ.anniversary} năm{jubilee}"
            events.append((occ.date, line))
    scope = _scope_units(chat, snapshot)
    due_lines: list[tuple[dt.date, str]] = []
    overdue: list[tuple[dt.date, str]] = []
    if scope is not None:
        for task in snapshot.tasks:
            assert task.deadline is not None
            percent, _, count = unit_progress(snapshot, task, scope)
            if count == 0 or percent >= 100:
                continue
            shown = vn.percent(percent, decimals=0)
            assumed = task.deadline_assumed
            if monday <= task.deadline <= sunday:
                when = vn.deadline(task.deadline, assumed=assumed, weekday=True)
                due_lines.append((task.deadline, f"• {task.code} — hạn {when} — {shown}"))
            elif task.deadline < monday:
                when = vn.deadline(task.deadline, assumed=assumed)
                late = vn.number((monday - task.deadline).days)
                overdue.append(
                    (task.deadline, f"• {task.code} — hạn {when} — {shown} — quá hạn {late} ngày")
                )
    overdue.sort()
    sections = [
        _Section(
            "Sự kiện trong tuần:", [line for _, line in sorted(events)], "sự kiện", "/sukien 7"
        ),
        _Section(
            "Hạn chót trong tuần:", [line for _, line in sorted(due_lines)], "hạn chót", "/nhiemvu"
        ),
        _Section(
            "Nhiệm vụ quá hạn:",
            [line for _, line in overdue][:DIGEST_LIST_LIMIT],
            "nhiệm vụ",
            "/tiendo",
            len(overdue),
        ),
    ]

    # The most lines per section that still fit one message. Cutting a list adds its "… và N"
    # line, so length is not monotonic in the count and a bisection could miss; every line is
    # over 20 units long, so no more than LIMIT / 20 lines per section are ever tried.
    footer = [
        f"Năm {year} đã khóa ngày {vn.date(at.astimezone(chat.tz).date())}: nhiệm vụ chưa hoàn "
        f"thành của năm đó thôi được nhắc (tóm tắt khi khóa: /khoanam {year})."
        for year, at in sorted(snapshot.closed.items())
        if monday - dt.timedelta(days=7) <= at.astimezone(chat.tz).date() < monday
    ]
    if monday.year not in snapshot.task_years:
        footer.append(
            f"Năm {monday.year} chưa có nhiệm vụ thi đua. Quản trị chung thêm bằng /themnhiemvu "
            f"hoặc nhập tệp theo mẫu /xuat mau {monday.year}."
        )
    most = min(max(len(section.lines) for section in sections), REMINDER_TEXT_LIMIT // 20)
    for per_section in range(most, 1, -1):
        body = _digest_body(sections, per_section, footer)
        if utf16_len(title) + 1 + utf16_len(body) <= REMINDER_TEXT_LIMIT:
            return title, body
    # One line per section always fits: titles are at most 300 characters.
    return title, _digest_body(sections, 1, footer)


@dataclass(frozen=True)
class _Section:
    """One list of the digest, and what to type to see what it leaves out."""

    heading: str
    lines: list[str]
    noun: str
    command: str
    total: int | None = None
    """How many there are when `lines` is already cut (the overdue list)."""


def _digest_body(sections: list[_Section], shown: int, footer: list[str]) -> str:
    """The digest with at most `shown` lines per section, each cut said with a count."""
    lines: list[str] = []
    for section in sections:
        lines.append(section.heading)
        lines += section.lines[:shown] or ["• Không có."]
        left = (section.total or len(section.lines)) - min(shown, len(section.lines))
        if left > 0:
            lines.append(vn.left_out(left, section.noun, section.command))
    lines += footer
    lines.append(ACK_HINT)
    return "\n".join(lines)


async def load_chat_plans(
    session: AsyncSession,
    *,
    chat_ids: Iterable[int] | None = None,
    notified: Iterable[int] = (),
) -> list[ChatPlan]:
    """Active chats that have at least one active subscription, and the `notified` ones (dossier
    notices need none), with their settings."""
    stmt = (
        select(Chat, Subscription.kind, Subscription.created_at, Subscription.thread_id)
        .join(Subscription, Subscription.chat_id == Chat.id)
        .where(Chat.active, Subscription.active)
        .order_by(Chat.id, Subscription.kind)
    )
    if chat_ids is not None:
        stmt = stmt.where(Chat.id.in_(list(chat_ids)))
    chats: dict[int, Chat] = {}
    since: dict[int, dict[str, dt.datetime]] = defaultdict(dict)
    topics: dict[int, dict[str, str]] = defaultdict(dict)
    for chat, kind, created, thread_id in (await session.execute(stmt)).all():
        chats[chat.id] = chat
        since[chat.id][kind] = created
        if thread_id is not None:
            topics[chat.id][kind] = thread_id
    extra = set(notified) - set(chats)
    if extra:
        stmt_extra = select(Chat).where(Chat.active, Chat.id.in_(extra))
        if chat_ids is not None:
            stmt_extra = stmt_extra.where(Chat.id.in_(list(chat_ids)))
        for chat in (await session.scalars(stmt_extra)).all():
            chats[chat.id] = chat
    return [
        ChatPlan.from_chat(chat, since[chat_id], topics.get(chat_id))
        for chat_id, chat in chats.items()
    ]
