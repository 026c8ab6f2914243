"""The read-through cache: LRU replies, versions, and the tables its correctness rests on."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import event, text

from bot.app import App
from bot.core.cache import ReplyCache
from bot.core.commands import all_commands
from bot.core.messages import Incoming, Reply
from storage.models import Base
from tests.chat import ask
from tests.clock import FakeClock, vn_time

TRIGGER = re.compile(r"bump_(?:version|directory)_(\w+?)(?:_(?:insert|update|delete))?$")


def test_the_reply_cache_keeps_the_most_recently_used() -> None:
    cache = ReplyCache(size=2)
    cache.put("a", Reply("A"))
    cache.put("b", Reply("B"))
    assert cache.get("a") == Reply("A")
    cache.put("c", Reply("C"))
    assert cache.get("b") is None, "b was the least recently used"
    assert (cache.get("a"), cache.get("c")) == (Reply("A"), Reply("C"))


async def test_another_process_write_shows_after_the_version_ttl(
    app: App, clock: FakeClock
) -> None:
    first = await ask(app, "/khenthuong 2022")
    async with app.sessions() as session, session.begin():
        # As another process would: straight into the database, past this core.
        await session.execute(
            text("UPDATE award_forms SET name = 'Giấy khen đổi tên' WHERE code = 'GK-UBNDQ'")
        )
    assert await ask(app, "/khenthuong 2022") == first, "within the TTL the version is trusted"
    clock.set(vn_time(2026, 11, 27, 8) + dt.timedelta(seconds=2))
    assert "Giấy khen đổi tên" in await ask(app, "/khenthuong 2022")


async def _watched_tables(app: App) -> set[str]:
    """Tables whose writes bump a version, read from the database's own triggers."""
    async with app.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        names = (await conn.execute(text(sql))).scalars().all()
    return {m[1] for name in names if (m := TRIGGER.match(name))}


async def test_every_table_a_cached_command_reads_is_watched(app: App) -> None:
    tables = set(Base.metadata.tables) - {"data_version"}
    read: dict[str, set[str]] = {}
    current: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not current:
            return
        words = set(re.findall(r"[a-z_]+", statement.lower()))
        read.setdefault(current[0], set()).update(words & tables)

    event.listen(app.engine.sync_engine, "before_cursor_execute", record)
    try:
        for command in (c for c in all_commands() if c.cacheable or c.reads_without_args):
            bare = f"/{command.name}"
            lines = {bare, command.example} if command.cacheable else {bare}
            for line in lines:
                current[:] = [line]
                await app.core.handle(
                    Incoming(platform="telegram", chat_id="-1", user_id="1", text=line)
                )
    finally:
        event.remove(app.engine.sync_engine, "before_cursor_execute", record)
    watched = await _watched_tables(app)
    assert watched, "the triggers were found"
    unwatched = {line: sorted(found - watched) for line, found in read.items() if found - watched}
    assert unwatched == {}, "a cached command reads a table whose writes no trigger reports"
