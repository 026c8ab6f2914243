"""What a pass records without sending: skipped reminders, lapsed claims, chats that are gone."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.reminder_chats import ChatPlan, PlannedReminder
from bot.metrics import Metrics
from jobs.outcomes import SUPERSEDED, DispatchReport, Job, Outcome, Skip, Status
from storage.models import Delivery
from storage.queries import deliveries


def delivery_row(reminder: PlannedReminder, status: Status, **values: object) -> Delivery:
    """A deliveries row for `reminder` with its key, in `status`."""
    return Delivery(
        chat_id=reminder.chat_id,
        kind=reminder.kind,
        occasion_key=reminder.occasion_key,
        occurrence=reminder.occurrence,
        lead_days=reminder.lead_days,
        due_at=reminder.due_at,
        status=status,
        attempts=0,
        **values,
    )


def nearest_only(plan: ChatPlan, chat_jobs: list[Job], skips: list[Skip]) -> list[Job]:
    """Of new reminders for one occurrence due in the same pass, keep the nearest lead.

    After downtime the "in 1 day" reminder of yesterday and "today" both fall due; the
    group should get today's alone. The older one is recorded skipped, never sent.
    """
    nearest: dict[tuple[str, dt.date], int] = {}
    for job in chat_jobs:
        if job.takeover_id is None:
            key = (job.reminder.occasion_key, job.reminder.occurrence)
            nearest[key] = min(nearest.get(key, job.reminder.lead_days), job.reminder.lead_days)
    kept = []
    for job in chat_jobs:
        r = job.reminder
        if job.takeover_id is None and r.lead_days > nearest[(r.occasion_key, r.occurrence)]:
            skips.append((plan, r, SUPERSEDED))
        else:
            kept.append(job)
    return kept


async def record_skips(
    sessions: async_sessionmaker[AsyncSession],
    skips: list[Skip],
    report: DispatchReport,
    metrics: Metrics | None,
) -> None:
    """Record each skip once (with its text and reason); one another process recorded counts
    as already done."""
    if not skips:
        return
    async with sessions() as session, session.begin():
        for plan, reminder, reason in skips:
            row = delivery_row(
                reminder,
                Status.SKIPPED,
                late=True,
                text=f"{reminder.title}\n{reminder.text}",
                error=reason,
            )
            if await deliveries.insert_once(session, row):
                report.skipped += 1
                if metrics is not None:
                    metrics.count_reminder(reminder.kind, Status.SKIPPED)
                report.outcomes.append(
                    Outcome(
                        f"{plan.platform}:{plan.platform_chat_id}", reminder.title, Status.SKIPPED
                    )
                )
            else:
                report.already_done += 1


async def fail_expired(
    sessions: async_sessionmaker[AsyncSession],
    ids: list[int],
    claim_now: dt.datetime,
    report: DispatchReport,
    *,
    error: str,
) -> None:
    """Mark lapsed claims failed, unless a live process renewed or took one over meanwhile."""
    if not ids:
        return
    async with sessions() as session, session.begin():
        report.failed += await deliveries.fail_lapsed(session, ids, claim_now, error)


async def record_gone(
    sessions: async_sessionmaker[AsyncSession], job: Job, label: str, report: DispatchReport
) -> None:
    """A reminder for a chat the bot was removed from in this pass: failed, never sent."""
    async with sessions() as session, session.begin():
        row = delivery_row(job.reminder, Status.FAILED, late=job.late, error="chat gone: not sent")
        inserted = await deliveries.insert_once(session, row)
    if inserted:
        report.failed += 1
        report.outcomes.append(
            Outcome(label, job.reminder.title, Status.FAILED, job.late, "chat gone")
        )
