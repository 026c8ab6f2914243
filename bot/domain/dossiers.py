"""Award proposal dossiers: their statuses, the steps the office takes, and what a unit is told.

A unit sends a dossier (đã gửi); the office moves it forward through đã nhận, đang thẩm định and
trình Hội đồng to có quyết định, or returns it (trả lại) from any open status. A step may skip
ahead (a small office receives and reviews at once) but never goes back; a decided or returned
dossier is closed, and a returned one is proposed again as a new dossier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.domain.errors import UserError
from bot.domain.records import fold
from bot.domain.texts import dossiers as texts

ORDER = ("submitted", "received", "reviewing", "council", "decided")
OPEN = frozenset({"submitted", "received", "reviewing", "council"})
LABELS = texts.LABELS
STEP_WORDS = {
    "nhan": "received",
    "danhan": "received",
    "thamdinh": "reviewing",
    "dangthamdinh": "reviewing",
    "trinh": "council",
    "trinhhoidong": "council",
    "quyetdinh": "decided",
    "coquyetdinh": "decided",
    "tralai": "returned",
}
FILTER_WORDS = {**STEP_WORDS, "dagui": "submitted", "gui": "submitted", "moi": "submitted"}
OPEN_WORDS = frozenset({"dangxuly", "chuaxong", "mo"})
STEPS_TEXT = "'nhan', 'thamdinh', 'trinh', 'quyetdinh', 'tralai'"
FILTERS_TEXT = "'dagui', 'danhan', 'thamdinh', 'trinh', 'quyetdinh', 'tralai', 'dangxuly'"


NOTICE_KIND = "hoso"
"""The deliveries' kind for dossier notices (jobs.dossier_notices plans them)."""


@dataclass(frozen=True)
class Notice:
    """One message for one chat; `at` None means the chat's reminder hour on `occurrence`."""

    occasion_key: str
    occurrence: dt.date
    at: dt.datetime | None
    title: str
    text: str
    summary: str


def word_key(text: str) -> str:
    """A typed step or status word without diacritics, case or spaces (`Thẩm định` → thamdinh)."""
    return fold(text).replace(" ", "").replace("_", "")


def next_status(current: str, target: str, *, code: str, usage: str) -> None:
    """Refuse a step that goes back or leaves a closed dossier."""
    if current not in OPEN:
        raise UserError(texts.closed(code, LABELS[current]), usage=usage)
    if target == "returned":
        return
    if ORDER.index(target) <= ORDER.index(current):
        raise UserError(texts.backwards(code, LABELS[current], LABELS[target]), usage=usage)


def waiting_days(status_at: dt.datetime, now: dt.datetime, tz: dt.tzinfo) -> int:
    """Calendar days a dossier has waited in its status (changes at midnight, not mid-day, so a
    reply cached for the day stays true)."""
    return max(0, (now.astimezone(tz).date() - status_at.astimezone(tz).date()).days)


@dataclass(frozen=True)
class Step:
    """A dossier's step as the proposing unit is told it."""

    code: str
    status: str
    unit_name: str
    form_name: str
    nominees: int
    note: str | None


def step_text(step: Step) -> tuple[str, str]:
    """Title and body of the message telling a unit (or the office) about a step."""
    label = LABELS[step.status]
    body = texts.step_body(
        step.status,
        step.code,
        label,
        step.form_name,
        step.nominees,
        step.unit_name,
        step.note,
    )
    return texts.step_title(step.code, label), body
