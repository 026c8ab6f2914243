"""Reading a backup file: its format, the refusal, and the checked rows of each table.

Every way a file can be damaged (flipped bytes, a cut, text that is not UTF-8 or not JSON) ends
in one BackupError sentence; the raw error is kept as its cause for the DEBUG log.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import io
import json
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Column, Date, DateTime, LargeBinary, Table
from sqlalchemy.types import TypeEngine

from storage import file_errors
from storage.models import Base
from storage.texts import backup as texts
from storage.texts.tables import table_label
from storage.types import DecimalText

FORMAT = "thidua-backup"
VERSION = 1
BATCH = 1000
# Bookkeeping rows the migrations create themselves (the reply cache's version counter): they are
# neither dumped nor counted when deciding whether a database is empty.
DERIVED_TABLES = frozenset({"data_version"})
DAMAGE = (zlib.error, EOFError, OSError, UnicodeDecodeError)
"""What reading a damaged gzip stream raises: bad deflate data, a cut, a CRC mismatch, not text."""


class BackupError(Exception):
    """A backup or restore refused; the message is one Vietnamese sentence for the operator."""


def data_tables() -> list[Table]:
    """Every table holding data, parents before children."""
    return [t for t in Base.metadata.sorted_tables if t.name not in DERIVED_TABLES]


def decoder(column: Column[Any]) -> Any:
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
        # Files attached to dossiers are written as base64 text.
        return base64.b64decode
    return None


def open_read(path: Path) -> IO[str]:
    """Read gzip'd or plain JSON lines (a backup unpacked by hand still restores)."""
    try:
        with path.open("rb") as probe:
            magic = probe.read(2)
    except OSError as exc:
        raise BackupError(texts.cannot_read(path, file_errors.reason(exc))) from exc
    if magic == b"\x1f\x8b":
        _verify_gzip(path)
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return path.open(encoding="utf-8")


def _verify_gzip(path: Path) -> None:
    """Read the whole stream once so its CRC is checked before any line is believed.

    A flipped byte can turn a header line into another plausible one ("the columns differ");
    checking first makes every damaged file say it is damaged.
    """
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except DAMAGE as exc:
        raise BackupError(texts.damaged(path)) from exc


def checked_lines(source: IO[str], path: Path) -> Iterator[str]:
    """The file's lines; damage found while reading becomes one BackupError."""
    lines = iter(source)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except DAMAGE as exc:
            raise BackupError(texts.damaged(path)) from exc
        yield line


def check_nothing_after(lines: Iterator[str], path: Path) -> None:
    """Read past the end marker: gzip checks its CRC only at the end of the stream."""
    for extra in lines:
        if extra.strip():
            raise BackupError(texts.damaged(path))


@dataclass
class Section:
    table: Table
    count: int
    rows: Iterator[dict[str, Any]]
    """Must be read to the end before the next section."""


def read_header(lines: Iterator[str], path: Path) -> dict[str, Any]:
    not_ours = texts.not_a_backup(path)
    try:
        header = json.loads(next(lines))
    except (StopIteration, ValueError, EOFError, OSError) as exc:
        raise BackupError(not_ours) from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(not_ours)
    if header.get("version") != VERSION:
        raise BackupError(texts.other_format(path, header.get("version"), VERSION))
    if not header.get("revision"):
        raise BackupError(not_ours)
    return header


def _rows(lines: Iterator[str], table: Table, count: int, cut: str) -> Iterator[dict[str, Any]]:
    columns = list(table.columns)
    decoders = [decoder(c) for c in columns]
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


def read_sections(lines: Iterator[str], path: Path) -> Iterator[Section]:
    """Each table of the file with its rows; checks names, columns and the end marker."""
    tables = {t.name: t for t in data_tables()}
    seen: set[str] = set()
    cut = texts.damaged(path)
    try:
        for raw in lines:
            item = json.loads(raw)
            if isinstance(item, dict) and item.get("end") is True:
                missing = sorted(set(tables) - seen)
                if missing:
                    labels = [table_label(m) for m in missing]
                    raise BackupError(texts.missing_tables(path, labels))
                return
            if not isinstance(item, dict) or "table" not in item:
                raise BackupError(cut)
            name = str(item["table"])
            table = tables.get(name)
            if table is None:
                raise BackupError(texts.unknown_table(path, table_label(name)))
            if list(item["columns"]) != [c.name for c in table.columns]:
                raise BackupError(texts.other_columns(path, table_label(name)))
            seen.add(name)
            count = int(item["rows"])
            yield Section(table, count, _rows(lines, table, count, cut))
    except (StopIteration, ValueError, TypeError, KeyError, EOFError, OSError) as exc:
        raise BackupError(cut) from exc
    raise BackupError(cut)


def batches(section: Section) -> Iterator[list[dict[str, Any]]]:
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
