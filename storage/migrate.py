"""Run Alembic migrations programmatically on an async engine."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine


def alembic_config() -> Config:
    """Alembic config pointing at the packaged migrations, no alembic.ini needed."""
    config = Config()
    config.set_main_option("script_location", "storage:migrations")
    return config


async def upgrade(engine: AsyncEngine, revision: str = "head") -> list[str]:
    """Bring the database to `revision` (default: newest); the notes migrations left for users."""
    async with engine.begin() as conn:
        return await conn.run_sync(_command, "upgrade", revision)


async def downgrade(engine: AsyncEngine, revision: str = "base") -> None:
    """Take the database down to `revision` (default: empty)."""
    async with engine.begin() as conn:
        await conn.run_sync(_command, "downgrade", revision)


async def is_current(engine: AsyncEngine) -> bool:
    """Whether the database is at the newest revision."""
    async with engine.connect() as conn:
        current = await conn.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_revision()
        )
    return current == ScriptDirectory.from_config(alembic_config()).get_current_head()


def _command(connection: Connection, action: str, revision: str) -> list[str]:
    config = alembic_config()
    config.attributes["connection"] = connection
    # A migration that changes what users can do says so in "notes" (e.g. 0007's grants).
    notes: list[str] = config.attributes.setdefault("notes", [])
    getattr(command, action)(config, revision)
    return notes
