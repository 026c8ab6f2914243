"""APScheduler wake-ups for the dispatcher: one cron job per reminder hour, resync and sweep.

Scheduling state lives in the database; the scheduler only wakes the dispatcher. Job ids are
deterministic (`remind:<tz>:<HH:MM>`, `resync`, `sweep`, `catchup`, `lapsed`, `custom`) and
rebuilt from the chats at start and every resync. `lapsed` looks every half lease for claims a
dead process left behind, so they are taken over within a minute rather than at the next sweep;
`custom` looks every few seconds for `/nhac` reminders whose moment has just come, so they are
sent within seconds rather than at the next sweep.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from jobs.dispatcher import Dispatcher
from jobs.lease import lapsed_claims
from storage.db import refresh_statistics
from storage.queries import chats, reminders

log = logging.getLogger(__name__)

REMIND_PREFIX = "remind:"


def remind_job_id(timezone: str, remind_at: str) -> str:
    """`remind:Asia/Ho_Chi_Minh:08:00`."""
    return f"{REMIND_PREFIX}{timezone}:{remind_at}"


class ReminderScheduler:
    """Wakes the dispatcher at every chat's reminder hour; passes never overlap."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        sessions: async_sessionmaker[AsyncSession],
        *,
        timezone: str,
        resync_interval: dt.timedelta = dt.timedelta(minutes=5),
        sweep_interval: dt.timedelta = dt.timedelta(minutes=2),
        custom_interval: dt.timedelta = dt.timedelta(seconds=15),
    ) -> None:
        self.dispatcher = dispatcher
        self.sessions = sessions
        self.timezone = ZoneInfo(timezone)
        self.resync_interval = resync_interval
        self.sweep_interval = sweep_interval
        self.custom_interval = custom_interval
        self._custom_since: dt.datetime | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self._passes: set[asyncio.Task[None]] = set()
        self._lapsed_seen = 0

    async def start(self, *, catch_up: bool = True) -> None:
        """Build the jobs from the database and start; a catch-up pass runs right away."""
        scheduler = AsyncIOScheduler(
            timezone=self.timezone,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        self.scheduler = scheduler
        # Reminders due from now on are the custom job's; those due before, the catch-up's.
        self._custom_since = self.dispatcher.clock()
        scheduler.start()
        await self.resync()
        scheduler.add_job(
            self.resync,
            IntervalTrigger(seconds=self.resync_interval.total_seconds(), timezone=self.timezone),
            id="resync",
            replace_existing=True,
        )
        scheduler.add_job(
            self.wake,
            IntervalTrigger(seconds=self.sweep_interval.total_seconds(), timezone=self.timezone),
            id="sweep",
            replace_existing=True,
        )
        scheduler.add_job(
            self.take_over_lapsed,
            IntervalTrigger(
                seconds=self.dispatcher.leases.lease.total_seconds() / 2, timezone=self.timezone
            ),
            id="lapsed",
            replace_existing=True,
        )
        scheduler.add_job(
            self.send_came_due,
            IntervalTrigger(seconds=self.custom_interval.total_seconds(), timezone=self.timezone),
            id="custom",
            replace_existing=True,
        )
        # The database's planner statistics, refreshed as the data grows (SQLite; a no-op on
        # PostgreSQL, whose autovacuum does it), at an hour no reminder is sent.
        scheduler.add_job(
            self.refresh_statistics,
            CronTrigger(hour=3, minute=30, timezone=self.timezone),
            id="statistics",
            replace_existing=True,
        )
        if catch_up:
            scheduler.add_job(
                self.wake, DateTrigger(timezone=self.timezone), id="catchup", replace_existing=True
            )
        self._report_running(True)

    async def reminder_times(self) -> set[tuple[str, str]]:
        """Distinct (time zone, HH:MM) of active chats with an active subscription."""
        async with self.sessions() as session:
            return await chats.reminder_times(session)

    async def resync(self) -> None:
        """Make the cron jobs match the reminder hours stored in the database."""
        scheduler = self.scheduler
        if scheduler is None:
            return
        wanted = {remind_job_id(tz, at): (tz, at) for tz, at in await self.reminder_times()}
        for job in scheduler.get_jobs():
            if job.id.startswith(REMIND_PREFIX) and job.id not in wanted:
                job.remove()
        for job_id, (tz, at) in wanted.items():
            if scheduler.get_job(job_id) is not None:
                continue
            hour, minute = at.split(":")
            scheduler.add_job(
                self.wake,
                CronTrigger(hour=int(hour), minute=int(minute), timezone=ZoneInfo(tz)),
                id=job_id,
            )
        log.debug("reminder jobs: %s", sorted(wanted))

    async def refresh_statistics(self) -> None:
        """Job body: the query planner's statistics (storage.db.refresh_statistics)."""
        try:
            async with self.sessions() as session, session.begin():
                await refresh_statistics(session)
        except (SQLAlchemyError, OSError, TimeoutError):
            # Plans only get slower without them; the next night tries again.
            log.exception("could not refresh the database statistics")

    async def take_over_lapsed(self) -> None:
        """Job body: a pass when claims have lapsed since the last look (a process died)."""
        try:
            lapsed = await lapsed_claims(self.sessions, self.dispatcher.clock())
        except Exception:
            log.exception("could not look for lapsed claims")
            return
        # Claims this process cannot settle (a platform it has no token for) stay lapsed; a
        # pass for them once is enough until their number changes.
        if lapsed and lapsed != self._lapsed_seen:
            log.info("%d lapsed claims: taking them over", lapsed)
            await self.wake()
        self._lapsed_seen = lapsed

    async def send_came_due(self) -> None:
        """Job body: a pass when a `/nhac` reminder's moment came since the last look."""
        now = self.dispatcher.clock()
        since, self._custom_since = self._custom_since, now
        if since is None:
            # Not started: nothing to compare with yet.
            return
        try:
            async with self.sessions() as session:
                came = await reminders.came_due(session, since, now)
        except Exception:
            log.exception("could not look for due reminders")
            return
        # Only reminders newly due: one this process cannot send stays for the sweep, instead
        # of waking a pass every few seconds.
        if came:
            log.debug("%d reminders came due: dispatching", came)
            await self.wake()

    async def wake(self) -> None:
        """Job body: one dispatch pass, shielded so a scheduler shutdown cannot cut it short."""
        task = asyncio.create_task(self._pass())
        self._passes.add(task)
        task.add_done_callback(self._passes.discard)
        await asyncio.shield(task)

    async def _pass(self) -> None:
        try:
            await self.dispatcher.run_once()
        except Exception:
            log.exception("dispatch pass failed")

    async def idle(self) -> None:
        """Wait until no dispatch pass is running."""
        while self._passes:
            await asyncio.gather(*self._passes)

    def _report_running(self, running: bool) -> None:
        # /readyz reads this flag from the same status object the dispatcher reports into.
        if self.dispatcher.health is not None:
            self.dispatcher.health.scheduler_running = running

    def job_ids(self) -> list[str]:
        """Ids of the scheduled jobs."""
        return sorted(job.id for job in self.scheduler.get_jobs()) if self.scheduler else []

    async def stop(self) -> None:
        """Stop waking, let a running pass finish its sends, then release unsent claims."""
        self._report_running(False)
        self.dispatcher.request_stop()
        await self.idle()
        scheduler, self.scheduler = self.scheduler, None
        if scheduler is not None and scheduler.running:
            scheduler.shutdown(wait=False)
        await self.dispatcher.release_claims()
