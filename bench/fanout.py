"""Fan-out benchmark: one commemoration due for N groups, Telegram's limits enforced by the fake.

Run `.venv/bin/python bench/fanout.py [--groups 1000] [--kill]`. The fake Bot API runs in this
process with 30 messages/s overall and 20/min per group; the bot (real PTB ExtBot with
AIORateLimiter, the real Dispatcher, SQLite) runs in a subprocess. `--kill` kills that process
with SIGKILL halfway and starts a new one, which must finish with nothing lost.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import resource
import signal
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
# The project root for `tests.fakes`; bench/ itself must go, or bench/telegram.py would shadow
# the telegram package.
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from sqlalchemy import delete, func, insert, select  # noqa: E402
from telegram.ext import AIORateLimiter, ExtBot  # noqa: E402
from telegram.request import HTTPXRequest  # noqa: E402

from bot.app import build_app, prepare_database  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.telegram.sender import TelegramSender  # noqa: E402
from jobs.dispatcher import Dispatcher  # noqa: E402
from storage.models import Chat, Commemoration, Delivery, Subscription  # noqa: E402
from tests.fakes.telegram import FakeTelegramServer  # noqa: E402

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_GROUP = -1009000000000
CONCURRENCY = 32
CLAIM_TTL = dt.timedelta(seconds=10)
RATE = float(os.environ.get("BENCH_RATE", "30"))


def group_ids(count: int) -> list[int]:
    """Supergroup ids of the benchmark chats."""
    return [FIRST_GROUP - n for n in range(count)]


async def prepare(url: str, groups: int) -> None:
    """A seeded database where exactly one reminder is due now for every group."""
    app = build_app(load_settings(database_url=url))
    try:
        await prepare_database(app)
        now = dt.datetime.now(TZ)
        due = now - dt.timedelta(minutes=1)
        async with app.sessions() as session, session.begin():
            await session.execute(delete(Commemoration))
            session.add(
                Commemoration(
                    code="BENCH",
                    title="Ngày chạy thử gửi nhắc việc",
                    calendar="solar",
                    day=now.day,
                    month=now.month,
                    origin_year=2000,
                    category="dia_phuong",
                )
            )
            await session.execute(
                insert(Chat),
                [
                    {
                        "platform": "telegram",
                        "platform_chat_id": str(chat_id),
                        "title": f"Nhóm {n}",
                        "chat_type": "supergroup",
                        "timezone": "Asia/Ho_Chi_Minh",
                        "remind_at": due.strftime("%H:%M"),
                        "lead_days": "0",
                        "jubilee_lead_days": 0,
                        "active": True,
                        "created_at": now,
                    }
                    for n, chat_id in enumerate(group_ids(groups))
                ],
            )
            chat_ids = (await session.scalars(select(Chat.id))).all()
            await session.execute(
                insert(Subscription),
                [
                    {
                        "chat_id": chat_id,
                        "kind": "sukien",
                        "active": True,
                        "created_at": now - dt.timedelta(days=1),
                    }
                    for chat_id in chat_ids
                ],
            )
    finally:
        await app.close()


async def worker(url: str, api_url: str, token: str) -> None:
    """The bot side: dispatch passes until no claim is left, then print peak memory."""
    app = build_app(load_settings(database_url=url))
    bot = ExtBot(
        token,
        base_url=api_url,
        # 30/s as one token every 1/30 s: a bucket of 30 tokens would burst 30 messages at once
        # and then keep pace, putting ~60 into Telegram's first one-second window.
        rate_limiter=AIORateLimiter(
            overall_max_rate=1, overall_time_period=1 / RATE, group_max_rate=20, max_retries=0
        ),
        request=HTTPXRequest(connection_pool_size=CONCURRENCY * 2, pool_timeout=30.0),
    )
    dispatcher = Dispatcher(
        app.sessions,
        {"telegram": TelegramSender(bot)},
        clock=lambda: dt.datetime.now(dt.UTC),
        sleep=asyncio.sleep,
        grace=dt.timedelta(hours=24),
        claim_ttl=CLAIM_TTL,
        instance_id=f"bench:{os.getpid()}",
        concurrency=CONCURRENCY,
    )
    try:
        async with bot:
            while True:
                await dispatcher.run_once()
                async with app.sessions() as session:
                    claimed = await session.scalar(
                        select(func.count())
                        .select_from(Delivery)
                        .where(Delivery.status == "claimed")
                    )
                if not claimed:
                    break
                # Claims left by a killed process expire after CLAIM_TTL; wait for them.
                await asyncio.sleep(1)
    finally:
        await app.close()
    print(json.dumps({"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


async def spawn(url: str, fake: FakeTelegramServer) -> asyncio.subprocess.Process:
    """Start the bot process."""
    env = {**os.environ, "PTB_TIMEDELTA": "true"}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        "--worker",
        "--db",
        url,
        "--api",
        fake.api_url,
        "--token",
        fake.token,
        env=env,
        stdout=asyncio.subprocess.PIPE,
    )


async def run(groups: int, *, kill: bool) -> dict[str, object]:
    """One benchmark run; returns the figures."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        await prepare(url, groups)
        async with FakeTelegramServer() as fake:
            ids = group_ids(groups)
            for chat_id in ids:
                fake.add_chat(chat_id, chat_type="supergroup", title="Nhóm")
            fake.set_rate_limits(global_per_sec=30, per_group_per_min=20)
            started = time.monotonic()
            arrivals: list[float] = []
            watcher = asyncio.create_task(watch(fake, groups, arrivals))
            process = await spawn(url, fake)
            killed_in_flight = 0
            if kill:
                await fake.wait_until(lambda: len(fake.sent_messages()) >= groups // 2, timeout=600)
                process.send_signal(signal.SIGKILL)
                await process.wait()
                killed_in_flight = await in_flight(url)
                process = await spawn(url, fake)
            stdout, _ = await process.communicate()
            finished = time.monotonic()
            watcher.cancel()
            sent = fake.sent_messages()
            counts = {chat_id: 0 for chat_id in ids}
            for message in sent:
                counts[message.chat_id] += 1
            rss_kb = max(
                json.loads(line)["rss_kb"]
                for line in stdout.decode().splitlines()
                if line.startswith("{")
            )
            elapsed = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else float("nan")
            rate = (len(arrivals) - 1) / elapsed
            attempts = len(fake.calls_to("sendMessage"))
            return {
                "groups": groups,
                "kill": kill,
                "delivered": len(sent),
                "seconds_first_to_last": round(elapsed, 1),
                "seconds_with_startup": round(finished - started, 1),
                "msgs_per_s": round(rate, 2),
                "ratio_to_30": round(rate / 30, 3),
                "send_calls": attempts,
                "answers_429": fake.too_many_requests,
                "share_429": round(fake.too_many_requests / max(attempts, 1), 4),
                "lost": sum(1 for c in counts.values() if c == 0),
                "duplicated": sum(c - 1 for c in counts.values() if c > 1),
                "claims_left_by_kill": killed_in_flight,
                "peak_rss_mb": round(max(rss_kb, children_rss_kb()) / 1024, 1),
            }


async def watch(fake: FakeTelegramServer, groups: int, arrivals: list[float]) -> None:
    """Record when each delivered message arrived (first deliveries only count once per group)."""
    seen = 0

    def more() -> bool:
        return len(fake.sent_messages()) > seen

    while True:
        await fake.wait_until(more, timeout=3600)
        seen = len(fake.sent_messages())
        arrivals.extend([time.monotonic()] * (seen - len(arrivals)))
        if seen >= groups:
            return


async def in_flight(url: str) -> int:
    """Claims a killed process left behind (sent or not)."""
    app = build_app(load_settings(database_url=url))
    try:
        async with app.sessions() as session:
            count = await session.scalar(
                select(func.count()).select_from(Delivery).where(Delivery.status == "claimed")
            )
            return int(count or 0)
    finally:
        await app.close()


def children_rss_kb() -> int:
    """Peak RSS of finished child processes (kilobytes on Linux)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> None:
    """Parse options and run."""
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--groups", type=int, default=1000)
    p.add_argument("--kill", action="store_true", help="kill -9 the bot halfway and restart it")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--db", help=argparse.SUPPRESS)
    p.add_argument("--api", help=argparse.SUPPRESS)
    p.add_argument("--token", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        asyncio.run(worker(args.db, args.api, args.token))
        return
    figures = asyncio.run(run(args.groups, kill=args.kill))
    for key, value in figures.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
