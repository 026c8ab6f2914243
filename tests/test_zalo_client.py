"""Tests for the Zalo Bot API client, its update decoder and the fake Zalo server."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import socket
import traceback
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.zalo.client import SentMessage, ZaloClient, split_for_zalo, utf16_len
from bot.zalo.errors import (
    ZaloApiError,
    ZaloError,
    ZaloForbidden,
    ZaloRateLimited,
    ZaloTransportError,
    ZaloUnauthorized,
    redact,
)
from bot.zalo.updates import KNOWN_EVENTS, ZaloUpdate, parse_epoch, parse_update
from tests.fakes.zalo_server import FakeZaloServer, image_update, text_update

TOKEN = "1234567890:fake-zalo-secret-Token_abc"
SECRET_PART = "fake-zalo-secret-Token_abc"
WRONG_TOKEN = "987654321:wrong-secret-XYZ"


@pytest.fixture
async def server() -> AsyncIterator[FakeZaloServer]:
    """A started fake server with a short poll cap so empty polls finish quickly."""
    async with FakeZaloServer(TOKEN, max_poll_wait=0.05) as fake:
        yield fake


@pytest.fixture
async def client(server: FakeZaloServer) -> AsyncIterator[ZaloClient]:
    """A client pointed at the fake server."""
    async with ZaloClient(TOKEN, base_url=server.base_url, timeout=5.0) as zalo:
        yield zalo


def closed_port_url() -> str:
    """A loopback URL whose port was just released, so connecting is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def assert_no_token(*texts: str) -> None:
    """Neither the whole token nor its secret half may leak."""
    for text in texts:
        assert TOKEN not in text
        assert SECRET_PART not in text


def full_text(exc: BaseException) -> str:
    """Everything a traceback would print for exc, chained causes included."""
    return "".join(traceback.format_exception(exc)) + repr(exc)


# -- basic calls ---------------------------------------------------------------------------------


async def test_get_me(client: ZaloClient, server: FakeZaloServer) -> None:
    me = await client.get_me()
    assert me.id == "3216549870123456789"
    assert me.account_name == "Bot Thi Đua"
    assert me.account_type == "BASIC"
    assert me.can_join_groups is True
    assert server.received[0].method == "getMe"


async def test_get_me_accepts_legacy_name_and_numeric_id(server: FakeZaloServer) -> None:
    server.bot_info = {"id": 42, "name": "Bot cũ"}
    async with ZaloClient(TOKEN, base_url=server.base_url) as zalo:
        me = await zalo.get_me()
    assert (me.id, me.account_name, me.account_type, me.can_join_groups) == (
        "42",
        "Bot cũ",
        None,
        False,
    )


async def test_session_is_created_lazily_and_closed(server: FakeZaloServer) -> None:
    zalo = ZaloClient(TOKEN, base_url=server.base_url + "/")
    try:
        assert (await zalo.get_me()).id
    finally:
        await zalo.close()
    await zalo.close()  # closing twice is harmless
    assert TOKEN not in repr(zalo)


async def test_send_message_ok(client: ZaloClient, server: FakeZaloServer) -> None:
    sent = await client.send_message("chat-1", "Chúc mừng **Tổ 3**", parse_mode="markdown")
    assert isinstance(sent, SentMessage)
    assert sent.date.tzinfo is not None
    [record] = await server.wait_for_sent(1)
    assert record == {
        "chat_id": "chat-1",
        "text": "Chúc mừng **Tổ 3**",
        "parse_mode": "markdown",
        "message_id": sent.message_id,
    }


async def test_send_message_omits_parse_mode_when_plain(
    client: ZaloClient, server: FakeZaloServer
) -> None:
    await client.send_message("chat-1", "plain")
    assert server.calls("sendMessage") == [{"chat_id": "chat-1", "text": "plain"}]
    assert server.sent[0]["parse_mode"] is None


async def test_send_message_at_limit_is_sent(client: ZaloClient, server: FakeZaloServer) -> None:
    await client.send_message("chat-1", "a" * 2000)
    await client.send_message("chat-1", "😀" * 1000)  # 1000 characters, 2000 UTF-16 units
    assert len(await server.wait_for_sent(2)) == 2


@pytest.mark.parametrize("text", ["a" * 2001, "😀" * 1001, ""])
async def test_send_message_rejects_bad_length_locally(
    client: ZaloClient, server: FakeZaloServer, text: str
) -> None:
    with pytest.raises(ValueError, match="text"):
        await client.send_message("chat-1", text)
    assert server.received == []


async def test_send_message_rejects_unknown_parse_mode(
    client: ZaloClient, server: FakeZaloServer
) -> None:
    with pytest.raises(ValueError, match="parse_mode"):
        await client.send_message("chat-1", "x", parse_mode="rst")  # type: ignore[arg-type]
    assert server.received == []


async def test_send_photo(client: ZaloClient, server: FakeZaloServer) -> None:
    photo = await client.send_photo("chat-2", "https://example.org/bang-khen.png", caption="Bằng")
    assert server.photos == [
        {
            "chat_id": "chat-2",
            "photo": "https://example.org/bang-khen.png",
            "caption": "Bằng",
            "message_id": photo.message_id,
        }
    ]


async def test_send_photo_rejects_long_caption_locally(
    client: ZaloClient, server: FakeZaloServer
) -> None:
    with pytest.raises(ValueError, match="caption"):
        await client.send_photo("chat-2", "https://example.org/a.png", caption="x" * 2001)
    assert server.received == []


# -- splitting -----------------------------------------------------------------------------------


def test_split_short_text_is_one_chunk() -> None:
    assert split_for_zalo("Xin chào\nThi đua") == ["Xin chào\nThi đua"]
    assert split_for_zalo("") == []


def test_split_packs_lines_up_to_the_limit() -> None:
    lines = [f"{i:03d} Danh hiệu Lao động tiên tiến" for i in range(200)]
    text = "\n".join(lines)
    chunks = split_for_zalo(text)
    assert len(chunks) > 1
    assert all(utf16_len(chunk) <= 2000 for chunk in chunks)
    assert "\n".join(chunks) == text  # split only at line breaks, nothing lost
    # Greedy packing: adding the next chunk's first line would overflow.
    for chunk, following in itertools.pairwise(chunks):
        first_line = following.split("\n")[0]
        assert utf16_len(chunk) + 1 + utf16_len(first_line) > 2000


def test_split_hard_splits_a_single_long_line() -> None:
    text = "đầu\n" + "x" * 4500 + "\ncuối"
    chunks = split_for_zalo(text)
    assert chunks == ["đầu", "x" * 2000, "x" * 2000, "x" * 500 + "\ncuối"]
    assert split_for_zalo("y" * 4000) == ["y" * 2000, "y" * 2000]


def test_split_counts_utf16_and_never_breaks_a_surrogate_pair() -> None:
    # Each emoji is one Python character but two UTF-16 units.
    chunks = split_for_zalo("😀" * 1500)
    assert chunks == ["😀" * 1000, "😀" * 500]
    assert split_for_zalo("a😀😀", limit=4) == ["a😀", "😀"]
    assert split_for_zalo("😀😀😀", limit=5) == ["😀😀", "😀"]
    lines = split_for_zalo("😀" * 600 + "\n" + "😀" * 600)
    assert lines == ["😀" * 600, "😀" * 600]  # 2401 units together, so two chunks


def test_split_drops_blank_chunks_and_checks_limit() -> None:
    assert split_for_zalo("a\n\n\n\nb", limit=2) == ["a", "b"]
    with pytest.raises(ValueError):
        split_for_zalo("abc", limit=1)


# -- errors --------------------------------------------------------------------------------------


async def test_wrong_token_raises_unauthorized_without_leaking(
    server: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with ZaloClient(WRONG_TOKEN, base_url=server.base_url) as zalo:
        with pytest.raises(ZaloUnauthorized) as info:
            await zalo.send_message("chat-1", "hello")
    assert info.value.code == 401
    assert info.value.description == "Unauthorized"
    assert "Zalo sendMessage failed with 401" in str(info.value)
    for text in (full_text(info.value), caplog.text):
        assert WRONG_TOKEN not in text
        assert "wrong-secret-XYZ" not in text
    assert "sendMessage" in caplog.text


async def test_injected_401_is_unauthorized(
    client: ZaloClient, server: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.fail_next("getMe", 401, "Unauthorized")
    with pytest.raises(ZaloUnauthorized) as info:
        await client.get_me()
    assert_no_token(full_text(info.value), caplog.text)


async def test_rate_limited_carries_retry_after(client: ZaloClient, server: FakeZaloServer) -> None:
    server.fail_next("sendMessage", 429, "Too Many Requests", retry_after=3)
    with pytest.raises(ZaloRateLimited) as info:
        await client.send_message("chat-1", "hello")
    assert (info.value.code, info.value.retry_after) == (429, 3.0)
    # The injected failure is used once; the next send goes through.
    await client.send_message("chat-1", "hello")
    assert len(server.sent) == 1


async def test_rate_limited_without_retry_after(client: ZaloClient, server: FakeZaloServer) -> None:
    server.fail_next("sendMessage", 429, "Quota exceeded")
    with pytest.raises(ZaloRateLimited) as info:
        await client.send_message("chat-1", "hello")
    assert info.value.retry_after is None


async def test_forbidden_and_server_error(client: ZaloClient, server: FakeZaloServer) -> None:
    server.fail_next("sendMessage", 403, "Forbidden")
    server.fail_next("sendMessage", 500, "Internal error", times=2)
    with pytest.raises(ZaloForbidden):
        await client.send_message("chat-1", "a")
    for _ in range(2):
        with pytest.raises(ZaloApiError) as info:
            await client.send_message("chat-1", "a")
        assert (info.value.code, info.value.description) == (500, "Internal error")
    assert server.sent == []


async def test_error_code_in_camel_case_with_http_200() -> None:
    async with FakeZaloServer(TOKEN, errors_as_http_200=True, max_poll_wait=0.05) as fake:
        fake.fail_next("sendMessage", 429, "slow down", error_key="errorCode")
        async with ZaloClient(TOKEN, base_url=fake.base_url) as zalo:
            with pytest.raises(ZaloRateLimited):
                await zalo.send_message("chat-1", "a")
            # ok:false with HTTP 200 is still a failure: success is `ok`, not the status.
            with pytest.raises(ZaloApiError) as info:
                await zalo.send_photo("chat-1", "not-a-url")
            assert info.value.code == 400
            assert await zalo.get_updates(timeout=1) is None


async def test_server_side_validation_is_reported(
    client: ZaloClient, server: FakeZaloServer
) -> None:
    with pytest.raises(ZaloApiError) as info:
        await client.set_webhook("http://insecure.example.org/hook", "s" * 16)
    assert info.value.code == 400
    with pytest.raises(ZaloApiError) as info:
        await client.send_photo("chat-1", "ftp://example.org/a.png")
    assert info.value.code == 400


async def test_non_json_error_body_falls_back_to_http_status(
    client: ZaloClient, server: FakeZaloServer
) -> None:
    server.fail_next_raw("sendMessage", 502)
    with pytest.raises(ZaloApiError) as info:
        await client.send_message("chat-1", "hello")
    assert info.value.code == 502
    assert "502" in info.value.description
    assert "<html>" not in str(info.value)


async def test_non_json_429_reads_retry_after_header(
    client: ZaloClient, server: FakeZaloServer
) -> None:
    server.fail_next_raw("getMe", 429, "slow down", headers={"Retry-After": "7"})
    with pytest.raises(ZaloRateLimited) as info:
        await client.get_me()
    assert info.value.retry_after == 7.0


async def test_non_json_success_status_is_an_error(
    client: ZaloClient, server: FakeZaloServer
) -> None:
    server.fail_next_raw("getMe", 200, "<html>captive portal</html>")
    with pytest.raises(ZaloApiError) as info:
        await client.get_me()
    assert "not a JSON envelope" in info.value.description


async def test_transport_error_on_closed_port(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    async with ZaloClient(TOKEN, base_url=closed_port_url(), timeout=5.0) as zalo:
        with pytest.raises(ZaloTransportError) as info:
            await zalo.get_me()
    assert info.value.code == 0
    assert info.value.method == "getMe"
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert_no_token(full_text(info.value), caplog.text)


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:99999", "ftp://127.0.0.1"], ids=["bad-port", "not-http"]
)
async def test_transport_error_text_with_url_is_redacted(
    base_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    # aiohttp puts the whole request URL, token included, into these exceptions' text.
    caplog.set_level(logging.DEBUG)
    async with ZaloClient(TOKEN, base_url=base_url) as zalo:
        with pytest.raises(ZaloTransportError) as info:
            await zalo.get_me()
    assert "/bot***/getMe" in str(info.value)
    assert_no_token(full_text(info.value), caplog.text)


async def test_timeout_is_a_transport_error(server: FakeZaloServer) -> None:
    server.stall_next("getMe")
    async with ZaloClient(TOKEN, base_url=server.base_url, timeout=0.1) as zalo:
        with pytest.raises(ZaloTransportError) as info:
            await zalo.get_me()
    assert "timed out" in str(info.value) or "Timeout" in str(info.value)
    assert_no_token(full_text(info.value))


def test_redact() -> None:
    url = f"https://bot-api.zaloplatforms.com/bot{TOKEN}/sendMessage"
    assert redact(url) == "https://bot-api.zaloplatforms.com/bot***/sendMessage"
    assert redact(f"token {TOKEN} leaked", TOKEN) == "token *** leaked"
    assert redact("1234567890%3Afake-zalo-secret-Token_abc", TOKEN) == "***"
    assert redact("nothing here") == "nothing here"
    error = ZaloApiError(500, f"upstream said {url}", method="sendMessage")
    assert_no_token(str(error), error.description)
    assert isinstance(error, ZaloError)


# -- polling -------------------------------------------------------------------------------------


async def test_get_updates_returns_queued_update(
    client: ZaloClient, server: FakeZaloServer
) -> None:
    server.push_update(text_update("chat-9", "user-9", "/khenthuong 2024", display_name="Chị Lan"))
    update = await client.get_updates(timeout=1)
    assert update is not None
    assert (update.event_name, update.chat_id, update.user_id) == (
        "message.text.received",
        "chat-9",
        "user-9",
    )
    assert (update.text, update.user_name, update.chat_type) == (
        "/khenthuong 2024",
        "Chị Lan",
        "PRIVATE",
    )
    assert server.calls("getUpdates") == [{"timeout": "1"}]  # sent as a string, as documented


async def test_get_updates_returns_none_on_408(client: ZaloClient, server: FakeZaloServer) -> None:
    assert await client.get_updates(timeout=1) is None
    assert server.pending_updates == 0


async def test_get_updates_waits_for_an_update_pushed_during_the_poll() -> None:
    async with (
        FakeZaloServer(TOKEN, max_poll_wait=5.0) as fake,
        ZaloClient(TOKEN, base_url=fake.base_url) as zalo,
    ):
        poll = asyncio.create_task(zalo.get_updates(timeout=5))
        await fake.wait_for_calls("getUpdates", 1)
        fake.push_update(image_update("g-1", "u-1", "https://example.org/p.jpg", "Ảnh"))
        update = await asyncio.wait_for(poll, 2.0)
    assert update is not None
    assert (update.event_name, update.photo_url, update.caption) == (
        "message.image.received",
        "https://example.org/p.jpg",
        "Ảnh",
    )


async def test_get_updates_one_update_per_call(client: ZaloClient, server: FakeZaloServer) -> None:
    server.push_update(text_update("c", "u", "first"))
    server.push_update(text_update("c", "u", "second"))
    first = await client.get_updates(timeout=1)
    second = await client.get_updates(timeout=1)
    assert [first and first.text, second and second.text] == ["first", "second"]
    assert await client.get_updates(timeout=1) is None


async def test_get_updates_tolerates_a_list_result(
    client: ZaloClient, server: FakeZaloServer, caplog: pytest.LogCaptureFixture
) -> None:
    # Documented as one object, but a list must not lose the updates after the first.
    body = {"ok": True, "result": [text_update("c", "u", "one"), {}, text_update("c", "u", "two")]}
    server.fail_next_raw("getUpdates", 200, json.dumps(body), content_type="application/json")
    first = await client.get_updates(timeout=1)
    second = await client.get_updates(timeout=1)
    assert [first and first.text, second and second.text] == ["one", "two"]
    assert len(server.calls("getUpdates")) == 1
    assert "undecodable update" in caplog.text


async def test_ok_missing_is_a_failure(client: ZaloClient, server: FakeZaloServer) -> None:
    server.fail_next_raw("getMe", 200, '{"result": {"id": "1"}}', content_type="application/json")
    with pytest.raises(ZaloApiError, match="without ok:true"):
        await client.get_me()


async def test_wait_for_sent_times_out_with_a_message(server: FakeZaloServer) -> None:
    with pytest.raises(TimeoutError, match="1 sent messages"):
        await server.wait_for_sent(1, timeout=0.01)


# -- webhook -------------------------------------------------------------------------------------


async def test_webhook_set_get_delete(client: ZaloClient, server: FakeZaloServer) -> None:
    assert server.webhook_url == ""
    info = await client.set_webhook("https://bot.example.org/zalo", "s3cret-token-value")
    assert info.url == "https://bot.example.org/zalo"
    assert info.updated_at is not None and info.updated_at.tzinfo is UTC
    assert server.webhook_secret == "s3cret-token-value"
    assert server.webhook_url == "https://bot.example.org/zalo"

    with pytest.raises(ZaloApiError) as failed:
        await client.get_updates(timeout=1)
    assert failed.value.code == 400

    deleted = await client.delete_webhook()
    assert deleted.url == "" and server.webhook_url == ""
    assert await client.get_updates(timeout=1) is None


@pytest.mark.parametrize("secret", ["short", "x" * 257])
async def test_set_webhook_checks_secret_length_locally(
    client: ZaloClient, server: FakeZaloServer, secret: str
) -> None:
    with pytest.raises(ValueError, match="secret_token"):
        await client.set_webhook("https://bot.example.org/zalo", secret)
    assert server.received == []


# -- update decoding -----------------------------------------------------------------------------

BARE = {
    "event_name": "message.text.received",
    "message": {
        "message_id": "2d6f4c1b9a0e4f7c8b3a5d6e7f801234",
        "from": {"id": "6ede9afa66b88fe6d6a9", "display_name": "Nguyễn Văn A", "is_bot": False},
        "chat": {"id": "6ede9afa66b88fe6d6a9", "chat_type": "PRIVATE"},
        "date": 1750316131602,
        "text": "/dangky",
    },
}


def test_parse_bare_update() -> None:
    update = parse_update(BARE)
    assert update == ZaloUpdate(
        event_name="message.text.received",
        message_id="2d6f4c1b9a0e4f7c8b3a5d6e7f801234",
        chat_id="6ede9afa66b88fe6d6a9",
        chat_type="PRIVATE",
        user_id="6ede9afa66b88fe6d6a9",
        user_name="Nguyễn Văn A",
        is_bot=False,
        text="/dangky",
        date=datetime(2025, 6, 19, 6, 55, 31, 602000, tzinfo=UTC),
        photo_url=None,
        raw=BARE,
    )
    assert update.raw == BARE
    assert update.event_name in KNOWN_EVENTS


def test_parse_wrapped_update_and_json_text() -> None:
    wrapped = {"ok": True, "result": BARE}
    assert parse_update(wrapped) == parse_update(BARE)
    assert parse_update(json.dumps(wrapped)) == parse_update(BARE)
    assert parse_update(json.dumps(BARE).encode()) == parse_update(BARE)


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        ({"id": "u", "name": "Trần Thị B"}, "Trần Thị B"),
        ({"id": "u", "first_name": "Lê", "last_name": "Văn C"}, "Lê Văn C"),
        ({"id": "u", "first_name": "Dũng"}, "Dũng"),
        ({"id": "u"}, ""),
    ],
)
def test_parse_name_variants(sender: dict[str, object], expected: str) -> None:
    payload = {
        "event_name": "message.text.received",
        "message": {"from": sender, "chat": {"id": "g", "chat_type": "GROUP"}, "text": "hi"},
    }
    update = parse_update(payload)
    assert update is not None
    assert (update.user_name, update.chat_type) == (expected, "GROUP")


def test_parse_numeric_ids_and_bot_flag() -> None:
    payload = {
        "event_name": "message.text.received",
        "message": {
            "message_id": 123456,
            "from": {"id": 987654321, "display_name": "Bot khác", "is_bot": True},
            "chat": {"id": 55501, "chat_type": "group"},
            "date": 1750316131602,
            "text": "x",
        },
    }
    update = parse_update(payload)
    assert update is not None
    assert (update.message_id, update.user_id, update.chat_id) == ("123456", "987654321", "55501")
    assert (update.is_bot, update.chat_type) == (True, "GROUP")


def test_parse_dates() -> None:
    expected = datetime(2025, 6, 19, 6, 55, 31, tzinfo=UTC)
    assert parse_epoch(1750316131000) == expected
    assert parse_epoch(1750316131) == expected  # clearly seconds
    assert parse_epoch("1750316131000") == expected
    assert parse_epoch(1750316131.0) == expected
    for bad in (None, True, "soon", -5, 0, float("nan"), float("inf"), 10**30, [1]):
        assert parse_epoch(bad) is None
    # A missing date must not cost the message: the receipt time stands in.
    no_date = {
        "event_name": "message.text.received",
        "message": {"chat": {"id": "c", "chat_type": "PRIVATE"}},
    }
    update = parse_update(no_date)
    assert update is not None
    assert update.date.tzinfo is UTC
    assert update.user_id == "c"  # private chat: the chat id is the user's id


def test_parse_photo_variants() -> None:
    for key, value in [
        ("photo", "https://e.org/a.jpg"),
        ("photo_url", "https://e.org/a.jpg"),
        ("photo", {"url": "https://e.org/a.jpg"}),
        ("photo", [{"url": "https://e.org/small.jpg"}, {"url": "https://e.org/a.jpg"}]),
    ]:
        payload = {
            "event_name": "message.image.received",
            "message": {"chat": {"id": "c"}, "from": {"id": "u"}, key: value},
        }
        update = parse_update(payload)
        assert update is not None and update.photo_url == "https://e.org/a.jpg", key


def test_parse_unknown_event_decodes() -> None:
    payload = {
        "event_name": "message.poll.received",
        "message": {"chat": {"id": "c", "chat_type": "PRIVATE"}},
    }
    update = parse_update(payload)
    assert update is not None
    assert update.event_name == "message.poll.received"
    assert update.event_name not in KNOWN_EVENTS
    assert update.text is None


@pytest.mark.parametrize(
    "garbage",
    [
        None,
        42,
        "not json",
        b"\xff\xfe",
        "[1, 2]",
        [],
        {},
        {"ok": False, "error_code": 408, "description": "Request timeout"},
        {"ok": True, "result": None},
        {"ok": True, "result": "text"},
        {"event_name": "message.text.received"},
        {"event_name": 5, "message": {"chat": {"id": "c"}}},
        {"event_name": "message.text.received", "message": "hi"},
        {"event_name": "message.text.received", "message": {"text": "no chat"}},
        {"event_name": "message.text.received", "message": {"chat": {"id": True}}},
        {"event_name": "message.text.received", "message": {"chat": "c", "from": {"id": "u"}}},
        # A group message without a sender cannot be attributed to anyone.
        {
            "event_name": "message.text.received",
            "message": {"chat": {"id": "g", "chat_type": "GROUP"}},
        },
        "[" * 100_000,
    ],
)
def test_parse_garbage_returns_none(garbage: object) -> None:
    assert parse_update(garbage) is None


@pytest.mark.parametrize("kind", [None, "", "COMMUNITY", 5, "private ", "PRIVATE"])
def test_only_a_plainly_private_chat_is_private(kind: object) -> None:
    # A private chat gives its user rights over that chat: an unknown type fails closed.
    chat: dict[str, object] = {"id": "c"} if kind is None else {"id": "c", "chat_type": kind}
    message = {"from": {"id": "u"}, "chat": chat, "text": "hi"}
    update = parse_update({"event_name": "message.text.received", "message": message})
    assert update is not None
    private = isinstance(kind, str) and kind.strip().upper() == "PRIVATE"
    assert update.chat_type == ("PRIVATE" if private else "GROUP")
