"""Time /nhac parsing and recurrences at the scale of a reminder pass: 10 000 chats × 10 rules.

Usage: python bench/when.py [--rules 100000] [--passes 7]
Builds stored rules of every shape the parser produces (solar, lunar, working-day), then prints
the median over the passes of: reading every stored string back (`from_string`), `next_after`
for every rule (first pass, the same moment again, two minutes later, one day later),
`between` over the next day, `parse_when` per phrase, the memory the rule objects hold, and the
import time of `bot.domain.when` in a fresh interpreter. bench/planner.py's target is a pass
with nothing due under 200 ms median for the same number of rules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.domain.recurrence import Recurrence  # noqa: E402
from bot.domain.when import parse_when  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=VN)
PHRASES = [
    "05/12 9h Gửi báo cáo",
    "ngày mai 8 giờ Họp giao ban",
    "sau 2 tiếng Gọi lại",
    "thu 6 tuan sau nop bao cao",
    "8h thứ 2 hằng tuần Giao ban",
    "ngày 25 hằng tháng Tổng hợp",
    "ngày làm việc cuối cùng của tháng Chấm công",
    "hằng năm 20/11 Chúc mừng",
    "rằm hằng tháng Dâng hương",
    "mùng 1 âm lịch hằng tháng Dâng hương",
]


def random_rule(rng: random.Random) -> Recurrence:
    """One rule with the mix an office might have: mostly weekly and monthly."""
    start = dt.datetime.combine(NOW.date(), dt.time(rng.randrange(6, 18), rng.choice((0, 30))), VN)
    workdays = rng.random() < 0.2
    shape = rng.random()
    if shape < 0.15:
        rule = Recurrence("DAILY", start, workdays=workdays)
    elif shape < 0.45:
        rule = Recurrence("WEEKLY", start, weekday=rng.randrange(7), workdays=workdays)
    elif shape < 0.65:
        rule = Recurrence("MONTHLY", start, day=rng.randrange(1, 32), workdays=workdays)
    elif shape < 0.75:
        rule = Recurrence("MONTHLY", start, day=-1, workdays=True)
    elif shape < 0.80:
        nth = rng.choice((1, 2, 3, 4, -1))
        rule = Recurrence("MONTHLY", start, weekday=rng.randrange(5), nth=nth)
    elif shape < 0.85:
        month = rng.randrange(1, 13)
        rule = Recurrence("YEARLY", start, day=rng.randrange(1, 29), month=month)
    elif shape < 0.95:
        rule = Recurrence("MONTHLY", start, lunar=True, day=rng.choice((1, 15)), workdays=workdays)
    else:
        month = rng.randrange(1, 13)
        rule = Recurrence("YEARLY", start, lunar=True, day=rng.randrange(1, 31), month=month)
    anchored = rule.anchored(NOW - dt.timedelta(days=rng.randrange(0, 700)))
    assert anchored is not None
    return anchored[0]


def timed(runs: int, work: Callable[[], object]) -> list[float]:
    """Milliseconds of each run."""
    found = []
    for _ in range(runs):
        begin = time.perf_counter()
        work()
        found.append((time.perf_counter() - begin) * 1000)
    return found


def line(label: str, samples: list[float], count: int) -> None:
    median = statistics.median(samples)
    print(f"  {label:44} {median:9.1f} ms   {median * 1000 / count:7.2f} µs each")


def import_time() -> float:
    code = (
        "import time; t = time.perf_counter(); import bot.domain.when; "
        "print((time.perf_counter() - t) * 1000)"
    )
    runs = [
        float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout)
        for _ in range(5)
    ]  # fmt: skip
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=100_000)
    parser.add_argument("--passes", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(15)
    begin = time.perf_counter()
    stored = [random_rule(rng).to_string() for _ in range(args.rules)]
    print(f"bench/when.py — {dt.datetime.now():%Y-%m-%d %H:%M}, {args.rules} rules, "
          f"{args.passes} passes; built in {time.perf_counter() - begin:.1f} s")  # fmt: skip
    print(f"  distinct patterns: {len({s.split(chr(10), 1)[1] for s in stored})}")

    tracemalloc.start()
    rules = [Recurrence.from_string(text) for text in stored]
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  memory of {len(rules)} rule objects: {held / 1e6:.1f} MB")

    n = len(rules)
    line("from_string, every rule", timed(args.passes, lambda: [
        Recurrence.from_string(text) for text in stored]), n)  # fmt: skip

    def next_pass(moment: dt.datetime) -> Callable[[], object]:
        return lambda: [rule.next_after(moment) for rule in rules]

    fresh = [Recurrence.from_string(text) for text in stored]
    line("next_after, first call on new objects", timed(1, lambda: [
        rule.next_after(NOW) for rule in fresh]), n)  # fmt: skip
    line("next_after, same moment again (memo)", timed(args.passes, next_pass(NOW)), n)
    later = [NOW + dt.timedelta(minutes=2 * (i + 1)) for i in range(args.passes)]
    samples = [timed(1, next_pass(moment))[0] for moment in later]
    line("next_after, each pass 2 minutes later", samples, n)
    days = [NOW + dt.timedelta(days=i + 1) for i in range(args.passes)]
    samples = [timed(1, next_pass(moment))[0] for moment in days]
    line("next_after, each pass 1 day later", samples, n)
    window = (NOW, NOW + dt.timedelta(days=1))
    line("between(now, now + 1 day), every rule", timed(args.passes, lambda: [
        rule.between(*window) for rule in rules]), n)  # fmt: skip

    rounds = 200
    samples = timed(args.passes, lambda: [
        parse_when(text, now=NOW, tz=VN) for _ in range(rounds) for text in PHRASES])  # fmt: skip
    line("parse_when, per phrase", samples, rounds * len(PHRASES))
    print(f"  import bot.domain.when in a fresh interpreter: {import_time():.0f} ms (median of 5)")


if __name__ == "__main__":
    main()
