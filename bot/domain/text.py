"""Text facts shared by every layer: who a message points at, lengths, echoes and folding.

`bot.core.messages` re-exports both, so the core and transports keep importing them from there.
"""

from __future__ import annotations

import unicodedata
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
