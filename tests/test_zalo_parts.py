"""Pieces of the Zalo transport without a database: rendering, mentions, pacing, the sender."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from pydantic import SecretStr

from bot.app import build_app
from bot.core.buttons import button_line
from bot.core.messages import Button, Document, Image, Reply
from bot.http import HttpServer
from bot.pacing import Pacer
from bot.runtime import open_senders, transport_deps
from bot.settings import load_settings
from bot.zalo.adapter import ZaloTransport
from bot.zalo.client import ZaloClient, utf16_len
from bot.zalo.render import reply_text, reply_texts
from bot.zalo.sender import DEFAULT_RETRY_AFTER, ZaloSender, backoff_delay
from bot.zalo.updates import RecentKeys, strip_mention
from jobs.sender import (
    ChatGone,
    PermanentError,
    RateLimited,
    TransientError,
    Unauthorized,
)
from tests.clock import FakeClock, vn_time
from tests.fakes.zalo_server import DEFAULT_TOKEN, FakeZaloServer

CHAT = "5610839175403128001"


@pytest.fixture
async def fake() -> AsyncIterator[FakeZaloServer]:
    """The fake Zalo Bot API."""
    async with FakeZaloServer(max_poll_wait=0.05) as server:
        yield server


@pytest.fixture
async def client(fake: FakeZaloServer) -> AsyncIterator[ZaloClient]:
    """A client pointed at the fake."""
    async with ZaloClient(fake.token, base_url=fake.base_url) as zalo:
        yield zalo


@pytest.fixture
def clock() -> FakeClock:
    """A clock that only moves when something sleeps on it."""
    return FakeClock(vn_time(2026, 11, 27))


def sender_for(client: ZaloClient, clock: FakeClock, rate: float = 1.0) -> ZaloSender:
    """A ZaloSender pacing on the fake clock."""
    return ZaloSender(
        client, messages_per_second=rate, monotonic=clock.monotonic, sleep=clock.sleep
    )


# ----------------------------------------------------------------------------- rendering


def test_buttons_become_commands_to_type() -> None:
    assert button_line(Button("2021", "/khenthuong 2021")) == "Gõ /khenthuong 2021 để xem năm 2021"
    assert button_line(Button("Đã nhận", "/danhan 12")) == "Gõ /danhan 12 để báo đã nhận"
    assert button_line(Button("Trang sau »", "/nhiemvu 2023 2")) == (
        "Gõ /nhiemvu 2023 2 để xem trang sau"
    )
    assert button_line(Button("Chi tiết", "/tiendo HM")) == "Chi tiết: gõ /tiendo HM"


def test_reply_text_has_the_title_first_and_no_repeated_commands() -> None:
    reply = Reply(
        "Xác nhận: /xoa sukien ABC xacnhan · Hủy: /huy",
        title="Xóa sự kiện",
        buttons=[[Button("Xóa", "/xoa sukien ABC xacnhan"), Button("Hủy", "/huy")]],
    )
    assert reply_text(reply) == "Xóa sự kiện\nXác nhận: /xoa sukien ABC xacnhan · Hủy: /huy"


def test_attachments_are_sent_as_text() -> None:
    reply = Reply(
        "Số liệu",
        image=Image(b"\x89PNG", "Biểu đồ khen thưởng 2022"),
        document=Document("khenthuong.xlsx", b"PK", "Bảng số liệu"),
    )
    assert reply_text(reply) == (
        "Số liệu\n\nBiểu đồ khen thưởng 2022\n\n"
        "Bảng số liệu\nTệp khenthuong.xlsx chưa gửi được qua Zalo."
    )


def test_reply_texts_split_in_utf16_units() -> None:
    line = "Thi đua 🏅 khen thưởng"
    chunks = reply_texts(Reply("\n".join([line] * 300), title="Dài"))
    assert len(chunks) > 1
    assert all(utf16_len(chunk) <= 2000 for chunk in chunks)
    assert chunks[0].startswith("Dài\n")
    assert reply_texts(Reply("")) == []


# ----------------------------------------------------------------------------- receiving


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("@Bot Thi Đua /khenthuong 2022", "Bot Thi Đua", "/khenthuong 2022"),
        ("  @bot thi đua /sukien", "Bot Thi Đua", "/sukien"),
        ("@Bot Thi Đua xin chào", "Bot Thi Đua", "xin chào"),
        ("@Tên khác /tiendo HM", "Bot Thi Đua", "/tiendo HM"),
        ("@Tên khác /tiendo HM", None, "/tiendo HM"),
        ("@Ai đó hỏi gì vậy", None, "@Ai đó hỏi gì vậy"),
        ("/khenthuong 2022", "Bot Thi Đua", "/khenthuong 2022"),
    ],
)
def test_strip_mention(text: str, name: str | None, expected: str) -> None:
    assert strip_mention(text, name) == expected


def test_backoff_grows_is_capped_and_jittered() -> None:
    assert [backoff_delay(n, jitter=1.0) for n in (1, 2, 3, 7, 8, 5000)] == [
        1.0,
        2.0,
        4.0,
        60.0,
        60.0,
        60.0,
    ]
    assert backoff_delay(3, jitter=0.0) == 2.0


def test_recent_keys_are_bounded() -> None:
    recent = RecentKeys(size=2)
    assert recent.add(("e", "1")) and recent.add(("e", "2"))
    assert not recent.add(("e", "1"))
    assert recent.add(("e", "3"))  # forgets ("e", "2"), the least recently seen
    assert recent.add(("e", "2")) and not recent.add(("e", "3"))


async def test_transport_settings_are_checked() -> None:
    base = load_settings(database_url="sqlite+aiosqlite:///:memory:", telegram_bot_token=None)
    app = build_app(base)
    try:
        with pytest.raises(ValueError, match="ZALO_BOT_TOKEN is not set"):
            ZaloTransport(transport_deps(app, "zalo"))
        short = base.model_copy(
            update={
                "zalo_bot_token": SecretStr(DEFAULT_TOKEN),
                "webhook_base_url": "https://thidua.example",
                "zalo_webhook_secret": SecretStr("short"),
            }
        )
        with pytest.raises(ValueError, match="ZALO_WEBHOOK_SECRET must be 8-256 characters"):
            ZaloTransport(
                transport_deps(replace(app, settings=short), "zalo"),
                http=HttpServer("127.0.0.1", 0),
            )
        no_secret = short.model_copy(update={"zalo_webhook_secret": None})
        transport = ZaloTransport(
            transport_deps(replace(app, settings=no_secret), "zalo"),
            http=HttpServer("127.0.0.1", 0),
        )
        assert transport.mode == "polling"
        await transport.stop()
    finally:
        await app.close()


# ----------------------------------------------------------------------------- sending


async def test_pacer_spaces_calls_overall(clock: FakeClock) -> None:
    pacer = Pacer(2.0, monotonic=clock.monotonic, sleep=clock.sleep)
    for _ in range(3):
        await pacer.wait()
    assert clock.slept == [0.5, 0.5]
    clock.advance(10)
    await pacer.wait()
    assert clock.slept == [0.5, 0.5]


async def test_sender_paces_and_returns_the_last_chunk_id(
    client: ZaloClient, fake: FakeZaloServer, clock: FakeClock
) -> None:
    sender = sender_for(client, clock)
    long_reply = Reply("\n".join(["Nhắc việc thi đua"] * 150), title="Nhắc")

    message_id = await sender.send(CHAT, long_reply)
    short_id = await sender.send(CHAT, Reply("Một dòng"))

    assert sender.platform == "zalo"
    assert len(fake.sent) == 3 and message_id == fake.sent[1]["message_id"]
    assert short_id == fake.sent[2]["message_id"]
    assert clock.slept == [1.0, 1.0]
    assert all(m["parse_mode"] is None for m in fake.sent)


@pytest.mark.parametrize(
    ("code", "retry_after", "expected"),
    [
        (429, 7, RateLimited),
        (429, None, RateLimited),
        (401, None, Unauthorized),
        (403, None, ChatGone),
        (400, None, PermanentError),
        (404, None, PermanentError),
        (500, None, TransientError),
        (502, None, TransientError),
    ],
)
async def test_sender_maps_errors(
    client: ZaloClient,
    fake: FakeZaloServer,
    clock: FakeClock,
    code: int,
    retry_after: float | None,
    expected: type[Exception],
) -> None:
    fake.fail_next("sendMessage", code, "Lỗi thử", retry_after=retry_after)

    with pytest.raises(expected) as raised:
        await sender_for(client, clock).send(CHAT, Reply("Nhắc việc"))

    if isinstance(raised.value, RateLimited):
        assert raised.value.retry_after == (retry_after or DEFAULT_RETRY_AFTER)
    if isinstance(raised.value, Unauthorized):
        assert "ZALO_BOT_TOKEN" in str(raised.value)
    assert DEFAULT_TOKEN not in str(raised.value)


async def test_sender_maps_transport_failures(clock: FakeClock) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with ZaloClient(DEFAULT_TOKEN, base_url=f"http://127.0.0.1:{port}") as closed:
        with pytest.raises(TransientError) as raised:
            await sender_for(closed, clock).send(CHAT, Reply("Nhắc việc"))
    assert DEFAULT_TOKEN not in str(raised.value)


async def test_one_off_runs_open_a_paced_zalo_sender(fake: FakeZaloServer) -> None:
    settings = load_settings(
        database_url="sqlite+aiosqlite:///:memory:",
        telegram_bot_token=None,
        zalo_bot_token=DEFAULT_TOKEN,
        zalo_api_url=fake.base_url,
        zalo_messages_per_second=5,
    )
    app = build_app(settings)
    try:
        async with open_senders(app) as senders:
            sender = senders["zalo"]
            assert isinstance(sender, ZaloSender) and list(senders) == ["zalo"]
            assert await sender.send(CHAT, Reply("Xin chào")) == fake.sent[0]["message_id"]
            assert sender.pacer.interval == 0.2
    finally:
        await app.close()
