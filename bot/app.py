"""Composition root: settings → database → command core → transports → scheduler."""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.core.commands import all_commands
from bot.core.context import Clock, CoreConfig, system_clock
from bot.core.router import CommandCore
from bot.domain.reminder_plan import KIND
from bot.health import HealthStatus
from bot.metrics import Metrics
from bot.settings import Settings
from bot.shared_limits import SharedLimits
from storage import migrate
from storage.db import (
    BOT_DEADLINES,
    Deadlines,
    create_engine,
    read_session_factory,
    refresh_statistics,
    session_factory,
)
from storage.models import SUBSCRIPTION_KINDS
from storage.queries.units import count_units
from storage.seed import SeedReport, default_seed_files, load_seeds

log = logging.getLogger(__name__)


@dataclass
class App:
    """The assembled bot: what every entry point (CLI, tests, benchmarks) works with."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    core: CommandCore
    clock: Clock
    metrics: Metrics
    health: HealthStatus
    limits: SharedLimits | None = None
    """Send limits shared with the other replicas (REDIS_URL); None: this process paces alone."""

    async def close(self) -> None:
        """Release the database (and Redis) connections."""
        await self.engine.dispose()
        if self.limits is not None:
            await self.limits.close()


def build_app(
    settings: Settings, *, clock: Clock = system_clock, deadlines: Deadlines = BOT_DEADLINES
) -> App:
    """Wire the database and the core from settings; nothing touches the network yet."""
    engine = create_engine(settings.database_url, deadlines=deadlines)
    sessions = session_factory(engine)
    config = CoreConfig(
        timezone=settings.bot_timezone,
        admin_ids=frozenset(settings.bot_admin_ids),
        dossier_stale_days=settings.dossier_stale_days,
        public_base_url=settings.webhook_base_url,
    )
    metrics = Metrics(platforms=("telegram", "zalo"), reminder_kinds=(*SUBSCRIPTION_KINDS, KIND))
    core = CommandCore(
        sessions,
        commands=all_commands(),
        config=config,
        clock=clock,
        metrics=metrics,
        read_sessions=read_session_factory(engine),
    )
    return App(
        settings=settings,
        engine=engine,
        sessions=sessions,
        core=core,
        clock=clock,
        metrics=metrics,
        health=HealthStatus.from_settings(settings, expect_scheduler=True),
        limits=SharedLimits(settings.redis_url) if settings.redis_url else None,
    )


def settle_memory() -> None:
    """Move start-up objects out of the garbage collector's reach so its pauses stay short."""
    gc.collect()
    gc.freeze()


async def seed(app: App, paths: list[Path] | None = None) -> SeedReport:
    """Load seed files in one transaction: all of them or nothing."""
    async with app.sessions() as session, session.begin():
        return await load_seeds(session, paths or default_seed_files())


async def prepare_database(app: App) -> None:
    """Migrate to the newest schema and seed an empty database (first start)."""
    if not await migrate.is_current(app.engine):
        log.info("migrating database to the newest schema")
        for note in await migrate.upgrade(app.engine):
            log.warning("migration note: %s", note)
    async with app.sessions() as session:
        units = await count_units(session)
    if not units:
        report = await seed(app)
        log.info("seeded an empty database: %d records added", report.added)
    async with app.sessions() as session, session.begin():
        await refresh_statistics(session)
