"""Texts of argument parsing: what is wrong with a year, page, count, percent or date typed."""

from __future__ import annotations

COUNT = "Số lượng"
"""What a count is called when the caller names nothing more precise."""


def not_a_year(token: str) -> str:
    """A token that is not four digits where a year belongs."""
    return f"'{token}' không phải là năm (viết 4 chữ số, ví dụ 2022)."


def year_out_of_range(value: int, first: int, last: int) -> str:
    """A year outside the range the bot knows about."""
    return f"Năm {value} nằm ngoài khoảng {first}–{last}."


def bad_page(token: str) -> str:
    """A page number that is not a whole number from 1."""
    return f"Số trang '{token}' phải là số từ 1 trở lên."


def not_a_count(what: str, token: str) -> str:
    """A count that is not a positive whole number."""
    return f"{what} '{token}' phải là số nguyên dương, ví dụ 12."


def count_out_of_range(what: str, token: str) -> str:
    """A count outside 1–1.000.000."""
    return f"{what} phải từ 1 đến 1.000.000 (nhận được {token})."


def not_a_percent(token: str) -> str:
    """A progress that is not a whole percent."""
    return f"Tiến độ '{token}' phải là số phần trăm từ 0 đến 100, ví dụ 60%."


def percent_over(value: int) -> str:
    """A progress above 100%."""
    return f"Tiến độ {value}% vượt quá 100%."


def bad_date_form(token: str) -> str:
    """A date not written dd/mm/yyyy."""
    return f"Ngày '{token}' phải viết dạng dd/mm/yyyy, ví dụ 25/11/2003."


def not_on_calendar(token: str) -> str:
    """A date the calendar does not have (31/02)."""
    return f"Ngày {token} không có trên lịch."


def bad_year(origin: int) -> str:
    """The year of a date outside the years the bot knows."""
    return f"Năm {origin} không hợp lệ."


def bad_lunar_form(token: str) -> str:
    """A lunar date not written dd/mm."""
    return f"Ngày âm lịch '{token}' phải viết dạng dd/mm, ví dụ 10/3."


def bad_lunar_day(token: str) -> str:
    """A lunar day or month out of its range."""
    return f"Ngày âm lịch {token} không hợp lệ (ngày 1–30, tháng 1–12)."


UNNAMED_FILE = "tệp không tên"
