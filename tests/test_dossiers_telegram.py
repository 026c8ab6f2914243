"""A dossier on the fake Telegram server: a ward proposes with a file, the office moves it, and
the ward's group is told of every step through the delivery ledger."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.app import App
from bot.telegram.sender import TelegramSender
from tests.clock import FakeClock
from tests.dispatching import clocked_dispatcher
from tests.fakes.telegram import FakeTelegramServer
from tests.telegram_harness import OFFICE, REFUSED, BotHarness, running_bot

WARD, OFFICE_GROUP = -4001110001, -4009990009
WARD_ADMIN = 5101
PROPOSAL = (
    "/dexuat 2026 BK-TP\n"
    "Lý do: Hoàn thành xuất sắc nhiệm vụ năm 2026\n"
    "Nguyễn Văn An, Chủ tịch UBND phường\n"
    "Tập thể P-DAIKIM"
)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramServer]:
    """The ward's group with its administrator, and the office's group."""
    async with FakeTelegramServer(long_poll_cap=0.5) as server:
        server.add_chat(WARD, title="Phường Đại Kim")
        server.set_admins(WARD, [WARD_ADMIN])
        server.add_chat(OFFICE_GROUP, title="Phòng Nội vụ")
        yield server


@pytest.fixture
async def tg(app: App, fake: FakeTelegramServer) -> AsyncIterator[BotHarness]:
    """The bot by long polling, with both groups linked to their units."""
    async with running_bot(app, fake) as harness:
        for chat, code in ((WARD, "P-DAIKIM"), (OFFICE_GROUP, "HM")):
            linked = await harness.ask(chat, OFFICE, f"/caidat donvi {code}")
            assert (linked.text or "").startswith("Đã gắn"), linked.text
        yield harness


async def told(app: App, fake: FakeTelegramServer, clock: FakeClock, chat: int) -> list[str]:
    """Run one dispatch pass through the real TelegramSender; the titles `chat` received."""
    before = len(fake.sent_messages(chat))
    async with Bot(fake.token, base_url=fake.api_url, base_file_url=fake.file_url) as bot:
        dispatcher = clocked_dispatcher(app.sessions, TelegramSender(bot), clock, instance="tg")
        await dispatcher.run_once()
    return [(m.text or "").split("\n", 1)[0] for m in fake.sent_messages(chat)[before:]]


async def test_from_proposal_to_decision_the_ward_is_told_each_step(
    tg: BotHarness, app: App, fake: FakeTelegramServer, clock: FakeClock
) -> None:
    update = fake.document_update(
        WARD, WARD_ADMIN, "to-trinh.pdf", b"%PDF-1.4 to trinh", caption=PROPOSAL
    )
    [sent] = await tg.send(update, WARD)
    assert "Đã gửi hồ sơ HS2026-001: Bằng khen của Thành phố năm 2026" in (sent.text or "")
    assert "Tệp đính kèm: to-trinh.pdf." in (sent.text or "")
    assert await told(app, fake, clock, OFFICE_GROUP) == ["Hồ sơ HS2026-001: đã gửi"]
    refused = await tg.ask(WARD, WARD_ADMIN, "/xulyhoso HS2026-001 nhan")
    assert (refused.text or "").startswith(REFUSED), "only the office moves a dossier"
    steps = [
        ("nhan", "đã nhận"),
        ("thamdinh", "đang thẩm định"),
        ("trinh", "trình Hội đồng"),
        ("quyetdinh 88/QĐ-UBND, 27/11/2026, Chủ tịch UBND Thành phố", "có quyết định"),
    ]
    for words, label in steps:
        clock.advance(600)
        answer = await tg.ask(OFFICE_GROUP, OFFICE, f"/xulyhoso HS2026-001 {words}")
        assert f"sang bước: {label}." in (answer.text or ""), answer.text
        assert await told(app, fake, clock, WARD) == [f"Hồ sơ HS2026-001: {label}"]
    last = fake.sent_messages(WARD)[-1].text or ""
    assert "đã có quyết định: số 88/QĐ-UBND ngày 27/11/2026 (Chủ tịch UBND Thành phố)" in last
    stats = await tg.ask(WARD, WARD_ADMIN, "/khenthuong 2026")
    assert "Bằng khen của Thành phố: 1 tập thể, 1 cá nhân" in (stats.text or ""), stats.text


async def test_a_returned_dossier_tells_the_ward_why(
    tg: BotHarness, app: App, fake: FakeTelegramServer, clock: FakeClock
) -> None:
    await tg.ask(WARD, WARD_ADMIN, PROPOSAL)
    await told(app, fake, clock, OFFICE_GROUP)
    answer = await tg.ask(OFFICE_GROUP, OFFICE, "/xulyhoso HS2026-001 tralai Thiếu tờ trình")
    assert "sang bước: trả lại." in (answer.text or "")
    assert await told(app, fake, clock, WARD) == ["Hồ sơ HS2026-001: trả lại"]
    assert "Lý do: Thiếu tờ trình." in (fake.sent_messages(WARD)[-1].text or "")
    listed = await tg.ask(WARD, WARD_ADMIN, "/hoso")
    assert "HS2026-001 — Phường Đại Kim — Bằng khen của Thành phố (2) — trả lại" in (
        listed.text or ""
    )
