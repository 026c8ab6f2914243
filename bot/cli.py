"""The `thidua` command line: migrate, seed, chat, run, remind."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot import __version__
from bot.app import App, build_app, prepare_database, seed
from bot.argparse_vi import VietnameseArgumentParser
from bot.console import run_console
from bot.logs import setup_logging
from bot.settings import Settings, SettingsError, load_settings
from bot.texts import cli as texts
from storage import migrate
from storage.backup import BackupError, backup, describe_backup, describe_restore, restore
from storage.db import BOT_DEADLINES, MAINTENANCE_DEADLINES
from storage.seed import SeedError, describe

log = logging.getLogger(__name__)


def parser() -> argparse.ArgumentParser:
    """The argument parser, with Vietnamese help."""
    p = VietnameseArgumentParser(
        prog="thidua",
        description=texts.DESCRIPTION,
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"thidua {__version__}",
        help=texts.VERSION_HELP,
    )
    sub = p.add_subparsers(dest="command", required=True, metavar=texts.COMMAND_METAVAR)
    m = sub.add_parser("migrate", help=texts.MIGRATE_HELP)
    m.add_argument(
        "--revision", default="head", metavar=texts.REVISION_METAVAR, help=texts.REVISION_HELP
    )
    m.add_argument("--down", action="store_true", help=texts.DOWN_HELP)
    s = sub.add_parser("seed", help=texts.SEED_HELP)
    s.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar=texts.FILE_METAVAR,
        help=texts.SEED_FILES_HELP,
    )
    ch = sub.add_parser("chat", help=texts.CHAT_HELP)
    ch.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=texts.VERBOSE_HELP,
    )
    sub.add_parser("run", help=texts.RUN_HELP)
    r = sub.add_parser("remind", help=texts.REMIND_HELP)
    r.add_argument("--at", metavar='"YYYY-MM-DD HH:MM"', help=texts.AT_HELP)
    r.add_argument("--dry-run", action="store_true", help=texts.DRY_RUN_HELP)
    e = sub.add_parser("export", help=texts.EXPORT_HELP)
    e.add_argument("file", type=Path, metavar=texts.XLSX_METAVAR, help=texts.EXPORT_FILE_HELP)
    e.add_argument(
        "--year",
        type=int,
        default=None,
        metavar=texts.YEAR_METAVAR,
        help=texts.EXPORT_YEAR_HELP,
    )
    e.add_argument(
        "--template",
        action="store_true",
        help=texts.TEMPLATE_HELP,
    )
    i = sub.add_parser("import", help=texts.IMPORT_HELP)
    i.add_argument("file", type=Path, metavar=texts.FILE_METAVAR, help=texts.IMPORT_FILE_HELP)
    c = sub.add_parser("chart", help=texts.CHART_HELP)
    c.add_argument(
        "kind",
        choices=["khenthuong", "tiendo", "chitieu"],
        metavar=texts.CHART_KIND_METAVAR,
        help=texts.CHART_KIND_HELP,
    )
    c.add_argument(
        "--year",
        type=int,
        default=None,
        metavar=texts.YEAR_METAVAR,
        help=texts.CHART_YEAR_HELP,
    )
    c.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar=texts.PNG_METAVAR,
        help=texts.CHART_OUTPUT_HELP,
    )
    b = sub.add_parser("backup", help=texts.BACKUP_HELP)
    b.add_argument("file", type=Path, metavar=texts.FILE_METAVAR, help=texts.BACKUP_FILE_HELP)
    b.add_argument("--force", action="store_true", help=texts.BACKUP_FORCE_HELP)
    rs = sub.add_parser("restore", help=texts.RESTORE_HELP)
    rs.add_argument("file", type=Path, metavar=texts.FILE_METAVAR, help=texts.RESTORE_FILE_HELP)
    return p


MAINTENANCE = frozenset({"migrate", "seed", "backup", "restore", "import", "export"})
"""Operator commands that may run long statements (migrations, bulk loads): no statement
deadline. The bot itself (run, chat, remind) keeps every database call short."""


async def _with_app(
    settings: Settings, body: Callable[[App], Awaitable[int]], *, maintenance: bool = False
) -> int:
    app = build_app(settings, deadlines=MAINTENANCE_DEADLINES if maintenance else BOT_DEADLINES)
    try:
        return await body(app)
    finally:
        await app.close()


async def _migrate(app: App, args: argparse.Namespace) -> int:
    if args.down:
        target = "base" if args.revision == "head" else args.revision
        await migrate.downgrade(app.engine, target)
        print(texts.migrated_down(target))
    else:
        for note in await migrate.upgrade(app.engine, args.revision):
            print(note)
        print(texts.MIGRATED)
    return 0


async def _seed(app: App, args: argparse.Namespace) -> int:
    await migrate.upgrade(app.engine)
    try:
        report = await seed(app, list(args.files) or None)
    except SeedError as exc:
        print(texts.SEED_FAILED, file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(describe(report))
    return 0


async def _chat(app: App, args: argparse.Namespace) -> int:
    del args
    await prepare_database(app)
    await run_console(app.core, sys.stdin, sys.stdout)
    return 0


async def _run(app: App, args: argparse.Namespace) -> int:
    del args
    # Imported here so the other subcommands do not pay for loading the Telegram library.
    from bot import runner

    return await runner.run(app)


async def _remind(app: App, args: argparse.Namespace) -> int:
    # Imported here so the other subcommands do not pay for loading the platform libraries.
    from bot.runtime import build_dispatcher, open_senders
    from jobs.cli import parse_at, remind

    try:
        at = parse_at(args.at, app.settings.bot_timezone) if args.at else None
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    await prepare_database(app)
    async with open_senders(app) as senders:
        dispatcher = build_dispatcher(app, senders, instance="cli")
        timezone = app.settings.bot_timezone
        return await remind(dispatcher, timezone=timezone, at=at, dry_run=args.dry_run)


async def _export(app: App, args: argparse.Namespace) -> int:
    from bot.reports import cli as reports

    await prepare_database(app)
    if args.template:
        return await reports.template_file(app, args.file, args.year)
    return await reports.export_file(app, args.file, args.year)


async def _import(app: App, args: argparse.Namespace) -> int:
    from bot.reports import cli as reports

    await prepare_database(app)
    return await reports.import_file(app, args.file)


async def _chart(app: App, args: argparse.Namespace) -> int:
    from bot.reports import cli as reports

    await prepare_database(app)
    return await reports.chart_file(app, args.kind, args.year, args.output)


async def _backup(app: App, args: argparse.Namespace) -> int:
    # An earlier backup is the one thing that may save the office: never replaced unasked.
    if args.file.exists() and not args.force:
        print(texts.backup_exists(str(args.file)), file=sys.stderr)
        return 1
    try:
        report = await backup(app.engine, args.file)
    except BackupError as exc:
        log.debug("backup to %s refused", args.file, exc_info=exc)
        print(exc, file=sys.stderr)
        return 1
    print(describe_backup(report))
    return 0


async def _restore(app: App, args: argparse.Namespace) -> int:
    try:
        report = await restore(app.engine, args.file)
    except BackupError as exc:
        # The raw cause (zlib, IntegrityError with row data) is for whoever debugs, not the line.
        log.debug("restore of %s refused", args.file, exc_info=exc)
        print(exc, file=sys.stderr)
        return 1
    # A backup from an older release is brought up to date.
    notes = await migrate.upgrade(app.engine)
    print(describe_restore(report))
    for note in notes:
        print(note)
    return 0


COMMANDS: dict[str, Callable[[App, argparse.Namespace], Awaitable[int]]] = {
    "migrate": _migrate,
    "seed": _seed,
    "chat": _chat,
    "run": _run,
    "remind": _remind,
    "export": _export,
    "import": _import,
    "chart": _chart,
    "backup": _backup,
    "restore": _restore,
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `thidua` console script."""
    args = parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    # The service logs to stdout (what `docker logs` collects); the tools keep stdout for output.
    stream = sys.stdout if args.command == "run" else sys.stderr
    level = logging.getLevelNamesMapping()[settings.log_level]
    if args.command == "chat" and not args.verbose:
        # The console's reader is talking to the bot: operator lines only when something is wrong.
        level = max(level, logging.WARNING)
    setup_logging(level, settings.log_format, stream=stream, secrets=settings.secret_values())
    handler = COMMANDS[args.command]
    try:
        return asyncio.run(
            _with_app(
                settings,
                lambda app: handler(app, args),
                maintenance=args.command in MAINTENANCE,
            )
        )
    except KeyboardInterrupt:
        return 130
