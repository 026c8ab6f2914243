"""/nhac on Telegram against the fake Bot API: a forum topic, a real mention, the three buttons."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from bot.app import App
from bot.telegram.sender import TelegramSender
from tests.clock import FakeClock
from tests.dispatching import clocked_dispatcher
from tests.fakes.telegram import FakeTelegramServer
from tests.telegram_harness import OFFICE, BotHarness, buttons, running_bot

FORUM = -1009990001
TOPIC = 42
MEMBER = 5002
STRANGER = 6660


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramServer]:
    """A forum supergroup with one topic."""
    async with FakeTelegramServer(long_poll_cap=0.5) as server:
        server.add_chat(FORUM, title="Phòng Nội vụ", topics=[TOPIC])
        yield server


@pytest.fixture
async def tg(app: App, fake: FakeTelegramServer) -> AsyncIterator[BotHarness]:
    """The bot running by long polling."""
    async with running_bot(app, fake) as harness:
        yield harness


async def test_a_reminder_set_in_a_topic_mentions_and_has_buttons(
    tg: BotHarness, fake: FakeTelegramServer, app: App, clock: FakeClock
) -> None:
    await tg.say(FORUM, MEMBER, "Em sẽ gửi báo cáo tuần.", message_id=700, message_thread_id=TOPIC)
    answer = await tg.ask(
        FORUM,
        OFFICE,
        "/nhac sau 2 tiếng Gửi báo cáo tuần",
        reply_to_message_id=700,
        message_thread_id=TOPIC,
    )
    assert answer.message_thread_id == TOPIC
    assert (answer.text or "").startswith("Sẽ nhắc lúc 10:00 thứ Sáu, 27/11/2026: Gửi báo cáo")
    dispatcher = clocked_dispatcher(
        app.sessions, TelegramSender(tg.transport.application.bot), clock, instance="tg"
    )
    clock.set(clock() + dt.timedelta(hours=2))
    before = len(fake.sent_messages(FORUM))
    assert (await dispatcher.run_once()).sent == 1
    [sent] = fake.sent_messages(FORUM)[before:]
    assert sent.message_thread_id == TOPIC
    assert sent.text is not None and sent.text.endswith("Người được nhắc: User 5002")
    mention = [e for e in sent.entities if e.get("url") == f"tg://user?id={MEMBER}"]
    assert len(mention) == 1
    pressed = buttons(sent)
    assert list(pressed) == ["Nhắc lại sau 1 giờ", "Sáng mai", "Xong"]

    # Someone neither mentioned nor entitled is refused by the core, and nothing changes.
    _, refusal = await tg.press(FORUM, STRANGER, sent, pressed["Xong"])
    assert refusal["show_alert"] is True
    assert refusal["text"].startswith("Bạn chưa có quyền này")
    # The mentioned person snoozes it: a toast, the message stays.
    _, toast = await tg.press(FORUM, MEMBER, sent, pressed["Nhắc lại sau 1 giờ"])
    assert toast["text"] == "Sẽ nhắc lại lúc 11:00 thứ Sáu, 27/11/2026 (nhắc số 2)."
    assert fake.get_message(FORUM, sent.message_id).edits == 0
    clock.set(clock() + dt.timedelta(hours=1))
    assert (await dispatcher.run_once()).sent == 1
    [repeated] = fake.sent_messages(FORUM)[before + 1 :]
    assert repeated.message_thread_id == TOPIC
    # « Xong » closes the message in place, without buttons.
    await tg.press(FORUM, MEMBER, repeated, buttons(repeated)["Xong"])
    closed = fake.get_message(FORUM, repeated.message_id)
    assert closed.edits == 1 and "Đã xong:" in (closed.text or "")
    assert not buttons(closed)
