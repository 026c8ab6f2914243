"""One dispatch pass: claim each due reminder in the database, send it once, record the outcome.

The deliveries table is the source of truth. A reminder is claimed by inserting its row with
status `claimed` (the unique key makes a second process's insert fail), the claim is committed,
the message is sent, and the row is marked `sent` or `failed`. A claim is a lease the live
process renews (jobs.lease); one whose `claimed_until` has passed was left by a dead process and
is taken over with a conditional UPDATE. A process killed after the platform accepted a message
and before the row was marked leaves that one message to be sent again: delivery is
at-least-once for the messages in flight at a crash, exactly once otherwise.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.context import Clock
from bot.core.messages import Button, Reply
from bot.health import HealthStatus
from bot.metrics import Metrics
from jobs import custom
from jobs.dossier_notices import NoticePolicy
from jobs.lease import DEFAULT_LEASE, Leases
from jobs.planner import (
    LATE_LABEL,
    ChatPlan,
    PlannedReminder,
    load_chat_plans,
    load_snapshot,
    plan_chat,
)
from jobs.request_nudges import plan_extra
from jobs.sender import (
    ChatGone,
    ChatMigrated,
    RateLimited,
    Sender,
    SendError,
    TransientError,
    Unauthorized,
)
from storage.db import is_unavailable
from storage.models import Delivery
from storage.queries import chats

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
ACK_BUTTON = "Đã nhận"
RELEASED = "released"
"""_send's status for a message given back unsent because the dispatcher is stopping."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one reminder in a pass."""

    chat: str
    """`platform:chat id`."""
    title: str
    status: str
    """sent, failed, skipped or dry_run."""
    late: bool = False
    error: str | None = None
    text: str = ""


@dataclass
class DispatchReport:
    """Counts of one pass, and every reminder it acted on."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0
    late: int = 0
    already_done: int = 0
    taken_over: int = 0
    held: int = 0
    """Due but left unclaimed for a later pass (stopping, no sender, token refused)."""
    no_sender: set[str] = field(default_factory=set)
    """Platforms of subscribed chats that this process cannot send to (no token set)."""
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """Dry run: the texts that would be sent."""
        return [o.text for o in self.outcomes if o.status == "dry_run"]


@dataclass
class _Existing:
    id: int
    chat_id: int
    status: str
    claimed_until: dt.datetime | None


@dataclass
class _Job:
    reminder: PlannedReminder
    late: bool
    takeover_id: int | None = None


@dataclass
class _Target:
    """Where a chat's messages go; a migration changes it mid-pass."""

    chat: ChatPlan
    platform_chat_id: str
    gone: bool = False

    @property
    def label(self) -> str:
        return f"{self.chat.platform}:{self.platform_chat_id}"


MISSED = "missed: older than the grace window"
SUPERSEDED = "superseded: a nearer reminder of the same day was due in the same pass"


def reminder_reply(reminder: PlannedReminder, *, delivery_id: int | None, late: bool) -> Reply:
    """The message of a reminder, labelled when late, with its "Đã nhận" button."""
    text = f"{LATE_LABEL}\n{reminder.text}" if late else reminder.text
    buttons = [[Button(ACK_BUTTON, f"/danhan {delivery_id}")]] if delivery_id is not None else []
    if delivery_id is not None and reminder.kind == custom.KIND:
        buttons = custom.buttons(delivery_id)
    if reminder.buttons is not None:
        # Requests carry their own answers (« Đã nộp », « Cần gia hạn ») instead of "Đã nhận".
        buttons = [[Button(label, command) for label, command in reminder.buttons]]
        buttons = [row for row in buttons if row]
    return Reply(text, title=reminder.title, buttons=buttons, mentions=reminder.mentions)


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
        self._stopping = False
        self._refused: set[str] = set()
        self.request_overdue_days = request_overdue_days
        """Days a unit that has not submitted gets an overdue notice (jobs.request_nudges)."""

    def request_stop(self) -> None:
        """Finish the sends in flight but claim nothing new (graceful shutdown)."""
        self._stopping = True

    async def run_once(
        self, now: dt.datetime | None = None, *, dry_run: bool = False
    ) -> DispatchReport:
        """One pass as if it were `now`: record missed reminders, claim and send the due ones."""
        async with self._lock:
            return await self._run(now or self.clock(), dry_run=dry_run)

    async def _run(self, now: dt.datetime, *, dry_run: bool) -> DispatchReport:
        report = DispatchReport()
        if self._stopping:
            return report
        self._refused.clear()
        window_start = now - self.grace - self.lookback
        send_from = now - self.grace
        claim_now = self.clock()
        async with self.sessions() as session:
            snapshot = await load_snapshot(session, since=window_start, policy=self.notices)
            plans = await load_chat_plans(session, notified=snapshot.notices)
            extra = await plan_extra(
                session, start=window_start, end=now, overdue_days=self.request_overdue_days
            )
            existing = await self._existing(session, window_start)
            due = await custom.load_due(session, now=now, since=window_start, send_from=send_from)
        known = {plan.chat_id for plan in plans}
        plans += [plan for chat_id, plan in due.plans.items() if chat_id not in known]
        known |= set(due.plans)
        plans += [plan for chat_id, plan in extra.chats.items() if chat_id not in known]
        jobs: dict[int, list[_Job]] = defaultdict(list)
        skips: list[tuple[ChatPlan, PlannedReminder, str]] = []
        expired_fail: list[int] = []
        by_chat = {plan.chat_id: plan for plan in plans}
        handled: set[int] = set()
        for plan in plans:
            if not dry_run and plan.platform not in self.senders:
                log.debug("no sender for platform=%s chat=%s", plan.platform, plan.chat_id)
                report.no_sender.add(plan.platform)
                continue
            handled.add(plan.chat_id)
            planned = plan_chat(plan, snapshot, start=window_start, end=now)
            skips += [(plan, r, SUPERSEDED) for r in due.superseded.get(plan.chat_id, ())]
            extras = [*due.planned.get(plan.chat_id, ()), *extra.reminders.get(plan.chat_id, ())]
            for reminder in [*planned, *extras]:
                row = existing.get(reminder.key)
                in_grace = reminder.due_at >= send_from
                if row is None:
                    if in_grace:
                        late = now - reminder.due_at > self.late_after
                        jobs[plan.chat_id].append(_Job(reminder, late))
                    else:
                        skips.append((plan, reminder, MISSED))
                elif (
                    row.status == "claimed"
                    and row.claimed_until is not None
                    and row.claimed_until < claim_now
                ):
                    if in_grace:
                        late = now - reminder.due_at > self.late_after
                        jobs[plan.chat_id].append(_Job(reminder, late, takeover_id=row.id))
                    else:
                        expired_fail.append(row.id)
                else:
                    report.already_done += 1
            if plan.chat_id in jobs:
                jobs[plan.chat_id] = self._nearest_only(plan, jobs[plan.chat_id], skips)
        taken = {job.takeover_id for chat_jobs in jobs.values() for job in chat_jobs}
        # An expired claim this pass no longer plans (task done, kind unsubscribed) ends failed,
        # also in a chat that has no plan left at all (unsubscribed from everything, or left):
        # no process would ever look at it again. Chats planned for a platform this process
        # has no sender for are another process's to settle.
        orphans = [
            row.id
            for row in existing.values()
            if (row.chat_id in handled or row.chat_id not in by_chat)
            and row.status == "claimed"
            and row.claimed_until is not None
            and row.claimed_until < claim_now
            and row.id not in taken
            and row.id not in expired_fail
        ]
        if dry_run:
            for chat_id, chat_jobs in jobs.items():
                target = _Target(by_chat[chat_id], by_chat[chat_id].platform_chat_id)
                for job in chat_jobs:
                    reply = reminder_reply(job.reminder, delivery_id=None, late=job.late)
                    report.outcomes.append(
                        Outcome(
                            target.label,
                            job.reminder.title,
                            "dry_run",
                            job.late,
                            None,
                            reply.plain(),
                        )
                    )
                    report.late += job.late
            for plan, reminder, _ in skips:
                report.skipped += 1
                report.outcomes.append(
                    Outcome(f"{plan.platform}:{plan.platform_chat_id}", reminder.title, "skipped")
                )
            return report
        await self._record_skips(skips, report)
        await self._fail_expired(
            expired_fail,
            claim_now,
            report,
            error="claim expired after the grace window: not resent (may have been sent)",
        )
        await self._fail_expired(
            orphans, claim_now, report, error="claim expired and the reminder is no longer due"
        )
        semaphore = asyncio.Semaphore(self.concurrency)
        async with self.leases.heartbeat(), asyncio.TaskGroup() as group:
            for chat_id in self._spread(list(jobs)):
                chat_jobs = jobs[chat_id]
                target = _Target(by_chat[chat_id], by_chat[chat_id].platform_chat_id)
                group.create_task(self._chat_worker(target, chat_jobs, semaphore, report))
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

    def _spread(self, chat_ids: list[int]) -> list[int]:
        """The chats in an order of this process's own (the same on every pass).

        Replicas that walk the chats in one order race for the same claim at the same moment,
        and the loser's insert waits on the winner's transaction; in orders of their own they
        meet rarely.
        """
        random.Random(self.instance_id).shuffle(chat_ids)
        return chat_ids

    async def _existing(
        self, session: AsyncSession, window_start: dt.datetime
    ) -> dict[tuple[int, str, dt.date, int], _Existing]:
        # Occurrence >= due date for most reminders, so their rows in the window pass the first
        # filter; a request's overdue notices come after their occurrence (its deadline).
        stmt = select(
            Delivery.id,
            Delivery.chat_id,
            Delivery.occasion_key,
            Delivery.occurrence,
            Delivery.lead_days,
            Delivery.status,
            Delivery.claimed_until,
        ).where(
            or_(
                Delivery.occurrence >= window_start.date() - dt.timedelta(days=1),
                Delivery.due_at >= window_start,
            )
        )
        rows = (await session.execute(stmt)).all()
        return {(r[1], r[2], r[3], r[4]): _Existing(r[0], r[1], r[5], r[6]) for r in rows}

    def _row(self, reminder: PlannedReminder, status: str, **values: object) -> Delivery:
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

    async def _insert(self, session: AsyncSession, row: Delivery) -> bool:
        """Insert in a savepoint; False when the key exists (another process got there first)."""
        try:
            async with session.begin_nested():
                session.add(row)
                await session.flush()
        except IntegrityError:
            return False
        return True

    @staticmethod
    def _nearest_only(
        plan: ChatPlan, chat_jobs: list[_Job], skips: list[tuple[ChatPlan, PlannedReminder, str]]
    ) -> list[_Job]:
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

    async def _record_skips(
        self, skips: list[tuple[ChatPlan, PlannedReminder, str]], report: DispatchReport
    ) -> None:
        if not skips:
            return
        async with self.sessions() as session, session.begin():
            for plan, reminder, reason in skips:
                row = self._row(
                    reminder,
                    "skipped",
                    late=True,
                    text=f"{reminder.title}\n{reminder.text}",
                    error=reason,
                )
                if await self._insert(session, row):
                    report.skipped += 1
                    if self.metrics is not None:
                        self.metrics.count_reminder(reminder.kind, "skipped")
                    report.outcomes.append(
                        Outcome(
                            f"{plan.platform}:{plan.platform_chat_id}", reminder.title, "skipped"
                        )
                    )
                else:
                    report.already_done += 1

    async def _fail_expired(
        self, ids: list[int], claim_now: dt.datetime, report: DispatchReport, *, error: str
    ) -> None:
        if not ids:
            return
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                update(Delivery)
                .where(
                    Delivery.id.in_(ids),
                    Delivery.status == "claimed",
                    Delivery.claimed_until < claim_now,
                )
                .values(status="failed", error=error)
            )
            report.failed += result.rowcount  # type: ignore[attr-defined]

    async def _chat_worker(
        self,
        target: _Target,
        jobs: list[_Job],
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

    async def _deliver(self, target: _Target, job: _Job, report: DispatchReport) -> None:
        reminder = job.reminder
        if self._stopping or target.chat.platform in self._refused:
            report.held += 1
            return
        if target.gone:
            async with self.sessions() as session, session.begin():
                inserted = await self._insert(
                    session,
                    self._row(reminder, "failed", late=job.late, error="chat gone: not sent"),
                )
            if inserted:
                report.failed += 1
                report.outcomes.append(
                    Outcome(target.label, reminder.title, "failed", job.late, "chat gone")
                )
            return
        delivery_id = await self._claim(job)
        if delivery_id is None:
            report.already_done += 1
            return
        if job.takeover_id is not None:
            report.taken_over += 1
        reply = reminder_reply(reminder, delivery_id=delivery_id, late=job.late)
        status, message_id, error, attempts = await self._send(target, reply, reminder.thread_id)
        if status == RELEASED:
            # Stopping: nothing was delivered, so the claim is left for release_claims().
            report.held += 1
            return
        await self._finish(delivery_id, status, message_id, error, attempts)
        self.leases.drop(delivery_id)
        if self.metrics is not None:
            self.metrics.count_reminder(reminder.kind, status)
            if status == "sent":
                self.metrics.observe_lag((self.clock() - reminder.due_at).total_seconds())
        if status == "sent":
            report.sent += 1
            report.late += job.late
        else:
            report.failed += 1
        report.outcomes.append(
            Outcome(target.label, reminder.title, status, job.late, error, reply.plain())
        )

    async def _claim(self, job: _Job) -> int | None:
        reminder = job.reminder
        claim_now = self.clock()
        values = {
            "claimed_by": self.instance_id,
            "claimed_until": self.leases.until(claim_now),
            "late": job.late,
            "text": reminder_reply(reminder, delivery_id=None, late=job.late).plain(),
        }
        async with self._writers, self.sessions() as session, session.begin():
            if job.takeover_id is not None:
                result = await session.execute(
                    update(Delivery)
                    .where(
                        Delivery.id == job.takeover_id,
                        Delivery.status == "claimed",
                        Delivery.claimed_until < claim_now,
                    )
                    .values(**values)
                )
                if result.rowcount != 1:  # type: ignore[attr-defined]
                    return None
                log.info("took over expired claim delivery=%d", job.takeover_id)
                delivery_id = job.takeover_id
            else:
                inserted = await self._insert_claim(session, reminder, values)
                if inserted is None:
                    return None
                delivery_id = inserted
        self.leases.hold(delivery_id, claim_now)
        return delivery_id

    @staticmethod
    async def _insert_claim(
        session: AsyncSession, reminder: PlannedReminder, values: dict[str, object]
    ) -> int | None:
        """Insert the claim row; None when the key exists (another process got there first).

        One statement, no savepoint: a fan-out claims 30 rows a second, and the ORM's unit of
        work with a savepoint cost more CPU and two more round trips for each of them.
        """
        dialect = session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        stmt = (
            insert(Delivery)
            .values(
                chat_id=reminder.chat_id,
                kind=reminder.kind,
                occasion_key=reminder.occasion_key,
                occurrence=reminder.occurrence,
                lead_days=reminder.lead_days,
                due_at=reminder.due_at,
                status="claimed",
                attempts=0,
                **values,
            )
            .on_conflict_do_nothing()
            .returning(Delivery.id)
        )
        return await session.scalar(stmt)

    async def _send(
        self, target: _Target, reply: Reply, thread_id: str | None = None
    ) -> tuple[str, str | None, str | None, int]:
        """Send with the failure policy; returns status, message id, error and attempts."""
        sender = self.senders[target.chat.platform]
        attempts = transient = limited = migrations = 0
        while True:
            attempts += 1
            started = time.perf_counter()
            try:
                message_id = await sender.send(target.platform_chat_id, reply, thread_id=thread_id)
                self._observe_ok(sender.platform, time.perf_counter() - started)
                return "sent", message_id, None, attempts
            except RateLimited as exc:
                # Counted where the 429 arrives (the platform clients), not here: the Telegram
                # limiter may already have retried it.
                if self._stopping:
                    # A wait of retry_after seconds could outlast the stop grace period.
                    return RELEASED, None, None, attempts
                limited += 1
                if limited > self.max_rate_limit_retries:
                    return "failed", None, f"rate limited {limited} times", attempts
                log.info("rate limited chat=%s retry_after=%s", target.label, exc.retry_after)
                await self.sleep(exc.retry_after)
            except TransientError as exc:
                if self._stopping:
                    return RELEASED, None, None, attempts
                transient += 1
                if transient > self.max_transient_retries:
                    return "failed", None, f"transient error, gave up: {exc}", attempts
                delay = self.backoff_seconds * 2 ** (transient - 1)
                log.info("transient error chat=%s retry_in=%s: %s", target.label, delay, exc)
                await self.sleep(delay)
            except ChatMigrated as exc:
                migrations += 1
                if migrations > 2:
                    return "failed", None, f"migrated repeatedly: {exc}", attempts
                await self._migrate(target, exc.new_chat_id)
            except ChatGone as exc:
                await self._deactivate(target)
                return "failed", None, f"chat gone: {exc}", attempts
            except Unauthorized as exc:
                log.error(
                    "platform %s refused the bot token; holding its reminders", target.chat.platform
                )
                self._refused.add(target.chat.platform)
                if self.health is not None:
                    self.health.mark_platform_error(sender.platform, self.clock(), "unauthorized")
                return "failed", None, f"unauthorized: {exc}", attempts
            except SendError as exc:
                return "failed", None, f"{type(exc).__name__}: {exc}", attempts

    def _observe_ok(self, platform: str, seconds: float) -> None:
        if self.metrics is not None:
            self.metrics.observe_send(platform, seconds)
        if self.health is not None:
            self.health.mark_platform_ok(platform, self.clock())

    async def _finish(
        self,
        delivery_id: int,
        status: str,
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
        status: str,
        message_id: str | None,
        error: str | None,
        attempts: int,
    ) -> bool:
        async with self._writers, self.sessions() as session, session.begin():
            result = await session.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id, Delivery.claimed_by == self.instance_id)
                .values(
                    status=status,
                    platform_message_id=message_id,
                    error=error,
                    sent_at=self.clock() if status == "sent" else None,
                    attempts=Delivery.attempts + attempts,
                )
            )
        return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]

    async def _migrate(self, target: _Target, new_chat_id: str) -> None:
        """Follow a group → supergroup migration: the one policy of storage.queries.chats."""
        old = target.platform_chat_id
        target.platform_chat_id = new_chat_id
        async with self.sessions() as session, session.begin():
            await chats.migrate_chat_id(session, target.chat.platform, old, new_chat_id)
        log.info("chat migrated platform=%s from=%s to=%s", target.chat.platform, old, new_chat_id)

    async def _deactivate(self, target: _Target) -> None:
        """The bot was removed: the chat and its subscriptions stop (storage.queries.chats)."""
        target.gone = True
        async with self.sessions() as session, session.begin():
            await chats.deactivate_chat(session, target.chat.platform, target.platform_chat_id)
        log.warning("bot removed from chat=%s: subscriptions deactivated", target.label)

    async def release_claims(self) -> int:
        """Expire this instance's unsent claims so any process takes them over; returns how many.

        The rows stay (with their attempts) rather than being deleted, so the next pass of any
        process takes them over through the same path as a dead process's claim.
        """
        now = self.clock()
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                update(Delivery)
                .where(Delivery.status == "claimed", Delivery.claimed_by == self.instance_id)
                .values(claimed_until=now - dt.timedelta(seconds=1))
            )
        released = int(result.rowcount)  # type: ignore[attr-defined]
        self.leases.clear()
        if released:
            log.info("released %d unsent claims", released)
        return released
