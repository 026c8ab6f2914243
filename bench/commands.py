"""Time every read command through the core on a large synthetic data set (SQLite and PostgreSQL).

Usage: python bench/commands.py [--pg URL] [--runs N]
Builds 100 units, 10 years, 200 000 award records and 5 000 tasks, then prints the median and p99
of each read command per database. Target: p99 under 20 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select, text
from sqlalchemy.engine import make_url

from bot.app import App, build_app, seed, settle_memory
from bot.core.cache import ReplyCache
from bot.core.messages import Incoming
from bot.settings import load_settings
from storage import migrate
from storage.db import MAINTENANCE_DEADLINES, create_engine, refresh_statistics
from storage.models import (
    AwardForm,
    AwardRecord,
    Chat,
    Indicator,
    Task,
    TaskProgress,
    TaskUnit,
    Unit,
)
from storage.queries import awards

YEARS = list(range(2016, 2026))
AWARDS = 200_000
TASKS = 5_000
UNITS = 100
COMMANDS = [
    "/khenthuong",
    "/khenthuong 2020",
    "/khenthuong 2025 B-D1",
    "/chitieu",
    "/nhiemvu",
    "/nhiemvu 2025 20",
    "/tiendo",
    "/tiendo B-D1-W1",
    "/sukien",
    "/sukien 2030",
    "/donvi",
    "/trogiup",
]


async def populate(app: App) -> None:
    """Migrate, seed the reference lists, then add the synthetic bulk in large inserts."""
    await migrate.upgrade(app.engine)
    await seed(app)
    rng = random.Random(7)
    async with app.sessions() as session, session.begin():
        root = (await session.scalars(select(Unit).where(Unit.code == "HN"))).one()
        units: list[int] = []
        for d in range(1, 10):
            district = Unit(
                code=f"B-D{d}", name=f"Quận thử {d}", kind="district", parent_id=root.id
            )
            session.add(district)
            await session.flush()
            units.append(district.id)
            for w in range(1, 11):
                ward = Unit(
                    code=f"B-D{d}-W{w}",
                    name=f"Phường thử {d}.{w}",
                    kind="commune",
                    parent_id=district.id,
                )
                session.add(ward)
                await session.flush()
                units.append(ward.id)
        forms = [
            (f.id, f.recipient_kinds.split(","))
            for f in (await session.scalars(select(AwardForm))).all()
        ]
        rows = []
        for i in range(AWARDS):
            form_id, kinds = rng.choice(forms)
            rows.append(
                {
                    "key": f"B-{i}",
                    "year": YEARS[i % len(YEARS)],
                    "form_id": form_id,
                    "recipient_kind": rng.choice(kinds),
                    "count": rng.randint(1, 30),
                    "unit_id": rng.choice(units),
                    "ad_hoc": rng.random() < 0.05,
                }
            )
            if len(rows) == 5000:
                await session.execute(insert(AwardRecord), rows)
                rows = []
        now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
        task_rows, unit_rows, progress_rows = [], [], []
        for i in range(TASKS):
            year = YEARS[i % len(YEARS)]
            task_rows.append(
                {
                    "id": 10_000 + i,
                    "year": year,
                    "code": f"B{year}-{i:05d}",
                    "title": f"Nhiệm vụ thử số {i} của năm {year}",
                    "deadline": dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                }
            )
            for unit_id in rng.sample(units, 3):
                unit_rows.append({"task_id": 10_000 + i, "unit_id": unit_id})
                progress_rows.append(
                    {
                        "task_id": 10_000 + i,
                        "unit_id": unit_id,
                        "percent": rng.randint(0, 100),
                        "updated_by": "bench",
                        "updated_at": now,
                    }
                )
        await session.execute(insert(Task), task_rows)
        await session.execute(insert(TaskUnit), unit_rows)
        await session.execute(insert(TaskProgress), progress_rows)
        await session.execute(
            insert(Indicator),
            [
                {
                    "year": year,
                    "code": f"B-{k}",
                    "group": f"Nhóm {k % 5}",
                    "name": f"Chỉ tiêu thử {k}",
                    "measure": "đơn vị",
                    "plan": Decimal(1000),
                    "actual": Decimal(rng.randint(800, 1200)),
                }
                for year in YEARS
                for k in range(30)
            ],
        )
        session.add(Chat(platform="console", platform_chat_id="bench", unit_id=units[0]))
        await awards.refresh_totals(session, YEARS)


async def time_commands(app: App, runs: int, *, cached: bool) -> dict[str, tuple[float, float]]:
    """Median and p99 in milliseconds for each command, with or without the reply cache."""
    # A zero-size cache stores nothing: every command is computed from the database, as the
    # first ask after a write to the data is. The chats and the unit tree stay cached, as they
    # do then: only writes to units or chats (a new unit, a group linked) make them miss too.
    app.core.cache.replies = ReplyCache() if cached else ReplyCache(size=0)
    results = {}
    for command in COMMANDS:
        samples = []
        for i in range(runs + 5):
            msg = Incoming(platform="console", chat_id="bench", user_id="1", text=command)
            start = time.perf_counter()
            reply = await app.core.handle(msg)
            elapsed = (time.perf_counter() - start) * 1000
            assert reply is not None and "Không có" not in reply.text[:20], reply
            if i >= 5:  # the first runs warm caches and connections
                samples.append(elapsed)
        samples.sort()
        p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
        results[command] = (statistics.median(samples), p99)
    return results


def machine_speed() -> float:
    """Milliseconds a fixed piece of pure Python takes (median of 9): the machine's pace now."""
    # Shared machines change speed by 2-3x within an hour; printed beside the timings, this
    # tells a slow command from a slow moment.
    samples = []
    for _ in range(9):
        start = time.perf_counter()
        sum(i * i for i in range(200_000))
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


async def bench(url: str, label: str, runs: int) -> None:
    """Build the data set at `url` and print the table."""
    # The bulk load is an operator's job: it gets the maintenance deadlines, as `thidua seed` does.
    builder = build_app(load_settings(database_url=url), deadlines=MAINTENANCE_DEADLINES)
    start = time.perf_counter()
    try:
        await populate(builder)
        if builder.engine.dialect.name == "postgresql":
            # What autovacuum does within a minute of a bulk load, done now, so the timings
            # below measure the bot and not autovacuum catching up on 200 000 new rows.
            vacuum = builder.engine.execution_options(isolation_level="AUTOCOMMIT")
            async with vacuum.connect() as conn:
                await conn.execute(text("VACUUM ANALYZE"))
        # What the bot does at every start (bot.app.prepare_database) and each night: the
        # planner's statistics for SQLite (nothing on PostgreSQL, done just above).
        async with builder.sessions() as session, session.begin():
            await refresh_statistics(session)
    finally:
        await builder.close()
    print(f"\n{label}: data set built in {time.perf_counter() - start:.1f} s")
    # Time a freshly started bot on the existing database, as in production; the bot freezes its
    # start-up objects out of the garbage collector the same way (bot.app.settle_memory).
    app = build_app(load_settings(database_url=url))
    settle_memory()
    try:
        print(f"machine pace before: {machine_speed():.1f} ms for the reference loop")
        for cached in (False, True):
            label_ = "repeated (reply cache hit)" if cached else "computed (reply cache off)"
            print(f"{label_}:")
            print(f"  {'command':28} {'median ms':>10} {'p99 ms':>10}")
            for command, (median, p99) in (await time_commands(app, runs, cached=cached)).items():
                flag = "" if p99 < 20 else "  <-- over 20 ms"
                print(f"  {command:28} {median:10.2f} {p99:10.2f}{flag}")
        print(f"machine pace after: {machine_speed():.1f} ms for the reference loop")
    finally:
        await app.close()


async def recreate_pg(url: str) -> str:
    """A fresh database named thidua_bench on the given server."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text("DROP DATABASE IF EXISTS thidua_bench WITH (FORCE)"))
        await conn.execute(text("CREATE DATABASE thidua_bench"))
    await admin.dispose()
    return make_url(url).set(database="thidua_bench").render_as_string(hide_password=False)


async def main() -> None:
    """Run on SQLite, then on PostgreSQL when a URL is given."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", help="postgresql+asyncpg://... server to use (a database is made)")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    print(f"bench/commands.py — {dt.datetime.now():%Y-%m-%d %H:%M}, {args.runs} runs per command")
    print(f"data: {UNITS} units, {len(YEARS)} years, {AWARDS} award records, {TASKS} tasks")
    with tempfile.TemporaryDirectory() as folder:
        await bench(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}", "SQLite", args.runs)
    if args.pg:
        await bench(await recreate_pg(args.pg), "PostgreSQL", args.runs)


if __name__ == "__main__":
    asyncio.run(main())
