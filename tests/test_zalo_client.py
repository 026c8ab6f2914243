"""Tests for the Zalo Bot API client's calls, text splitting, polling and webhook calls."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator
from datetime import UTC

import pytest

from bot.zalo.client import SentMessage, ZaloClient, split_for_zalo, utf16_len
from bot.zalo.errors import ZaloApiError
from tests.fakes.zalo_server import FakeZaloServer, image_update, text_update
from tests.zalo_harness import TOKEN


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
