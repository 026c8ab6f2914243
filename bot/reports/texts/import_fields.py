"""Texts of the import's cell checks: each field's name in a message, what is wrong with a cell."""

from __future__ import annotations

from bot.domain import vn

YEAR = "năm"


def missing(what: str) -> str:
    """A required cell left empty."""
    return f"thiếu {what}."


def too_long(what: str, limit: int) -> str:
    """A text over its length limit."""
    return f"{what} dài quá {vn.number(limit)} ký tự."


def bad_code(what: str, text: str) -> str:
    """A code with characters a code may not hold."""
    return f"{what} '{text}' chỉ được gồm chữ không dấu, số, '-', '_' hoặc '.' (tối đa 40 ký tự)."


def not_number(what: str, value: object) -> str:
    """A date or yes/no where a number belongs."""
    return f"{what} phải là số, ô đang chứa '{value}'."


def text_not_number(what: str, value: object) -> str:
    """Words where a number belongs."""
    return f"{what} phải là số, ô đang chứa chữ '{value}'."


def ambiguous(what: str, text: str, digits: str, decimal: str) -> str:
    """742.042: thousands the Vietnamese way or a decimal the English way; the user says which."""
    return (
        f"{what} '{text}' không rõ: nếu là {digits} thì viết {digits}, "
        f"nếu là số thập phân thì viết {decimal}."
    )


def not_whole(what: str, number: str) -> str:
    """A fraction where a whole number belongs."""
    return f"{what} phải là số nguyên, ô đang chứa {number}."


def out_of_range(what: str, low: int, high: str, value: int) -> str:
    """A whole number outside its range."""
    return f"{what} phải từ {low} đến {high}, ô đang chứa {value}."


def not_date(what: str, text: str) -> str:
    """A cell that is not a date."""
    return f"{what} '{text}' không phải là ngày (viết dd/mm/yyyy, ví dụ 03/03/2023)."


# Awards, records and dossiers.

AWARD = {
    "form": "mã hình thức",
    "key": "mã dòng",
    "unit": "mã đơn vị",
    "recipient_name": "tên người, tập thể được khen",
    "occasion": "dịp khen thưởng",
    "occasion_date": "ngày của dịp",
    "decision_number": "số quyết định",
    "decision_date": "ngày quyết định",
    "source": "nguồn",
}


def count(kind: str) -> str:
    """A recipient kind's count (Số tập thể)."""
    return f"Số {kind.lower()}"


def ad_hoc(kind: str) -> str:
    """A recipient kind's ad-hoc share (Số tập thể đột xuất)."""
    return f"Số {kind.lower()} đột xuất"


def ad_hoc_over_total(kind: str, extra: int, total: int) -> str:
    """More ad-hoc awards than awards."""
    return f"số {kind.lower()} đột xuất ({extra}) lớn hơn tổng số {kind.lower()} ({total})."


NO_COUNTS = "dòng không có số lượng nào (tập thể, cá nhân...)."
RECORD = {
    "form": "mã hình thức",
    "kind": "đối tượng",
    "name": "họ tên, tên tập thể",
    "position": "chức vụ",
    "unit": "mã đơn vị",
    "occasion": "dịp khen thưởng",
    "decision_number": "số quyết định",
    "decision_date": "ngày quyết định",
    "decision_level": "cấp quyết định",
    "key": "mã bản ghi",
}
DOSSIER = {
    "code": "mã hồ sơ",
    "form": "mã hình thức",
    "unit": "mã đơn vị đề nghị",
    "reason": "lý do",
    "kind": "đối tượng",
    "name": "họ tên, tên tập thể",
    "position": "chức vụ",
    "nominee_unit": "mã đơn vị của người được đề nghị",
}


def bad_recipient(text: str) -> str:
    """A recipient kind other than collective or individual."""
    return f"đối tượng '{text}' phải là 'tập thể' hoặc 'cá nhân'."


# Tasks, indicators, days and units.

TASK = {
    "code": "mã nhiệm vụ",
    "title": "tên nhiệm vụ",
    "deadline": "Hạn",
    "unit": "mã đơn vị",
    "percent": "Tiến độ",
    "note": "ghi chú tiến độ",
}
PROGRESS_WITHOUT_UNIT = "có tiến độ nhưng thiếu mã đơn vị."
INDICATOR = {
    "code": "mã chỉ tiêu",
    "group": "nhóm",
    "name": "tên chỉ tiêu",
    "measure": "đơn vị tính",
    "qualifier": "mức",
    "plan": "Kế hoạch",
    "actual": "Thực hiện",
    "percent": "Tỷ lệ so với kế hoạch",
    "unit": "mã đơn vị",
    "note": "ghi chú",
    "source": "nguồn",
}


def bad_qualifier(word: str) -> str:
    """A qualifier other than over, under, about."""
    return f"mức '{word}' phải để trống hoặc là 'trên', 'dưới', 'khoảng'."


NEGATIVE_PERCENT = "tỷ lệ so với kế hoạch không được âm."
NO_RESULT = "cần ít nhất một trong hai: Thực hiện hoặc Tỷ lệ so với kế hoạch."
DAY = {
    "code": "mã",
    "title": "tên ngày kỷ niệm",
    "calendar": "lịch",
    "day": "Ngày",
    "month": "Tháng",
    "origin_year": "Năm gốc",
    "category": "loại",
    "unit": "mã đơn vị",
    "description": "mô tả",
    "source": "nguồn",
}


def bad_calendar(word: str) -> str:
    """A calendar other than solar or lunar."""
    return f"lịch '{word}' phải là 'dương lịch' hoặc 'âm lịch'."


NO_DAY = "thiếu ngày."
NO_MONTH = "thiếu tháng."


def no_such_day(day: int, month: int) -> str:
    """A day the month does not have."""
    return f"ngày {day} không có trong tháng {month}."


UNIT = {
    "code": "mã đơn vị",
    "name": "tên đơn vị",
    "kind": "loại đơn vị",
    "parent": "mã đơn vị cha",
    "retired_on": "ngày ngừng",
    "merged_into": "mã đơn vị gộp vào",
}


def bad_unit_kind(text: str, offered: str) -> str:
    """A unit kind the bot does not know."""
    return f"loại '{text}' không có. Các loại: {offered}."


MERGED_WITHOUT_DATE = "đơn vị gộp vào đơn vị khác cần ngày ngừng."


def own_parent(code: str) -> str:
    """A unit named as its own parent."""
    return f"đơn vị {code} không thể là cha của chính nó."
