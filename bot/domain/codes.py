"""Short codes people type on a phone: tasks `NV2026-07`, events made of whole title words."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.domain.records import fold

EVENT_CODE_LIMIT = 20
"""Longest generated event code before its uniqueness suffix; whole words only."""
CODE_COLUMN = 40
"""The width of the code columns: no code is ever longer."""
LEADING_FILLER = {"ngay", "le", "ky", "niem"}
"""Words most titles start with ("Ngày", "Lễ kỷ niệm"): dropped so codes differ early."""


def task_code(year: int, number: int) -> str:
    """`NV2026-07`."""
    return f"NV{year}-{number:02d}"


def next_task_code(year: int, codes: Iterable[str]) -> str:
    """The next `NV<year>-NN` after the highest such code of the year (others are ignored)."""
    pattern = re.compile(rf"NV{year}-(\d+)", re.IGNORECASE)
    numbers = [int(m[1]) for code in codes if (m := pattern.fullmatch(code))]
    return task_code(year, max(numbers, default=0) + 1)


def title_words(text: str) -> list[str]:
    """ASCII words of a Vietnamese title: `Ngày Nhà giáo` → `["ngay", "nha", "giao"]`."""
    return re.findall(r"[a-z0-9]+", fold(text))


def event_code(title: str, taken: Callable[[str], bool]) -> str:
    """Whole words of the title up to EVENT_CODE_LIMIT characters, then `-2`, `-3`… if taken."""
    words = title_words(title)
    while len(words) > 1 and words[0] in LEADING_FILLER:
        words.pop(0)
    base = ""
    for word in words:
        longer = f"{base}-{word}" if base else word
        if base and len(longer) > EVENT_CODE_LIMIT:
            break
        base = longer
    # A single very long word is kept whole, up to the column's width less a suffix.
    base = (base[: CODE_COLUMN - 4] or "SK").upper()
    code, number = base, 1
    while taken(code):
        number += 1
        code = f"{base}-{number}"
    return code
