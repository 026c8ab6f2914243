"""Fan-out benchmark: one commemoration due for N groups, Telegram's limits enforced by the fake.

Run `.venv/bin/python bench/fanout.py [--groups 1000] [--replicas 2] [--kill]
[--database-url postgresql+asyncpg://...] [--redis redis://127.0.0.1:6379/0]`. The fake Bot API
runs in this process with 30 messages/s overall and 20/min per group; each bot replica (the
production wiring: PTB with the counting rate limiter, shared through Redis when `--redis` is
given, and the real Dispatcher with its claim leases) runs in a subprocess. `--kill` kills one
replica with SIGKILL at a random point of the fan-out (`--seed` picks it); with one replica a new
process is started, with two the survivor takes the dead one's claims over once they lapse. The
database is a temporary SQLite file, or a fresh database on the given PostgreSQL server.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The project root for `tests.fakes`; bench/ itself must go, or bench/telegram.py would shadow
# the telegram package.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from sqlalchemy import func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bot.app import App, build_app, prepare_database  # noqa: E402
from bot.runtime import build_dispatcher, open_senders  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from storage.db import MAINTENANCE_DEADLINES, create_engine  # noqa: E402
from storage.models import Delivery  # noqa: E402
from tests.fakes.telegram import FakeTelegramServer  # noqa: E402
from tests.fanout_data import due_for_groups, group_ids  # noqa: E402

BENCH_DB = "thidua_fanout_bench"


def replica_app(url: str, api: str, token: str, redis: str | None) -> App:
    """A replica as `thidua run` builds it, pointed at the fake Bot API."""
    settings = load_settings(
        database_url=url, telegram_bot_token=token, telegram_api_url=api, redis_url=redis
    )
    return build_app(settings)


async def claimed(app: App) -> int:
    """Claims not yet marked (in flight, or left by a killed process)."""
    async with app.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(Delivery).where(Delivery.status == "claimed")
        )
    return int(count or 0)


async def worker(url: str, api: str, token: str, redis: str | None, name: str) -> None:
    """The bot side: dispatch passes until no claim is left, then print peak memory."""
    app = replica_app(url, api, token, redis)
    try:
        async with open_senders(app) as senders:
            dispatcher = build_dispatcher(app, senders, instance=name)
            report = await dispatcher.run_once()
            # Claims of a killed replica lapse one lease after their last renewal; `thidua run`
            # looks for lapsed claims every half lease, this loop every second. Reminders held
            # back (the database past a deadline) go in a later pass, as the sweep would.
            while report.held or await claimed(app):
                await asyncio.sleep(1)
                report = await dispatcher.run_once()
    finally:
        await app.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"rss_kb": usage.ru_maxrss, "cpu_s": usage.ru_utime + usage.ru_stime}))


async def spawn(
    url: str, fake: FakeTelegramServer, redis: str | None, name: str
) -> asyncio.subprocess.Process:
    """Start one bot replica."""
    env = {**os.environ, "PTB_TIMEDELTA": "true"}
    args = ["--worker", "--db", url, "--api", fake.base_url, "--token", fake.token, "--name", name]
    if redis:
        args += ["--redis", redis]
    return await asyncio.create_subprocess_exec(
        sys.executable, __file__, *args, env=env, stdout=asyncio.subprocess.PIPE
    )


async def fresh_database(server: str | None, folder: Path) -> str:
    """A temporary SQLite file, or a new empty database on the PostgreSQL server."""
    if server is None:
        return f"sqlite+aiosqlite:///{folder / 'bench.db'}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)"))
            await conn.execute(text(f"CREATE DATABASE {BENCH_DB}"))
    finally:
        await admin.dispose()
    return make_url(server).set(database=BENCH_DB).render_as_string(hide_password=False)


async def prepare(url: str, groups: int) -> None:
    """Migrated, seeded, and one reminder due now for every group."""
    app = build_app(load_settings(database_url=url), deadlines=MAINTENANCE_DEADLINES)
    try:
        await prepare_database(app)
        await due_for_groups(app.sessions, groups)
    finally:
        await app.close()


async def in_flight(url: str) -> int:
    """Claims a killed process left behind (sent or not)."""
    app = build_app(load_settings(database_url=url))
    try:
        return await claimed(app)
    finally:
        await app.close()


async def run(args: argparse.Namespace) -> dict[str, object]:
    """One benchmark run; returns the figures."""
    groups, replicas = args.groups, args.replicas
    with tempfile.TemporaryDirectory() as folder:
        url = await fresh_database(args.database_url, Path(folder))
        await prepare(url, groups)
        async with FakeTelegramServer() as fake:
            ids = group_ids(groups)
            for chat_id in ids:
                fake.add_chat(chat_id, chat_type="supergroup", title="Nhóm")
            fake.set_rate_limits(global_per_sec=30, per_group_per_min=20)
            started = time.monotonic()
            arrivals: list[float] = []
            per_second: Counter[int] = Counter()
            watcher = asyncio.create_task(watch(fake, groups, arrivals, per_second))
            processes = [await spawn(url, fake, args.redis, f"bench-{n}") for n in range(replicas)]
            kill_at = claims_left = 0
            killed_at = None
            if args.kill:
                kill_at = random.Random(args.seed).randint(groups // 10, groups * 9 // 10)
                await fake.wait_until(lambda: len(fake.sent_messages()) >= kill_at, timeout=3600)
                processes[0].send_signal(signal.SIGKILL)
                await processes[0].wait()
                killed_at = time.monotonic()
                claims_left = await in_flight(url)
                if replicas == 1:
                    processes[0] = await spawn(url, fake, args.redis, "bench-restarted")
                else:
                    processes.pop(0)
            outputs = [(await process.communicate())[0] for process in processes]
            finished = time.monotonic()
            watcher.cancel()
            sent = fake.sent_messages()
            counts = Counter(message.chat_id for message in sent)
            reports = [
                json.loads(line)
                for out in outputs
                for line in out.decode().splitlines()
                if line.startswith("{")
            ]
            rss_kb = max(report["rss_kb"] for report in reports)
            elapsed = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else float("nan")
            rate = (len(arrivals) - 1) / elapsed
            attempts = len(fake.calls_to("sendMessage"))
            figures: dict[str, object] = {
                "groups": groups,
                "replicas": replicas,
                "redis": bool(args.redis),
                "database": "postgresql" if args.database_url else "sqlite",
                "kill": args.kill,
                "delivered": len(sent),
                "seconds_first_to_last": round(elapsed, 1),
                "seconds_with_startup": round(finished - started, 1),
                "msgs_per_s": round(rate, 2),
                "ratio_to_30": round(rate / 30, 3),
                "max_accepted_in_one_second": max(per_second.values()),
                "send_calls": attempts,
                "answers_429": fake.too_many_requests,
                "share_429": round(fake.too_many_requests / max(attempts, 1), 4),
                "lost": sum(1 for chat_id in ids if counts[chat_id] == 0),
                "duplicated": sum(c - 1 for c in counts.values() if c > 1),
                "peak_rss_mb": round(max(rss_kb, children_rss_kb()) / 1024, 1),
                "bot_cpu_s_surviving": round(sum(report["cpu_s"] for report in reports), 1),
                "load_average_1min": round(os.getloadavg()[0], 2),
            }
            if args.kill:
                figures["killed_after_messages"] = kill_at
                figures["claims_left_by_kill"] = claims_left
                assert killed_at is not None
                figures["seconds_kill_to_last"] = round(arrivals[-1] - killed_at, 1)
            return figures


async def watch(
    fake: FakeTelegramServer, groups: int, arrivals: list[float], per_second: Counter[int]
) -> None:
    """Record when each delivered message arrived, and how many arrived in each second."""
    seen = 0

    def more() -> bool:
        return len(fake.sent_messages()) > seen

    while True:
        await fake.wait_until(more, timeout=3600)
        now = time.monotonic()
        count = len(fake.sent_messages())
        per_second[int(now)] += count - seen
        seen = count
        arrivals.extend([now] * (seen - len(arrivals)))
        if seen >= groups:
            return


def children_rss_kb() -> int:
    """Peak RSS of finished child processes (kilobytes on Linux)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> None:
    """Parse options and run."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--groups", type=int, default=1000)
    p.add_argument("--replicas", type=int, default=1, choices=(1, 2, 3, 4))
    p.add_argument("--kill", action="store_true", help="kill -9 one replica at a random point")
    p.add_argument("--seed", type=int, default=None, help="where --kill strikes (random if unset)")
    p.add_argument("--database-url", help="postgresql+asyncpg://... server (a database is made)")
    p.add_argument("--redis", help="redis://... shared by the replicas for the send limits")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--db", help=argparse.SUPPRESS)
    p.add_argument("--api", help=argparse.SUPPRESS)
    p.add_argument("--token", help=argparse.SUPPRESS)
    p.add_argument("--name", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        asyncio.run(worker(args.db, args.api, args.token, args.redis, args.name))
        return
    if args.seed is None:
        args.seed = random.randrange(1_000_000)
    print(f"bench/fanout.py — {dt.datetime.now():%Y-%m-%d %H:%M}, seed {args.seed}")
    figures = asyncio.run(run(args))
    for key, value in figures.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
