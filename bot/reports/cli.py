"""`thidua export`, `thidua import` and `thidua chart` for office staff: plain async functions."""

from __future__ import annotations

import asyncio
import getpass
import sys
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.context import Clock
from bot.core.errors import UserError
from bot.reports import charts, importer, sheets, template, workbook
from bot.reports.texts import cli as texts
from bot.settings import Settings
from storage import file_errors
from storage.queries import audit as audit_log


class App(Protocol):
    """What these commands use of the assembled app (bot.app.App), without importing it."""

    @property
    def settings(self) -> Settings:
        """BOT_TIMEZONE."""
        ...

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        """The database."""
        ...

    @property
    def clock(self) -> Clock:
        """Now."""
        ...


def _tz(app: App) -> ZoneInfo:
    return ZoneInfo(app.settings.bot_timezone)


async def export_file(app: App, path: Path, year: int | None) -> int:
    """Write the workbook to `path`; 0 on success."""
    today = app.clock().astimezone(_tz(app)).date()
    async with app.sessions() as session:
        data = await workbook.export_data(session, year=year, tz=_tz(app), today=today)
    content = await workbook.build_in_thread(data)
    try:
        await asyncio.to_thread(path.write_bytes, content)
    except OSError as exc:
        print(texts.not_written(path, file_errors.reason(exc)), file=sys.stderr)
        return 1
    kinds = ("awards", "tasks", "indicators", "commemorations", "documents")
    counts = {kind: data.count(kind) for kind in kinds}
    made = workbook.print_sheets(data)
    print(texts.exported(path, texts.year_scope(year), counts, made))
    return 0


async def template_file(app: App, path: Path, year: int | None) -> int:
    """Write the empty workbook of `year` (default: this year) to `path`; 0 on success."""
    today = app.clock().astimezone(_tz(app)).date()
    chosen = year if year is not None else today.year
    async with app.sessions() as session:
        data = await template.template_data(session, year=chosen, tz=_tz(app), today=today)
    content = await workbook.build_in_thread(data)
    try:
        await asyncio.to_thread(path.write_bytes, content)
    except OSError as exc:
        print(texts.not_written(path, file_errors.reason(exc)), file=sys.stderr)
        return 1
    units = data.count(sheets.UNITS.kind)
    print(texts.template_written(path, chosen, units))
    return 0


async def import_file(app: App, path: Path) -> int:
    """Load a spreadsheet: every problem printed and nothing written (exit 1), or the summary."""
    try:
        size = (await asyncio.to_thread(path.stat)).st_size
        # An oversized file is refused from its size alone, without reading it.
        importer.check_size(path.name, size)
        content = await asyncio.to_thread(path.read_bytes)
    except importer.ImportRejected as exc:
        print(exc.text(path.name), file=sys.stderr)
        return 1
    except OSError as exc:
        print(texts.not_read(path, file_errors.reason(exc)), file=sys.stderr)
        return 1
    user = getpass.getuser()
    now = app.clock()

    async with app.sessions() as session:

        def audit(action: str, entity: str, key: str, details: dict[str, object]) -> None:
            audit_log.audit(
                session,
                at=now,
                platform="console",
                chat_id="cli",
                user_id=user,
                user_name=None,
                action=action,
                entity=entity,
                entity_key=key,
                details=details,
                role="office_admin",
            )

        try:
            report = await importer.load_file(
                session, path.name, content, actor=f"cli:{user}", now=now, audit=audit
            )
        except importer.ImportRejected as exc:
            await session.rollback()
            print(exc.text(path.name), file=sys.stderr)
            return 1
        except importer.ImportBusy as exc:
            await session.rollback()
            print(exc.text, file=sys.stderr)
            return 1
        await session.commit()
    print(report.text())
    return 0


async def chart_file(app: App, kind: str, year: int | None, path: Path) -> int:
    """Render a chart (khenthuong, tiendo, chitieu) to a PNG file."""
    today = app.clock().astimezone(_tz(app)).date()
    try:
        chosen = charts.chart_kind(kind)
        async with app.sessions() as session:
            result = await charts.make_chart(session, chosen, year=year, today=today)
    except UserError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    try:
        await asyncio.to_thread(path.write_bytes, result.png)
    except OSError as exc:
        print(texts.not_written(path, file_errors.reason(exc)), file=sys.stderr)
        return 1
    width, height = (int(v) for v in result.figure.get_size_inches() * result.figure.dpi)
    print(texts.chart_drawn(path, width, height, result.data.caption))
    return 0
