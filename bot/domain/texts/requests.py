"""Texts of requests to units: each unit's state, and errors reading a code or a deadline."""

from __future__ import annotations

SUBMITTED = "đã nộp"
EXTENSION = "xin gia hạn"
PENDING = "chưa nộp"


def bad_code(token: str) -> str:
    """A request code that is not `YC` and a number."""
    return (
        f"Mã yêu cầu '{token}' không đúng: mã có dạng YC và số, ví dụ YC3. "
        "Gõ /yeucau để xem các yêu cầu đang mở."
    )


def bad_deadline(token: str) -> str:
    """A deadline not written as dd/mm/yyyy."""
    return f"Hạn '{token}' phải viết dạng dd/mm/yyyy, ví dụ 05/12/2026."


def no_such_day(token: str) -> str:
    """A date the calendar does not have (31/02)."""
    return f"Ngày '{token}' không có trong lịch."


def bad_time(token: str) -> str:
    """An hour or minute out of range."""
    return f"Giờ '{token}' không hợp lệ (00:00–23:59)."
