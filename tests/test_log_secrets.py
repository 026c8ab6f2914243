"""Secrets stay out of the log at every level, through the real webhook setups."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterator

import pytest

from bot.app import App
from bot.logs import RedactingFilter, setup_logging
from bot.settings import load_settings
from tests.clock import FakeClock
from tests.fakes.telegram import FakeTelegramServer
from tests.fakes.zalo_server import FakeZaloServer, text_update
from tests.telegram_harness import GROUP, MEMBER, bot_settings_app, running_bot
from tests.zalo_harness import PRIVATE, running_zalo, zalo_app


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """setup_logging replaces the root handlers; put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def debug_log(app: App, fmt: str) -> io.StringIO:
    """Logging as `thidua run` sets it up at LOG_LEVEL=DEBUG, captured in memory."""
    captured = io.StringIO()
    setup_logging("DEBUG", fmt, stream=captured, secrets=app.settings.secret_values())
    return captured


def assert_hidden(log: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in log
        assert secret.split(":")[-1] not in log


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.usefixtures("restore_logging")
async def test_telegram_webhook_setup_at_debug_logs_no_secret(app: App, fmt: str) -> None:
    async with FakeTelegramServer() as fake:
        fake.add_chat(GROUP, title="Phòng Thi đua")
        settings = bot_settings_app(app, fake, webhook=True).settings
        token = settings.telegram_bot_token
        secret = settings.webhook_secret
        assert token is not None and secret is not None
        captured = debug_log(bot_settings_app(app, fake, webhook=True), fmt)
        async with running_bot(app, fake, webhook=True) as tg:
            assert (await tg.ask(GROUP, MEMBER, "/donvi")).text
    log = captured.getvalue()
    # python-telegram-bot logs the setWebhook parameters, secret_token included, at DEBUG.
    assert "setWebhook" in log and "secret_token" in log
    assert_hidden(log, token.get_secret_value(), secret.get_secret_value())


@pytest.mark.usefixtures("restore_logging")
async def test_zalo_webhook_setup_at_debug_logs_no_secret(app: App, clock: FakeClock) -> None:
    async with FakeZaloServer(max_poll_wait=0.05) as fake:
        settings = zalo_app(app, fake, webhook=True).settings
        token, secret = settings.zalo_bot_token, settings.zalo_webhook_secret
        assert token is not None and secret is not None
        captured = debug_log(zalo_app(app, fake, webhook=True), "text")
        async with running_zalo(app, fake, clock, webhook=True) as zalo:
            await zalo.deliver(text_update(PRIVATE, PRIVATE, "/donvi"))
            await zalo.bot.join()
    log = captured.getvalue()
    assert "DEBUG" in log
    assert_hidden(log, token.get_secret_value(), secret.get_secret_value())


def test_a_secret_is_hidden_inside_urls_arguments_and_tracebacks() -> None:
    redacting = RedactingFilter(["s3cr3t/with+odd chars", "abc"])
    record = logging.LogRecord(
        "x", logging.DEBUG, __file__, 1, "posting %s", ("url?s=s3cr3t%2Fwith%2Bodd%20chars",), None
    )
    try:
        raise ValueError("bad secret s3cr3t/with+odd chars")
    except ValueError:
        record.exc_info = sys.exc_info()
    assert redacting.filter(record)
    assert record.getMessage() == "posting url?s=***"
    assert record.exc_text is not None and "s3cr3t" not in record.exc_text
    # Too short to hide without garbling every line that happens to contain it.
    assert RedactingFilter(["abc"]).clean("abc") == "abc"


def test_settings_name_their_secrets_and_url_passwords() -> None:
    settings = load_settings(
        database_url="postgresql+asyncpg://bot:p%40ss-word@db/thidua",
        redis_url="redis://:r3dis-pass@redis:6379/0",
        webhook_secret="hook-secret_1",
    )
    assert set(settings.secret_values()) >= {"p@ss-word", "r3dis-pass", "hook-secret_1"}
