"""Texts of the commemorations list: /sukien."""

from __future__ import annotations

from bot.domain.texts.formats import count

USAGE = "/sukien [số ngày | năm] [trang]"
SUMMARY = "Các ngày kỷ niệm sắp tới (mặc định 60 ngày) hoặc của một năm, kèm số năm kỷ niệm."
PREVIOUS = "« Trang trước"
NEXT = "Trang sau »"


def anniversary(number: int, jubilee: str | None) -> str:
    """`kỷ niệm 24 năm`, with its class (năm tròn, năm lẻ 5) when it has one."""
    shown = f" ({jubilee})" if jubilee else ""
    return f"kỷ niệm {number} năm{shown}"


def year_title(year: int) -> str:
    """The title of a year's commemorations."""
    return f"Các ngày kỷ niệm năm {year}"


def days_title(days: str) -> str:
    """The title of the next N days' commemorations."""
    return f"Sự kiện trong {days} ngày tới"


def bad_days(limit: int, days: int) -> str:
    """A number of days out of range."""
    return f"Số ngày phải từ 1 đến {count(limit)} (nhận được {count(days)})."


def bad_window(word: str) -> str:
    """An argument that is neither days nor a year."""
    return f"'{word}' không phải số ngày hay năm. Ví dụ: /sukien 90 hoặc /sukien 2025."


def none_between(start: str, end: str) -> str:
    """No commemoration in the window."""
    return f"Không có ngày kỷ niệm nào từ {start} đến {end}."


def too_few_pages(last: int) -> str:
    """A page past the last."""
    return f"Khoảng này chỉ có {last} trang ngày kỷ niệm."


def jubilees(count: int) -> str:
    """How many round anniversaries the window holds."""
    return f"{count} ngày kỷ niệm năm tròn hoặc năm lẻ 5: nên chuẩn bị hồ sơ khen thưởng sớm."


def since(title: str, start: str) -> str:
    """The title with the window's first day."""
    return f"{title} (từ {start})"


def page(title: str, number: int, last: int) -> str:
    """The title with the page shown."""
    return f"{title} — trang {number}/{last}"
