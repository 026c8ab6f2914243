"""Throughput and latency of the whole Telegram bot on the fake Bot API, beside a bare echo bot.

Usage: python bench/telegram.py [--groups N] [--commands M] [--rounds R] [--database-url URL]
N groups each send M read commands one after another (a new one when the previous is answered),
all groups at once. Both bots poll the same fake server on 127.0.0.1 in the same run, with the
same update concurrency and no rate limiter (the limiter caps both at Telegram's 30 messages a
second by design, which would measure the limiter, not the bots). Target: ours ≥ 70% of echo.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, Python puts bench/ first on the path, where this file would shadow the
# `telegram` package: the repository root goes there instead (it also makes `tests` importable).
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

import argparse  # noqa: E402
import asyncio  # noqa: E402
import datetime as dt  # noqa: E402
import itertools  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, replace  # noqa: E402
from typing import Any  # noqa: E402

from pydantic import SecretStr  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.app import App, build_app, prepare_database, settle_memory  # noqa: E402
from bot.core.messages import Incoming, Reply  # noqa: E402
from bot.core.router import CommandCore  # noqa: E402
from bot.runtime import transport_deps  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.telegram.adapter import CONCURRENT_UPDATES, TelegramTransport  # noqa: E402
from tests.fakes.telegram import FakeTelegramServer, JsonDict, StoredMessage  # noqa: E402

COMMANDS = ["/khenthuong 2022", "/sukien", "/tiendo"]


class BenchFake(FakeTelegramServer):
    """The fake server, also timing each message the bot sends, per chat."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.arrived: Counter[int] = Counter()
        self.signals: dict[int, asyncio.Event] = {}

    def _store_sent(self, message: StoredMessage) -> JsonDict:
        # Hooked here rather than through wait_until: that re-checks every waiter on every call,
        # which would cost more than the bots being measured.
        self.arrived[message.chat_id] += 1
        signal = self.signals.get(message.chat_id)
        if signal is not None:
            signal.set()
        return super()._store_sent(message)

    async def wait_arrived(self, chat_id: int, count: int) -> None:
        """Wait until `count` messages reached a chat."""
        signal = self.signals.setdefault(chat_id, asyncio.Event())
        async with asyncio.timeout(30):
            while self.arrived[chat_id] < count:
                signal.clear()
                await signal.wait()


@dataclass
class Result:
    """One bot's figures."""

    name: str
    updates: int
    seconds: float
    latencies: list[float]

    @property
    def per_second(self) -> float:
        """Updates answered per second."""
        return self.updates / self.seconds

    def percentile(self, q: int) -> float:
        """Latency percentile in milliseconds."""
        return statistics.quantiles(self.latencies, n=100)[q - 1] * 1000


async def drive(fake: BenchFake, name: str, chats: list[int], commands: int) -> Result:
    """Every chat sends `commands` commands in turn; all chats at once."""
    latencies: list[float] = []

    async def one_chat(chat_id: int, user_id: int) -> None:
        start = fake.arrived[chat_id]
        for number, text in zip(range(commands), itertools.cycle(COMMANDS), strict=False):
            sent = time.perf_counter()
            fake.push_update(fake.message_update(chat_id, user_id, text, chat_type="supergroup"))
            await fake.wait_arrived(chat_id, start + number + 1)
            latencies.append(time.perf_counter() - sent)

    # As the bot does once started (bot.runner): what exists now, including the fake server's
    # stored messages from earlier runs, stays out of the collector's full scans. Every bot
    # gets the same, so none pays for what an earlier one left behind.
    settle_memory()
    began = time.perf_counter()
    async with asyncio.TaskGroup() as group:
        for index, chat_id in enumerate(chats):
            group.create_task(one_chat(chat_id, 10_000 + index))
    return Result(name, len(chats) * commands, time.perf_counter() - began, latencies)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bare bot: send the text back."""
    message = update.effective_message
    if message is not None and message.text:
        await context.bot.send_message(message.chat.id, message.text)


async def run_echo(fake: BenchFake, chats: list[int], commands: int) -> Result:
    """A bare python-telegram-bot echo handler, polling the same way ours does."""
    application = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(fake.api_url)
        .base_file_url(fake.file_url)
        .job_queue(None)
        .concurrent_updates(CONCURRENT_UPDATES)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    updater = application.updater
    assert updater is not None
    async with application:
        await application.start()
        await updater.start_polling(poll_interval=0, timeout=dt.timedelta(seconds=30))
        try:
            await drive(fake, "echo", chats, 1)
            return await drive(fake, "bare PTB echo", chats, commands)
        finally:
            await updater.stop()
            await application.stop()


class CannedCore(CommandCore):
    """A core that answers at once: what is left is the transport's own cost."""

    async def handle(self, msg: Incoming) -> Reply | None:
        """The same short answer to everything."""
        del msg
        return Reply("• Chiến sĩ thi đua cơ sở: 323 cá nhân", title="Khen thưởng năm 2022")


async def run_ours(
    app: App, fake: BenchFake, chats: list[int], commands: int, *, name: str = "Thi Đua Bot"
) -> Result:
    """The whole bot: transport, handlers, admin cache, core, database."""
    settings = app.settings.model_copy(
        update={"telegram_bot_token": SecretStr(fake.token), "telegram_api_url": fake.base_url}
    )
    transport = TelegramTransport(
        transport_deps(replace(app, settings=settings), "telegram"), rate_limited=False
    )
    await transport.start()
    try:
        await drive(fake, "warm-up", chats, 1)
        return await drive(fake, name, chats, commands)
    finally:
        await transport.stop()


async def main(args: argparse.Namespace) -> None:
    """Prepare the database, run both bots, print the table."""
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        app = build_app(load_settings(database_url=url, telegram_bot_token=None))
        try:
            await prepare_database(app)
            async with BenchFake(long_poll_cap=0.5) as fake:
                canned = replace(app, core=CannedCore(app.sessions, commands=[]))
                rounds: list[list[Result]] = []
                # Rounds alternate the bots, so a slow spell of the machine falls on all of them.
                for number in range(args.rounds):
                    base = -1_002_000_000 - number * 1_000_000
                    chats = [
                        [base - bot * 100_000 - n for n in range(args.groups)] for bot in range(3)
                    ]
                    rounds.append(
                        [
                            await run_echo(fake, chats[0], args.commands),
                            await run_ours(app, fake, chats[1], args.commands),
                            await run_ours(
                                canned, fake, chats[2], args.commands, name="transport only"
                            ),
                        ]
                    )
        finally:
            await app.close()
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(
        f"{args.groups} groups × {args.commands} commands ({', '.join(COMMANDS)}), "
        f"fake Bot API on 127.0.0.1, {backend}, rate limiter off, {args.rounds} rounds"
    )
    print(f"{'round':<7}{'bot':<16}{'updates/s':>11}{'p50 ms':>9}{'p99 ms':>9}")
    for number, results in enumerate(rounds, 1):
        for r in results:
            print(
                f"{number:<7}{r.name:<16}{r.per_second:>11.1f}"
                f"{r.percentile(50):>9.1f}{r.percentile(99):>9.1f}"
            )
    ratios = [(ours.per_second / echo.per_second) for echo, ours, _ in rounds]
    bare = [(canned.per_second / echo.per_second) for echo, _, canned in rounds]
    print(
        f"ours / echo throughput per round: {', '.join(f'{r:.0%}' for r in ratios)}; "
        f"median {statistics.median(ratios):.0%} (target ≥ 70%)"
    )
    print(
        "transport only (core answering at once) / echo per round: "
        f"{', '.join(f'{r:.0%}' for r in bare)}; median {statistics.median(bare):.0%}"
    )


def cli() -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--commands", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", default=None)
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main(parser.parse_args()))


if __name__ == "__main__":
    cli()
