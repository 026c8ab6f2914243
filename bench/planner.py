"""Planner benchmark: one dispatch pass with nothing due, N chats × 10 /nhac reminders each.

Run `.venv/bin/python bench/planner.py [--chats 1000 3000 10000] [--runs 15] [--subscribed]
[--database-url postgresql+asyncpg://...]`. Each size gets a fresh database (a temporary SQLite
file, or a fresh database on the given PostgreSQL server), migrated and seeded, with N Telegram
groups each holding 10 recurring reminders whose next moment is ahead; `--subscribed` also
subscribes every group to all three kinds of reminders. The real Dispatcher runs its pass at a
moment when nothing is due; the median, min and max of `--runs` passes are printed per size.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
# The project root first; bench/ itself must go, or bench/telegram.py would shadow telegram.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from sqlalchemy import insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bot.app import build_app, prepare_database  # noqa: E402
from bot.core.messages import Reply  # noqa: E402
from bot.domain.recurrence import Recurrence  # noqa: E402
from bot.runtime import build_dispatcher  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from storage.db import MAINTENANCE_DEADLINES, create_engine  # noqa: E402
from storage.models import Chat, Reminder, Subscription  # noqa: E402

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PER_CHAT = 10
BENCH_DB = "thidua_planner_bench"
NOW = dt.datetime(2026, 11, 27, 10, 17, tzinfo=TZ)
"""A Friday morning when no commemoration, deadline, digest or reminder is due."""


class NoSender:
    """Fails the benchmark if the pass sends anything: nothing is due."""

    platform = "telegram"

    async def send(self, chat_id: str, reply: Reply, *, thread_id: str | None = None) -> str:
        raise AssertionError(f"nothing should be due, got {reply.title!r} for {chat_id}")


def rules() -> list[tuple[str, dt.datetime]]:
    """Ten rules (stored form, next moment), all ahead of NOW: weekly on Mondays, monthly on 1st."""
    found = []
    for n in range(PER_CHAT):
        if n % 2 == 0:
            start = dt.datetime(2026, 11, 30, 7 + n, 0, tzinfo=TZ)
            rule = Recurrence("WEEKLY", start, weekday=0)
        else:
            start = dt.datetime(2026, 12, 1, 7 + n, 0, tzinfo=TZ)
            rule = Recurrence("MONTHLY", start, day=1)
        found.append((rule.to_string(), start))
    return found


async def fresh_url(base: str | None, folder: Path, size: int) -> str:
    """A new empty database for one size."""
    if base is None:
        return f"sqlite+aiosqlite:///{folder / f'planner-{size}.db'}"
    admin = create_engine(base, deadlines=MAINTENANCE_DEADLINES)
    async with admin.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DB}"))
        await conn.execute(text(f"CREATE DATABASE {BENCH_DB}"))
    await admin.dispose()
    return make_url(base).set(database=BENCH_DB).render_as_string(hide_password=False)


async def fill(url: str, chats: int, *, subscribed: bool) -> None:
    """`chats` groups with PER_CHAT reminders each (and subscriptions when asked)."""
    app = build_app(load_settings(database_url=url))
    try:
        await prepare_database(app)
        stored = rules()
        async with app.sessions() as session, session.begin():
            await session.execute(
                insert(Chat),
                [
                    {
                        "platform": "telegram",
                        "platform_chat_id": str(-1009000000000 - n),
                        "title": f"Nhóm {n}",
                        "chat_type": "group",
                        "timezone": "Asia/Ho_Chi_Minh",
                        "remind_at": "08:00",
                        "lead_days": "30,7,1,0",
                        "jubilee_lead_days": 180,
                        "active": True,
                        "created_at": NOW,
                    }
                    for n in range(chats)
                ],
            )
            ids = list((await session.scalars(select(Chat.id))).all())
            rows = [
                {
                    "chat_id": chat_id,
                    "code": code + 1,
                    "author_id": "9001",
                    "author_name": "Người thử",
                    "text": f"Việc định kỳ số {code + 1}",
                    "rule": rule,
                    "workdays": False,
                    "mentions": [],
                    "next_at": first,
                    "active": True,
                    "created_at": NOW,
                }
                for chat_id in ids
                for code, (rule, first) in enumerate(stored)
            ]
            for at in range(0, len(rows), 20_000):
                await session.execute(insert(Reminder), rows[at : at + 20_000])
            if subscribed:
                await session.execute(
                    insert(Subscription),
                    [
                        {"chat_id": chat_id, "kind": kind, "active": True, "created_at": NOW}
                        for chat_id in ids
                        for kind in ("sukien", "hanchot", "tuan")
                    ],
                )
        if app.engine.dialect.name == "postgresql":
            # What autovacuum does soon after a bulk load; without statistics PostgreSQL reads
            # the whole reminders table instead of the (active, next_at) index.
            async with app.engine.connect() as conn:
                await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.execute(text("ANALYZE"))
    finally:
        await app.close()


async def measure(url: str, runs: int) -> list[float]:
    """Seconds of each of `runs` passes at NOW."""
    app = build_app(load_settings(database_url=url))
    try:
        dispatcher = build_dispatcher(app, {"telegram": NoSender()}, instance="bench")
        dispatcher.clock = lambda: NOW
        dispatcher.leases.clock = lambda: NOW
        await dispatcher.run_once(NOW)  # warm: connections, caches of the rules' day tables
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            report = await dispatcher.run_once(NOW)
            seconds.append(time.perf_counter() - started)
            assert report.sent == report.skipped == report.failed == 0, report
        return seconds
    finally:
        await app.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chats", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--subscribed", action="store_true")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    backend = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{backend}, {PER_CHAT} reminders a chat, subscribed={args.subscribed}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.chats:
            url = await fresh_url(args.database_url, Path(folder), size)
            await fill(url, size, subscribed=args.subscribed)
            seconds = await measure(url, args.runs)
            ms = [s * 1000 for s in seconds]
            print(
                f"{size:>6} chats, {size * PER_CHAT:>7} reminders: median "
                f"{statistics.median(ms):7.1f} ms, min {min(ms):7.1f}, max {max(ms):7.1f}"
            )


if __name__ == "__main__":
    asyncio.run(main())
