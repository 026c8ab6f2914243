"""`thidua run`: components start and stop in order; without a platform token it says so."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pydantic import SecretStr
from telegram.error import NetworkError

from bot.app import App
from bot.runner import run
from bot.runtime import transport_deps
from bot.telegram.adapter import build_application
from bot.texts.cli import NO_PLATFORM
from tests.clock import FakeClock
from tests.fakes.telegram import FakeTelegramServer
from tests.telegram_harness import PRIVATE, WEBHOOK_BASE, WEBHOOK_SECRET, bot_settings_app

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_run_serves_by_polling_until_stopped(app: App) -> None:
    async with FakeTelegramServer(long_poll_cap=0.5) as fake:
        stop = asyncio.Event()
        running = asyncio.create_task(run(bot_settings_app(app, fake), stop_event=stop))
        await fake.wait_for_calls("getUpdates")
        fake.push_update(fake.message_update(PRIVATE, PRIVATE, "/start"))
        [hello] = await fake.wait_for_sent(PRIVATE)

        stop.set()

        assert await asyncio.wait_for(running, 5) == 0
    assert (hello.text or "").startswith("Xin chào! Đây là Thi Đua Bot.")


async def test_run_serves_by_webhook_until_stopped(app: App) -> None:
    async with FakeTelegramServer() as fake:
        port = free_port()
        configured = bot_settings_app(app, fake, webhook=True)
        configured = replace(
            configured, settings=configured.settings.model_copy(update={"http_port": port})
        )
        stop = asyncio.Event()
        running = asyncio.create_task(run(configured, stop_event=stop))
        await fake.wait_for_calls("setWebhook")
        status = await fake.deliver_webhook(
            f"http://127.0.0.1:{port}/telegram/webhook",
            fake.message_update(PRIVATE, PRIVATE, "/donvi"),
            secret_token=WEBHOOK_SECRET,
        )
        [units] = await fake.wait_for_sent(PRIVATE)

        stop.set()

        assert await asyncio.wait_for(running, 5) == 0
    assert status == 200
    assert fake.webhook.url == f"{WEBHOOK_BASE}/telegram/webhook"
    assert (units.text or "").startswith("Mã đơn vị")


async def test_run_with_a_revoked_token_fails_cleanly(app: App) -> None:
    async with FakeTelegramServer() as fake:
        configured = bot_settings_app(app, fake)
        wrong = configured.settings.model_copy(
            update={"telegram_bot_token": SecretStr("123456789:REVOKED-token-of-the-test-bot")}
        )

        assert await run(replace(configured, settings=wrong)) == 1


async def test_run_without_a_token_says_which_setting(
    app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run(app) == 2

    captured = capsys.readouterr()
    assert captured.err == NO_PLATFORM + "\n"


def test_thidua_run_without_a_token_exits_2(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN")
    }
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'thidua.db'}"
    env["PYTHONPATH"] = str(ROOT)

    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert done.returncode == 2
    assert done.stderr.splitlines() == [NO_PLATFORM]
    assert "TELEGRAM_BOT_TOKEN" in NO_PLATFORM and "thidua chat" in NO_PLATFORM
    assert not (tmp_path / "thidua.db").exists(), "nothing is created before the check"


async def test_run_sends_due_reminders_through_the_scheduler(app: App, clock: FakeClock) -> None:
    from tests.reminding import ONLY_GPMN, subscribed_before_gpmn
    from tests.telegram_harness import GROUP

    await subscribed_before_gpmn(app, clock, str(GROUP))
    clock.set(ONLY_GPMN)
    async with FakeTelegramServer(long_poll_cap=0.5) as fake:
        fake.add_chat(GROUP, chat_type="group", title="Nhóm thử")
        stop = asyncio.Event()
        running = asyncio.create_task(run(bot_settings_app(app, fake), stop_event=stop))
        # The catch-up pass at start sends what is due now.
        [reminder] = await fake.wait_for_sent(GROUP)
        stop.set()
        assert await asyncio.wait_for(running, 10) == 0
    assert "Ngày Giải phóng miền Nam" in (reminder.text or "")
    assert "Còn 30 ngày." in (reminder.text or "")
    assert reminder.reply_markup is not None


async def test_a_failing_poll_makes_telegram_not_ready_until_one_succeeds(app: App) -> None:
    # PTB retries failed polls quietly; an idle bot makes no other call, so polls must report.
    async with FakeTelegramServer(long_poll_cap=0.1) as fake:
        application = build_application(transport_deps(bot_settings_app(app, fake), "telegram"))
        async with application:
            fake.fail_next("getUpdates", 502)
            with pytest.raises(NetworkError):
                await application.bot.get_updates(timeout=0)
            failed = app.health.platforms["telegram"]
            assert (failed.error, failed.last_ok) == ("HTTP 502", None)
            assert not app.health.platform_ready("telegram")

            assert await application.bot.get_updates(timeout=0) == ()

            assert app.health.platform_ready("telegram")
