"""Tests for the Zalo client's errors: API refusals, proxy pages, transport failures, redaction."""

from __future__ import annotations

import logging
import socket
import traceback
from collections.abc import AsyncIterator

import pytest

from bot.zalo.client import ZaloClient
from bot.zalo.errors import (
    ZaloApiError,
    ZaloError,
    ZaloForbidden,
    ZaloRateLimited,
    ZaloTransportError,
    ZaloUnauthorized,
    redact,
)
from tests.fakes.zalo_server import FakeZaloServer
from tests.zalo_harness import TOKEN

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
