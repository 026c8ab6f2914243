"""Texts of the charts (/bieudo, /bieudo yeucau) and of their links: titles, legends, captions."""

from __future__ import annotations

USAGE = "/bieudo <khenthuong|tiendo|chitieu> [năm]"


def unknown_chart(word: str) -> str:
    """The chart kind typed is none of the three."""
    return (
        f"Không có biểu đồ '{word}'. Chọn khenthuong (khen thưởng), "
        "tiendo (tiến độ nhiệm vụ) hoặc chitieu (chỉ tiêu)."
    )


AWARDS_WHAT = "khen thưởng"
TASKS_WHAT = "nhiệm vụ thi đua"
INDICATORS_WHAT = "chỉ tiêu"
INDICATORS_NO_DATA = "chỉ tiêu có tỷ lệ so với kế hoạch"
"""What a year has no data of, as in "Chưa có số liệu … năm 2026"."""

REACHED = "Đạt, vượt kế hoạch"
MISSED = "Chưa đạt"
OPEN = "Chưa đủ căn cứ đánh giá"
"""Indicator verdicts in the legend."""


def awards_title(year: int) -> str:
    """The awards chart's title."""
    return f"Khen thưởng năm {year}"


TURNS = " lượt"
"""After a count the source gives in turns."""


def awards_caption(title: str, subtotals: str) -> str:
    """The awards chart's caption: each group's subtotal."""
    return (
        f"{title} — {subtotals}. Số cộng tính theo lượt, không cộng các nhóm với nhau "
        "(không kể khen tại hội nghị, lễ kỷ niệm)."
    )


def progress_title(year: int) -> str:
    """The progress chart's title."""
    return f"Tiến độ nhiệm vụ thi đua năm {year}"


def overdue_on_bar(count: int) -> str:
    """After a unit's percent, its overdue tasks."""
    return f" · {count} quá hạn"


NONE_OVERDUE = "Không có nhiệm vụ quá hạn"
SOME_OVERDUE = "Có nhiệm vụ quá hạn"
PROGRESS_SERIES = "Tiến độ trung bình (%)"


def progress_caption(title: str, mean: str, units: int, late: int) -> str:
    """The progress chart's caption: the mean and how many units are late."""
    return f"{title}: trung bình {mean} ở {units} đơn vị, {late} đơn vị có nhiệm vụ quá hạn."


QUALIFIERS = {"over": "trên ", "under": "dưới ", "about": "khoảng "}
"""Before a percent the source gives as over, under or about."""


def indicators_title(year: int) -> str:
    """The indicators chart's title."""
    return f"Chỉ tiêu năm {year} so với kế hoạch"


PLAN_LINE = " Kế hoạch 100%"
INDICATORS_SERIES = "Tỷ lệ so với kế hoạch (%)"


def indicators_caption(year: int, tally: str) -> str:
    """The indicators chart's caption: how many reached their plan."""
    return f"Chỉ tiêu năm {year}: {tally}"


def submitted_on(day: str, *, with_file: bool) -> str:
    """After "đã nộp" on a unit's bar: the day, and whether a file came."""
    return f" {day}" + (" · có tệp" if with_file else "")


def overdue_days(days: str) -> str:
    """After a unit's state on its bar: days past the deadline."""
    return f" · quá hạn {days} ngày"


def request_heading(code: str, units: int) -> str:
    """The request chart's title."""
    return f"Yêu cầu {code}: {units} đơn vị"


def request_caption(
    code: str, title: str, *, submitted: int, units: int, extension: int, pending: int
) -> str:
    """The request chart's caption: how many units answered and how."""
    return (
        f"Yêu cầu {code} — {title}: {submitted}/{units} đơn vị đã nộp, "
        f"{extension} xin gia hạn, {pending} chưa nộp."
    )


STATE_SERIES = "Tình trạng"
LINK_GONE = "Liên kết biểu đồ không tồn tại hoặc đã hết hạn."
