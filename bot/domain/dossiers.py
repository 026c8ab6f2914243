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

ORDER = ("submitted", "received", "reviewing", "council", "decided")
OPEN = frozenset({"submitted", "received", "reviewing", "council"})
LABELS = {
    "submitted": "đã gửi",
    "received": "đã nhận",
    "reviewing": "đang thẩm định",
    "council": "trình Hội đồng",
    "decided": "có quyết định",
    "returned": "trả lại",
}
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


def word_key(text: str) -> str:
    """A typed step or status word without diacritics, case or spaces (`Thẩm định` → thamdinh)."""
    return fold(text).replace(" ", "").replace("_", "")


def next_status(current: str, target: str, *, code: str, usage: str) -> None:
    """Refuse a step that goes back or leaves a closed dossier."""
    if current not in OPEN:
        raise UserError(
            f"Hồ sơ {code} đã {LABELS[current]}, không chuyển bước được nữa. "
            "Đơn vị gửi hồ sơ mới bằng /dexuat nếu cần.",
            usage=usage,
        )
    if target == "returned":
        return
    if ORDER.index(target) <= ORDER.index(current):
        raise UserError(
            f"Hồ sơ {code} đang ở bước '{LABELS[current]}': chỉ chuyển tiếp được, "
            f"không về '{LABELS[target]}'.",
            usage=usage,
        )


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
    title = f"Hồ sơ {step.code}: {label}"
    what = (
        f"Hồ sơ đề nghị khen thưởng {step.code} ({step.form_name}, {step.nominees} người/tập thể) "
        f"của {step.unit_name}"
    )
    if step.status == "submitted":
        body = f"{what} đã được gửi. Văn phòng xử lý bằng /xulyhoso {step.code} nhan."
    elif step.status == "returned":
        body = f"{what} đã bị trả lại. Lý do: {step.note}."
    elif step.status == "decided":
        body = f"{what} đã có quyết định: {step.note}. Các bản ghi khen thưởng đã được lưu."
    else:
        body = f"{what} chuyển sang bước: {label}."
    return title, f"{body}\nXem các hồ sơ: /hoso"
