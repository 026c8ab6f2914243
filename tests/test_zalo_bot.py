"""The bot on Zalo end to end: commands, administrators, other events and failures, by polling."""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from pydantic import SecretStr

from bot.app import App
from bot.core.messages import ERROR_TEXT, Incoming, Reply
from bot.runtime import transport_deps
from bot.zalo.adapter import ZaloTokenRefused, ZaloTransport
from bot.zalo.client import utf16_len
from bot.zalo.handling import TEXT_ONLY
from tests.chat import ask
from tests.clock import FakeClock
from tests.fakes.zalo_server import (
    DEFAULT_TOKEN,
    FakeZaloServer,
    event_update,
    image_update,
    text_update,
)
from tests.telegram_harness import REFUSED
from tests.zalo_harness import (
    ADMIN,
    AWARDS_2022,
    BOT_NAME,
    GROUP,
    MEMBER,
    PRIVATE,
    ZaloHarness,
    running_zalo,
    zalo_app,
)

SECRET_PART = DEFAULT_TOKEN.split(":", 1)[1]
ADD_AWARD = "/themkhenthuong 2021 LDTT cá nhân 7 HM"


@pytest.fixture
async def fake() -> AsyncIterator[FakeZaloServer]:
    """The fake Zalo Bot API; empty polls end after 50 ms."""
    async with FakeZaloServer(max_poll_wait=0.05, account_name=BOT_NAME) as server:
        yield server


@pytest.fixture
async def zalo(app: App, fake: FakeZaloServer, clock: FakeClock) -> AsyncIterator[ZaloHarness]:
    """The bot receiving by long polling."""
    async with running_zalo(app, fake, clock) as harness:
        yield harness


def assert_no_token(text: str) -> None:
    """Neither the token nor its secret half may appear."""
    assert DEFAULT_TOKEN not in text
    assert SECRET_PART not in text


# ----------------------------------------------------------------------------- commands


async def test_start_by_polling(zalo: ZaloHarness, fake: FakeZaloServer) -> None:
    await fake.wait_for_calls("getUpdates")
    methods = [call.method for call in fake.received]
    assert methods[:3] == ["getMe", "deleteWebhook", "getUpdates"]
    assert zalo.bot.mode == "polling" and zalo.bot.bot_name == BOT_NAME
    assert fake.calls("getUpdates")[0] == {"timeout": "1"}


async def test_command_in_a_private_chat(zalo: ZaloHarness, fake: FakeZaloServer) -> None:
    [text] = await zalo.say(PRIVATE, PRIVATE, "/khenthuong 2022")

    assert text.startswith("Khen thưởng năm 2022\n")
    for line in AWARDS_2022:
        assert line in text
    # Plain text: no parse_mode, so nothing the core writes can be misread as markup.
    assert [m["parse_mode"] for m in fake.sent] == [None]


@pytest.mark.parametrize(
    "text",
    [
        f"@{BOT_NAME} /khenthuong 2022",
        f"@{BOT_NAME}   /khenthuong 2022",
        "@bot thi đua /khenthuong 2022",
        "@Thi Đua Bot (tên cũ) /khenthuong 2022",
    ],
)
async def test_command_in_a_group_after_the_mention(zalo: ZaloHarness, text: str) -> None:
    [answer] = await zalo.say(GROUP, MEMBER, text, group=True)

    for line in AWARDS_2022:
        assert line in answer


async def test_a_mention_without_a_command_gets_the_hint(zalo: ZaloHarness) -> None:
    [answer] = await zalo.say(GROUP, MEMBER, f"@{BOT_NAME} chào bot", group=True)

    assert answer.startswith("Thi Đua Bot chỉ hiểu lệnh bắt đầu bằng dấu /")


async def test_a_long_reply_is_split_at_2000(zalo: ZaloHarness) -> None:
    sent = await zalo.say(PRIVATE, PRIVATE, "/trogiup")

    assert len(sent) >= 2
    assert all(1 <= utf16_len(chunk) <= 2000 for chunk in sent)
    assert sent[0].startswith("Các lệnh của Thi Đua Bot")
    assert "Xem vai trò và mã người dùng của bạn: /toi." in sent[-1]


async def test_a_chat_is_answered_in_order(zalo: ZaloHarness, fake: FakeZaloServer) -> None:
    commands = ["/donvi", "/khenthuong 2022", "/chitieu 2022", "/sukien 2023"]
    updates = [text_update(PRIVATE, PRIVATE, command) for command in commands]
    for update in updates:
        fake.push_update(update)
    for update in updates:
        message = update["message"]
        assert isinstance(message, dict)
        await zalo.wait_handled(str(message["message_id"]))

    alone = [await zalo.say(GROUP, MEMBER, command, group=True) for command in commands]
    assert [m["text"] for m in zalo.sent_to(PRIVATE)] == [t for texts in alone for t in texts]


# ----------------------------------------------------------------------------- administrators


async def test_write_commands_need_an_administrator(zalo: ZaloHarness) -> None:
    refused = await zalo.ask(GROUP, MEMBER, f"@{BOT_NAME} {ADD_AWARD}", group=True)
    stats = await zalo.ask(GROUP, MEMBER, f"@{BOT_NAME} /khenthuong 2022", group=True)
    added = await zalo.ask(GROUP, ADMIN, f"@{BOT_NAME} {ADD_AWARD}", group=True)
    stats_after = await zalo.ask(GROUP, MEMBER, f"@{BOT_NAME} /khenthuong 2022", group=True)

    assert refused.startswith(REFUSED)
    assert "2021" not in stats
    assert "Đã thêm khen thưởng năm 2021" in added
    # Where Telegram shows a button, Zalo says which command to type.
    assert stats_after.endswith("\n\nGõ /khenthuong 2021 để xem năm 2021")


async def test_a_user_granted_by_a_console_administrator_may_write(
    zalo: ZaloHarness, app: App
) -> None:
    assert (await zalo.ask(GROUP, MEMBER, ADD_AWARD, group=True)).startswith(REFUSED)

    granted = await ask(app, f"/quyen them donvi HM zalo:{MEMBER}", platform="console")
    added = await zalo.ask(GROUP, MEMBER, ADD_AWARD, group=True)

    assert granted == (
        f"Đã cấp quyền quản trị đơn vị Quận Hoàng Mai (HM) cho Nguyễn Văn A (zalo:{MEMBER})."
    )
    assert "Đã thêm khen thưởng năm 2021" in added


async def test_a_zalo_unit_admin_grants_only_within_the_unit(zalo: ZaloHarness, app: App) -> None:
    await ask(app, f"/quyen them donvi P-DAIKIM zalo:{MEMBER}", platform="console")

    inside = await zalo.ask(PRIVATE, MEMBER, "/quyen them baocao P-DAIKIM 5610839175403128999")
    outside = await zalo.ask(PRIVATE, MEMBER, "/quyen them baocao P-GIAPBAT 5610839175403128999")
    office = await zalo.ask(PRIVATE, MEMBER, "/quyen them chung 5610839175403128999")

    assert inside.startswith("Đã cấp quyền người báo cáo Phường Đại Kim (P-DAIKIM)")
    assert outside.startswith(
        "Bạn chưa có quyền này: cần quyền quản trị đơn vị của Phường Giáp Bát (P-GIAPBAT)"
    )
    assert office.startswith("Bạn chưa có quyền này: cần quyền quản trị chung.")


# ----------------------------------------------------------------------------- other events


async def test_other_events_are_ignored_politely(zalo: ZaloHarness) -> None:
    quiet = [
        image_update(GROUP, MEMBER, "https://example.test/a.jpg", chat_type="GROUP"),
        event_update("message.sticker.received", GROUP, MEMBER, "GROUP", sticker="abc"),
        event_update("message.voice.received", GROUP, MEMBER, "GROUP"),
        event_update("message.unsupported.received", PRIVATE, PRIVATE),
        event_update("message.location.received", PRIVATE, PRIVATE, location={"lat": 21.0}),
        text_update(PRIVATE, "bot-2", "/khenthuong 2022", is_bot=True),
        text_update(GROUP, MEMBER, f"@{BOT_NAME}", "GROUP"),
    ]
    for update in quiet:
        assert await zalo.send(update) == [], update["event_name"]
    sticker = event_update("message.sticker.received", PRIVATE, PRIVATE, sticker="abc")
    image = image_update(PRIVATE, PRIVATE, "https://example.test/a.jpg", caption="/khenthuong")
    for update in (sticker, image):
        assert [m["text"] for m in await zalo.send(update)] == [TEXT_ONLY]
    # The poller is still alive.
    [text] = await zalo.say(PRIVATE, PRIVATE, "/khenthuong 2022")
    assert AWARDS_2022[0] in text


async def test_a_failing_update_is_logged_and_answered(
    zalo: ZaloHarness, app: App, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = app.core.handle

    async def broken(msg: Incoming) -> Reply | None:
        if "1999" in msg.text:
            raise RuntimeError("database exploded")
        return await real(msg)

    monkeypatch.setattr(app.core, "handle", broken)

    with caplog.at_level(logging.DEBUG):
        failed = await zalo.ask(PRIVATE, PRIVATE, "/khenthuong 1999")
    ok = await zalo.ask(PRIVATE, PRIVATE, "/khenthuong 2022")

    assert failed == ERROR_TEXT
    assert AWARDS_2022[0] in ok
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.getMessage().startswith(
        f"Zalo update failed event=message.text.received chat_id={PRIVATE}"
    )
    assert "database exploded" in caplog.text
    assert_no_token(caplog.text)


# ----------------------------------------------------------------------------- failures


async def test_poll_errors_back_off_exponentially(
    zalo: ZaloHarness, fake: FakeZaloServer, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail_next_raw("getUpdates", 502, times=3)
    with caplog.at_level(logging.DEBUG):
        await fake.wait_for(lambda: len(clock.slept) >= 3, what="three backoffs")
        [text] = await zalo.say(PRIVATE, PRIVATE, "/khenthuong 2022")

    assert clock.slept == [1.0, 2.0, 4.0]
    assert AWARDS_2022[0] in text
    assert "Zalo getUpdates failed (3 in a row), retry in 4.0s" in caplog.text
    status = zalo.app.health.platforms["zalo"]
    assert status.error is not None and status.error.startswith("Zalo")
    assert zalo.app.health.platform_ready("zalo")  # the polls after the failures succeeded
    assert_no_token(caplog.text)


async def test_a_429_on_polling_waits_retry_after(
    zalo: ZaloHarness, fake: FakeZaloServer, clock: FakeClock
) -> None:
    fake.fail_next("getUpdates", 429, "Too Many Requests", retry_after=10)
    await fake.wait_for(lambda: len(clock.slept) >= 1, what="one backoff")

    [text] = await zalo.say(PRIVATE, PRIVATE, "/khenthuong 2022")

    assert clock.slept == [10.0]
    assert AWARDS_2022[0] in text


async def test_a_401_while_polling_stops_the_poller(
    zalo: ZaloHarness, fake: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        fake.fail_next("getUpdates", 401, "Unauthorized")
        assert zalo.bot.poller is not None
        async with asyncio.timeout(2):
            await zalo.bot.poller
    polls = len(fake.calls("getUpdates"))

    fake.push_update(text_update(PRIVATE, PRIVATE, "/khenthuong 2022"))
    await zalo.bot.join()

    assert fake.pending_updates == 1 and len(fake.calls("getUpdates")) == polls
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert errors == ["Zalo refused the bot token (401): polling stopped; check ZALO_BOT_TOKEN"]
    assert zalo.app.health.platforms["zalo"].error == "unauthorized"
    assert not zalo.app.health.platform_ready("zalo")
    assert_no_token(caplog.text)


async def test_a_refused_token_stops_the_start(
    app: App, fake: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    zalo_app_ = zalo_app(app, fake)
    wrong = "1234567890:revoked-token-Secret_xyz"
    settings = zalo_app_.settings.model_copy(update={"zalo_bot_token": SecretStr(wrong)})
    transport = ZaloTransport(transport_deps(replace(zalo_app_, settings=settings), "zalo"))

    with caplog.at_level(logging.DEBUG), pytest.raises(ZaloTokenRefused) as raised:
        await transport.start()

    assert str(raised.value) == "Zalo refused the bot token (401): check ZALO_BOT_TOKEN"
    assert [call.method for call in fake.received] == ["getMe"]
    assert transport.poller is None
    shown = caplog.text + repr(raised.value) + "".join(traceback.format_exception(raised.value))
    assert "revoked-token-Secret_xyz" not in shown


async def test_a_429_on_a_reply_waits_and_sends_once(
    zalo: ZaloHarness, fake: FakeZaloServer, clock: FakeClock
) -> None:
    fake.fail_next("sendMessage", 429, "Too Many Requests", retry_after=3)

    [text] = await zalo.say(PRIVATE, PRIVATE, "/khenthuong 2022")

    assert AWARDS_2022[0] in text
    assert clock.slept == [3.0]
    assert len(fake.calls("sendMessage")) == 2
    metrics = zalo.app.metrics.render()[0].decode().splitlines()
    assert 'thidua_rate_limited_total{platform="zalo"} 1.0' in metrics
