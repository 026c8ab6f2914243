"""Sorting a pass's planned reminders against the ledger: send, take over, skip, fail, or done."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from bot.domain.reminder_chats import ChatPlan, PlannedReminder
from jobs.outcomes import (
    MISSED,
    DispatchReport,
    Existing,
    Job,
    Outcome,
    Skip,
    Status,
    Target,
    reminder_reply,
)
from jobs.skips import nearest_only


@dataclass(frozen=True)
class Window:
    """The moments one pass works with."""

    now: dt.datetime
    start: dt.datetime
    """Reminders due from here on are planned (older ones were settled by earlier passes)."""
    send_from: dt.datetime
    """Reminders due from here on are sent; older ones are recorded missed."""
    claim_now: dt.datetime
    """The clock's time, against which claims have lapsed."""


@dataclass
class Work:
    """A pass's plan: what to send, to skip, to fail; and the chats it concerns."""

    by_chat: dict[int, ChatPlan]
    jobs: dict[int, list[Job]] = field(default_factory=lambda: defaultdict(list))
    skips: list[Skip] = field(default_factory=list)
    expired_fail: list[int] = field(default_factory=list)
    """Lapsed claims of reminders now older than the grace window: failed, not resent."""
    orphans: list[int] = field(default_factory=list)
    """Lapsed claims of reminders this pass no longer plans."""


def triage(
    plan: ChatPlan,
    reminders: list[PlannedReminder],
    existing: dict[tuple[int, str, dt.date, int], Existing],
    window: Window,
    work: Work,
    report: DispatchReport,
    *,
    late_after: dt.timedelta,
) -> None:
    """Sort one chat's planned reminders by the ledger: to send, to take over, to skip,
    to fail, or already done."""
    for reminder in reminders:
        row = existing.get(reminder.key)
        in_grace = reminder.due_at >= window.send_from
        late = window.now - reminder.due_at > late_after
        if row is None:
            if in_grace:
                work.jobs[plan.chat_id].append(Job(reminder, late))
            else:
                work.skips.append((plan, reminder, MISSED))
        elif lapsed(row, window.claim_now):
            if in_grace:
                work.jobs[plan.chat_id].append(Job(reminder, late, takeover_id=row.id))
            else:
                work.expired_fail.append(row.id)
        else:
            report.already_done += 1
    if plan.chat_id in work.jobs:
        work.jobs[plan.chat_id] = nearest_only(plan, work.jobs[plan.chat_id], work.skips)


def orphans(
    existing: dict[tuple[int, str, dt.date, int], Existing],
    work: Work,
    handled: set[int],
    claim_now: dt.datetime,
) -> list[int]:
    """Lapsed claims this pass takes over or fails by no other path."""
    taken = {job.takeover_id for chat_jobs in work.jobs.values() for job in chat_jobs}
    # An expired claim this pass no longer plans (task done, kind unsubscribed) ends failed,
    # also in a chat that has no plan left at all (unsubscribed from everything, or left):
    # no process would ever look at it again. Chats planned for a platform this process
    # has no sender for are another process's to settle.
    return [
        row.id
        for row in existing.values()
        if (row.chat_id in handled or row.chat_id not in work.by_chat)
        and lapsed(row, claim_now)
        and row.id not in taken
        and row.id not in work.expired_fail
    ]


def preview(work: Work, report: DispatchReport) -> None:
    """Dry run: report what would be sent and skipped, record nothing."""
    for chat_id, chat_jobs in work.jobs.items():
        target = Target(work.by_chat[chat_id], work.by_chat[chat_id].platform_chat_id)
        for job in chat_jobs:
            reply = reminder_reply(job.reminder, delivery_id=None, late=job.late)
            report.outcomes.append(
                Outcome(
                    target.label,
                    job.reminder.title,
                    Status.DRY_RUN,
                    job.late,
                    None,
                    reply.plain(),
                )
            )
            report.late += job.late
    for plan, reminder, _ in work.skips:
        report.skipped += 1
        report.outcomes.append(
            Outcome(f"{plan.platform}:{plan.platform_chat_id}", reminder.title, Status.SKIPPED)
        )


def lapsed(row: Existing, claim_now: dt.datetime) -> bool:
    """A claim whose lease ran out: its process died (or stalled) before marking it."""
    return (
        row.status == Status.CLAIMED
        and row.claimed_until is not None
        and row.claimed_until < claim_now
    )
