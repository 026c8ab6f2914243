"""When a custom reminder fires: `/nhac`'s time expressions, recurrences and their texts.

The parts live in their own modules (lexing, phrase rules, assembly, recurrence, texts); this is
the one place the commands, the planner and the calendar feed import from.
"""

from __future__ import annotations

from bot.domain.recurrence import Recurrence, RuleError
from bot.domain.texts.when import (
    EXAMPLES,
    USAGE,
    WORKDAYS_NOTE,
    date_text,
    lunar_day_text,
    moment_text,
)
from bot.domain.when_parse import parse_when
from bot.domain.when_text import recurrence_text, when_text
from bot.domain.when_types import ParsedWhen, WhenError

__all__ = [
    "EXAMPLES",
    "USAGE",
    "WORKDAYS_NOTE",
    "ParsedWhen",
    "Recurrence",
    "RuleError",
    "WhenError",
    "date_text",
    "lunar_day_text",
    "moment_text",
    "parse_when",
    "recurrence_text",
    "when_text",
]
