"""Award counts typed twice are never summed silently: add or replace, or set a value."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from bot.app import App
from storage.models import AwardRecord
from tests.chat import ask, ask_reply
from tests.clock import FakeClock
from tests.fakes.telegram import FakeTelegramServer
from tests.fakes.zalo_server import FakeZaloServer
from tests.telegram_harness import ADMIN, GROUP, MEMBER, OFFICE, buttons, running_bot
from tests.zalo_harness import ADMIN as ZALO_ADMIN
from tests.zalo_harness import BOT_NAME, PRIVATE, running_zalo

ADD = "/themkhenthuong 2026 GK-UBNDQ tập thể 5 P-DAIKIM"


async def total(app: App, year: int = 2026) -> int:
    async with app.sessions() as session:
        stmt = select(func.sum(AwardRecord.count)).where(AwardRecord.year == year)
        return int(await session.scalar(stmt) or 0)


async def shown(app: App) -> str:
    return await ask(app, "/khenthuong 2026 P-DAIKIM")


async def test_the_same_count_twice_asks_and_writes_nothing(app: App) -> None:
    first = await ask(app, ADD)
    assert first.startswith("Đã thêm khen thưởng năm 2026: Giấy khen của UBND Quận")
    asked = await ask_reply(app, ADD)
    assert asked.text.startswith(
        "Giấy khen của UBND Quận — tập thể, Phường Đại Kim, năm 2026 đã có 5; chưa ghi gì."
    )
    assert "Cộng thêm 5 (thành 10): /themkhenthuong 2026 GK-UBNDQ tt 5 P-DAIKIM cong" in asked.text
    assert "Thay bằng 5: /themkhenthuong 2026 GK-UBNDQ tt 5 P-DAIKIM thay" in asked.text
    assert [b.owner for b in asked.buttons[0]] == ["9001"] * 3
    assert await total(app) == 5
    added = await ask(app, ADD + " cong")
    assert "Tổng nay: 10." in added
    assert await total(app) == 10
    replaced = await ask(app, "/themkhenthuong 2026 GK-UBNDQ tt 4 P-DAIKIM thay")
    assert replaced == (
        "Đã sửa Giấy khen của UBND Quận — tập thể, Phường Đại Kim, năm 2026: 10 → 4."
    )
    assert await total(app) == 4
    assert "4 lượt tập thể" in await shown(app)


async def test_another_unit_or_kind_is_a_different_count(app: App) -> None:
    await ask(app, ADD)
    other = await ask(app, "/themkhenthuong 2026 GK-UBNDQ tập thể 5 P-GIAPBAT")
    assert other.startswith("Đã thêm khen thưởng năm 2026")
    person = await ask(app, "/themkhenthuong 2026 GK-UBNDQ cá nhân 5 P-DAIKIM")
    assert person.startswith("Đã thêm khen thưởng năm 2026")
    assert await total(app) == 15


async def test_edit_sets_a_value_and_keeps_the_ad_hoc_part(app: App) -> None:
    created = await ask(app, "/suakhenthuong 2026 LDTT cá nhân 7 P-DAIKIM")
    assert created.startswith("Chưa có số liệu Lao động tiên tiến")
    assert "đã ghi 7" in created
    edited = await ask(app, "/suakhenthuong 2026 LDTT cá nhân 9 P-DAIKIM")
    assert edited.endswith("năm 2026: 7 → 9.")
    assert await total(app) == 9
    # A seeded line with an ad hoc part: 2022, Giấy khen UBND quận, collectives of the district.
    before = await ask(app, "/khenthuong 2022")
    assert "Giấy khen của UBND Quận: 489 lượt tập thể (9 đột xuất)" in before
    too_few = await ask(app, "/suakhenthuong 2022 GK-UBNDQ tập thể 5 HM")
    assert "có 9 khen thưởng đột xuất đã ghi, nhiều hơn 5" in too_few
    done = await ask(app, "/suakhenthuong 2022 GK-UBNDQ tập thể 500 HM")
    assert done.endswith("năm 2022: 489 → 500.")
    after = await ask(app, "/khenthuong 2022")
    assert "Giấy khen của UBND Quận: 500 lượt tập thể (9 đột xuất)" in after


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramServer]:
    async with FakeTelegramServer(long_poll_cap=0.5) as server:
        server.add_chat(GROUP, title="Phòng Thi đua")
        server.set_admins(GROUP, [ADMIN])
        yield server


async def test_telegram_buttons_add_only_for_who_asked(app: App, fake: FakeTelegramServer) -> None:
    async with running_bot(app, fake) as tg:
        await tg.ask(GROUP, OFFICE, ADD)
        asked = await tg.ask(GROUP, OFFICE, ADD)
        keys = buttons(asked)
        assert set(keys) == {"Cộng thành 10", "Thay bằng 5", "Hủy"}
        assert (
            keys["Cộng thành 10"] == f"u{OFFICE}|/themkhenthuong 2026 GK-UBNDQ tt 5 P-DAIKIM cong"
        )
        _, refusal = await tg.press(GROUP, MEMBER, asked, keys["Cộng thành 10"])
        assert refusal["show_alert"] is True
        assert refusal["text"].startswith("Nút này dành cho người đã yêu cầu thao tác.")
        assert await total(app) == 5
        await tg.press(GROUP, OFFICE, asked, keys["Cộng thành 10"])
        done = fake.get_message(GROUP, asked.message_id)
        assert (done.text or "").startswith("Đã thêm khen thưởng năm 2026")
        assert "Tổng nay: 10." in (done.text or "")
        assert await total(app) == 10
        again = await tg.ask(GROUP, OFFICE, ADD)
        await tg.press(GROUP, OFFICE, again, buttons(again)["Thay bằng 5"])
        assert await total(app) == 5


async def test_zalo_types_the_choice(app: App, clock: FakeClock) -> None:
    async with (
        FakeZaloServer(max_poll_wait=0.05, account_name=BOT_NAME) as server,
        running_zalo(app, server, clock) as zalo,
    ):
        await zalo.ask(PRIVATE, ZALO_ADMIN, ADD)
        asked = await zalo.ask(PRIVATE, ZALO_ADMIN, ADD)
        assert "chưa ghi gì" in asked
        assert "Thay bằng 5: /themkhenthuong 2026 GK-UBNDQ tt 5 P-DAIKIM thay" in asked
        assert await total(app) == 5
        done = await zalo.ask(
            PRIVATE, ZALO_ADMIN, "/themkhenthuong 2026 GK-UBNDQ tt 5 P-DAIKIM thay"
        )
        assert done.endswith("5 → 5.")
        assert await total(app) == 5
