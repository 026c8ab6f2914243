"""Texts of choosing a report's year: how to load a year's data, and which year is shown."""

from __future__ import annotations

AWARDS = "khen thưởng"
TASKS = "nhiệm vụ thi đua"
"""What a report is about, as the year texts name it (and the key of its load hint)."""

LOAD_HINTS = {
    AWARDS: "/themkhenthuong, hoặc tải mẫu nhập /xuat mau {year} rồi gửi lại kèm /nhap",
    TASKS: "/themnhiemvu, hoặc tải mẫu nhập /xuat mau {year} rồi gửi lại kèm /nhap",
}
DEFAULT_HINT = "tải mẫu nhập /xuat mau {year}, điền rồi gửi lại kèm /nhap"
SOME_YEAR = "<năm>"
"""The year placeholder in a load hint when no year is known yet."""
NO_YEARS = "chưa có năm nào"


def nothing_loaded(what: str, hint: str) -> str:
    """No year has data of `what` at all."""
    return f"Chưa có số liệu {what} nào trong cơ sở dữ liệu. Cách nạp: {hint}."


def shown_instead(what: str, current: int, shown: int, hint: str) -> str:
    """This year has no data of `what`; the newest year with some is shown."""
    return (
        f"Năm {current} chưa có số liệu {what}; dưới đây là năm {shown}, năm gần nhất có số "
        f"liệu. Nạp số liệu năm {current}: {hint}."
    )


def year_without_data(what: str, year: int, listed: str, hint: str) -> str:
    """The year asked for has no data of `what`; `listed` names the years that have some."""
    return f"Chưa có số liệu {what} năm {year}. Các năm có số liệu: {listed}. Cách nạp: {hint}."


def open_task_year_instead(current: int, shown: int, hint: str) -> str:
    """This year has no tasks; the newest open year with tasks is followed instead."""
    return (
        f"Năm {current} chưa có nhiệm vụ thi đua; dưới đây là năm {shown} (chưa khóa). "
        f"Nạp nhiệm vụ năm {current}: {hint}."
    )
