"""Texts of the Excel export (/xuat, `thidua export`) and of its empty template (/xuat mau)."""

from __future__ import annotations

from bot.domain import vn
from bot.reports.texts import sheets

ASSUMED_NOTE = f"{vn.ASSUMED} (nguồn không nêu hạn)"
"""On a task whose deadline the source does not give."""
FORMS_HEADERS = ("Mã", "Tên hình thức", "Nhóm", "Cấp", "Áp dụng cho", "Đơn vị tính")


def awards_printed(year: int) -> str:
    """What the award print sheet holds."""
    return f"khen thưởng năm {year}"


def indicators_printed(year: int) -> str:
    """What the indicator print sheet holds."""
    return f"chỉ tiêu năm {year}"


GENERAL = "Chung"
"""The guide's first row: the workbook as a whole."""


def guide_general(year: int) -> str:
    """How to fill and send the template."""
    return (
        f"Mẫu nhập số liệu năm {year}. Điền các trang rồi gửi tệp cho bot kèm chú "
        "thích /nhap (hoặc chạy thidua import TỆP). Bot kiểm tra hết trước khi ghi; có ô "
        "sai thì bot chỉ ra ô đó và chưa ghi gì. Trang để trống được bỏ qua."
    )


def guide_awards(year: int) -> str:
    """How to fill the awards sheet."""
    return (
        f"Mỗi dòng: một hình thức khen thưởng của một đơn vị. Năm: {year}. Mã hình "
        f"thức: xem trang {sheets.FORMS_TITLE}. Mã đơn vị: xem trang {sheets.UNITS_TITLE}. "
        "Ghi số vào cột Tập thể, Cá nhân… Mã dòng để trống thì bot tự đặt."
    )


def guide_tasks(year: int, next_code: str) -> str:
    """How to fill the tasks sheet."""
    return (
        f"Mỗi dòng: một nhiệm vụ với một đơn vị thực hiện; nhiều đơn vị thì lặp lại "
        f"dòng với cùng mã. Năm: {year}. Mã nhiệm vụ tiếp theo còn trống: {next_code} (rồi "
        "tăng dần). Hạn: dd/mm/yyyy. Tiến độ (%) để trống nếu chưa có."
    )


def guide_indicators(year: int) -> str:
    """How to fill the indicators sheet."""
    return (
        f"Mỗi dòng: một chỉ tiêu năm {year}. Mã chỉ tiêu tự đặt (chữ không dấu, số, "
        "dấu -), giữ nguyên khi nhập lại để cập nhật. Kế hoạch, Thực hiện: số."
    )


GUIDE_COMMEMORATIONS = "Chỉ điền khi có ngày kỷ niệm mới; các ngày đã có xem bằng /sukien."
