"""Texts of /khoanam: closing a reviewed year, its summary, reopening it."""

from __future__ import annotations

USAGE = "/khoanam [<năm> | mo <năm>]"
SUMMARY = (
    "Khóa năm đã tổng kết: báo một lần nhiệm vụ chưa hoàn thành rồi thôi nhắc quá hạn; số "
    "liệu vẫn xem, xuất được."
)
WHO = "quản trị chung (xem tóm tắt: mọi người)"
UNFINISHED = "Chưa hoàn thành khi khóa năm:"
NO_DEADLINE = "không có hạn"
TASKS = "nhiệm vụ"
"""What a list cut short counts."""
WHICH_YEAR = "Thiếu năm cần mở lại, ví dụ: /khoanam mo 2023."
NO_YEARS = "chưa có năm nào"


def counts(year: int, total: int, done: int, unfinished: int) -> str:
    """The year's tasks at closing: how many done, how many not."""
    return f"Năm {year}: {total} nhiệm vụ — hoàn thành {done}, chưa hoàn thành {unfinished}."


def deadline(date: str) -> str:
    """An unfinished task's deadline."""
    return f"hạn {date}"


def unfinished_task(code: str, when: str, percent: str) -> str:
    """One task the year left unfinished."""
    return f"• {code} — {when} — {percent}"


def after_closing(year: int) -> str:
    """Where a closed year's data stays, and how to reopen it."""
    return (
        f"Từ nay các nhiệm vụ năm {year} không còn trong nhắc hạn chót, tổng hợp tuần và "
        f"/tiendo; vẫn xem được bằng /nhiemvu {year}, /xuat {year}, /bieudo tiendo {year}. "
        f"Mở lại năm: /khoanam mo {year}."
    )


def not_understood(extra: str) -> str:
    """Words after the year that /khoanam does not take."""
    return f"Không hiểu '{extra}'."


def not_yet(year: int) -> str:
    """A future year cannot be closed."""
    return f"Năm {year} chưa tới nên chưa khóa được."


def no_tasks(year: int) -> str:
    """A year without tasks needs no closing."""
    return f"Năm {year} không có nhiệm vụ thi đua nào nên không cần khóa."


def closed_title(year: int) -> str:
    """The title of the closing summary."""
    return f"Đã khóa năm {year}: tóm tắt khi khóa"


def closed_on(year: int, date: str) -> str:
    """`Năm 2023 đã khóa ngày 28/11/2026.`"""
    return f"Năm {year} đã khóa ngày {date}."


def not_closed(year: int) -> str:
    """Reopening a year that is open."""
    return f"Năm {year} chưa khóa nên không cần mở lại."


def reopened(year: int) -> str:
    """The reply to reopening a year."""
    return (
        f"Đã mở lại năm {year}: nhiệm vụ chưa hoàn thành của năm này lại được nhắc quá hạn "
        "và tính trong /tiendo."
    )


def closed_years(listed: str) -> str:
    """The closed years and how to close or reopen one."""
    return (
        f"Các năm đã khóa: {listed}.\nKhóa một năm (quản trị chung): /khoanam <năm>; "
        "mở lại: /khoanam mo <năm>."
    )
