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
import datetime as dt
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from bot.reports.import_parse import check_size, parse_file
from bot.reports.import_rows import ImportRejected, ImportReport, ParsedFile
from bot.reports.import_write import Audit, apply, check_references

__all__ = ["ImportRejected", "ParsedFile", "check_size", "load_file"]

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
    """Parse (in a worker thread), check and apply a file; raises ImportRejected listing all."""
    check_size(filename, len(content))
    parsed = await asyncio.to_thread(parse_file, filename, content)
    await check_references(session, parsed)
    if authorize is not None:
        await authorize(parsed)
    return await apply(session, parsed, actor=actor, now=now, audit=audit)
