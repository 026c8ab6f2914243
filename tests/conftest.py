"""Shared fixtures: seeded databases on SQLite and PostgreSQL, the app, a fake clock, seed files."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from bot.app import App, build_app
from bot.settings import load_settings
from storage.seed_schema import SeedFile
from tests import databases
from tests.clock import FakeClock, vn_time
from tests.seed_harness import SEED_FILES, load_seed

BACKENDS = ["sqlite", "postgresql"]


T = TypeVar("T")


@pytest.fixture(autouse=True, scope="session")
def ptb_timedelta() -> Iterator[None]:
    """PTB_TIMEDELTA=true for the run: reading RetryAfter.retry_after warns otherwise."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PTB_TIMEDELTA", "true")
        yield


def _run_apart(coro: Coroutine[Any, Any, T]) -> T:
    # Session fixtures may be set up while a test's event loop runs: use a loop of their own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per run."""
    return _run_apart(databases.build_sqlite_template(tmp_path_factory.mktemp("template")))


@pytest.fixture(scope="session")
def pg_template() -> Iterator[bool]:
    """Built once per run when PostgreSQL is configured, dropped at the end."""
    if databases.pg_url() is None:
        yield False
        return
    _run_apart(databases.build_pg_template())
    try:
        yield True
    finally:
        _run_apart(databases.drop_pg_template())


@pytest.fixture(params=BACKENDS)
async def db_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path, pg_template: bool
) -> AsyncIterator[str]:
    """A fresh database holding the seeded article data, on each backend."""
    if request.param == "sqlite":
        yield databases.sqlite_copy(sqlite_template, tmp_path)
        return
    if not pg_template:
        pytest.skip(f"PostgreSQL not configured ({databases.PG_ENV} unset)")
    url = await databases.pg_copy()
    try:
        yield url
    finally:
        await databases.pg_drop(url)


@pytest.fixture(params=BACKENDS)
async def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database with no schema, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
        return
    if databases.pg_url() is None:
        pytest.skip(f"PostgreSQL not configured ({databases.PG_ENV} unset)")
    url = await databases.pg_copy(empty=True)
    try:
        yield url
    finally:
        await databases.pg_drop(url)


@pytest.fixture
def clock() -> FakeClock:
    """27/11/2026 08:00 in Vietnam unless a test moves it."""
    return FakeClock(vn_time(2026, 11, 27))


@pytest.fixture
async def app(db_url: str, clock: FakeClock) -> AsyncIterator[App]:
    """The assembled app on a fresh seeded database, with the fake clock and one admin id."""
    application = build_app(
        load_settings(
            database_url=db_url, bot_admin_ids="telegram:9001,zalo:9001", telegram_bot_token=None
        ),
        clock=clock,
    )
    try:
        yield application
    finally:
        await application.close()


@pytest.fixture(scope="module")
def seeds() -> list[SeedFile]:
    """The YAML seed files, parsed and validated: no database needed."""
    return [load_seed(path) for path in SEED_FILES]
