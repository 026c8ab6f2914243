"""Texts of the commemoration calendar: lunar dates and anniversary classes (Decree 145/2013)."""

from __future__ import annotations

ROUND_ANNIVERSARY = "năm tròn"
FIFTH_ANNIVERSARY = "năm lẻ 5"


def lunar_date(day: int, month: int, *, leap: bool) -> str:
    """`15/08 âm lịch`, `03/04 nhuận âm lịch`."""
    shown = " nhuận" if leap else ""
    return f"{day:02d}/{month:02d}{shown} âm lịch"


def bad_lunar_date(day: int, month: int) -> str:
    """A lunar day or month out of range."""
    return f"ngày âm lịch không hợp lệ: {day}/{month}"
