"""What reminders say: commemoration, deadline and weekly digest texts, and their labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.domain import vn
from bot.domain.calendar import Occurrence, occurrences
from bot.domain.reminder_chats import ChatPlan, Progress, Snapshot, scope_units, unit_progress
from bot.domain.text import utf16_len
from storage.models import Commemoration, Task, Unit

KINDS = ("sukien", "hanchot", "tuan")
KIND_LABELS = {"sukien": "sự kiện", "hanchot": "hạn chót", "tuan": "tổng hợp tuần"}
LATE_LABEL = "(Gửi muộn do bot tạm ngừng hoạt động)"
ACK_HINT = "Bấm “Đã nhận” để xác nhận đơn vị đã nắm thông tin."
DIGEST_LIST_LIMIT = 10
# A reminder must arrive as one message on every platform: a delivery is recorded as a whole, so
# a reminder in two messages could be resent in part after a crash. Zalo's 2000 UTF-16 units is
# the smallest limit; the rest leaves room for the late label and the acknowledgement line.
REMINDER_TEXT_LIMIT = 1800


def lead_text(lead: int) -> str:
    """`trước 7 ngày`, or `đúng ngày` for the day itself."""
    return "đúng ngày" if lead == 0 else f"trước {lead} ngày"


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


def _who(updated_by: str) -> str:
    """`telegram:9001 (Nguyễn Văn A)` → `Nguyễn Văn A`."""
    if updated_by.endswith(")") and " (" in updated_by:
        return updated_by[updated_by.index(" (") + 2 : -1]
    return updated_by


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
    scope = scope_units(chat, snapshot)
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
