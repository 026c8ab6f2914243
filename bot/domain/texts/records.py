"""Texts of the named award records a clerk types: what is wrong with a line and how to write it."""

from __future__ import annotations

from bot.domain.texts.formats import count

DECISION_NUMBER_TOO_LONG = "Số quyết định dài quá 60 ký tự."
DECISION_LEVEL_TOO_LONG = "Cấp quyết định dài quá 200 ký tự."
POSITION_TOO_LONG = "Chức vụ dài quá 200 ký tự."
OCCASION_TOO_LONG = "Dịp khen thưởng dài quá 300 ký tự."


def bad_date(token: str) -> str:
    """A date not written dd/mm/yyyy."""
    return f"Ngày '{token}' phải viết dạng dd/mm/yyyy, ví dụ 15/03/2023."


def no_such_date(token: str) -> str:
    """A date not on the calendar."""
    return f"Ngày {token} không có trên lịch."


def bad_decision(text: str) -> str:
    """A decision line without its number and date."""
    return (
        f"Quyết định '{text}' cần số và ngày, cách nhau bằng dấu phẩy, ví dụ "
        "QĐ 123/QĐ-UBND, 15/03/2023, Chủ tịch UBND quận."
    )


def missing_name(line: str) -> str:
    """A line without a name."""
    return f"Dòng '{line}' thiếu tên."


def unknown_unit(code: str) -> str:
    """No unit has the typed code."""
    return f"Không có đơn vị mã '{code}'. Gõ /donvi để xem mã các đơn vị."


def collective_needs_name(line: str) -> str:
    """A collective named neither by name nor by unit code."""
    return f"Dòng '{line}' cần tên hoặc mã đơn vị của tập thể."


def missing_full_name(line: str) -> str:
    """A person's line without a full name."""
    return f"Dòng '{line}' thiếu họ tên."


def not_a_name(name: str) -> str:
    """A name with no letters."""
    return f"'{name}' không phải là họ tên."


def name_too_long(limit: int, start: str) -> str:
    """A name over the limit."""
    return f"Tên dài quá {count(limit)} ký tự: '{start}…'."


def too_many_lines(limit: int) -> str:
    """A message over the line limit."""
    return f"Mỗi lần gửi tối đa {count(limit)} dòng."


def empty_line(line: str) -> str:
    """A labelled line with nothing after its label."""
    return f"Dòng '{line}' thiếu nội dung."


def repeated_line(line: str) -> str:
    """A labelled line given twice."""
    return f"Dòng '{line}' lặp lại: mỗi tin nhắn chỉ một dòng như vậy."
