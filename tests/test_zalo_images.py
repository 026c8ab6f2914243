"""Charts on Zalo without a public address: the caption goes as text (photos: test_composition)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import App
from tests.clock import FakeClock
from tests.fakes.zalo_server import FakeZaloServer
from tests.zalo_harness import running_zalo

PRIVATE = "8f3a9c2d1e"


@pytest.fixture
async def fake() -> AsyncIterator[FakeZaloServer]:
    """The fake Zalo Bot API."""
    async with FakeZaloServer(max_poll_wait=0.05) as server:
        yield server


async def test_without_a_public_url_the_caption_goes_as_text(
    app: App, fake: FakeZaloServer, clock: FakeClock
) -> None:
    async with running_zalo(app, fake, clock) as zalo:
        [text] = await zalo.say(PRIVATE, PRIVATE, "/bieudo khenthuong 2022")
    assert fake.photos == []
    assert "Khen thưởng năm 2022" in text
