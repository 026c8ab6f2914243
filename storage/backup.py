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
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Date, DateTime, Integer, LargeBinary, Table, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.types import TypeEngine

from storage import file_errors, migrate
from storage.models import Base
from storage.types import DecimalText

FORMAT = "thidua-backup"
VERSION = 1
BATCH = 1000
# Bookkeeping rows the migrations create themselves (the reply cache's version counter): they are
# neither dumped nor counted when deciding whether a database is empty.
DERIVED_TABLES = frozenset({"data_version"})


class BackupError(Exception):
    """A backup or restore refused; the message is one Vietnamese sentence for the operator."""


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


def data_tables() -> list[Table]:
    """Every table holding data, parents before children."""
    return [t for t in Base.metadata.sorted_tables if t.name not in DERIVED_TABLES]


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


def _decoder(column: Column[Any]) -> Any:
    """How to turn a JSON value back into what the column's type expects."""
    kind: TypeEngine[Any] = column.type
    if isinstance(kind, DecimalText):
        return Decimal
    impl = getattr(kind, "impl", kind)
    if isinstance(kind, DateTime) or isinstance(impl, DateTime):
        return dt.datetime.fromisoformat
    if isinstance(kind, Date):
        return dt.date.fromisoformat
    if isinstance(kind, LargeBinary):
        return base64.b64decode
    return None


# ---------------------------------------------------------------------------- files


def _open_write(path: Path, shown: Path) -> IO[str]:
    try:
        # Returned open: the caller closes it (and removes it when the backup fails).
        raw = gzip.open(path, "wb")  # noqa: SIM115
    except OSError as exc:
        raise BackupError(f"Không ghi được tệp {shown}: {file_errors.reason(exc)}.") from exc
    return io.TextIOWrapper(raw, encoding="utf-8", newline="\n")


def _open_read(path: Path) -> IO[str]:
    """Read gzip'd or plain JSON lines (a backup unpacked by hand still restores)."""
    try:
        with path.open("rb") as probe:
            magic = probe.read(2)
    except OSError as exc:
        raise BackupError(f"Không đọc được tệp {path}: {file_errors.reason(exc)}.") from exc
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return path.open(encoding="utf-8")


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
            raise BackupError(
                "Cơ sở dữ liệu chưa có lược đồ (chưa chạy `thidua migrate`), "
                "không có gì để sao lưu."
            )
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


@dataclass
class _Section:
    table: Table
    count: int
    rows: Iterator[dict[str, Any]]
    """Must be read to the end before the next section."""


def _read_header(lines: Iterator[str], path: Path) -> dict[str, Any]:
    not_ours = f"Tệp {path} không phải bản sao lưu của Thi Đua Bot."
    try:
        header = json.loads(next(lines))
    except (StopIteration, ValueError, EOFError, OSError) as exc:
        raise BackupError(not_ours) from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(not_ours)
    if header.get("version") != VERSION:
        raise BackupError(
            f"Tệp {path} theo định dạng sao lưu phiên bản {header.get('version')}, "
            f"bản này chỉ đọc được phiên bản {VERSION}."
        )
    if not header.get("revision"):
        raise BackupError(not_ours)
    return header


def _rows(lines: Iterator[str], table: Table, count: int, cut: str) -> Iterator[dict[str, Any]]:
    columns = list(table.columns)
    decoders = [_decoder(c) for c in columns]
    for _ in range(count):
        try:
            values = json.loads(next(lines))
            row = {
                column.key: decode(value) if value is not None and decode is not None else value
                for column, decode, value in zip(columns, decoders, values, strict=True)
            }
        except (StopIteration, ValueError, TypeError, EOFError, OSError) as exc:
            raise BackupError(cut) from exc
        yield row


def _read_sections(lines: Iterator[str], path: Path) -> Iterator[_Section]:
    """Each table of the file with its rows; checks names, columns and the end marker."""
    tables = {t.name: t for t in data_tables()}
    seen: set[str] = set()
    cut = f"Tệp {path} bị hỏng hoặc bị cắt cụt, không khôi phục gì cả."
    try:
        for raw in lines:
            item = json.loads(raw)
            if isinstance(item, dict) and item.get("end") is True:
                missing = sorted(set(tables) - seen)
                if missing:
                    raise BackupError(f"Tệp {path} thiếu bảng {', '.join(missing)}.")
                return
            if not isinstance(item, dict) or "table" not in item:
                raise BackupError(cut)
            name = str(item["table"])
            table = tables.get(name)
            if table is None:
                raise BackupError(f"Tệp {path} có bảng {name} mà lược đồ hiện tại không có.")
            if list(item["columns"]) != [c.name for c in table.columns]:
                raise BackupError(
                    f"Các cột của bảng {name} trong tệp {path} khác với lược đồ hiện tại."
                )
            seen.add(name)
            count = int(item["rows"])
            yield _Section(table, count, _rows(lines, table, count, cut))
    except (StopIteration, ValueError, TypeError, KeyError, EOFError, OSError) as exc:
        raise BackupError(cut) from exc
    raise BackupError(cut)


def _batches(section: _Section) -> Iterator[list[dict[str, Any]]]:
    """Rows in insert batches; a self-referencing table is ordered parents first as a whole."""
    if any(fk.column.table is section.table for fk in section.table.foreign_keys):
        rows = _parents_first(section.table, list(section.rows))
        for start in range(0, len(rows), BATCH):
            yield rows[start : start + BATCH]
        return
    batch: list[dict[str, Any]] = []
    for row in section.rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of a self-referencing table (units.parent_id) with each parent before its children."""
    links = [
        (fk.parent.key, fk.column.key) for fk in table.foreign_keys if fk.column.table is table
    ]
    if not links:
        return rows
    ordered: list[dict[str, Any]] = []
    placed: dict[str, set[object]] = defaultdict(set)
    pending = rows
    while pending:
        later = []
        for row in pending:
            if all(row[child] is None or row[child] in placed[parent] for child, parent in links):
                ordered.append(row)
                for _, parent in links:
                    placed[parent].add(row[parent])
            else:
                later.append(row)
        if len(later) == len(pending):
            # A reference to a missing row: let the database's foreign key name it.
            ordered.extend(later)
            break
        pending = later
    return ordered


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
    with _open_read(path) as source:
        lines = iter(source)
        header = _read_header(lines, path)
        revision = str(header.get("revision"))
        async with engine.connect() as conn:
            current = await current_revision(conn)
        if current is None:
            await migrate.upgrade(engine, revision)
        elif current != revision:
            raise BackupError(
                f"Bản sao lưu ở phiên bản lược đồ {revision}, cơ sở dữ liệu đích ở {current}: "
                f"hãy khôi phục vào một cơ sở dữ liệu trống hoặc hạ nó về đúng phiên bản bằng "
                f"`thidua migrate --down --revision {revision}`."
            )
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
                    raise BackupError(
                        f"Cơ sở dữ liệu đích đã có dữ liệu (bảng {name} có {count} dòng): chỉ "
                        f"khôi phục vào một cơ sở dữ liệu trống, chưa chạy `thidua seed`."
                    )
                for section in _read_sections(lines, path):
                    for batch in _batches(section):
                        await conn.execute(section.table.insert(), batch)
                    report.tables[section.table.name] = section.count
                if conn.dialect.name == "postgresql":
                    await _reset_sequences(conn)
            except BaseException:
                await conn.rollback()
                raise
            await conn.commit()
    return report


def describe_backup(report: BackupReport) -> str:
    """One Vietnamese line for the operator after a backup."""
    return (
        f"Đã sao lưu {report.rows} dòng của {len(report.tables)} bảng "
        f"(lược đồ {report.revision}) vào {report.path}."
    )


def describe_restore(report: BackupReport) -> str:
    """One Vietnamese line for the operator after a restore."""
    return (
        f"Đã khôi phục {report.rows} dòng của {len(report.tables)} bảng "
        f"(lược đồ {report.revision}) từ {report.path}."
    )
