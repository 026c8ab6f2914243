"""Updates through the fake Telegram Bot API: long polling, webhook delivery, the builders."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from telegram import Bot, MessageEntity, Update
from telegram.error import BadRequest, Conflict
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from tests.clock import FakeClock
from tests.fakes.telegram import FakeTelegramServer
from tests.test_fake_telegram import GROUP, PNG_2X3, SUPERGROUP, USER

FORUM = -1009876543210
TOPIC = 42
OTHER_USER = 777002


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


async def test_get_updates_offset_confirms_and_long_poll_wakes(
    bot: Bot, fake: FakeTelegramServer
) -> None:
    first = fake.push_update(fake.message_update(GROUP, USER, "một"))
    second = fake.push_update(fake.message_update(GROUP, USER, "hai"))

    assert [u.update_id for u in await bot.get_updates()] == [first, second]
    assert [u.update_id for u in await bot.get_updates(offset=second)] == [second]
    assert fake.pending_updates[0]["update_id"] == second
    assert await bot.get_updates(offset=second + 1) == ()

    fake.long_poll_cap = 30  # a slow machine must not end the poll before the push
    polling = asyncio.create_task(bot.get_updates(offset=second + 1, timeout=30))
    await fake.wait_for_calls("getUpdates", 4)
    third = fake.push_update(fake.message_update(GROUP, USER, "/ba@thidua_test_bot"))
    [update] = await polling

    assert update.update_id == third
    assert update.message is not None
    assert update.message.text == "/ba@thidua_test_bot"
    assert update.message.entities[0].type == "bot_command"
    assert update.message.entities[0].length == len("/ba@thidua_test_bot")


async def test_allowed_updates_hold_back_other_kinds(bot: Bot, fake: FakeTelegramServer) -> None:
    fake.push_update(fake.edited_message_update(GROUP, USER, 1, "sửa"))
    kept = fake.push_update(fake.message_update(GROUP, USER, "/start"))

    assert [u.update_id for u in await bot.get_updates(allowed_updates=["message"])] == [kept]
    assert len(await bot.get_updates(allowed_updates=[])) == 2, "[] means the default again"


async def test_a_second_poller_ends_the_first_with_a_conflict(
    bot: Bot, fake: FakeTelegramServer
) -> None:
    fake.long_poll_cap = 30  # the first poll must still be waiting when the second comes
    first = asyncio.create_task(bot.get_updates(timeout=30))
    await fake.wait_for_calls("getUpdates", 1)
    async with Bot(fake.token, base_url=fake.api_url) as second:
        assert await second.get_updates() == ()

    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


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
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()

        status = await fake.deliver_webhook(
            f"http://127.0.0.1:{port}/hook",
            fake.message_update(GROUP, USER, "/start"),
            secret_token=fake.webhook.secret_token,
        )
    finally:
        await runner.cleanup()

    assert fake.webhook.url == "https://thidua.example/hook"
    assert status == 200
    [(secret, body)] = received
    assert secret == "s3cr3t"
    assert "update_id" in body
    with pytest.raises(BadRequest, match="https url must be provided"):
        await bot.set_webhook("http://thidua.example/hook")
    with pytest.raises(BadRequest, match="Secret token contains unallowed characters"):
        await bot.set_webhook("https://thidua.example/hook", secret_token="bí mật!")
    assert await bot.delete_webhook()
    assert await bot.get_updates() == ()


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


async def test_forum_topics_carry_the_thread_id(bot: Bot, fake: FakeTelegramServer) -> None:
    fake.push_update(fake.message_update(FORUM, USER, "/khenthuong", message_thread_id=TOPIC))
    [update] = await bot.get_updates()
    assert update.message is not None
    assert (update.message.is_topic_message, update.message.message_thread_id) == (True, TOPIC)
    assert update.message.chat.is_forum

    text = await bot.send_message(FORUM, "Trả lời", message_thread_id=TOPIC)
    photo = await bot.send_photo(FORUM, PNG_2X3, message_thread_id=TOPIC)
    document = await bot.send_document(FORUM, b"x", filename="a.csv", message_thread_id=TOPIC)

    assert [m.message_thread_id for m in (text, photo, document)] == [TOPIC] * 3
    assert [m.message_thread_id for m in fake.sent_messages(FORUM)] == [TOPIC] * 3
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(FORUM, "x", message_thread_id=TOPIC + 1)
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(GROUP, "x", message_thread_id=TOPIC)
    with pytest.raises(ValueError, match="only in supergroups"):
        fake.message_update(GROUP, USER, "x", message_thread_id=TOPIC)


async def test_user_replies_and_mentions(bot: Bot, fake: FakeTelegramServer) -> None:
    fake.add_chat(SUPERGROUP)
    asked = await bot.send_message(SUPERGROUP, "Ai phụ trách?")
    text = "😀 @thidua_test_bot giao cho Nguyễn Văn An"

    fake.push_update(
        fake.message_update(
            SUPERGROUP,
            USER,
            text,
            reply_to_message_id=asked.message_id,
            text_mentions={"Nguyễn Văn An": OTHER_USER},
        )
    )
    [update] = await bot.get_updates()

    message = update.message
    assert message is not None and message.reply_to_message is not None
    assert message.reply_to_message.message_id == asked.message_id
    assert message.reply_to_message.from_user is not None
    assert message.reply_to_message.from_user.id == fake.bot_id
    mention, text_mention = message.entities
    assert message.parse_entity(mention) == "@thidua_test_bot"
    assert mention.type == MessageEntity.MENTION
    # The emoji is two UTF-16 units: offsets count those, as Telegram's do.
    assert (mention.offset, mention.length) == (3, len("@thidua_test_bot"))
    assert text_mention.type == MessageEntity.TEXT_MENTION
    assert message.parse_entity(text_mention) == "Nguyễn Văn An"
    assert text_mention.user is not None and text_mention.user.id == OTHER_USER
    with pytest.raises(ValueError, match="no message 999"):
        fake.message_update(SUPERGROUP, USER, "x", reply_to_message_id=999)


async def test_a_captioned_document_is_downloadable(bot: Bot, fake: FakeTelegramServer) -> None:
    fake.push_update(fake.document_update(GROUP, USER, "nhap.csv", b"a;b\n1;2\n", caption="/nhap"))

    [update] = await bot.get_updates()

    message = update.message
    assert message is not None and message.document is not None
    assert (message.document.file_name, message.document.file_size) == ("nhap.csv", 8)
    assert message.caption == "/nhap"
    assert [e.type for e in message.caption_entities] == [MessageEntity.BOT_COMMAND]
    downloaded = await (await message.document.get_file()).download_as_bytearray()
    assert bytes(downloaded) == b"a;b\n1;2\n"
