"""Portable backups: all tables as gzip'd JSON lines, restorable into an empty SQLite or PostgreSQL.

File layout, one JSON value per line:
  {"format": "thidua-backup", "version": 1, "revision": ..., "created_at": ..., "dialect": ...}
  {"table": NAME, "columns": [...], "rows": N}  followed by N arrays of values, per table
  {"end": true, "tables": {NAME: N, ...}}        (a file without it was cut short)
Values are portable: dates and datetimes in ISO 8601 (datetimes with their UTC offset), decimals as
strings, booleans as JSON booleans, JSON columns as JSON.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import io
import json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Integer, func, select, text
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage import file_errors, migrate
from storage.backup_read import (
    DERIVED_TABLES,
    FORMAT,
    VERSION,
    BackupError,
    batches,
    check_nothing_after,
    checked_lines,
    data_tables,
    open_read,
    read_header,
    read_sections,
)
from storage.texts import backup as texts
from storage.texts.tables import table_label

__all__ = [
    "DERIVED_TABLES",
    "BackupError",
    "BackupReport",
    "backup",
    "data_tables",
    "describe_backup",
    "describe_restore",
    "restore",
]


@dataclass
class BackupReport:
    """What a backup wrote or a restore loaded."""

    path: Path
    revision: str | None
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """Rows over all tables."""
        return sum(self.tables.values())


# ---------------------------------------------------------------------------- values


def _encode(value: object) -> object:
    """A column value as a JSON value that means the same on any database."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime in the database: {value!r}")
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        # Files attached to dossiers: base64 keeps the line plain JSON.
        return base64.b64encode(value).decode("ascii")
    return value


# ---------------------------------------------------------------------------- files


def _open_write(path: Path, shown: Path) -> IO[str]:
    try:
        # Returned open: the caller closes it (and removes it when the backup fails).
        raw = gzip.open(path, "wb")  # noqa: SIM115
    except OSError as exc:
        raise BackupError(texts.cannot_write(shown, file_errors.reason(exc))) from exc
    return io.TextIOWrapper(raw, encoding="utf-8", newline="\n")


def _line(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


# ---------------------------------------------------------------------------- backup


async def current_revision(conn: AsyncConnection) -> str | None:
    """The Alembic revision the database is at, None when it has no schema."""
    return await conn.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())


async def _snapshot(conn: AsyncConnection) -> None:
    """Read every table in one transaction so children never point at rows read too early."""
    if conn.dialect.name == "sqlite":
        # pysqlite opens no transaction for SELECTs; without one each table would be read at a
        # different moment while the bot keeps writing.
        await conn.exec_driver_sql("BEGIN")
    else:
        await conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))


async def backup(engine: AsyncEngine, path: Path) -> BackupReport:
    """Write every table to `path` (gzip'd JSON lines); the file appears only when complete."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    async with engine.connect() as conn:
        await _snapshot(conn)
        revision = await current_revision(conn)
        if revision is None:
            raise BackupError(texts.NO_SCHEMA)
        report = BackupReport(path=path, revision=revision)
        out = _open_write(partial, path)
        try:
            out.write(
                _line(
                    {
                        "format": FORMAT,
                        "version": VERSION,
                        "revision": revision,
                        "dialect": conn.dialect.name,
                        "created_at": dt.datetime.now(dt.UTC).isoformat(),
                    }
                )
            )
            for table in data_tables():
                count = await conn.scalar(select(func.count()).select_from(table)) or 0
                columns = list(table.columns)
                out.write(
                    _line(
                        {"table": table.name, "columns": [c.name for c in columns], "rows": count}
                    )
                )
                written = 0
                order = list(table.primary_key.columns) or columns
                result = await conn.stream(select(*columns).order_by(*order))
                async for row in result:
                    out.write(_line([_encode(value) for value in row]))
                    written += 1
                if written != count:
                    raise RuntimeError(f"{table.name}: counted {count} rows, read {written}")
                report.tables[table.name] = written
            out.write(_line({"end": True, "tables": report.tables}))
            out.close()
        except BaseException:
            out.close()
            partial.unlink(missing_ok=True)
            raise
        await conn.rollback()
    os.replace(partial, path)
    return report


# ---------------------------------------------------------------------------- restore


async def _non_empty(conn: AsyncConnection) -> tuple[str, int] | None:
    for table in data_tables():
        count = await conn.scalar(select(func.count()).select_from(table)) or 0
        if count:
            return table.name, int(count)
    return None


async def _reset_sequences(conn: AsyncConnection) -> None:
    """PostgreSQL: move each serial's sequence past the restored ids so new rows do not collide."""
    for table in data_tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        key = keys[0]
        sequence = await conn.scalar(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": key.name},
        )
        if sequence is None:
            continue
        top = await conn.scalar(select(func.max(key)))
        await conn.execute(
            text("SELECT setval(:sequence, :value, :called)"),
            {"sequence": sequence, "value": top or 1, "called": top is not None},
        )


async def restore(engine: AsyncEngine, path: Path) -> BackupReport:
    """Load a backup into an empty database in one transaction; refuse any other target.

    A database without a schema is first migrated to the backup's revision; run `thidua migrate`
    afterwards when the backup comes from an older version of the bot.
    """
    path = Path(path)
    with open_read(path) as source:
        lines = checked_lines(source, path)
        header = read_header(lines, path)
        revision = str(header.get("revision"))
        async with engine.connect() as conn:
            current = await current_revision(conn)
        if current is None:
            await migrate.upgrade(engine, revision)
        elif current != revision:
            raise BackupError(texts.other_revision(revision, current))
        report = BackupReport(path=path, revision=revision)
        async with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                # Take the write lock before checking emptiness, so nothing slips in between.
                await conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                await conn.begin()
                names = ", ".join(t.name for t in data_tables())
                await conn.execute(text(f"LOCK TABLE {names} IN EXCLUSIVE MODE"))
            try:
                taken = await _non_empty(conn)
                if taken is not None:
                    name, count = taken
                    raise BackupError(texts.target_not_empty(table_label(name), count))
                for section in read_sections(lines, path):
                    try:
                        for batch in batches(section):
                            await conn.execute(section.table.insert(), batch)
                    except (IntegrityError, DataError) as exc:
                        # The raw error quotes row data: it is the cause, logged at DEBUG only.
                        label = table_label(section.table.name)
                        raise BackupError(texts.rows_disagree(path, label)) from exc
                    report.tables[section.table.name] = section.count
                check_nothing_after(lines, path)
                if conn.dialect.name == "postgresql":
                    await _reset_sequences(conn)
            except BaseException:
                await conn.rollback()
                raise
            await conn.commit()
    return report


def describe_backup(report: BackupReport) -> str:
    """One Vietnamese line for the operator after a backup."""
    return texts.backed_up(report.rows, len(report.tables), report.revision, report.path)


def describe_restore(report: BackupReport) -> str:
    """One Vietnamese line for the operator after a restore."""
    return texts.restored(report.rows, len(report.tables), report.revision, report.path)
