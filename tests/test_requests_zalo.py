"""A request on Zalo: the typed answers, and no nudge after a unit has submitted."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import App
from tests.clock import FakeClock, vn_time
from tests.dispatching import clocked_dispatcher
from tests.fakes.zalo_server import FakeZaloServer, image_update
from tests.zalo_harness import ADMIN, BOT_NAME, GROUP, MEMBER, ZaloHarness, running_zalo


@pytest.fixture
async def zalo(app: App, clock: FakeClock) -> AsyncIterator[ZaloHarness]:
    """The bot receiving from the fake Zalo server by long polling."""
    async with (
        FakeZaloServer(max_poll_wait=0.05, account_name=BOT_NAME) as fake,
        running_zalo(app, fake, clock) as harness,
    ):
        yield harness


async def test_typed_answers_on_zalo(zalo: ZaloHarness, clock: FakeClock) -> None:
    mention = f"@{BOT_NAME} "
    linked = await zalo.ask(GROUP, ADMIN, f"{mention}/caidat donvi P-DAIKIM", group=True)
    assert "Đã gắn" in linked
    granted = await zalo.ask(ADMIN, ADMIN, f"/quyen them baocao P-DAIKIM zalo:{MEMBER}")
    assert granted.startswith("Đã cấp quyền")
    clock.set(vn_time(2026, 11, 27, 9))
    made = await zalo.ask(ADMIN, ADMIN, "/yeucau 05/12/2026 Nộp hồ sơ khen thưởng P-DAIKIM")
    assert made.startswith("Đã tạo yêu cầu YC1: Nộp hồ sơ khen thưởng")

    dispatcher = clocked_dispatcher(zalo.app.sessions, zalo.bot.sender, clock, instance="zalo")
    clock.set(vn_time(2026, 11, 27, 9, 2))
    assert (await dispatcher.run_once()).sent == 1
    [request] = [str(m["text"]) for m in zalo.sent_to(GROUP)][-1:]
    assert request.startswith("Yêu cầu YC1: Nộp hồ sơ khen thưởng")
    assert "gõ /danop YC1" in request and "gõ /giahan YC1 <lý do>" in request

    extended = await zalo.ask(GROUP, MEMBER, f"{mention}/giahan YC1 chờ ký duyệt", group=True)
    assert extended.startswith("Đã ghi nhận: Phường Đại Kim xin gia hạn yêu cầu YC1.")
    clock.set(vn_time(2026, 11, 28))
    nudged = await dispatcher.run_once()
    assert nudged.sent == 1, "asking for more time is not submitting: the unit is still nudged"
    done = await zalo.ask(GROUP, MEMBER, f"{mention}/danop YC1", group=True)
    assert done.startswith("Đã ghi nhận: Phường Đại Kim đã nộp yêu cầu YC1.")
    before = len(zalo.sent_to(GROUP))
    for when in (vn_time(2026, 12, 4), vn_time(2026, 12, 5), vn_time(2026, 12, 5, 17)):
        clock.set(when)
        await dispatcher.run_once()
    [summary] = [str(m["text"]) for m in zalo.sent_to(ADMIN)][-1:]
    assert summary == (
        "Đến hạn yêu cầu YC1: Nộp hồ sơ khen thưởng\n1/1 đơn vị đã nộp.\n"
        "Chi tiết từng đơn vị: /theodoi YC1"
    )
    for day in (6, 7):
        clock.set(vn_time(2026, 12, day))
        await dispatcher.run_once()
    assert len(zalo.sent_to(GROUP)) == before, "a unit that submitted is never nudged again"


async def test_an_image_captioned_nop_is_recorded_and_passed_on(
    zalo: ZaloHarness, clock: FakeClock
) -> None:
    mention = f"@{BOT_NAME} "
    await zalo.ask(GROUP, ADMIN, f"{mention}/caidat donvi P-DAIKIM", group=True)
    await zalo.ask(ADMIN, ADMIN, f"/quyen them baocao P-DAIKIM zalo:{MEMBER}")
    made = await zalo.ask(ADMIN, ADMIN, "/yeucau 05/12/2026 Ảnh chụp biên bản P-DAIKIM")
    assert made.startswith("Đã tạo yêu cầu YC1")
    url = "https://photo.zdn.example/bien-ban.jpg"
    update = image_update(GROUP, MEMBER, url, caption=f"{mention}/nop YC1", chat_type="GROUP")
    [answer] = [str(m["text"]) for m in await zalo.send(update)]
    assert answer == (
        "Đã ghi nhận: Phường Đại Kim đã nộp yêu cầu YC1, kèm tệp 'bien-ban.jpg'. "
        "Tệp đã được chuyển đến nhóm đã gửi yêu cầu."
    )
    [photo] = zalo.fake.photos
    assert photo == {
        "chat_id": ADMIN,
        "photo": url,
        "caption": "Phường Đại Kim nộp yêu cầu YC1: Ảnh chụp biên bản",
        "message_id": photo["message_id"],
    }
    tracked = await zalo.ask(ADMIN, ADMIN, "/theodoi YC1")
    assert "kèm tệp 'bien-ban.jpg'" in tracked
