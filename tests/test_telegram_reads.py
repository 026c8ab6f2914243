"""Reading on Telegram end to end: the menu, read commands, what is ignored, buttons."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest

from bot.app import App
from bot.core.commands import all_commands
from bot.core.messages import Incoming, Reply
from storage.models import Task
from tests.fakes.telegram import FakeTelegramServer
from tests.telegram_harness import (
    ADMIN,
    GROUP,
    MEMBER,
    OFFICE,
    PRIVATE,
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


# ----------------------------------------------------------------------------- start-up


async def test_menu_is_registered_in_vietnamese(tg: BotHarness, fake: FakeTelegramServer) -> None:
    menu = {c["command"]: c["description"] for c in fake.commands_for()}

    listed = [c for c in all_commands() if c.menu]
    assert list(menu) == [c.name for c in listed]
    assert menu["khenthuong"].startswith("Thống kê khen thưởng của một năm")
    assert menu["sukien"].startswith("Các ngày kỷ niệm sắp tới")
    assert "awards" not in menu and "huy" not in menu
    assert all(re.fullmatch(r"[a-z0-9_]{1,32}", name) for name in menu)
    [first_poll, *_] = await fake.wait_for_calls("getUpdates")
    assert first_poll.get("allowed_updates") == [
        "message",
        "callback_query",
        "my_chat_member",
    ]


# ----------------------------------------------------------------------------- reads


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            "/khenthuong 2022",
            [
                "Khen thưởng năm 2022",
                "• Chiến sỹ thi đua cơ sở: 323 cá nhân",
                "• Lao động tiên tiến cấp Quận: 2.054 cá nhân",
            ],
        ),
        ("/chitieu 2022", ["Hoàn thành 19/19 chỉ tiêu được giao (theo báo cáo)."]),
        ("/nhiemvu 2023", ["Nhiệm vụ thi đua năm 2023 (6 nhiệm vụ)", "Hạn: 11/06/2023"]),
        ("/tiendo", ["Tiến độ — Quận Hoàng Mai", "Chỉ tiêu năm 2022: hoàn thành 19/19"]),
        ("/sukien 2023", ["Chủ nhật, 22/01/2023 (01/01 âm lịch)", "Thứ Bảy, 29/04/2023"]),
        ("/donvi", ["• HM — Quận Hoàng Mai (quận/huyện, cấp cũ đến 30/6/2025)"]),
        ("/caidat", ["Cài đặt của nhóm này", "Đơn vị: chưa gắn"]),
        ("/nhacviec", ["Nhóm này chưa đăng ký nhận nhắc."]),
        ("/trogiup", ["Các lệnh của Thi Đua Bot", "/khenthuong [năm] [mã đơn vị]"]),
        ("/start", ["Xin chào! Đây là Thi Đua Bot."]),
    ],
)
async def test_read_commands_in_a_group(
    tg: BotHarness, fake: FakeTelegramServer, command: str, expected: list[str]
) -> None:
    # One message each; help may take two (over Telegram's 4 096), split at a line.
    sent = await tg.say(GROUP, MEMBER, command)
    assert len(sent) == 1 or (command == "/trogiup" and len(sent) == 2), [m.text for m in sent]
    assert all(len(m.text or "") <= 4096 for m in sent)
    assert all((m.text or "").endswith(tuple(".)>]»:")) for m in sent[:-1]), "split inside a line"
    message = sent[0]

    for text in expected:
        assert text in (message.text or ""), text
    assert all(m.parse_mode == "HTML" for m in sent)
    assert message.reply_to_message_id is not None, "answers quote the command in groups"
    assert fake.calls_to("getChatAdministrators") == [], "reads never ask who administers"


async def test_command_with_bot_name_in_a_supergroup(tg: BotHarness) -> None:
    message = await tg.ask(
        SUPERGROUP, MEMBER, "/khenthuong@thidua_test_bot 2022", chat_type="supergroup"
    )

    assert "• Giấy khen của UBND Quận: 489 lượt tập thể (9 đột xuất)" in (message.text or "")
    title = message.entities[0]
    assert (title["type"], title["offset"], title["length"]) == (
        "bold",
        0,
        len("Khen thưởng năm 2022"),
    )


async def test_private_chat_commands_and_plain_text(
    tg: BotHarness, fake: FakeTelegramServer
) -> None:
    awards = await tg.ask(PRIVATE, PRIVATE, "/awards")
    hint = await tg.ask(PRIVATE, PRIVATE, "xin chào")

    assert (awards.text or "").startswith("Khen thưởng năm 2022")
    assert (hint.text or "").startswith("Thi Đua Bot chỉ hiểu lệnh bắt đầu bằng dấu /")
    assert awards.reply_to_message_id is None
    assert fake.calls_to("getChatAdministrators") == [], "no admins to ask in a private chat"


async def test_what_the_bot_ignores(tg: BotHarness, fake: FakeTelegramServer) -> None:
    ignored = [
        fake.message_update(GROUP, MEMBER, "/khenthuong@other_bot 2022"),
        fake.message_update(GROUP, MEMBER, "chào cả nhóm"),
        fake.message_update(GROUP, MEMBER, "/khenthuog"),  # maybe another bot's command
        fake.message_update(GROUP, 6001, "/khenthuong 2022", is_bot=True),
    ]
    for update in ignored:
        assert await tg.send(update, GROUP) == []
    # Edits are not even asked for (allowed_updates), so the next command is the only answer.
    fake.push_update(fake.edited_message_update(GROUP, MEMBER, 1, "/khenthuong 2022"))
    units = await tg.ask(GROUP, MEMBER, "/donvi")
    assert (units.text or "").startswith("Mã đơn vị")

    unknown = await tg.ask(GROUP, MEMBER, "/khenthuog@thidua_test_bot")
    assert (unknown.text or "").startswith("Không có lệnh /khenthuog. Có phải bạn muốn gõ")


async def test_bad_input_gets_one_sentence_and_the_right_form(tg: BotHarness) -> None:
    year = await tg.ask(GROUP, MEMBER, "/khenthuong 1800")
    usage = await tg.ask(GROUP, ADMIN, "/capnhat")

    assert (year.text or "").startswith("Năm 1800 nằm ngoài khoảng 1945–2100.")
    assert usage.text == (
        "Thiếu mã nhiệm vụ hoặc tiến độ.\nCách viết: /capnhat <mã nhiệm vụ> <0–100>% [ghi chú]"
    )
    assert "&lt;mã nhiệm vụ&gt;" in (usage.raw_text or "")


# ----------------------------------------------------------------------------- buttons


async def test_year_buttons_edit_the_message_in_place(
    tg: BotHarness, fake: FakeTelegramServer
) -> None:
    added = await tg.ask(GROUP, OFFICE, "/themkhenthuong 2021 LDTT cá nhân 7 HM")
    assert "Đã thêm khen thưởng năm 2021" in (added.text or "")
    stats = await tg.ask(GROUP, MEMBER, "/khenthuong 2022")
    assert buttons(stats) == {"2021": "/khenthuong 2021"}

    query_id, answer = await tg.press(GROUP, MEMBER, stats, "/khenthuong 2021")

    edited = fake.get_message(GROUP, stats.message_id)
    assert (edited.text or "").startswith("Khen thưởng năm 2021")
    assert "• Lao động tiên tiến cấp Quận: 7 cá nhân" in (edited.text or "")
    assert edited.edits == 1
    assert buttons(edited) == {"2022": "/khenthuong 2022"}
    assert answer == {"callback_query_id": query_id}
    assert len(fake.sent_messages(GROUP)) == 2, "nothing new was sent"

    await tg.press(GROUP, MEMBER, edited, "/khenthuong 2021")  # the same page again
    assert fake.get_message(GROUP, stats.message_id).edits == 1
    assert not [e for e in fake.errors if e[0] != "editMessageText"]


async def test_page_buttons_edit_the_message_in_place(
    tg: BotHarness, fake: FakeTelegramServer, app: App
) -> None:
    async with app.sessions() as session, session.begin():
        session.add_all(
            Task(year=2023, code=f"NV2023-T{n:02d}", title=f"Nhiệm vụ thêm {n}") for n in range(6)
        )
    first = await tg.ask(GROUP, MEMBER, "/nhiemvu 2023")
    assert "trang 1/2" in (first.text or "")
    assert buttons(first) == {"Trang sau »": "/nhiemvu 2023 2"}

    await tg.press(GROUP, MEMBER, first, "/nhiemvu 2023 2")

    second = fake.get_message(GROUP, first.message_id)
    assert "trang 2/2" in (second.text or "")
    assert "NV2023-T05" in (second.text or "")
    assert buttons(second) == {"« Trang trước": "/nhiemvu 2023 1"}


async def test_a_429_on_a_reply_is_retried_by_the_limiter_and_counted(
    tg: BotHarness, fake: FakeTelegramServer
) -> None:
    fake.fail_next("sendMessage", 429, retry_after=1)

    [reply] = await tg.say(GROUP, MEMBER, "/khenthuong 2022")

    assert (reply.text or "").startswith("Khen thưởng năm 2022")
    assert fake.too_many_requests == 1
    metrics = tg.app.metrics.render()[0].decode().splitlines()
    assert 'thidua_rate_limited_total{platform="telegram"} 1.0' in metrics


async def test_event_pages_turn_in_place(tg: BotHarness, fake: FakeTelegramServer) -> None:
    first = await tg.ask(GROUP, MEMBER, "/sukien 3660")
    assert "trang 1/" in (first.text or "")
    assert buttons(first) == {"Trang sau »": "/sukien 3660 2"}

    await tg.press(GROUP, MEMBER, first, "/sukien 3660 2")

    second = fake.get_message(GROUP, first.message_id)
    assert "trang 2/" in (second.text or "")
    assert buttons(second) == {
        "« Trang trước": "/sukien 3660 1",
        "Trang sau »": "/sukien 3660 3",
    }


async def test_a_notice_is_a_toast_and_leaves_the_message(
    tg: BotHarness, fake: FakeTelegramServer, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    reminder = await tg.ask(GROUP, MEMBER, "/sukien")
    real = app.core.handle

    async def acknowledging(msg: Incoming) -> Reply | None:
        if msg.text == "/danhan 1":
            return Reply("Đã ghi nhận.", notice="Đã ghi nhận: Lan đã nhận nhắc việc.")
        return await real(msg)

    monkeypatch.setattr(app.core, "handle", acknowledging)

    _, answer = await tg.press(GROUP, MEMBER, reminder, "/danhan 1")

    assert answer["text"] == "Đã ghi nhận: Lan đã nhận nhắc việc."
    assert fake.get_message(GROUP, reminder.message_id).edits == 0
