"""Texts of the calendar feed's events: the note on a lunar commemoration."""

from __future__ import annotations


def lunar_note(day: int, month: int) -> str:
    """`Ngày 15/8 âm lịch.`: a lunar day's date, which calendar apps cannot show."""
    return f"Ngày {day}/{month} âm lịch."
