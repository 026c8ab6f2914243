"""Drive the real python-telegram-bot against the fake Telegram Bot API server."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
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
from telegram.error import BadRequest, ChatMigrated, Conflict, Forbidden, NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from tests.clock import FakeClock
from tests.fakes.telegram_server import FakeTelegramServer, HtmlParseError, parse_html

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
    assert fake.sent_per_chat[GROUP] == 1


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

    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(GROUP, "x" * 4097)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(GROUP, "<b> </b>", parse_mode=ParseMode.HTML)
    assert fake.sent_per_chat[GROUP] == 1


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


async def test_set_and_get_my_commands(bot: Bot, fake: FakeTelegramServer) -> None:
    commands = [BotCommand("start", "Bắt đầu"), BotCommand("khen_thuong", "Danh sách khen thưởng")]

    assert await bot.set_my_commands(commands)

    assert tuple(await bot.get_my_commands()) == tuple(commands)
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
    assert fake.sent_per_chat[GROUP] == 20
    await bot.send_message(other_group, "Nhóm khác vẫn gửi được")
    clock.advance(40.0)
    await bot.send_message(GROUP, "Tin 21")
    assert fake.sent_per_chat[GROUP] == 21


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


async def test_get_updates_offset_confirms_and_long_poll_wakes(
    bot: Bot, fake: FakeTelegramServer
) -> None:
    first = fake.push_update(fake.message_update(GROUP, USER, "một"))
    second = fake.push_update(fake.message_update(GROUP, USER, "hai"))

    assert [u.update_id for u in await bot.get_updates()] == [first, second]
    assert [u.update_id for u in await bot.get_updates(offset=second)] == [second]
    assert fake.pending_updates[0]["update_id"] == second
    assert await bot.get_updates(offset=second + 1) == ()

    polling = asyncio.create_task(bot.get_updates(offset=second + 1, timeout=30))
    await fake.wait_for_calls("getUpdates", 4)
    third = fake.push_update(fake.message_update(GROUP, USER, "/ba@thidua_test_bot"))
    [update] = await polling

    assert update.update_id == third
    assert update.message is not None
    assert update.message.text == "/ba@thidua_test_bot"
    assert update.message.entities[0].type == "bot_command"
    assert update.message.entities[0].length == len("/ba@thidua_test_bot")


async def test_long_poll_is_capped_by_the_server(fake: FakeTelegramServer, bot: Bot) -> None:
    fake.long_poll_cap = 0.05

    assert await bot.get_updates(timeout=30) == ()


async def test_wait_for_calls_times_out_with_a_summary(fake: FakeTelegramServer) -> None:
    with pytest.raises(TimeoutError, match="1 sendMessage call"):
        await fake.wait_for_calls("sendMessage", 1, timeout=0.01)


async def test_update_builders_parse_in_ptb(bot: Bot, fake: FakeTelegramServer) -> None:
    sent = await bot.send_message(GROUP, "Bảng điểm")
    builders = [
        fake.message_update(GROUP, USER, "/diem 2024", user_first_name="Nguyễn Văn An"),
        fake.edited_message_update(GROUP, USER, 5, "sửa"),
        fake.callback_update(GROUP, USER, sent.message_id, "page:2"),
        fake.my_chat_member_update(GROUP, USER, "member", "administrator"),
        fake.my_chat_member_update(GROUP, USER, "administrator", "kicked"),
        fake.my_chat_member_update(GROUP, USER, "left", "restricted"),
        fake.migration_update(GROUP, SUPERGROUP, user_id=USER),
    ]

    updates = [Update.de_json({**raw, "update_id": n}, bot) for n, raw in enumerate(builders)]

    assert updates[0].message is not None
    assert updates[0].message.from_user is not None
    assert updates[0].message.from_user.first_name == "Nguyễn Văn An"
    assert updates[0].message.entities[0].length == len("/diem")
    assert updates[1].edited_message is not None
    assert updates[2].callback_query is not None
    assert updates[2].callback_query.data == "page:2"
    assert updates[3].my_chat_member is not None
    assert updates[3].my_chat_member.new_chat_member.status == "administrator"
    assert updates[4].my_chat_member is not None
    assert updates[4].my_chat_member.new_chat_member.status == "kicked"
    assert updates[6].message is not None
    assert updates[6].message.migrate_to_chat_id == SUPERGROUP


async def test_admins_and_members(bot: Bot, fake: FakeTelegramServer) -> None:
    fake.set_admins(GROUP, [USER, 42], creator_id=42)

    admins = await bot.get_chat_administrators(GROUP)
    member = await bot.get_chat_member(GROUP, 5)
    chat = await bot.get_chat(GROUP)

    assert [type(a) for a in admins] == [ChatMemberOwner, ChatMemberAdministrator]
    assert [a.user.id for a in admins] == [42, USER]
    assert member.status == "member"
    assert (await bot.get_chat_member(GROUP, USER)).status == "administrator"
    assert chat.title == "Phòng Thi đua"


async def test_leave_chat_then_sends_are_forbidden(bot: Bot) -> None:
    assert await bot.leave_chat(GROUP)

    with pytest.raises(Forbidden, match="not a member"):
        await bot.send_chat_action(GROUP, "typing")


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


async def test_webhook_mode(bot: Bot, fake: FakeTelegramServer) -> None:
    received: list[tuple[str | None, dict[str, object]]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]
        assert await bot.set_webhook("https://thidua.example/hook", secret_token="s3cr3t")
        info = await bot.get_webhook_info()
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()

        status = await fake.deliver_webhook(
            f"http://127.0.0.1:{port}/hook",
            fake.message_update(GROUP, USER, "/start"),
            secret_token=fake.webhook.secret_token,
        )
    finally:
        await runner.cleanup()

    assert info.url == "https://thidua.example/hook"
    assert status == 200
    [(secret, body)] = received
    assert secret == "s3cr3t"
    assert "update_id" in body
    with pytest.raises(BadRequest, match="https url must be provided"):
        await bot.set_webhook("http://thidua.example/hook")


async def test_application_polling_replies_to_start(fake: FakeTelegramServer) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Xin chào, tôi là <b>Thi Đua Bot</b>", "HTML")

    application = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(fake.api_url)
        .base_file_url(fake.file_url)
        .build()
    )
    application.add_handler(CommandHandler("start", start))
    updater = application.updater
    assert updater is not None

    async with application:
        await application.start()
        try:
            await updater.start_polling(poll_interval=0, timeout=dt.timedelta(seconds=10))
            update_id = fake.push_update(fake.message_update(GROUP, USER, "/start"))
            [reply] = await fake.wait_for_calls("sendMessage", 1)
            # The next poll confirms the update by asking from update_id + 1.
            await fake.wait_until(
                lambda: any(c.get("offset") == update_id + 1 for c in fake.calls_to("getUpdates")),
                what="the confirming getUpdates",
            )
        finally:
            if updater.running:
                await updater.stop()
            if application.running:
                await application.stop()

    assert reply["chat_id"] == GROUP
    assert reply["reply_parameters"]["message_id"] == 1
    [message] = fake.sent_messages(GROUP)
    assert message.text == "Xin chào, tôi là Thi Đua Bot"
    assert message.reply_to_message_id == 1
    assert fake.pending_updates == []
    assert fake.calls_to("getUpdates")[0].get("offset", 0) == 0


def test_parse_html_entities_and_utf16_offsets() -> None:
    text, entities = parse_html(
        '😀<pre><code class="language-python">x = 1</code></pre>'
        "<tg-spoiler>bí mật</tg-spoiler><blockquote expandable>trích</blockquote>&#x27;&#39;"
    )

    assert text == "😀x = 1bí mậttrích''"
    assert entities == [
        {"type": "pre", "offset": 2, "length": 5, "language": "python"},
        {"type": "spoiler", "offset": 7, "length": 6},
        {"type": "expandable_blockquote", "offset": 13, "length": 5},
    ]
    with pytest.raises(HtmlParseError, match="Unclosed start tag"):
        parse_html("a <b")
    assert parse_html("Tom & Jerry", strict_ampersand=False) == ("Tom & Jerry", [])
