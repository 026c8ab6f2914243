"""`thidua run`: start every configured component, wait for a stop signal, stop in reverse."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from bot.app import App, prepare_database, settle_memory
from bot.runtime import Component, build_runtime
from bot.texts.cli import NO_PLATFORM

log = logging.getLogger(__name__)


@contextmanager
def _stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            # Not the main thread, or a platform without loop signal handlers.
            continue
        installed.append(sig)
    try:
        yield
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


async def _stop_all(started: list[Component]) -> None:
    for component in reversed(started):
        try:
            await component.stop()
        except Exception:
            # Keep stopping the others; the error is logged, never swallowed silently.
            log.exception("error while stopping %s", type(component).__name__)


async def run(app: App, *, stop_event: asyncio.Event | None = None) -> int:
    """Run the bot until SIGINT/SIGTERM or `stop_event`; 2 when no platform is configured."""
    settings = app.settings
    if settings.telegram_bot_token is None and settings.zalo_bot_token is None:
        print(NO_PLATFORM, file=sys.stderr)
        return 2
    stop = stop_event or asyncio.Event()
    await prepare_database(app)
    components = build_runtime(app).components()
    started: list[Component] = []
    with _stop_on_signals(stop):
        try:
            for component in components:
                await component.start()
                started.append(component)
        except Exception:
            log.exception("could not start %s", type(component).__name__)
            await _stop_all(started)
            return 1
        # Everything loaded at start lives for the whole run: keeping it out of the collector's
        # scans keeps full collections short (a 100+ ms pause stalls every chat at once).
        settle_memory()
        log.info("running; stop with Ctrl-C or SIGTERM")
        try:
            await stop.wait()
        finally:
            log.info("stopping")
            await _stop_all(started)
    return 0
