"""A request through the real Telegram transport: the buttons, and a file copied to the office."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.app import App
from bot.telegram.sender import TelegramSender
from tests.clock import FakeClock, vn_time
from tests.dispatching import clocked_dispatcher
from tests.fakes.telegram import FakeTelegramServer
from tests.telegram_harness import ADMIN, GROUP, MEMBER, OFFICE, BotHarness, buttons, running_bot

OFFICE_GROUP = -4009999999


@pytest.fixture
async def tg(app: App) -> AsyncIterator[BotHarness]:
    """The bot polling a fake server: the office's group, and a ward's group ADMIN administers."""
    async with FakeTelegramServer() as fake:
        fake.add_chat(OFFICE_GROUP, chat_type="group", title="Phòng Nội vụ")
        fake.add_chat(GROUP, chat_type="group", title="Phường Đại Kim")
        fake.set_admins(GROUP, [ADMIN])
        async with running_bot(app, fake) as harness:
            yield harness


async def test_buttons_and_a_file_through_telegram(tg: BotHarness, clock: FakeClock) -> None:
    linked = await tg.ask(GROUP, OFFICE, "/caidat donvi P-DAIKIM")
    assert "Đã gắn" in (linked.text or "")
    clock.set(vn_time(2026, 11, 27, 9))
    made = await tg.ask(OFFICE_GROUP, OFFICE, "/yeucau 05/12/2026 Nộp hồ sơ P-DAIKIM P-GIAPBAT")
    assert "Đã tạo yêu cầu YC1: Nộp hồ sơ" in (made.text or "")
    assert "Chưa có nhóm nào gắn với 1 đơn vị" in (made.text or "")

    async with Bot(tg.fake.token, base_url=tg.fake.api_url) as bot:
        sender = TelegramSender(bot)
        clock.set(vn_time(2026, 11, 27, 9, 2))
        report = await clocked_dispatcher(tg.app.sessions, sender, clock, instance="tg").run_once()
    assert report.sent == 1
    [request] = tg.fake.sent_messages(GROUP)[-1:]
    assert (request.text or "").startswith("Yêu cầu YC1: Nộp hồ sơ")
    assert buttons(request) == {"Đã nộp": "/danop YC1", "Cần gia hạn": "/giahan YC1"}

    # A member who is neither reporter nor administrator of the ward may not answer for it.
    _, refused = await tg.press(GROUP, MEMBER, request, "/danop YC1")
    assert refused.get("show_alert") is True
    assert str(refused.get("text", "")).startswith("Bạn chưa có quyền này")

    # The ward's group administrator sends the file: recorded, and copied to the office's group.
    before = len(tg.fake.sent_messages(OFFICE_GROUP))
    update = tg.fake.document_update(GROUP, ADMIN, "ho-so.pdf", b"%PDF-1.4", caption="/nop YC1")
    [answer] = await tg.send(update, GROUP)
    assert "Đã ghi nhận: Phường Đại Kim đã nộp yêu cầu YC1, kèm tệp 'ho-so.pdf'." in (
        answer.text or ""
    )
    [copy] = tg.fake.sent_messages(OFFICE_GROUP)[before:]
    assert copy.method == "copyMessage"
    assert copy.file is not None and copy.file.filename == "ho-so.pdf"
    assert copy.caption == "Phường Đại Kim nộp yêu cầu YC1: Nộp hồ sơ"

    # Pressing « Đã nộp » afterwards only says when it was submitted; the message stays.
    _, pressed = await tg.press(GROUP, ADMIN, request, "/danop YC1")
    assert str(pressed.get("text", "")).startswith("Phường Đại Kim đã nộp yêu cầu YC1 lúc 09:02")
    tracked = await tg.ask(OFFICE_GROUP, MEMBER, "/theodoi YC1")
    assert "Đã nộp 1/2 đơn vị" in (tracked.text or "")
    assert "kèm tệp 'ho-so.pdf'" in (tracked.text or "")
