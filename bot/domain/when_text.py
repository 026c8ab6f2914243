"""How a parsed `/nhac` time and a stored rule are said back (wording: bot.domain.texts.when)."""

from __future__ import annotations

from bot.domain.recurrence import Recurrence
from bot.domain.texts import when as texts
from bot.domain.when_types import ParsedWhen


def recurrence_text(rule: Recurrence) -> str:
    """How a rule repeats, with its time: "hằng tuần vào thứ Hai, 08:00"."""
    return texts.rule_text(
        rule.freq,
        rule.start.strftime("%H:%M"),
        lunar=rule.lunar,
        day=rule.day,
        month=rule.month,
        weekday=rule.weekday,
        nth=rule.nth,
        workdays=rule.workdays,
    )


def when_text(parsed: ParsedWhen) -> str:
    """The confirmation, without the reminder's text: "Sẽ nhắc lúc 09:00 thứ Sáu, 05/12/2026"."""
    if parsed.recurrence is not None:
        return texts.repeating(recurrence_text(parsed.recurrence), parsed.first)
    moved = parsed.nominal.date() if parsed.first != parsed.nominal else None
    return texts.once(parsed.first, moved_from=moved, rolled=parsed.rolled)
