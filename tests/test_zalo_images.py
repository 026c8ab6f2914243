"""Charts on Zalo: a photo by URL to the bot's own server when public, else the caption as text."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.app import App
from bot.http import HttpServer
from bot.reports.images import ImageStore
from bot.zalo.adapter import ZaloTransport
from tests.clock import FakeClock
from tests.fakes.zalo_server import FakeZaloServer, text_update
from tests.zalo_harness import WEBHOOK_BASE, ZaloHarness, running_zalo, zalo_app

PRIVATE = "8f3a9c2d1e"


@pytest.fixture
async def fake() -> AsyncIterator[FakeZaloServer]:
    """The fake Zalo Bot API."""
    async with FakeZaloServer(max_poll_wait=0.05) as server:
        yield server


async def test_chart_goes_as_a_photo_link_served_by_the_bot(
    app: App, fake: FakeZaloServer, clock: FakeClock
) -> None:
    http = HttpServer("127.0.0.1", 0)
    images = ImageStore()
    images.mount(http)
    harness = ZaloHarness(fake=fake, app=app, clock=clock, http=http)
    harness.transport = ZaloTransport(
        zalo_app(app, fake, webhook=True),
        http=http,
        sleep=clock.sleep,
        on_handled=harness.mark_handled,
        images=images,
    )
    await http.start()
    try:
        await harness.bot.start()
        try:
            await harness.send(text_update(PRIVATE, PRIVATE, "/bieudo khenthuong 2022"))
        finally:
            await harness.bot.stop()
        [photo] = fake.photos
        url = str(photo["photo"])
        assert url.startswith(f"{WEBHOOK_BASE}/charts/") and url.endswith(".png")
        assert "Khen thưởng năm 2022" in str(photo["caption"])
        # The same path on the bot's own server answers with the PNG.
        local = url.replace(WEBHOOK_BASE, f"http://127.0.0.1:{http.port}")
        async with aiohttp.ClientSession() as session, session.get(local) as response:
            assert response.status == 200
            assert (await response.read())[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        await http.stop()


async def test_without_a_public_url_the_caption_goes_as_text(
    app: App, fake: FakeZaloServer, clock: FakeClock
) -> None:
    async with running_zalo(app, fake, clock) as zalo:
        [text] = await zalo.say(PRIVATE, PRIVATE, "/bieudo khenthuong 2022")
    assert fake.photos == []
    assert "Khen thưởng năm 2022" in text
