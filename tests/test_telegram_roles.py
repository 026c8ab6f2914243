"""Roles end to end on Telegram: a stranger's own group, group administrators of two wards."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import ColumnElement, func, select

from bot.app import App
from storage.models import AuditEntry, Commemoration, RoleGrant, Task
from tests.fakes.telegram import FakeTelegramServer
from tests.telegram_harness import OFFICE, REFUSED, BotHarness, running_bot

STRANGER = 6660
STRANGERS_GROUP = -4006660001
WARD_A, WARD_B = -4001110001, -4002220002
ADMIN_A, ADMIN_B = 5101, 5202


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramServer]:
    """A stranger's own group, and two ward groups each with its own administrator."""
    async with FakeTelegramServer(long_poll_cap=0.5) as server:
        server.add_chat(STRANGERS_GROUP, title="Nhóm của người lạ")
        server.set_admins(STRANGERS_GROUP, [STRANGER])
        server.add_chat(WARD_A, title="Phường Đại Kim")
        server.set_admins(WARD_A, [ADMIN_A])
        server.add_chat(WARD_B, title="Phường Giáp Bát")
        server.set_admins(WARD_B, [ADMIN_B])
        yield server


@pytest.fixture
async def tg(app: App, fake: FakeTelegramServer) -> AsyncIterator[BotHarness]:
    """The bot running by long polling."""
    async with running_bot(app, fake) as harness:
        yield harness


async def count(app: App, model: type, *where: ColumnElement[bool]) -> int:
    async with app.sessions() as session:
        stmt = select(func.count()).select_from(model).where(*where)
        return int(await session.scalar(stmt) or 0)


async def test_a_stranger_in_his_own_group_changes_nothing(tg: BotHarness, app: App) -> None:
    tasks, events = await count(app, Task), await count(app, Commemoration)
    attempts = [
        (STRANGERS_GROUP, "/xoa nhiemvu NV2023-05 xacnhan"),
        (STRANGERS_GROUP, "/themsukien 02/09/1945 Quốc khánh thử"),
        (STRANGERS_GROUP, f"/quyen them chung telegram:{STRANGER}"),
        (STRANGERS_GROUP, "/caidat donvi HM"),
        (STRANGER, "/xoa sukien HM-THANHLAP xacnhan"),
    ]
    for chat, text in attempts:
        answer = await tg.ask(chat, STRANGER, text)
        assert (answer.text or "").startswith(REFUSED), (text, answer.text)
    linked_hint = await tg.ask(STRANGERS_GROUP, STRANGER, "/caidat gio 07:00")

    assert "Nhóm này chưa được gắn với đơn vị nào" in (linked_hint.text or "")
    assert await count(app, Task) == tasks
    assert await count(app, Commemoration) == events
    assert await count(app, RoleGrant) == 0
    assert await count(app, AuditEntry, AuditEntry.action == "refused") == len(attempts) + 1


async def test_ward_group_admins_write_only_for_their_own_ward(tg: BotHarness, app: App) -> None:
    await tg.ask(WARD_A, OFFICE, "/caidat donvi P-DAIKIM")
    await tg.ask(WARD_B, OFFICE, "/caidat donvi P-GIAPBAT")

    own = await tg.ask(WARD_A, ADMIN_A, "/themkhenthuong 2026 LDTT cá nhân 5 P-DAIKIM")
    other = await tg.ask(WARD_A, ADMIN_A, "/themkhenthuong 2026 LDTT cá nhân 5 HM-GDDT")
    crossed = await tg.ask(WARD_B, ADMIN_A, "/capnhat NV2023-01 50%")
    progress = await tg.ask(WARD_B, ADMIN_B, "/capnhat NV2023-01 50%")
    office_wide = await tg.ask(WARD_B, ADMIN_B, "/themsukien 02/09/1945 Quốc khánh thử")
    relink = await tg.ask(WARD_B, ADMIN_B, "/caidat donvi P-DAIKIM")

    assert (own.text or "").startswith("Đã thêm khen thưởng năm 2026")
    assert (other.text or "").startswith(
        "Bạn chưa có quyền này: cần quyền quản trị đơn vị của Ngành Giáo dục và Đào tạo"
    )
    assert "Quản trị viên nhóm này chỉ có quyền với Phường Đại Kim (P-DAIKIM)" in (other.text or "")
    assert (crossed.text or "").startswith(REFUSED), "an admin of ward A is nobody in ward B"
    assert (progress.text or "").startswith("Đã cập nhật NV2023-01 cho Phường Giáp Bát: 50%.")
    assert (office_wide.text or "").startswith("Bạn chưa có quyền này: cần quyền quản trị chung.")
    assert (relink.text or "").startswith(REFUSED)


async def test_a_granted_reporter_outside_any_group_admin_list(tg: BotHarness, app: App) -> None:
    clerk = 7301
    await tg.ask(WARD_A, OFFICE, "/caidat donvi P-DAIKIM")
    before = await tg.ask(WARD_A, clerk, "/capnhat NV2023-01 30%")
    granted = await tg.ask(WARD_A, ADMIN_A, f"/quyen them baocao P-DAIKIM {clerk}")
    after = await tg.ask(WARD_A, clerk, "/capnhat NV2023-01 30%")
    award = await tg.ask(WARD_A, clerk, "/themkhenthuong 2026 LDTT cá nhân 1")

    assert (before.text or "").startswith(REFUSED)
    assert (granted.text or "").startswith("Đã cấp quyền người báo cáo Phường Đại Kim (P-DAIKIM)")
    assert (after.text or "").startswith("Đã cập nhật NV2023-01 cho Phường Đại Kim: 30%.")
    assert (award.text or "").startswith("Bạn chưa có quyền này: cần quyền quản trị đơn vị")
