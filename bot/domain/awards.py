"""Award statistics as the law separates them: emulation titles, award forms, other recognitions.

Law 06/2022/QH15 keeps emulation titles (danh hiệu thi đua) apart from award forms (hình thức
khen thưởng); "Người tốt, việc tốt" and "Gắn biển công trình" are recognitions counted the same
way but neither. A person can hold several titles and forms in one year (every Chiến sỹ thi đua cơ
sở is also a Lao động tiên tiến), so no report adds the groups together: each group has its own
subtotal, and a subtotal counts times conferred (lượt), not people, because the same collective or
person can appear on two of its lines. A line keeps the source's unit: "lượt" only for forms the
source counts in lượt (the article's Giấy khen), the plain recipient otherwise. A project is
dedicated once, so a count of projects is never in lượt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.domain.texts import awards as texts
from storage.models import LEVELS, RECIPIENT_KINDS
from storage.queries.awards import AwardCount, OccasionAward
from storage.texts.kinds import KIND_LABELS

CATEGORY_ORDER = ("title", "award", "recognition")
CATEGORY_LABELS = texts.CATEGORY_LABELS
COUNT_UNITS = ("recipient", "turn")
"""How a form is counted: recipients (tập thể, cá nhân…) or times conferred (lượt)."""
TURN_KINDS = frozenset({"collective", "individual", "household"})
"""Recipient kinds that can be counted in lượt."""
SUBTOTAL_NOTE = texts.SUBTOTAL_NOTE

Counts = dict[str, tuple[int, int]]
"""Per recipient kind: (total, of which ad hoc)."""


@dataclass(frozen=True)
class FormTotal:
    """One form's counts in a year's statistics."""

    code: str
    name: str
    category: str
    level: str
    sort: int
    count_unit: str
    counts: Counts

    @property
    def in_turns(self) -> bool:
        """Whether the source counts this form in lượt."""
        return self.count_unit == "turn"

    @property
    def size(self) -> int:
        """All recipients (or times) of the form, for ordering."""
        return sum(total for total, _ in self.counts.values())


@dataclass(frozen=True)
class AwardGroup:
    """The forms of one category, in order, with their subtotal."""

    category: str
    forms: tuple[FormTotal, ...]

    @property
    def label(self) -> str:
        """`Danh hiệu thi đua`, `Hình thức khen thưởng` or `Hình thức ghi nhận khác`."""
        return CATEGORY_LABELS[self.category]

    @property
    def subtotal(self) -> Counts:
        """Per recipient kind, the sum over the group's forms (in lượt, see the module)."""
        return add_counts(form.counts for form in self.forms)


@dataclass(frozen=True)
class OccasionLine:
    """An award given at a ceremony or named apart in a report, as the source names it."""

    name: str
    level: str
    in_turns: bool
    recipient: str | None
    counts: Counts


def occasion_lines(items: Iterable[OccasionAward]) -> list[tuple[str, list[OccasionLine]]]:
    """Per occasion, in order: one line per award and recipient, collectives and individuals
    together. These are never added to the year's groups."""
    by_occasion: dict[str, dict[tuple[str, str | None], OccasionLine]] = {}
    for item in items:
        lines = by_occasion.setdefault(item.occasion, {})
        key = (item.form_name, item.recipient_name)
        line = lines.setdefault(
            key,
            OccasionLine(
                item.form_name, item.level, item.count_unit == "turn", item.recipient_name, {}
            ),
        )
        total, _ = line.counts.get(item.recipient_kind, (0, 0))
        line.counts[item.recipient_kind] = (total + item.count, 0)
    return [(occasion, list(lines.values())) for occasion, lines in by_occasion.items()]


def add_counts(many: Iterable[Counts]) -> Counts:
    """Sum counts kind by kind."""
    result: Counts = {}
    for counts in many:
        for kind, (total, ad_hoc) in counts.items():
            have_total, have_ad_hoc = result.get(kind, (0, 0))
            result[kind] = (have_total + total, have_ad_hoc + ad_hoc)
    return result


def form_totals(rows: Iterable[AwardCount]) -> list[FormTotal]:
    """The statistics rows (one per form and recipient kind) folded into one entry per form."""
    counts: dict[str, Counts] = {}
    first: dict[str, AwardCount] = {}
    for row in rows:
        counts.setdefault(row.form_code, {})[row.recipient_kind] = (row.total, row.ad_hoc)
        first.setdefault(row.form_code, row)
    return [
        FormTotal(code, r.form_name, r.category, r.level, r.sort, r.count_unit, counts[code])
        for code, r in first.items()
    ]


def group_forms(forms: Iterable[FormTotal]) -> list[AwardGroup]:
    """The forms by category in the law's order, each by level (highest first) then `sort`."""
    level_rank = {level: i for i, level in enumerate(LEVELS)}
    by_category: dict[str, list[FormTotal]] = {c: [] for c in CATEGORY_ORDER}
    for form in forms:
        by_category.setdefault(form.category, []).append(form)
    return [
        AwardGroup(
            category,
            tuple(sorted(items, key=lambda f: (level_rank.get(f.level, 9), f.sort, f.name))),
        )
        for category, items in by_category.items()
        if items
    ]


def count_word(kind: str, *, turns: bool) -> str:
    """`tập thể`, or `lượt tập thể` when counted in lượt (never for projects)."""
    label = KIND_LABELS.get(kind, kind)
    return texts.in_turns(label) if turns and kind in TURN_KINDS else label


def counts_phrase(counts: Counts, *, turns: bool, number: Callable[[int], str]) -> str:
    """`489 lượt tập thể (9 đột xuất), 1.042 lượt cá nhân (74 đột xuất)`.

    `number` formats a count (the caller's Vietnamese number style).
    """
    parts = []
    for kind in RECIPIENT_KINDS:
        if kind not in counts:
            continue
        total, ad_hoc = counts[kind]
        extra = texts.ad_hoc(number(ad_hoc)) if ad_hoc else ""
        parts.append(f"{number(total)} {count_word(kind, turns=turns)}{extra}")
    return ", ".join(parts)


def subtotal_phrase(group: AwardGroup, *, number: Callable[[int], str]) -> str:
    """The group's subtotal in lượt, as every report prints it."""
    return counts_phrase(group.subtotal, turns=True, number=number)


# Seeded record keys end in the recipient kind (HM-2022-01:collective:ad_hoc); users read and
# type them with short Vietnamese marks instead (HM-2022-01:TT:DX).
_KEY_MARKS = {"collective": "TT", "individual": "CN", "household": "HGD", "project": "CT"}
_KEY_MARKS |= {"ad_hoc": "DX"}
_KEY_PARTS = {mark: part for part, mark in _KEY_MARKS.items()}


def shown_key(key: str) -> str:
    """A record key as users read it: `HM-2022-01:collective` → `HM-2022-01:TT`."""
    line, *parts = key.split(":")
    return ":".join([line, *(_KEY_MARKS.get(p.lower(), p) for p in parts)]).upper()


def stored_key(typed: str) -> str:
    """A typed record key as stored: `hm-2022-01:tt` → `HM-2022-01:collective`."""
    line, *parts = typed.split(":")
    return ":".join([line.upper(), *(_KEY_PARTS.get(p.upper(), p.lower()) for p in parts)])
