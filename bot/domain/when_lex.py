"""Reading the words of a Vietnamese time expression, with or without diacritics, into pieces."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_END = r"(?![a-z0-9])"
# "tối" (evening) and "tới" (next) fold to the same letters; the rules tell them apart by these.
EVENING = "tối"
NEXT = "tới"
_MONTH = r"(\d{1,2}|gieng|chap)"
_UNIT = r"(phut|p|tieng|gio|ngay|tuan|thang)"
_AFTER = r"(?:\s+(?:(\d{1,2})\s*(?:phut|p)|(ruoi)))?"

# Tried in order at each position; the first that matches wins, so longer phrases come first.
_TOKENS: tuple[tuple[str, str], ...] = (
    ("negative", rf"sau\s*-\s*\d+(?:\s*{_UNIT})?"),
    ("delta", rf"sau\s+(\d+|nua)\s*{_UNIT}{_AFTER}"),
    ("delta", rf"(\d+|nua)\s*{_UNIT}{_AFTER}\s+nua"),
    (
        "last_day",
        r"(?:ngay\s+(lam\s+viec\s+)?cuoi(?:\s+cung)?|cuoi)\s+(?:(cua|trong)\s+)?"
        r"(?:(moi|hang)\s+)?thang(?!\s*(?:\d|gieng|chap))(?:\s+(nay|sau|toi))?",
    ),
    ("daily_workdays", r"(?:hang|moi|cac)\s+ngay\s+lam\s+viec"),
    ("workdays", r"\(?\s*(?:chi\s+)?(?:vao\s+)?(?:cac\s+)?ngay\s+lam\s+viec\s*\)?"),
    ("freq", r"(?:hang|moi)\s+(ngay|tuan|thang|nam)"),
    ("day_rel", r"(hom\s+nay|ngay\s+mai|ngay\s+kia|ngay\s+mot|mai)"),
    # A date never stops before more digits ("1/1/99999" is not 1/1 and a text "/99999").
    (
        "date",
        r"(?:ngay\s+)?(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(\d{4}|\d{2}))?(?!\s*[/-]\s*\d)",
    ),
    ("ram", rf"ram(?:\s+thang\s+{_MONTH})?"),
    ("mung_tet", r"(?:mung|mong)\s*(\d{1,2})\s+tet"),
    ("day_text", rf"(ngay|mung|mong)\s*(\d{{1,2}})(?:\s+thang\s+{_MONTH}(?:\s+nam\s+(\d{{4}}))?)?"),
    ("weekday", r"thu\s*([2-7]|hai|ba|tu|nam|sau|bay)|(chu\s*nhat|cn)|t([2-7])"),
    ("bad_weekday", r"thu\s*(\d+)"),
    ("nth", r"(dau\s+tien|cuoi\s+cung)"),
    ("week_rel", r"tuan\s+(nay|sau|toi)"),
    (
        "month_ref",
        r"(?:(cua|trong)\s+)?(?:(moi|hang)\s+)?thang(?!\s*(?:\d|gieng|chap))(?:\s+(nay|sau|toi))?",
    ),
    ("year_rel", r"nam\s+(nay|sau|toi)"),
    ("calendar", r"\(?\s*(am\s+lich|al|duong\s+lich|dl)\s*\)?"),
    ("leap", r"nhuan"),
    ("time_h", r"(\d{1,2})[hg](?:(\d{1,2})(?:p|phut)?|\s+(ruoi))?"),
    ("time_colon", r"(\d{1,2}):(\d{2})"),
    (
        "time_gio",
        r"(\d{1,2})\s*gio(?:\s+(\d{1,2})(?:\s*phut)?|\s+(ruoi)|\s+kem\s+(\d{1,2})(?:\s*phut)?)?",
    ),
    ("period", r"(sang|trua|chieu|toi|dem)(?:\s+(nay))?"),
    ("filler", r"vao\s+luc|luc|vao|[,;-]"),
)
_COMPILED = tuple((kind, re.compile(f"(?:{pattern}){_END}")) for kind, pattern in _TOKENS)
_SPACE = re.compile(r"\s*")
_BARE_NUMBER = re.compile(r"\s*(\d+)" + _END)


@dataclass(frozen=True, slots=True)
class Piece:
    """One recognised phrase: its kind, the regex groups (folded text) and its span."""

    kind: str
    groups: tuple[str | None, ...]
    start: int
    end: int


@lru_cache(maxsize=1024)
def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """Lower case without diacritics, one character for each of `text`'s (NFC) characters."""
    return "".join(_fold_char(char) for char in text)


def lex(text: str) -> tuple[list[Piece], str, int]:
    """The pieces at the start of `text` (NFC), the folded text and where the pieces end."""
    folded = fold(text)
    pieces: list[Piece] = []
    pos = end = 0
    while True:
        pos = _SPACE.match(folded, pos).end()  # type: ignore[union-attr]
        matched = _match(folded, pos)
        if matched is None:
            return pieces, folded, end
        kind, found = matched
        if kind == "day_rel" and found.start() > 0 and text[found.start()] == "M":
            return pieces, folded, end  # "Mai" inside the text is a name, not "tomorrow"
        pos = found.end()
        # A filler word ("lúc", "vào", a comma) belongs to the time only when a piece follows.
        if kind != "filler":
            pieces.append(Piece(kind, found.groups(), found.start(), pos))
            end = pos


def _match(folded: str, pos: int) -> tuple[str, re.Match[str]] | None:
    for kind, pattern in _COMPILED:
        found = pattern.match(folded, pos)
        if found:
            return kind, found
    return None


def bare_number(folded: str) -> str | None:
    """The number a text starts with when nothing else could be read there."""
    found = _BARE_NUMBER.match(folded)
    return found.group(1) if found else None
