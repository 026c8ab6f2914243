"""Texts of /tiendo: a unit's progress summary of tasks, indicators, awards and reminders."""

from __future__ import annotations

USAGE = "/tiendo [mã đơn vị]"
SUMMARY = "Tóm tắt tiến độ của đơn vị: hoàn thành, đang làm, quá hạn, sắp đến hạn."
NO_UNITS = "Chưa có đơn vị nào. Quản trị viên cần nạp dữ liệu bằng `thidua seed`."
NO_INDICATORS = "Chỉ tiêu: chưa có số liệu cho đơn vị này."
NO_AWARDS = "Khen thưởng: chưa có số liệu cho đơn vị này."
LINK_CHAT = "Gắn nhóm này với đơn vị của nhóm: /caidat donvi <mã đơn vị> (xem /donvi)."
OVERDUE = "Quá hạn:"
UPCOMING = "Sắp đến hạn:"
TASKS = "nhiệm vụ"
"""What a list cut short counts."""
ACKNOWLEDGEMENTS = "Xác nhận nhắc việc gần nhất:"


def title(unit: str) -> str:
    """`Tiến độ — Phường Đại Kim`."""
    return f"Tiến độ — {unit}"


def indicators(year: int, met: int, total: int) -> str:
    """The unit's latest scorecard."""
    return f"Chỉ tiêu năm {year}: hoàn thành {met}/{total} (chi tiết: /chitieu)."


def no_tasks_this_year(year: int) -> str:
    """No open year has tasks: how the office adds them."""
    return (
        f"Năm {year} chưa có nhiệm vụ thi đua. Quản trị chung thêm bằng /themnhiemvu, "
        f"hoặc tải mẫu nhập /xuat mau {year} rồi gửi lại kèm /nhap."
    )


def no_tasks_for_unit(year: int) -> str:
    """The year has tasks, none of them for this unit."""
    return f"Chưa có nhiệm vụ thi đua nào năm {year} giao cho đơn vị này."


def reporting_units(units: int, never: int) -> str:
    """How many units carry out tasks and how many of them reported."""
    return (
        f"Đơn vị được giao nhiệm vụ: {units} — đã báo cáo {units - never}, chưa báo cáo "
        f"{never} (từng đơn vị: /nhiemvu <mã nhiệm vụ>)."
    )


def awards(year: int, totals: str, details: str) -> str:
    """The unit's awards of a year and where to see them."""
    return f"Khen thưởng năm {year}: {totals} (chi tiết: {details})."


def task_counts(year: int, total: int, done: int, started: int, idle: int, overdue: int) -> str:
    """The year's tasks counted by state."""
    return (
        f"Nhiệm vụ năm {year}: {total} nhiệm vụ — hoàn thành {done}, "
        f"đang thực hiện {started}, chưa bắt đầu {idle}, "
        f"quá hạn {overdue}."
    )


def overdue_task(code: str, deadline: str, percent: str) -> str:
    """One overdue task."""
    return f"• {code} — hạn {deadline} — {percent}"


def upcoming_task(code: str, deadline: str, left: str, percent: str) -> str:
    """One task coming due."""
    return f"• {code} — {deadline} ({left}) — {percent}"


def acknowledgement(title: str, sent: str, acknowledged: list[str], waiting: list[str]) -> str:
    """Which units acknowledged one reminder, and which did not yet."""
    line = (
        f"• {title} (gửi {sent}): đã nhận {len(acknowledged)}/"
        f"{len(acknowledged) + len(waiting)} đơn vị"
    )
    if acknowledged:
        line += f" — {', '.join(acknowledged)}"
    if waiting:
        line += f"; chưa nhận: {', '.join(waiting)}"
    return line
