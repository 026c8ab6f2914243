"""Engine and session factory for SQLite (aiosqlite) and PostgreSQL (asyncpg), with deadlines.

Every database call has a deadline so that a hung or unreachable database makes a command fail
quickly (the user is told the database is unavailable) instead of hanging the bot: connecting,
waiting for a pooled connection, and each statement (PostgreSQL) or lock wait (SQLite). A
pooled PostgreSQL connection is pinged before use, so the bot recovers by itself when the
database comes back.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


@dataclass(frozen=True)
class Deadlines:
    """Seconds a database call may take before it fails; None: wait as long as it takes."""

    connect: float = 1.5
    """Opening a connection (TCP and the PostgreSQL start-up handshake)."""
    checkout: float = 1.5
    """Waiting for a free connection of the pool."""
    statement: float | None = 5.0
    """One statement on PostgreSQL; on SQLite, how long a statement waits for a lock."""


BOT_DEADLINES = Deadlines()
"""For the running bot: with the server hung, a command waits at most checkout + ping (a
statement) + connect = 8 s, inside the 10 s a user may wait for an answer. Statements get the
most: on a busy machine a claim may wait a second or two for another replica's transaction."""
MAINTENANCE_DEADLINES = Deadlines(connect=10.0, checkout=30.0, statement=None)
"""For operator commands (migrate, seed, backup, restore, import, export): a migration that
builds an index on a large table may run for minutes, and the operator can press Ctrl-C."""

SQLITE_NO_DEADLINE_SECONDS = 30.0
"""SQLite's lock wait when no statement deadline is set (the busy timeout before deadlines)."""


def create_engine(url: str, *, deadlines: Deadlines = BOT_DEADLINES, **kwargs: Any) -> AsyncEngine:
    """Create an async engine with deadlines; SQLite gets foreign keys, WAL and a busy timeout."""
    if url.startswith("sqlite"):
        busy = deadlines.statement
        kwargs.setdefault(
            "connect_args", {"timeout": SQLITE_NO_DEADLINE_SECONDS if busy is None else busy}
        )
    elif url.startswith("postgresql"):
        kwargs.setdefault(
            "connect_args",
            {"timeout": deadlines.connect, "command_timeout": deadlines.statement},
        )
        # A connection broken while the server was down or restarted is found and replaced
        # when it is taken from the pool, not when a user's command fails on it.
        kwargs.setdefault("pool_pre_ping", True)
        # Room for a reminder fan-out (32 sends in flight) beside the commands, so a short
        # checkout deadline is not spent queueing behind our own work.
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 30)
    if make_url(url).database not in (None, "", ":memory:"):
        # In-memory SQLite uses a single shared connection: no pool to wait for.
        kwargs.setdefault("pool_timeout", deadlines.checkout)
    engine = create_async_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the reminder dispatcher write while commands read.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


def read_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for commands that only read: on PostgreSQL they send no BEGIN and COMMIT."""
    # Under PostgreSQL's READ COMMITTED every statement takes its own snapshot, in a transaction
    # or not, so for a read the transaction only added two round trips. SQLite's driver opens no
    # transaction before a read in the first place.
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    return session_factory(engine)


async def ping(engine: AsyncEngine) -> None:
    """One `SELECT 1` on a connection of its own: raises when the database cannot answer."""
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


async def refresh_statistics(session: AsyncSession) -> None:
    """Give SQLite's query planner the tables' current sizes (PostgreSQL's autovacuum does)."""
    # Without statistics SQLite guesses ten rows per indexed value, and /tiendo then probed
    # every task of the year for each unit of a district instead of reading the units' tasks.
    # A bounded sample per index keeps this to milliseconds on large tables.
    if session.get_bind().dialect.name != "sqlite":
        return
    await session.execute(text("PRAGMA analysis_limit=400"))
    await session.execute(text("ANALYZE"))


_UNAVAILABLE = (
    TimeoutError,  # a deadline passed (asyncpg raises the builtin one)
    PoolTimeout,
    OperationalError,
    InterfaceError,
    ConnectionError,
    OSError,
    sqlite3.OperationalError,
)


def is_unavailable(exc: BaseException) -> bool:
    """Whether a failure means the database is down, hung or locked (not a bug in a query)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(current, _UNAVAILABLE):
            return True
        if isinstance(current, BaseExceptionGroup):
            return any(is_unavailable(inner) for inner in current.exceptions)
        current = current.__cause__ or current.__context__
    return False
