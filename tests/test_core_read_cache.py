"""Cached read replies: fresh after writes from any process, per day, and worked out once."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from sqlalchemy import select

from bot.app import App
from bot.core.context import Context
from bot.core.messages import Incoming, Reply
from bot.core.registry import Command
from bot.core.router import CommandCore
from storage.models import Unit
from storage.queries.version import versions
from tests.chat import ask, ask_reply
from tests.clock import FakeClock, vn_time


async def test_cached_replies_follow_writes_from_any_process(app: App, clock: FakeClock) -> None:
    from bot.app import build_app
    from bot.settings import load_settings

    first = await ask_reply(app, "/khenthuong 2022")
    assert await ask_reply(app, "/khenthuong 2022") is first  # served from the cache
    # Another bot process on the same database writes: this process must not serve stale data.
    other = build_app(load_settings(database_url=str(app.settings.database_url)))
    try:
        await ask(other, "/themkhenthuong 2022 LDTT cá nhân 6 cong")
    finally:
        await other.close()
    # Within a second this process may still answer from its cache; after it, never.
    clock.advance(1)
    assert "• Lao động tiên tiến cấp Quận: 2.060 cá nhân" in await ask(app, "/khenthuong 2022")


async def test_units_added_by_another_process_are_known_within_a_second(
    app: App, clock: FakeClock
) -> None:
    from bot.app import build_app
    from bot.settings import load_settings

    assert "Không có đơn vị mã 'P-MOI'" in await ask(app, "/tiendo P-MOI")  # tree now cached
    other = build_app(load_settings(database_url=str(app.settings.database_url)))
    try:
        async with other.sessions() as session, session.begin():
            district = (await session.scalars(select(Unit).where(Unit.code == "HM"))).one()
            session.add(
                Unit(code="P-MOI", name="Phường Mới", kind="commune", parent_id=district.id)
            )
    finally:
        await other.close()
    clock.advance(1)
    assert (await ask(app, "/tiendo P-MOI")).startswith("Tiến độ — Phường Mới")
    assert "P-MOI — Phường Mới (xã/phường)" in await ask(app, "/donvi")


async def test_only_units_and_chats_move_the_directory_version(app: App) -> None:
    async with app.sessions() as session:
        before = await versions(session)
    await ask(app, "/themkhenthuong 2022 LDTT cá nhân 6 cong")
    async with app.sessions() as session:
        after_award = await versions(session)
    await ask(app, "/caidat donvi P-DAIKIM")
    async with app.sessions() as session:
        after_link = await versions(session)
    assert after_award.data > before.data and after_award.directory == before.directory
    assert after_link.directory > after_award.directory


async def test_own_writes_show_at_once(app: App) -> None:
    assert "• Lao động tiên tiến cấp Quận: 2.054 cá nhân" in await ask(app, "/khenthuong 2022")
    await ask(app, "/themkhenthuong 2022 LDTT cá nhân 6 cong")
    assert "• Lao động tiên tiến cấp Quận: 2.060 cá nhân" in await ask(app, "/khenthuong 2022")


async def test_cache_is_per_day(app: App, clock: FakeClock) -> None:
    before = await ask(app, "/sukien 30")
    clock.set(vn_time(2026, 11, 28))
    after = await ask(app, "/sukien 30")
    assert "còn 25 ngày" in before
    assert "còn 24 ngày" in after


def _gated_core(app: App, gate: asyncio.Event, calls: list[str]) -> CommandCore:
    """A core with one cacheable command that waits for `gate`; its first answer fails."""

    async def slow(ctx: Context) -> Reply:
        calls.append(ctx.msg.user_id)
        await gate.wait()
        if ctx.args == ["hỏng"] and len(calls) == 1:
            raise RuntimeError("the first answer fails")
        return Reply(f"Trả lời {len(calls)}")

    command = Command("cham", (), "/cham", "Lệnh thử.", "/cham", slow, cacheable=True)
    return CommandCore(app.sessions, commands=[command], clock=app.clock)


async def _until(condition: Callable[[], bool]) -> None:
    """Wait for tasks on the loop to reach a state (bounded, so a regression fails, not hangs)."""
    async with asyncio.timeout(10):
        # Polling: the state is the core's own counter, which has no event to wait on.
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.001)


def _asking(core: CommandCore, text: str, user: int) -> Incoming:
    return Incoming(platform="console", chat_id=f"g{user}", user_id=str(user), text=text)


async def test_the_same_question_at_once_is_answered_once(app: App) -> None:
    gate, calls = asyncio.Event(), list[str]()
    core = _gated_core(app, gate, calls)
    asks = [asyncio.create_task(core.handle(_asking(core, "/cham", n))) for n in range(5)]
    await _until(lambda: core.cache.flights.waiting() == 4)
    assert len(calls) == 1, "the other four wait for the first answer"
    gate.set()
    replies = await asyncio.gather(*asks)
    assert {r.text if r else None for r in replies} == {"Trả lời 1"}
    assert len(calls) == 1


async def test_when_the_shared_answer_fails_the_others_answer_themselves(app: App) -> None:
    gate, calls = asyncio.Event(), list[str]()
    core = _gated_core(app, gate, calls)
    first = asyncio.create_task(core.handle(_asking(core, "/cham hỏng", 1)))
    await _until(lambda: len(calls) == 1)
    second = asyncio.create_task(core.handle(_asking(core, "/cham hỏng", 2)))
    await _until(lambda: core.cache.flights.waiting() == 1)
    gate.set()
    with pytest.raises(RuntimeError):
        await first
    reply = await second
    assert reply is not None and reply.text == "Trả lời 2"
