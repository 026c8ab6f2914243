"""Text facts shared by every layer: who a message points at, lengths, echoes and folding.

`bot.core.messages` re-exports both, so the core and transports keep importing them from there.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class UserRef:
    """A user a message points at: the author of the message replied to, or a mention."""

    user_id: str
    name: str | None = None


def utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units, the unit Zalo's 2000 limit is measured in."""
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2


ECHO_LIMIT = 40
"""Characters of a user's word repeated back in an error; a pasted page is not echoed whole."""


def clip(text: str, limit: int = ECHO_LIMIT) -> str:
    """The text as an error repeats it: cut at `limit` characters, marked with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# đ and Đ are letters of their own, not d with a mark: NFD leaves them, so they map by code point.
_STROKED_D = str.maketrans({0x0111: "d", 0x0110: "D"})


def fold(text: str) -> str:
    """Lower case without diacritics (đ → d): how typed words, names and commands are compared."""
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKED_D))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a mistyped word most likely meant: fewest edits, then most letters in common;
    None when nothing is near."""
    # difflib alone ranks by letters in common, so "nhak" went to "nhatky" over "nhac".
    folded = fold(word)
    best: tuple[int, float, str] | None = None
    for choice in choices:
        edits = _edits(folded, choice)
        alike = difflib.SequenceMatcher(None, folded, choice).ratio()
        if edits > 1 and alike < 0.6:
            continue
        key = (edits, -alike, choice)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _edits(a: str, b: str) -> int:
    """Insertions, deletions, substitutions and swaps of neighbours that turn `a` into `b`."""
    before: list[int] | None = None
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (x != y))
            if before is not None and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
    return row[-1]
