"""The spreadsheet import (/nhap, `thidua import`): .xlsx or .csv laid out like the export.

Three steps, and nothing is written unless the first two find no problem at all:
`parse_file` (import_parse) reads and checks every cell (pure, run it in a worker thread),
`check_references` (import_write) resolves unit and form codes against the database, `apply`
(import_write) upserts on natural keys (award line,
task code + unit, indicator year + code, day code) in the caller's transaction. Importing a file
the export produced changes nothing. The import adds and updates; it never deletes rows that are
missing from the file (a ward may send only its own lines).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import threading
from collections.abc import Awaitable, Callable, Iterator

from sqlalchemy.ext.asyncio import AsyncSession

from bot.reports.import_parse import check_size, parse_file
from bot.reports.import_rows import ImportRejected, ImportReport, ParsedFile
from bot.reports.import_write import Audit, apply, check_references
from bot.reports.texts import imports as texts

__all__ = ["ImportBusy", "ImportRejected", "ParsedFile", "check_size", "load_file", "one_at_a_time"]

BUSY = texts.BUSY
_running = threading.Lock()
"""One import per process: the parse of a large file takes a CPU and up to a few hundred MB."""


class ImportBusy(Exception):
    """Another import is running in this process; the user is told to wait and send again."""

    def __init__(self, filename: str) -> None:
        super().__init__(BUSY.format(filename=filename))
        self.text = BUSY.format(filename=filename)


@contextlib.contextmanager
def one_at_a_time(filename: str) -> Iterator[None]:
    """Hold the process's import slot, or raise ImportBusy at once (never queue: memory)."""
    if not _running.acquire(blocking=False):
        raise ImportBusy(filename)
    try:
        yield
    finally:
        _running.release()


Authorize = Callable[[ParsedFile], Awaitable[None]]
"""Checks every row against the importer's roles before anything is written; raises to refuse."""


async def load_file(
    session: AsyncSession,
    filename: str,
    content: bytes,
    *,
    actor: str,
    now: dt.datetime,
    audit: Audit,
    authorize: Authorize | None = None,
) -> ImportReport:
    """Parse (in a worker thread), check and apply a file; raises ImportRejected listing all.

    Raises ImportBusy when another import of this process has not finished.
    """
    check_size(filename, len(content))
    with one_at_a_time(filename):
        parsed = await asyncio.to_thread(parse_file, filename, content)
        await check_references(session, parsed)
        if authorize is not None:
            await authorize(parsed)
        return await apply(session, parsed, actor=actor, now=now, audit=audit)
