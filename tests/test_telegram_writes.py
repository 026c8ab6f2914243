"""Writing on Telegram end to end: linking, updates, deletes, escaping, chat life, errors."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.core.messages import ERROR_TEXT, Incoming, Reply
from storage.models import AuditEntry, Chat, Commemoration, Subscription, Task, Unit
from storage.queries import chats
from tests.fakes.telegram import FakeTelegramServer
from tests.telegram_harness import (
    ADMIN,
    GROUP,
    MEMBER,
    OFFICE,
    PRIVATE,
    REFUSED,
    SUPERGROUP,
    BotHarness,
    buttons,
    running_bot,
)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramServer]:
    """The fake Bot API server with one group whose administrator is ADMIN."""
    async with FakeTelegramServer(long_poll_cap=0.5) as server:
        server.add_chat(GROUP, title="Phòng Thi đua")
        server.set_admins(GROUP, [ADMIN])
        yield server


@pytest.fixture
async def tg(app: App, fake: FakeTelegramServer) -> AsyncIterator[BotHarness]:
    """The bot running by long polling."""
    async with running_bot(app, fake) as harness:
        yield harness


async def chat_row(app: App, chat_id: int) -> Chat | None:
    """The stored Telegram chat."""
    async with app.sessions() as session:
        return await chats.find_chat(session, "telegram", str(chat_id))


# ----------------------------------------------------------------------------- writes


async def test_an_office_admin_links_the_group_and_others_are_refused(
    tg: BotHarness, fake: FakeTelegramServer, app: App
) -> None:
    refused = await tg.ask(GROUP, MEMBER, "/caidat donvi P-DAIKIM")
    assert (refused.text or "").startswith(REFUSED)
    group_admin = await tg.ask(GROUP, ADMIN, "/caidat donvi P-DAIKIM")
    assert (group_admin.text or "").startswith(REFUSED), "a group admin alone writes nothing"
    assert "Nhóm này chưa được gắn với đơn vị nào" in (group_admin.text or "")
    row = await chat_row(app, GROUP)
    assert row is None or row.unit_id is None, "nothing changed"

    linked = await tg.ask(GROUP, OFFICE, "/caidat donvi P-DAIKIM", user_first_name="Chị Lan")
    progress = await tg.ask(GROUP, MEMBER, "/tiendo")

    assert linked.text == (
        "Đã gắn nhóm này với Phường Đại Kim (P-DAIKIM). /tiendo sẽ tóm tắt đơn vị này."
    )
    assert (progress.text or "").startswith("Tiến độ — Phường Đại Kim")
    async with app.sessions() as session:
        entries = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
    assert [(e.action, e.user_id) for e in entries] == [
        ("refused", str(MEMBER)),
        ("refused", str(ADMIN)),
        ("set", str(OFFICE)),
    ]
    audit = entries[-1]
    assert (audit.platform, audit.chat_id, audit.role) == ("telegram", str(GROUP), "unit_admin")
    assert audit.user_name == "Chị Lan"
    assert len(fake.calls_to("getChatAdministrators")) == 1, "admins are cached"


async def test_progress_update_by_the_linked_groups_admin(tg: BotHarness) -> None:
    await tg.ask(GROUP, OFFICE, "/caidat donvi P-DAIKIM")

    done = await tg.ask(GROUP, ADMIN, "/capnhat NV2023-01 60% đã tổ chức phát động")
    refused = await tg.ask(GROUP, MEMBER, "/capnhat NV2023-01 90%")

    assert (done.text or "").startswith("Đã cập nhật NV2023-01 cho Phường Đại Kim: 60%.")
    assert (refused.text or "").startswith(
        "Bạn chưa có quyền này: cần quyền người báo cáo của Phường Đại Kim (P-DAIKIM)"
    )


async def test_a_delete_is_confirmed_only_by_who_asked_for_it(
    tg: BotHarness, fake: FakeTelegramServer, app: App
) -> None:
    added = await tg.ask(GROUP, OFFICE, "/themsukien 15/03/2001 Ngày truyền thống phường")
    code = re.search(r"Mã: (\S+) ", added.text or "")
    assert code is not None
    confirm = await tg.ask(GROUP, OFFICE, f"/xoa sukien {code[1]}")
    assert set(buttons(confirm)) == {"Xóa", "Hủy"}
    assert buttons(confirm)["Xóa"] == f"u{OFFICE}|/xoa sukien {code[1]} xacnhan"

    for other in (MEMBER, ADMIN):
        _, refusal = await tg.press(GROUP, other, confirm, buttons(confirm)["Xóa"])
        assert refusal["show_alert"] is True
        assert refusal["text"].startswith("Nút này dành cho người đã yêu cầu thao tác.")
    # A forged press without the owner is the presser's own command: refused by role.
    _, forged = await tg.press(GROUP, MEMBER, confirm, f"/xoa sukien {code[1]} xacnhan")
    assert forged["text"].startswith(REFUSED)
    assert fake.get_message(GROUP, confirm.message_id).edits == 0

    await tg.press(GROUP, OFFICE, confirm, buttons(confirm)["Xóa"])

    deleted = fake.get_message(GROUP, confirm.message_id)
    assert deleted.text == "Đã xóa sự kiện Ngày truyền thống phường."
    assert deleted.reply_markup is None
    async with app.sessions() as session:
        left = await session.scalar(
            select(func.count()).where(Commemoration.code == code[1]).select_from(Commemoration)
        )
    assert left == 0


async def test_html_in_user_text_is_escaped(
    tg: BotHarness, fake: FakeTelegramServer, app: App
) -> None:
    title = "Thi đua <b>nước rút</b> & về đích <sớm"
    async with app.sessions() as session, session.begin():
        session.add(Task(year=2023, code="NV2023-HTML", title=title))

    tasks = await tg.ask(GROUP, MEMBER, "/nhiemvu 2023")
    event = await tg.ask(GROUP, OFFICE, "/themsukien 01/05/2000 Ngày <b>hội</b> & thi đua <x")

    assert f"• NV2023-HTML — {title}" in (tasks.text or "")
    assert "Thi đua &lt;b&gt;nước rút&lt;/b&gt; &amp; về đích &lt;sớm" in (tasks.raw_text or "")
    assert "Đã thêm sự kiện Ngày <b>hội</b> & thi đua <x — 01/05" in (event.text or "")
    assert [e for e in event.entities if e["type"] == "bold"] == []
    assert fake.errors == []


async def test_a_long_reply_is_split_at_lines(
    tg: BotHarness, fake: FakeTelegramServer, app: App
) -> None:
    async with app.sessions() as session, session.begin():
        district = (await session.scalars(select(Unit).where(Unit.code == "HM"))).one()
        session.add_all(
            Unit(
                code=f"THU-{n:03d}",
                name=f"Tổ dân phố thử nghiệm số {n:03d} thuộc quận Hoàng Mai, thành phố Hà Nội",
                kind="school",
                parent_id=district.id,
            )
            for n in range(120)
        )

    sent = await tg.say(PRIVATE, PRIVATE, "/donvi")

    assert len(sent) >= 3
    texts = [m.text or "" for m in sent]
    assert all(len(t) <= 4096 for t in texts)
    whole = "\n".join(texts)
    for n in range(120):
        assert f"THU-{n:03d} — Tổ dân phố thử nghiệm số {n:03d} thuộc quận Hoàng Mai" in whole
    for text in texts[1:]:
        assert text.lstrip().startswith("• "), "chunks start at a line"
    assert fake.errors == []


# ----------------------------------------------------------------------------- chat life


async def test_added_to_a_group_then_removed(
    tg: BotHarness, fake: FakeTelegramServer, app: App
) -> None:
    new_group = -4005550001
    added = fake.my_chat_member_update(
        new_group, ADMIN, "left", "member", chat_title="Phòng Nội vụ"
    )

    [greeting] = await tg.send(added, new_group)

    assert (greeting.text or "").startswith("Xin chào!")
    assert "/caidat donvi <mã đơn vị>" in (greeting.text or "")
    assert "/trogiup" in (greeting.text or "")
    row = await chat_row(app, new_group)
    assert row is not None and row.active and row.title == "Phòng Nội vụ"
    fake.set_admins(new_group, [ADMIN])
    await tg.ask(new_group, OFFICE, "/dangky")

    removed = fake.my_chat_member_update(new_group, ADMIN, "member", "kicked")
    assert await tg.send(removed, new_group) == []

    row = await chat_row(app, new_group)
    assert row is not None and not row.active
    async with app.sessions() as session:
        subs = (await session.scalars(select(Subscription))).all()
    assert subs and not any(s.active for s in subs)


async def test_group_upgraded_to_supergroup_keeps_its_settings(
    tg: BotHarness, fake: FakeTelegramServer, app: App
) -> None:
    await tg.ask(GROUP, OFFICE, "/caidat donvi P-DAIKIM")

    assert await tg.send(fake.migration_update(GROUP, SUPERGROUP), GROUP) == []
    fake.migrate_chat(GROUP, SUPERGROUP)
    settings = await tg.ask(SUPERGROUP, MEMBER, "/caidat", chat_type="supergroup")

    assert "Đơn vị: Phường Đại Kim (P-DAIKIM)" in (settings.text or "")
    assert await chat_row(app, GROUP) is None
    row = await chat_row(app, SUPERGROUP)
    assert row is not None and row.active
    refused = await tg.ask(SUPERGROUP, MEMBER, "/caidat gio 07:00")
    changed = await tg.ask(SUPERGROUP, ADMIN, "/caidat gio 07:00")
    assert (refused.text or "").startswith(REFUSED), "admins are asked again under the new id"
    assert (changed.text or "").startswith("Nhắc việc sẽ được gửi lúc 07:00")


async def test_migration_merges_into_an_existing_row(app: App) -> None:
    async with app.sessions() as session, session.begin():
        old = await chats.ensure_chat(session, "telegram", str(GROUP))
        old.remind_at = "07:30"
        session.add(Subscription(chat_id=old.id, kind="sukien", active=True))
        new = await chats.ensure_chat(session, "telegram", str(SUPERGROUP))
        session.add(Subscription(chat_id=new.id, kind="sukien", active=True))
        session.add(Subscription(chat_id=new.id, kind="tuan", active=True))
        old_id = old.id

    async with app.sessions() as session, session.begin():
        moved = await chats.migrate_chat_id(session, "telegram", str(GROUP), str(SUPERGROUP))

    assert moved is not None and moved.id == old_id
    async with app.sessions() as session:
        rows = (await session.scalars(select(Chat).where(Chat.platform == "telegram"))).all()
        kinds = sorted(s.kind for s in await chats.subscriptions(session, old_id))
    assert [(r.platform_chat_id, r.remind_at) for r in rows] == [(str(SUPERGROUP), "07:30")]
    assert kinds == ["sukien", "tuan"]


# ----------------------------------------------------------------------------- errors


async def test_a_failing_update_is_reported_and_the_bot_goes_on(
    tg: BotHarness,
    fake: FakeTelegramServer,
    app: App,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    real = app.core.handle

    async def broken(msg: Incoming) -> Reply | None:
        if msg.text.startswith("/khenthuong"):
            raise RuntimeError("database is gone")
        return await real(msg)

    monkeypatch.setattr(app.core, "handle", broken)

    with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers"):
        failed = await tg.ask(GROUP, MEMBER, "/khenthuong 2022")
    served = await tg.ask(GROUP, MEMBER, "/donvi")

    assert failed.text == ERROR_TEXT
    assert "• HM — Quận Hoàng Mai (quận/huyện, cấp cũ đến 30/6/2025)" in (served.text or "")
    [record] = [r for r in caplog.records if r.name == "bot.telegram.handlers"]
    assert f"chat_id={GROUP} command=/khenthuong" in record.getMessage()
    assert fake.token not in caplog.text


async def test_a_failing_button_is_answered_with_an_alert(
    tg: BotHarness, fake: FakeTelegramServer, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    await tg.ask(GROUP, OFFICE, "/themkhenthuong 2021 LDTT cá nhân 7 HM")
    stats = await tg.ask(GROUP, MEMBER, "/khenthuong 2022")

    async def broken(msg: Incoming) -> Reply | None:
        raise RuntimeError(f"cannot answer {msg.text}")

    monkeypatch.setattr(app.core, "handle", broken)

    query_id, answer = await tg.press(GROUP, MEMBER, stats, "/khenthuong 2021")

    assert answer == {"callback_query_id": query_id, "text": ERROR_TEXT, "show_alert": True}
    assert fake.get_message(GROUP, stats.message_id).edits == 0
