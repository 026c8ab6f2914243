"""The fake Zalo API's limits, recorded calls and injected answers, and the error it raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

DEFAULT_TOKEN = "1234567890:fake-zalo-secret-Token_abc"
TEXT_LIMIT = 2000
PARSE_MODES = frozenset({"markdown", "html"})


class ReceivedCall(NamedTuple):
    """One API call as the fake saw it (recorded even when the token was wrong)."""

    method: str
    json: dict[str, object]


@dataclass(frozen=True, slots=True)
class Failure:
    """An injected answer that replaces the next real one for a method."""

    status: int
    body: bytes
    content_type: str
    headers: Mapping[str, str]


class BadRequest(Exception):
    """Raised inside a method handler to answer a 400 envelope."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units; Zalo's backend is Java, which counts strings this way."""
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2
