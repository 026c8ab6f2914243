"""Texts of buttons written as commands to type, for transports that show no buttons."""

from __future__ import annotations

ACTIONS = {
    "đã nhận": "báo đã nhận",
    "xóa": "xác nhận xóa",
    "hủy": "hủy",
    "trang trước": "xem trang trước",
    "trang sau": "xem trang sau",
    "nhắc lại sau 1 giờ": "nhắc lại sau 1 giờ",
    "sáng mai": "nhắc lại vào sáng mai",
    "xong": "báo đã xong",
}
"""What pressing a button does, by the (case-folded) labels the core uses."""


def see_year(command: str, year: str) -> str:
    """A button that opens another year."""
    return f"Gõ {command} để xem năm {year}"


def type_to(command: str, action: str) -> str:
    """A button whose action is known."""
    return f"Gõ {command} để {action}"


def labelled(label: str, command: str) -> str:
    """Any other button: its own label."""
    return f"{label}: gõ {command}"
