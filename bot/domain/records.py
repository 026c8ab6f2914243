"""Named award records and nominees as a clerk types them, one per line.

A message lists recipients after its command line, one a line (or separated by `;`):
`Nguyễn Văn An, Chủ tịch UBND phường, P-DAIKIM` (name, optional position, unit code) or
`Tập thể P-GIAPBAT` / `Tập thể Tổ dân phố 5, P-DAIKIM` (a collective). Labelled lines add the
decision (`QĐ 123/QĐ-UBND, 15/03/2023, Chủ tịch UBND quận`), the occasion (`Dịp Tổng kết năm
2023`) and, for a proposal, the reason (`Lý do Hoàn thành xuất sắc nhiệm vụ`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.domain.errors import UserError
from bot.domain.text import fold as fold  # names are compared folded; callers fold through here
from bot.domain.texts import records as texts

MAX_LINES = 200
NAME_LIMIT = 300
CODE_LIKE = re.compile(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)+")
LABELS = {"qd": "decision", "quyet dinh": "decision", "dip": "occasion", "ly do": "reason"}
COLLECTIVE = "tap the"
BANG_KHEN = "bang khen"
WITHIN_YEARS = 5


@dataclass(frozen=True)
class Decision:
    """An award decision: number, date and who signed it (cấp quyết định)."""

    number: str
    date: dt.date
    level: str | None


@dataclass(frozen=True)
class Recipient:
    """A person (with position) or a collective, and the unit code as typed (None: default)."""

    kind: str
    name: str | None
    """None for a collective named only by its unit code: the unit's name is used."""
    position: str | None
    unit_code: str | None


@dataclass
class Batch:
    """What the lines of one message say."""

    recipients: list[Recipient] = field(default_factory=list)
    decision: Decision | None = None
    occasion: str | None = None
    reason: str | None = None


def split_lines(text: str) -> list[str]:
    """Lines of a message; `;` also ends a line, so one line can carry several recipients."""
    return [part.strip() for line in text.splitlines() for part in line.split(";") if part.strip()]


def _label(line: str) -> tuple[str, str] | None:
    """(label, the text after it) for `QĐ …`, `Dịp: …`, `Lý do …`."""
    folded = fold(line)
    for word, label in LABELS.items():
        if folded == word or re.match(rf"{word}\b[:.]?", folded):
            rest = line[len(word) :].lstrip(" :.")
            return label, rest.strip()
    return None


def parse_date(token: str, *, usage: str) -> dt.date:
    """dd/mm/yyyy, checked against the calendar."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", token.strip())
    if not match:
        raise UserError(texts.bad_date(token.strip()), usage=usage)
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise UserError(texts.no_such_date(token.strip()), usage=usage) from None


def parse_decision(text: str, *, usage: str) -> Decision:
    """`123/QĐ-UBND, 15/03/2023, Chủ tịch UBND quận` (the signer may be left out)."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 2 or not parts[0]:
        raise UserError(texts.bad_decision(text), usage=usage)
    if len(parts[0]) > 60:
        raise UserError(texts.DECISION_NUMBER_TOO_LONG, usage=usage)
    level = ", ".join(p for p in parts[2:] if p) or None
    if level is not None and len(level) > 200:
        raise UserError(texts.DECISION_LEVEL_TOO_LONG, usage=usage)
    return Decision(parts[0], parse_date(parts[1], usage=usage), level)


def _code_like(word: str, *, alone: bool) -> bool:
    """A word that reads as a unit code rather than part of a name.

    After a comma any `X-Y` word is one. Alone on its line a word is a person's name unless it
    cannot be: ASCII with a hyphen (`p-daikimx`) or in capitals (`DAIKIM`), which no Vietnamese
    name is written as.
    """
    if not alone:
        return CODE_LIKE.fullmatch(word) is not None
    return (
        word.isascii()
        and " " not in word
        and (CODE_LIKE.fullmatch(word) is not None or (word.isupper() and word.isalnum()))
    )


def parse_recipient(line: str, is_unit: Callable[[str], bool], *, usage: str) -> Recipient:
    """One recipient line (see the module)."""
    folded = fold(line)
    collective = folded.startswith(COLLECTIVE) and (
        len(folded) == len(COLLECTIVE) or not folded[len(COLLECTIVE)].isalnum()
    )
    body = line[len(COLLECTIVE) :].lstrip(" :") if collective else line
    parts = [p.strip() for p in body.split(",") if p.strip()]
    if not parts:
        raise UserError(texts.missing_name(line), usage=usage)
    unit_code = None
    if is_unit(parts[-1]):
        unit_code = parts.pop()
    elif _code_like(parts[-1], alone=len(parts) == 1 and not collective):
        raise UserError(texts.unknown_unit(parts[-1]), usage=usage)
    if collective:
        name = ", ".join(parts) or None
        if name is None and unit_code is None:
            raise UserError(texts.collective_needs_name(line), usage=usage)
        position = None
    else:
        if not parts:
            raise UserError(texts.missing_full_name(line), usage=usage)
        name, position = parts[0], ", ".join(parts[1:]) or None
        if not re.search(r"[^\W\d_]", name):
            raise UserError(texts.not_a_name(name), usage=usage)
    if name is not None and len(name) > NAME_LIMIT:
        raise UserError(texts.name_too_long(NAME_LIMIT, name[:40]), usage=usage)
    if position is not None and len(position) > 200:
        raise UserError(texts.POSITION_TOO_LONG, usage=usage)
    return Recipient("collective" if collective else "individual", name, position, unit_code)


def parse_batch(lines: list[str], is_unit: Callable[[str], bool], *, usage: str) -> Batch:
    """Recipients and labelled lines; each label at most once."""
    if len(lines) > MAX_LINES:
        raise UserError(texts.too_many_lines(MAX_LINES), usage=usage)
    batch = Batch()
    for line in lines:
        labelled = _label(line)
        if labelled is None:
            batch.recipients.append(parse_recipient(line, is_unit, usage=usage))
            continue
        label, rest = labelled
        if not rest:
            raise UserError(texts.empty_line(line), usage=usage)
        if getattr(batch, label) is not None:
            raise UserError(texts.repeated_line(line))
        if label == "decision":
            batch.decision = parse_decision(rest, usage=usage)
        elif len(rest) > 300 and label == "occasion":
            raise UserError(texts.OCCASION_TOO_LONG, usage=usage)
        else:
            setattr(batch, label, rest)
    return batch


def is_bang_khen(form_name: str) -> bool:
    """Whether a form is a Bằng khen (of any level)."""
    return fold(form_name).startswith(BANG_KHEN)


def window(today: dt.date) -> tuple[int, int]:
    """The five years up to this one, as the "Bằng khen within 5 years" question counts them."""
    return today.year - WITHIN_YEARS + 1, today.year


def is_ad_hoc(occasion: str | None) -> bool:
    """An occasion that says the award was ad hoc (đột xuất)."""
    return occasion is not None and "dot xuat" in fold(occasion)
