"""`thidua remind`: one dispatch pass as if it were a given time, for catching up or previewing."""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.core.args import YEAR_RANGE
from jobs.dispatcher import Dispatcher, DispatchReport
from jobs.texts import cli as texts


def parse_at(text: str, timezone: str) -> dt.datetime:
    """`YYYY-MM-DD HH:MM` in the bot's time zone; ValueError with a Vietnamese message."""
    shaped = re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}", text.strip())
    try:
        naive = dt.datetime.strptime(text.strip().replace("T", " "), "%Y-%m-%d %H:%M")
    except ValueError:
        # Written right but not on the calendar or the clock (month 13, 25:00): say that.
        message = texts.no_such_moment(text) if shaped else texts.bad_moment(text)
        raise ValueError(message) from None
    low, high = YEAR_RANGE
    if not low <= naive.year <= high:
        # Planning looks ahead by up to a year of lead days; dates near 9999 would overflow.
        raise ValueError(texts.year_out_of_range(low, high, naive.year))
    return naive.replace(tzinfo=ZoneInfo(timezone))


async def remind(
    dispatcher: Dispatcher,
    *,
    timezone: str,
    at: dt.datetime | None,
    dry_run: bool,
    out: TextIO | None = None,
) -> int:
    """One pass as if at `at` (naive: `timezone`), printed in Vietnamese; 1 if any failed."""
    stream = out or sys.stdout
    tz = ZoneInfo(timezone)
    now = None if at is None else at if at.tzinfo else at.replace(tzinfo=tz)
    report = await dispatcher.run_once(now, dry_run=dry_run)
    when = (now or dispatcher.clock()).astimezone(tz)
    stream.write(describe(report, when=when, dry_run=dry_run) + "\n")
    return 1 if report.failed or report.no_sender else 0


TOKEN_SETTINGS = {"telegram": "TELEGRAM_BOT_TOKEN", "zalo": "ZALO_BOT_TOKEN"}
PLATFORM_NAMES = {"telegram": "Telegram", "zalo": "Zalo"}


def chat_name(label: str) -> str:
    """`Telegram -100123` for the `telegram:-100123` of outcomes; the console's own chat by name."""
    platform, _, chat_id = label.partition(":")
    if platform == "console":
        return texts.CONSOLE_CHAT
    return f"{PLATFORM_NAMES.get(platform, platform)} {chat_id}"


def error_meaning(error: str) -> str:
    """A stored send error as the operator reads it in Vietnamese; the raw text is in the log."""
    for prefix, meaning in texts.ERROR_MEANINGS:
        if error.startswith(prefix):
            return meaning
    return texts.UNKNOWN_ERROR


def describe(report: DispatchReport, *, when: dt.datetime, dry_run: bool) -> str:
    """The Vietnamese summary printed by `thidua remind`."""
    stamp = when.strftime("%H:%M %d/%m/%Y")
    if dry_run:
        head = texts.dry_run_head(
            stamp,
            texts=len(report.texts),
            late=report.late,
            skipped=report.skipped,
            done=report.already_done,
        )
    else:
        head = [
            texts.pass_head(
                stamp,
                sent=report.sent,
                late=report.late,
                failed=report.failed,
                skipped=report.skipped,
                done=report.already_done,
            )
        ]
        if report.held:
            head.append(texts.held(report.held))
        for platform in sorted(report.no_sender - {"console"}):
            # Said apart: "nothing to send" would hide that these chats were not even looked at.
            name = PLATFORM_NAMES.get(platform, platform)
            head.append(texts.no_sender(name, TOKEN_SETTINGS.get(platform, platform)))
    if not report.outcomes and not report.no_sender - {"console"}:
        head.append(texts.NOTHING_TO_SEND)
    lines = list(head)
    for outcome in report.outcomes:
        error = f" — {error_meaning(outcome.error)}" if outcome.error else ""
        status = texts.STATUS_LABELS[outcome.status] + (texts.LATE if outcome.late else "")
        lines.append(f"• [{status}] {chat_name(outcome.chat)}: {outcome.title}{error}")
        if dry_run and outcome.status == "dry_run":
            lines.extend(f"    {line}" for line in outcome.text.split("\n"))
    return "\n".join(lines)
