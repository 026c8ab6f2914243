"""Texts of the award statistics: /khenthuong."""

from __future__ import annotations

USAGE = "/khenthuong [năm] [mã đơn vị]"
SUMMARY = (
    "Thống kê khen thưởng của một năm: danh hiệu thi đua, hình thức khen thưởng, "
    "ghi nhận khác, theo cấp."
)
WHAT = "khen thưởng"
"""What the year's data is called when a year has none."""


def subtotal(label: str, counts: str) -> str:
    """A group's subtotal line."""
    return f"Cộng {label.lower()}: {counts}."


def none_for_unit(year: int) -> str:
    """A year with awards, none of them for the unit asked about."""
    return f"Năm {year} chưa có khen thưởng nào ghi cho đơn vị này."


def title(year: int, unit: str | None) -> str:
    """/khenthuong's title."""
    scope = f" — {unit}" if unit else ""
    return f"Khen thưởng năm {year}{scope}"
