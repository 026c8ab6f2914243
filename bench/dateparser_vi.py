"""Try dateparser's Vietnamese on the one-off phrasings of /nhac (tests/test_when_phrasings.py).

Usage: pip install dateparser && python bench/dateparser_vi.py
dateparser is not a dependency of the project: this script is how the README's "How /nhac reads
times" was decided. For each phrase it gives dateparser only the time expression (the reminder's
text cut off), the same `now` as the tests, and prints what dateparser returned against what
/nhac answers; then the import time, the first-parse time and how much the peak memory grew.
"""

from __future__ import annotations

import importlib
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_when_phrasings import ONE_OFF, RECURRING  # noqa: E402
from tests.when_parsing import NOW  # noqa: E402


def main() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    begin = time.perf_counter()
    try:
        dateparser: Any = importlib.import_module("dateparser")
    except ModuleNotFoundError:
        sys.exit("dateparser is not installed: pip install dateparser")
    imported = time.perf_counter() - begin
    settings = {
        "RELATIVE_BASE": NOW.replace(tzinfo=None),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    begin = time.perf_counter()
    dateparser.parse("ngày mai", languages=["vi"], settings=settings)
    first_parse = time.perf_counter() - begin
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before  # KiB on Linux

    right = wrong = none = 0
    for text, expected, rest in ONE_OFF:
        if rest is None:
            continue
        expression = text[: len(text) - len(rest)].strip(" ,:") if rest else text
        found = dateparser.parse(expression, languages=["vi"], settings=settings)
        shown = found.strftime("%Y-%m-%d %H:%M") if found else "—"
        if found is None:
            none += 1
            verdict = "not read"
        elif shown == expected:
            right += 1
            verdict = "same"
        else:
            wrong += 1
            verdict = "DIFFERENT"
        print(f"  {expression:42} /nhac {expected}   dateparser {shown:16} {verdict}")
    total = right + wrong + none
    print(f"\ndateparser {dateparser.__version__}, now = {NOW:%d/%m/%Y %H:%M} (thứ Sáu)")
    print(f"one-off phrasings: {right}/{total} same, {wrong} different, {none} not read")
    print(f"recurring phrasings: {len(RECURRING)}, none of which dateparser reads (no recurrences)")
    print(f"import {imported * 1000:.0f} ms, first Vietnamese parse {first_parse * 1000:.0f} ms, "
          f"peak memory grew by {grown / 1024:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
