"""Fresh, migrated and seeded databases for tests, copied from a per-run template."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.app import build_app, seed
from bot.settings import load_settings
from storage import migrate
from storage.db import create_engine

PG_ENV = "TEST_DATABASE_URL"
# Per process, so several test runs against one server (developers, CI) never share a template.
TEMPLATE = f"thidua_tpl_{os.getpid()}"


def pg_url() -> str | None:
    """The PostgreSQL server tests may use, if any."""
    return os.environ.get(PG_ENV) or None


async def build_sqlite_template(folder: Path) -> Path:
    """A migrated, seeded SQLite file to copy for each test."""
    path = folder / "template.db"
    url = f"sqlite+aiosqlite:///{path}"
    app = build_app(load_settings(database_url=url))
    try:
        await migrate.upgrade(app.engine)
        await seed(app)
    finally:
        await app.close()
    return path


def sqlite_copy(template: Path, folder: Path) -> str:
    """A new SQLite database copied from the template."""
    path = folder / f"t-{uuid.uuid4().hex[:8]}.db"
    shutil.copy(template, path)
    return f"sqlite+aiosqlite:///{path}"


async def _admin(sql: str) -> None:
    base = pg_url()
    assert base is not None
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text(sql))
    finally:
        await engine.dispose()


def _with_db(name: str) -> str:
    base = pg_url()
    assert base is not None
    return make_url(base).set(database=name).render_as_string(hide_password=False)


async def build_pg_template() -> None:
    """A migrated, seeded PostgreSQL database used as TEMPLATE for each test's database."""
    await _admin(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
    await _admin(f"CREATE DATABASE {TEMPLATE}")
    app = build_app(load_settings(database_url=_with_db(TEMPLATE)))
    try:
        await migrate.upgrade(app.engine)
        await seed(app)
    finally:
        await app.close()


async def drop_pg_template() -> None:
    """Drop this run's template database."""
    await _admin(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")


async def pg_copy(*, empty: bool = False) -> str:
    """A new PostgreSQL database: a copy of the template, or empty."""
    name = f"thidua_t_{uuid.uuid4().hex[:10]}"
    await _admin(f"CREATE DATABASE {name}" + ("" if empty else f" TEMPLATE {TEMPLATE}"))
    return _with_db(name)


async def pg_drop(url: str) -> None:
    """Drop a test database."""
    name = make_url(url).database
    await _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
