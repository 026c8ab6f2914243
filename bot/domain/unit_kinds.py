"""Kinds of units: stored codes, the Vietnamese a user reads and types for each."""

from __future__ import annotations

from bot.domain.text import fold as text_fold
from bot.domain.texts.unit_kinds import LABELS

OFFERED = tuple(code for code in LABELS if code != "district")
"""Kinds a new unit may take: the district level no longer exists since 1/7/2025."""

_WORDS = {
    "tinh": "province",
    "thanh pho": "province",
    "tinh/thanh pho": "province",
    "xa": "commune",
    "phuong": "commune",
    "dac khu": "commune",
    "xa/phuong": "commune",
    "so": "department",
    "ban": "department",
    "nganh": "department",
    "so/ban/nganh": "department",
    "phong": "section",
    "truong": "school",
    "truong hoc": "school",
    "co quan": "agency",
    "doanh nghiep": "enterprise",
    "to dan pho": "residential_group",
    "thon": "residential_group",
    "khac": "other",
    "quan": "district",
    "huyen": "district",
    "quan/huyen": "district",
    # Codes of releases before 0010, found in workbooks exported by them.
    "ward": "commune",
    "sector": "department",
    "organisation": "other",
}


def fold(text: str) -> str:
    """Lower case without diacritics, spaces collapsed: how kind words are matched."""
    return " ".join(text_fold(text).replace("_", " ").split())


def parse(text: str) -> str | None:
    """The kind code a user's word names ("phường", "trường học", "school"), or None."""
    folded = fold(text)
    if folded.replace(" ", "_") in LABELS:
        return folded.replace(" ", "_")
    return _WORDS.get(folded) or next(
        (code for code, label in LABELS.items() if fold(label) == folded), None
    )


def label(code: str) -> str:
    """The Vietnamese name of a stored kind."""
    return LABELS.get(code, LABELS["other"])


def offered_text() -> str:
    """The kinds a user may type, for help and error messages."""
    return ", ".join(LABELS[code] for code in OFFERED)
