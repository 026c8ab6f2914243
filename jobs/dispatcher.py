"""One dispatch pass: claim each due reminder in the database, send it once, record the outcome.

The deliveries table is the source of truth. A reminder is claimed by inserting its row with
status `claimed` (the unique key makes a second process's insert fail), the claim is committed,
the message is sent, and the row is marked `sent` or `failed`. A claim is a lease the live
process renews (jobs.lease); one whose `claimed_until` has passed was left by a dead process and
is taken over with a conditional UPDATE. A process killed after the platform accepted a message
and before the row was marked leaves that one message to be sent again: delivery is
at-least-once for the messages in flight at a crash, exactly once otherwise.

A pass loads (jobs.planner, jobs.custom), sorts each planned reminder against the ledger
(jobs.triage), records what it will not send (jobs.skips), then claims and sends the rest
(jobs.sending's retry loop); statuses and the reminder's message are in jobs.outcomes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.context import Clock
from bot.domain.reminder_plan import plan_chat
from bot.health import HealthStatus
from bot.metrics import Metrics
from jobs import custom
from jobs.dossier_notices import NoticePolicy
from jobs.lease import DEFAULT_LEASE, Leases
from jobs.outcomes import MISSED as MISSED
from jobs.outcomes import SUPERSEDED as SUPERSEDED
from jobs.outcomes import DispatchReport as DispatchReport
from jobs.outcomes import Existing, Job, Status, Target, reminder_reply
from jobs.outcomes import Outcome as Outcome
from jobs.planner import load_chat_plans, load_snapshot
from jobs.request_nudges import plan_extra
from jobs.sender import Sender
from jobs.sending import Sending, Sleep
from jobs.skips import fail_expired, record_gone, record_skips
from jobs.triage import Window, Work, orphans, preview, triage
from storage.db import is_unavailable
from storage.queries import deliveries

log = logging.getLogger(__name__)


class Dispatcher:
    """Sends every due reminder once across restarts and several processes (see the module)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        senders: Mapping[str, Sender],
        *,
        clock: Clock,
        sleep: Sleep,
        grace: dt.timedelta,
        claim_ttl: dt.timedelta,
        instance_id: str,
        max_transient_retries: int = 3,
        concurrency: int = 32,
        db_concurrency: int | None = None,
        lookback: dt.timedelta = dt.timedelta(days=7),
        late_after: dt.timedelta = dt.timedelta(minutes=15),
        backoff_seconds: float = 1.0,
        max_rate_limit_retries: int = 10,
        metrics: Metrics | None = None,
        health: HealthStatus | None = None,
        lease: dt.timedelta = DEFAULT_LEASE,
        heartbeat_sleep: Sleep = asyncio.sleep,
        request_overdue_days: int = 3,
        notices: NoticePolicy | None = None,
    ) -> None:
        self.sessions = sessions
        self.notices = notices or NoticePolicy()
        """Dossier notices: how long a dossier may wait, whose chats are the office's."""
        self.senders = senders
        self.clock = clock
        self.sleep = sleep
        self.grace = grace
        self.claim_ttl = claim_ttl
        self.leases = Leases(
            sessions,
            instance_id=instance_id,
            clock=clock,
            lease=lease,
            ttl=claim_ttl,
            sleep=heartbeat_sleep,
        )
        self.instance_id = instance_id
        self.max_transient_retries = max_transient_retries
        self.concurrency = concurrency
        self.lookback = lookback
        """How far before the grace window missed reminders are still recorded as skipped."""
        self.late_after = late_after
        """A reminder sent more than this after its time is labelled late."""
        self.backoff_seconds = backoff_seconds
        self.max_rate_limit_retries = max_rate_limit_retries
        self.metrics = metrics
        self.health = health
        self._lock = asyncio.Lock()
        if db_concurrency is None:
            bind = sessions.kw.get("bind")
            # SQLite has one writer at a time: more would only queue on its lock, in threads.
            single = bind is not None and bind.dialect.name == "sqlite"
            db_concurrency = 1 if single else 12
        self._writers = asyncio.Semaphore(db_concurrency)
        """Claims and marks in progress at once: at 30 sends a second a few suffice, and more
        would open a burst of new connections (slow on a busy server) at the start of a pass."""
        self.sending = Sending(
            sessions,
            senders,
            clock=clock,
            sleep=sleep,
            max_transient_retries=max_transient_retries,
            max_rate_limit_retries=max_rate_limit_retries,
            backoff_seconds=backoff_seconds,
            metrics=metrics,
            health=health,
        )
        """The send loop (jobs.sending); it also keeps the stop flag and refused platforms."""
        self.request_overdue_days = request_overdue_days
        """Days a unit that has not submitted gets an overdue notice (jobs.request_nudges)."""

    def request_stop(self) -> None:
        """Finish the sends in flight but claim nothing new (graceful shutdown)."""
        self.sending.stopping = True

    async def run_once(
        self, now: dt.datetime | None = None, *, dry_run: bool = False
    ) -> DispatchReport:
        """One pass as if it were `now`: record missed reminders, claim and send the due ones."""
        async with self._lock:
            return await self._run(now or self.clock(), dry_run=dry_run)

    async def _run(self, now: dt.datetime, *, dry_run: bool) -> DispatchReport:
        report = DispatchReport()
        if self.sending.stopping:
            return report
        self.sending.refused.clear()
        start = now - self.grace - self.lookback
        window = Window(now, start, send_from=now - self.grace, claim_now=self.clock())
        async with self.sessions() as session:
            snapshot = await load_snapshot(session, since=window.start, policy=self.notices)
            plans = await load_chat_plans(session, notified=snapshot.notices)
            extra = await plan_extra(
                session, start=window.start, end=now, overdue_days=self.request_overdue_days
            )
            existing = await self._existing(session, window.start)
            due = await custom.load_due(
                session, now=now, since=window.start, send_from=window.send_from
            )
        known = {plan.chat_id for plan in plans}
        plans += [plan for chat_id, plan in due.plans.items() if chat_id not in known]
        known |= set(due.plans)
        plans += [plan for chat_id, plan in extra.chats.items() if chat_id not in known]
        work = Work({plan.chat_id: plan for plan in plans})
        handled: set[int] = set()
        for plan in plans:
            if not dry_run and plan.platform not in self.senders:
                log.debug("no sender for platform=%s chat=%s", plan.platform, plan.chat_id)
                report.no_sender.add(plan.platform)
                continue
            handled.add(plan.chat_id)
            planned = plan_chat(plan, snapshot, start=window.start, end=now)
            work.skips += [(plan, r, SUPERSEDED) for r in due.superseded.get(plan.chat_id, ())]
            extras = [*due.planned.get(plan.chat_id, ()), *extra.reminders.get(plan.chat_id, ())]
            reminders = [*planned, *extras]
            triage(plan, reminders, existing, window, work, report, late_after=self.late_after)
        work.orphans = orphans(existing, work, handled, window.claim_now)
        if dry_run:
            preview(work, report)
            return report
        await self._settle_unsent(work, window.claim_now, report)
        await self._send_all(work, report)
        await custom.settle(self.sessions, due, now)
        log.info(
            "dispatch pass done sent=%d failed=%d skipped=%d late=%d already=%d held=%d",
            report.sent,
            report.failed,
            report.skipped,
            report.late,
            report.already_done,
            report.held,
        )
        return report

    async def _settle_unsent(
        self, work: Work, claim_now: dt.datetime, report: DispatchReport
    ) -> None:
        """Record the skips and fail the lapsed claims that will not be resent."""
        await record_skips(self.sessions, work.skips, report, self.metrics)
        await fail_expired(
            self.sessions,
            work.expired_fail,
            claim_now,
            report,
            error="claim expired after the grace window: not resent (may have been sent)",
        )
        await fail_expired(
            self.sessions,
            work.orphans,
            claim_now,
            report,
            error="claim expired and the reminder is no longer due",
        )

    async def _send_all(self, work: Work, report: DispatchReport) -> None:
        """Claim and send every job, chats in parallel, each chat's reminders in order."""
        semaphore = asyncio.Semaphore(self.concurrency)
        async with self.leases.heartbeat(), asyncio.TaskGroup() as group:
            for chat_id in self._spread(list(work.jobs)):
                chat = work.by_chat[chat_id]
                target = Target(chat, chat.platform_chat_id)
                group.create_task(self._chat_worker(target, work.jobs[chat_id], semaphore, report))

    def _spread(self, chat_ids: list[int]) -> list[int]:
        """The chats in an order of this process's own (the same on every pass).

        Replicas that walk the chats in one order race for the same claim at the same moment,
        and the loser's insert waits on the winner's transaction; in orders of their own they
        meet rarely.
        """
        random.Random(self.instance_id).shuffle(chat_ids)
        return chat_ids

    @staticmethod
    async def _existing(
        session: AsyncSession, window_start: dt.datetime
    ) -> dict[tuple[int, str, dt.date, int], Existing]:
        # Occurrence >= due date for most reminders, so their rows in the window pass the first
        # filter; a request's overdue notices come after their occurrence (its deadline).
        day = window_start.date() - dt.timedelta(days=1)
        rows = await deliveries.rows_since(session, day, due_from=window_start)
        return {(r[1], r[2], r[3], r[4]): Existing(r[0], r[1], r[5], r[6]) for r in rows}

    async def _chat_worker(
        self,
        target: Target,
        jobs: list[Job],
        semaphore: asyncio.Semaphore,
        report: DispatchReport,
    ) -> None:
        async with semaphore:
            for job in jobs:
                try:
                    await self._deliver(target, job, report)
                except Exception as exc:
                    if not is_unavailable(exc):
                        raise
                    # The database did not answer in time: this reminder waits for a later
                    # pass (a claim that did get stored lapses and is taken over), the others
                    # of the pass go on.
                    log.warning(
                        "database unavailable, reminder held chat=%s (%s: %s)",
                        target.label,
                        type(exc).__name__,
                        str(exc)[:120],
                    )
                    report.held += 1

    async def _deliver(self, target: Target, job: Job, report: DispatchReport) -> None:
        reminder = job.reminder
        if self.sending.stopping or target.chat.platform in self.sending.refused:
            report.held += 1
            return
        if target.gone:
            await record_gone(self.sessions, job, target.label, report)
            return
        delivery_id = await self._claim(job)
        if delivery_id is None:
            report.already_done += 1
            return
        if job.takeover_id is not None:
            report.taken_over += 1
        reply = reminder_reply(reminder, delivery_id=delivery_id, late=job.late)
        sent = await self.sending.send(target, reply, reminder.thread_id)
        if sent.status == Status.RELEASED:
            # Stopping: nothing was delivered, so the claim is left for release_claims().
            report.held += 1
            return
        await self._finish(delivery_id, sent.status, sent.message_id, sent.error, sent.attempts)
        self.leases.drop(delivery_id)
        if self.metrics is not None:
            self.metrics.count_reminder(reminder.kind, sent.status)
            if sent.status == Status.SENT:
                self.metrics.observe_lag((self.clock() - reminder.due_at).total_seconds())
        if sent.status == Status.SENT:
            report.sent += 1
            report.late += job.late
        else:
            report.failed += 1
        report.outcomes.append(
            Outcome(target.label, reminder.title, sent.status, job.late, sent.error, reply.plain())
        )

    async def _claim(self, job: Job) -> int | None:
        reminder = job.reminder
        claim_now = self.clock()
        values: dict[str, object] = {
            "claimed_by": self.instance_id,
            "claimed_until": self.leases.until(claim_now),
            "late": job.late,
            "text": reminder_reply(reminder, delivery_id=None, late=job.late).plain(),
        }
        async with self._writers, self.sessions() as session, session.begin():
            if job.takeover_id is not None:
                if not await deliveries.take_over(session, job.takeover_id, claim_now, values):
                    return None
                log.info("took over expired claim delivery=%d", job.takeover_id)
                delivery_id = job.takeover_id
            else:
                key = {
                    "chat_id": reminder.chat_id,
                    "kind": reminder.kind,
                    "occasion_key": reminder.occasion_key,
                    "occurrence": reminder.occurrence,
                    "lead_days": reminder.lead_days,
                    "due_at": reminder.due_at,
                }
                inserted = await deliveries.insert_claim(session, {**key, **values})
                if inserted is None:
                    return None
                delivery_id = inserted
        self.leases.hold(delivery_id, claim_now)
        return delivery_id

    async def _finish(
        self,
        delivery_id: int,
        status: Status,
        message_id: str | None,
        error: str | None,
        attempts: int,
    ) -> None:
        started = self.clock()
        retry = 0
        while True:
            try:
                marked = await self._mark(delivery_id, status, message_id, error, attempts)
                break
            except Exception as exc:
                # The platform has the message: recording it is worth waiting for, or another
                # process would send it again once the claim lapses.
                if not is_unavailable(exc) or self.clock() - started > self.claim_ttl:
                    raise
                retry += 1
                log.warning(
                    "could not record delivery=%d (%s), retry %d", delivery_id, status, retry
                )
                await self.sleep(min(2.0**retry, 30.0))
        if not marked:
            log.warning("claim of delivery=%d was taken over before it was marked", delivery_id)

    async def _mark(
        self,
        delivery_id: int,
        status: Status,
        message_id: str | None,
        error: str | None,
        attempts: int,
    ) -> bool:
        async with self._writers, self.sessions() as session, session.begin():
            return await deliveries.mark(
                session,
                delivery_id,
                claimed_by=self.instance_id,
                status=status,
                message_id=message_id,
                error=error,
                sent_at=self.clock() if status == Status.SENT else None,
                attempts=attempts,
            )

    async def release_claims(self) -> int:
        """Expire this instance's unsent claims so any process takes them over; returns how many.

        The rows stay (with their attempts) rather than being deleted, so the next pass of any
        process takes them over through the same path as a dead process's claim.
        """
        now = self.clock()
        async with self.sessions() as session, session.begin():
            released = await deliveries.release(
                session, self.instance_id, now - dt.timedelta(seconds=1)
            )
        self.leases.clear()
        if released:
            log.info("released %d unsent claims", released)
        return released
