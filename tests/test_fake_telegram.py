"""What the bot sends through the fake Telegram Bot API: Telegram's checks, limits and errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from telegram import (
    Bot,
    BotCommand,
    ChatMemberAdministrator,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)

from tests.clock import FakeClock
from tests.fakes.telegram import FakeTelegramServer, HtmlParseError, parse_html

GROUP = -4001234567
SUPERGROUP = -1001234567890
USER = 777001
# Smallest valid PNG header: 2x3 pixels, enough for the fake's image check.
PNG_2X3 = (
    b"\x89PNG\r\n\x1a\n"
    + b"\x00\x00\x00\x0dIHDR"
    + (2).to_bytes(4, "big")
    + (3).to_bytes(4, "big")
    + b"\x08\x02\x00\x00\x00"
)


@pytest.fixture
async def fake(clock: FakeClock) -> AsyncIterator[FakeTelegramServer]:
    """A running fake server with one known group chat, on the shared fake clock."""
    async with FakeTelegramServer(clock=clock.monotonic, long_poll_cap=0.5) as server:
        server.add_chat(GROUP, title="Phòng Thi đua")
        yield server


@pytest.fixture
async def bot(fake: FakeTelegramServer) -> AsyncIterator[Bot]:
    """A real PTB Bot pointed at the fake server."""
    async with Bot(fake.token, base_url=fake.api_url, base_file_url=fake.file_url) as real_bot:
        yield real_bot


@pytest.fixture
def timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta periods; reading RetryAfter.retry_after warns otherwise."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


async def test_get_me_returns_the_bot_user(bot: Bot, fake: FakeTelegramServer) -> None:
    me = await bot.get_me()

    assert me.id == fake.bot_id
    assert me.username == fake.bot_username
    assert me.is_bot
    assert fake.calls_to("getMe")


async def test_html_message_is_stored_raw_and_rendered(bot: Bot, fake: FakeTelegramServer) -> None:
    raw = "<b>Khen thưởng</b> &amp; thi đua &lt;2024&gt; 🎉 <a href='https://x.vn/?a=1&amp;b=2'>xem</a>"

    message = await bot.send_message(GROUP, raw, parse_mode=ParseMode.HTML)

    assert message.text == "Khen thưởng & thi đua <2024> 🎉 xem"
    [stored] = fake.sent_messages(GROUP)
    assert stored.raw_text == raw
    assert stored.text == message.text
    bold, link = message.entities
    assert (bold.type, bold.offset, bold.length) == ("bold", 0, 11)
    # The emoji is two UTF-16 units, so the link starts one unit later than its index.
    assert (link.type, link.offset, link.length) == ("text_link", 32, 3)
    assert link.url == "https://x.vn/?a=1&b=2"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<b>chưa đóng", 'Can\'t find end tag corresponding to start tag "b"'),
        # Offsets count UTF-8 bytes: "điểm" is 4 characters but 7 bytes.
        ("điểm a < b", 'Unsupported start tag "" at byte offset 10'),
        ("Tom & Jerry", 'Unescaped "&" at byte offset 4'),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ('<span class="x">x</span>', 'Tag "span" must have class "tg-spoiler"'),
    ],
)
async def test_invalid_html_is_a_bad_request(bot: Bot, text: str, reason: str) -> None:
    with pytest.raises(BadRequest, match="Can't parse entities") as caught:
        await bot.send_message(GROUP, text, parse_mode=ParseMode.HTML)

    # PTB strips "Bad Request: " and str.capitalize()s the rest, lowercasing it.
    assert reason.lower() in caught.value.message


async def test_text_limit_is_4096_characters_after_parsing(
    bot: Bot, fake: FakeTelegramServer
) -> None:
    await bot.send_message(GROUP, "<b>" + "đ" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    # Telegram counts characters here, not UTF-16 units: 4096 emoji (8192 units) pass.
    await bot.send_message(GROUP, "😀" * 4096)

    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(GROUP, "x" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(GROUP, "<b> </b>", parse_mode=ParseMode.HTML)
    assert len(fake.sent_messages(GROUP)) == 2


async def test_edit_message_text_and_not_modified(bot: Bot, fake: FakeTelegramServer) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Duyệt", callback_data="approve:1")]])
    sent = await bot.send_message(GROUP, "Chờ duyệt", reply_markup=keyboard)

    edited = await bot.edit_message_text(
        "<i>Đã duyệt</i>", chat_id=GROUP, message_id=sent.message_id, parse_mode=ParseMode.HTML
    )

    assert isinstance(edited, Message)  # edit_message_text may also return bool
    assert edited.text == "Đã duyệt"
    assert edited.edit_date is not None
    stored = fake.get_message(GROUP, sent.message_id)
    assert (stored.text, stored.edits) == ("Đã duyệt", 1)
    assert stored.reply_markup is None, "an edit without reply_markup drops the keyboard"
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<i>Đã duyệt</i>",
            chat_id=GROUP,
            message_id=sent.message_id,
            parse_mode=ParseMode.HTML,
        )
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=GROUP, message_id=999)


async def test_callback_data_over_64_bytes_is_rejected(bot: Bot) -> None:
    too_long = "đ" * 33  # 66 bytes in UTF-8 but only 33 characters
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Chọn", callback_data=too_long)]])

    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(GROUP, "Chọn đợt", reply_markup=keyboard)


async def test_callback_query_is_answered_once(bot: Bot, fake: FakeTelegramServer) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Duyệt", callback_data="ok")]])
    sent = await bot.send_message(GROUP, "Chờ duyệt", reply_markup=keyboard)
    built = fake.callback_update(GROUP, USER, sent.message_id, "ok")
    update = Update.de_json({**built, "update_id": 0}, bot)
    assert update.callback_query is not None
    query_id = update.callback_query.id
    fake.push_update(fake.callback_update(GROUP, USER, sent.message_id, "ok"))
    [pushed] = await bot.get_updates()
    assert pushed.callback_query is not None
    assert pushed.callback_query.data == "ok"
    assert pushed.callback_query.message is not None
    assert pushed.callback_query.message.message_id == sent.message_id

    assert await bot.answer_callback_query(pushed.callback_query.id, text="Đã ghi nhận")

    assert fake.callback_answers[pushed.callback_query.id]["text"] == "Đã ghi nhận"
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(pushed.callback_query.id)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)  # built but never delivered


async def test_set_my_commands_is_checked(bot: Bot, fake: FakeTelegramServer) -> None:
    commands = [BotCommand("start", "Bắt đầu"), BotCommand("khen_thuong", "Danh sách khen thưởng")]

    assert await bot.set_my_commands(commands)

    assert fake.commands_for() == [c.to_dict() for c in commands]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("KhenThuong", "viết hoa")])
    with pytest.raises(BadRequest, match="Bot_command_description_invalid"):
        await bot.set_my_commands([BotCommand("start", "x" * 257)])


@pytest.mark.usefixtures("timedelta_periods")
async def test_injected_429_raises_retry_after(bot: Bot, fake: FakeTelegramServer) -> None:
    fake.fail_next("sendMessage", 429, retry_after=7)

    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(GROUP, "Nhắc việc")

    assert caught.value.retry_after == dt.timedelta(seconds=7)
    assert fake.too_many_requests == 1
    assert (await bot.send_message(GROUP, "Nhắc việc")).text == "Nhắc việc"


async def test_injected_server_error_then_recovery(bot: Bot, fake: FakeTelegramServer) -> None:
    fake.fail_next("sendMessage", 502, times=2)

    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.send_message(GROUP, "x")

    assert (await bot.send_message(GROUP, "x")).text == "x"


async def test_kicked_bot_gets_forbidden(bot: Bot, fake: FakeTelegramServer) -> None:
    fake.kick_bot(GROUP)

    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await bot.send_message(GROUP, "Xin chào")


async def test_unstarted_private_chat_is_forbidden(bot: Bot, fake: FakeTelegramServer) -> None:
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(USER, "Xin chào")

    fake.push_update(fake.message_update(USER, USER, "/start", user_first_name="Lan"))
    message = await bot.send_message(USER, "Xin chào")

    assert message.chat.first_name == "Lan"


async def test_migrated_group_raises_chat_migrated(bot: Bot, fake: FakeTelegramServer) -> None:
    fake.migrate_chat(GROUP, SUPERGROUP)

    with pytest.raises(ChatMigrated) as caught:
        await bot.send_message(GROUP, "Thông báo")

    assert caught.value.new_chat_id == SUPERGROUP
    message = await bot.send_message(SUPERGROUP, "Thông báo")
    assert message.chat.type == "supergroup"
    assert message.chat.title == "Phòng Thi đua"


@pytest.mark.usefixtures("timedelta_periods")
async def test_per_group_rate_limit_with_fake_clock(
    bot: Bot, fake: FakeTelegramServer, clock: FakeClock
) -> None:
    fake.set_rate_limits(global_per_sec=30, per_group_per_min=20)
    other_group = -4009999
    fake.add_chat(other_group)

    for number in range(20):
        await bot.send_message(GROUP, f"Tin {number}")
        clock.advance(1.0)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(GROUP, "Tin 21")

    # The first message left at t=0 and it is now t=20: the window frees up in 40 s.
    assert caught.value.retry_after == dt.timedelta(seconds=40)
    assert fake.too_many_requests == 1
    assert len(fake.sent_messages(GROUP)) == 20
    await bot.send_message(other_group, "Nhóm khác vẫn gửi được")
    clock.advance(40.0)
    await bot.send_message(GROUP, "Tin 21")
    assert len(fake.sent_messages(GROUP)) == 21


@pytest.mark.usefixtures("timedelta_periods")
async def test_global_rate_limit_per_second(
    bot: Bot, fake: FakeTelegramServer, clock: FakeClock
) -> None:
    fake.set_rate_limits(global_per_sec=3, per_group_per_min=None)

    for _ in range(3):
        await bot.send_message(GROUP, "x")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(GROUP, "x")

    assert caught.value.retry_after == dt.timedelta(seconds=1)
    clock.advance(1.0)
    await bot.send_message(GROUP, "x")


async def test_administrators_of_a_group(bot: Bot, fake: FakeTelegramServer) -> None:
    fake.set_admins(GROUP, [USER, 42], creator_id=42)

    admins = await bot.get_chat_administrators(GROUP)

    assert [type(a) for a in admins] == [ChatMemberOwner, ChatMemberAdministrator]
    assert [a.user.id for a in admins] == [42, USER]
    fake.push_update(fake.message_update(USER, USER, "/start"))
    with pytest.raises(BadRequest, match="no administrators in the private chat"):
        await bot.get_chat_administrators(USER)


async def test_a_bot_removed_by_an_update_is_forbidden_to_send(
    bot: Bot, fake: FakeTelegramServer
) -> None:
    fake.push_update(fake.my_chat_member_update(GROUP, USER, "member", "left"))

    with pytest.raises(Forbidden, match="bot is not a member of the group chat"):
        await bot.send_message(GROUP, "Xin chào")

    fake.push_update(fake.my_chat_member_update(GROUP, USER, "left", "member"))
    assert (await bot.send_message(GROUP, "Xin chào")).chat.id == GROUP


async def test_a_method_the_fake_lacks_says_so(bot: Bot) -> None:
    # PTB turns every 404 into InvalidToken; the description names the missing method.
    with pytest.raises(InvalidToken, match="deleteMessage is not in the fake server"):
        await bot.delete_message(GROUP, 1)


async def test_send_photo_and_document_upload_bytes(bot: Bot, fake: FakeTelegramServer) -> None:
    photo = await bot.send_photo(
        GROUP, PNG_2X3, caption="<b>Bảng</b> xếp hạng", parse_mode=ParseMode.HTML
    )
    document = await bot.send_document(GROUP, b"a,b\n1,2\n", filename="diem.csv")

    assert photo.caption == "Bảng xếp hạng"
    assert (photo.photo[-1].width, photo.photo[-1].height) == (2, 3)
    assert fake.get_file_bytes(photo.photo[-1].file_id) == PNG_2X3
    assert document.document is not None
    assert document.document.file_name == "diem.csv"
    downloaded = await (await bot.get_file(document.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == b"a,b\n1,2\n"
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(GROUP, b"not an image")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(GROUP, PNG_2X3, caption="x" * 1025)


def test_parse_html_entities_and_utf16_offsets() -> None:
    text, entities = parse_html(
        "😀<pre>x = 1</pre><tg-spoiler>bí mật</tg-spoiler>"
        "<blockquote expandable>trích</blockquote>&#x27;&#39;<a href=x.vn>x</a>"
    )

    assert text == "😀x = 1bí mậttrích''x"
    assert entities == [
        {"type": "pre", "offset": 2, "length": 5},
        {"type": "spoiler", "offset": 7, "length": 6},
        {"type": "expandable_blockquote", "offset": 13, "length": 5},
        {"type": "text_link", "offset": 20, "length": 1, "url": "x.vn"},
    ]
    with pytest.raises(HtmlParseError, match="Unclosed start tag"):
        parse_html("a <b")


async def test_copy_message_copies_text_and_documents(bot: Bot, fake: FakeTelegramServer) -> None:
    other = -4007654321
    fake.add_chat(other, title="Phòng Nội vụ")
    fake.push_update(fake.document_update(GROUP, USER, "diem.xlsx", b"PK-data", caption="Bảng"))
    [update] = await bot.get_updates()
    assert update.message is not None
    sent = await bot.send_message(GROUP, "<b>Kết quả</b> thi đua", parse_mode=ParseMode.HTML)

    copied_file = await bot.copy_message(other, GROUP, update.message.message_id)
    copied_text = await bot.copy_message(other, GROUP, sent.message_id)

    file_copy = fake.get_message(other, copied_file.message_id)
    assert file_copy.method == "copyMessage"
    assert file_copy.caption == "Bảng"
    assert file_copy.file is not None and file_copy.file.filename == "diem.xlsx"
    assert fake.get_file_bytes(file_copy.file.file_id) == b"PK-data"
    recaptioned = await bot.copy_message(
        other, GROUP, update.message.message_id, caption="<i>Bảng</i> mới", parse_mode="HTML"
    )
    assert fake.get_message(other, recaptioned.message_id).caption == "Bảng mới"
    text_copy = fake.get_message(other, copied_text.message_id)
    assert text_copy.text == "Kết quả thi đua"
    assert text_copy.entities == [{"type": "bold", "offset": 0, "length": 7}]
    with pytest.raises(BadRequest, match="Message to copy not found"):
        await bot.copy_message(other, GROUP, 999)
    fake.kick_bot(other)
    with pytest.raises(Forbidden, match="kicked"):
        await bot.copy_message(other, GROUP, sent.message_id)
