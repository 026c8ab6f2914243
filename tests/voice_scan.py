"""The word check behind docs/voice.md: English, internal codes and "mình" in user-visible text."""

from __future__ import annotations

import re

_ALLOWED_WORDS = """
    telegram zalo excel libreoffice png xlsx csv ics json gzip yaml pdf url http https id
    migrate seed chat run remind export import chart backup restore
    covid sea games bot thi kh gdp bhyt bhxh thpt thcs ubnd hđnd mttq tncs html utc gmt ok
"""
ALLOWED = frozenset(_ALLOWED_WORDS.split())
"""ASCII words a user may read: platforms, file formats, the bot's name, the source's units."""

_DENIED_WORDS = "the is not chat set get yes of and or none null true false gone error"
DENIED = frozenset(_DENIED_WORDS.split())
"""English words that also have the shape of a Vietnamese syllable written without marks."""

# A Vietnamese syllable spelled without diacritics: onset, one to three vowels, a coda.
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$"
)
_STRIP = (
    re.compile(r"https?://\S+"),
    re.compile(r"(?<![\w/])(/[\w.-]+){2,}"),  # file paths
    re.compile(r"(?<![\w-])-[a-zA-Z]\b"),  # short options
    re.compile(r"\b[a-z]+/(?=[\s)]|$)"),  # folder names
    re.compile(r"'[a-z]+'"),  # choices and echoes, quoted as typed
    # Command names with the argument words and codes typed after them (/dangky sukien tuan).
    re.compile(
        r"(?<![\w/])/[a-z_]+"
        r"(?:[ \t]+(?:<[^>\n]*>|\[[^\]\n]*\]|[a-z0-9%|-]+|[A-Z0-9-]+)(?=[\s,.;)\]]|$))*"
    ),
    re.compile(r"\bthidua(\s+[a-z]+)?(\s+--[a-z-]+)*"),  # CLI commands the user types
    re.compile(r"--[a-z][a-z-]*"),  # CLI options
    re.compile(r"(?<!\w)@\w+"),
    re.compile(r"\b(telegram|zalo|console):\S*"),  # platform-qualified ids as typed
    re.compile(r"\.env\b"),
    re.compile(r"\b[a-z_]+(\[\d+\])+(\.[a-z_]+)*"),  # a key path in a seed file: units[1].name
    # Format notations and time-zone names, as a user types them (dd/mm/yyyy, HH:MM).
    re.compile(r"\b(dd|mm|yyyy|yy|HH|hh|MM)([/:.-](dd|mm|yyyy|yy|HH|hh|MM))+\b"),
    re.compile(r"\b(Asia|Europe|America|Africa|Australia|Pacific|Etc)/[A-Za-z_+-]+"),
    # An argument word explained in brackets: "sukien (sự kiện)", or the other way round.
    re.compile(r"\b[a-z]+(?= \()"),
    re.compile(r"\([a-z]+\)"),
    re.compile(r"[\w.-]+\.(xlsx|png|csv|ics|json|gz|yaml|yml|txt|db|md)\b"),
    re.compile(r"\b[A-Z][A-Z0-9_]*_[A-Z0-9_]+\b"),  # setting names an operator types
)
_WORD = re.compile(r"[^\W\d_]+(?:_[^\W\d_]+)*|\w+")


def _is_code(word: str) -> bool:
    """Unit, record and task codes: P-DAIKIM, NV2026-07, HM, KH."""
    return word.isupper() or any(ch.isdigit() for ch in word)


# A count of 1 000 or more written without the thousands dot: "quá hạn 1101 ngày".
_BARE_COUNT = re.compile(r"\b\d{4,}\s+(ngày|lượt|người|tập thể|cá nhân|đơn vị|nhiệm vụ|dòng)\b")


def leaks(text: str) -> list[str]:
    """The words of `text` that docs/voice.md does not allow a user to read."""
    found = [m.group(0) for m in _BARE_COUNT.finditer(text)]
    if re.search(r"\bmình\b", text, flags=re.IGNORECASE):
        found.append("mình")
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    for token in re.split(r"[\s,.;:!?()\[\]{}«»\"'“”‘’…/=+*<>|–—-]+", text):
        for word in _WORD.findall(token):
            if "_" in word:
                found.append(word)  # snake_case is an internal name
                continue
            if not word.isascii() or _is_code(word) or not word.isalpha():
                continue
            lower = word.lower()
            if lower in ("telegram", "zalo") and word == lower:
                found.append(word)  # a platform's name is written as the platform writes it
                continue
            if lower in ALLOWED:
                continue
            if lower in DENIED or not _SYLLABLE.match(lower):
                found.append(word)
    return found
