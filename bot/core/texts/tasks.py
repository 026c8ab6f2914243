"""Texts of /nhiemvu (the year's tasks, one task unit by unit) and /nhacbaocao."""

from __future__ import annotations

from bot.core.texts.common import unknown_task as unknown_task

USAGE = "/nhiemvu [năm] [trang] hoặc /nhiemvu <mã nhiệm vụ>"
SUMMARY = (
    "Các nhiệm vụ thi đua của năm: mã, hạn và tiến độ chung; với mã nhiệm vụ: tiến độ và "
    "lần báo cáo cuối của từng đơn vị, các đơn vị chưa báo cáo."
)
NUDGE_USAGE = "/nhacbaocao <mã nhiệm vụ>"
NUDGE_SUMMARY = (
    "Nhắc một lần các đơn vị chưa báo cáo tiến độ một nhiệm vụ (nút dưới /nhiemvu <mã>)."
)
NUDGE_WHO = "quản trị chung"
NUDGE_BUTTON = "Nhắc đơn vị chưa báo cáo"
PREVIOUS_PAGE = "« Trang trước"
NEXT_PAGE = "Trang sau »"
UNFINISHED_AT_CLOSING = " — chưa hoàn thành khi khóa năm"
OVERDUE = " — QUÁ HẠN"
HOW_TO_UPDATE = "Cập nhật tiến độ của đơn vị: /capnhat <mã nhiệm vụ> <0–100>% [ghi chú]"
REPORTED = "Đã báo cáo:"
CODE_NEEDED = "Cần mã của nhiệm vụ."


def last_page(year: int, last: int) -> str:
    """A page number past the year's last page."""
    return f"Năm {year} chỉ có {last} trang nhiệm vụ."


def year_closed(year: int, when: str) -> str:
    """A closed year's tasks are no longer told as overdue."""
    return f"Năm {year} đã khóa ngày {when}: không còn nhắc quá hạn."


def task_line(code: str, title: str) -> str:
    """A task's first line in the list."""
    return f"• {code} — {title}"


def task_state(deadline: str, percent: str, units: int, flag: str) -> str:
    """A task's second line: deadline, overall progress, how many units carry it out."""
    return f"  Hạn: {deadline} · Tiến độ chung: {percent} ({units} đơn vị thực hiện){flag}"


def list_title(year: int, total: int, page: int, last: int) -> str:
    """`Nhiệm vụ thi đua năm 2026 (12 nhiệm vụ) — trang 1/2`."""
    title = f"Nhiệm vụ thi đua năm {year} ({total} nhiệm vụ)"
    if last > 1:
        title += f" — trang {page}/{last}"
    return title


def overdue_days(days: str) -> str:
    """How long an unfinished task is past its deadline."""
    return f"quá hạn {days} ngày"


def deadline(date: str, when: str, *, assumed: str | None = None) -> str:
    """`Hạn: thứ Sáu, 05/12/2026 (còn 5 ngày).`, with `giả định; ` first when assumed."""
    return f"Hạn: {date} ({assumed + '; ' if assumed else ''}{when})."


def overall(percent: str, units: int, reported: int, never: int) -> str:
    """The task's overall progress and how many units reported."""
    return (
        f"Tiến độ chung: {percent} ({units} đơn vị thực hiện); "
        f"đã báo cáo {reported}, chưa báo cáo {never}."
    )


def unit_report(unit: str, percent: int, who: str, when: str, note: str | None) -> str:
    """One unit's last report on the task."""
    noted = f": {note}" if note else ""
    return f"• {unit} — {percent}% — {who}, {when}{noted}"


def never_reported(count: int) -> str:
    """The heading of the units that never reported."""
    return f"Chưa báo cáo lần nào ({count}):"


def office_nudges(code: str) -> str:
    """How the office nudges the units that never reported."""
    return f"Quản trị chung nhắc các đơn vị này: /nhacbaocao {code}"


def how_to_update(code: str) -> str:
    """How a unit reports its progress on this task."""
    return f"Cập nhật tiến độ của đơn vị: /capnhat {code} <0–100>% [ghi chú]"


def task_title(code: str, title: str) -> str:
    """The title of one task's reply."""
    return f"Nhiệm vụ {code}: {title}"


def closed_detail(year: int, when: str) -> str:
    """Under a closed year's task: nothing is told or updated any more."""
    return (
        f"Năm {year} đã khóa ngày {when}: nhiệm vụ không còn được nhắc, tiến độ giữ như khi "
        f"khóa. Mở lại năm: /khoanam mo {year}."
    )


def nudge_closed(year: int, code: str) -> str:
    """/nhacbaocao refused for a closed year's task."""
    return (
        f"Năm {year} đã khóa nên không nhắc báo cáo nhiệm vụ {code} nữa. "
        f"Quản trị chung mở lại năm: /khoanam mo {year}."
    )


def nobody_reachable(code: str, names: str) -> str:
    """/nhacbaocao when no unit left to report has a linked chat: nothing is sent."""
    return (
        f"Chưa nhắc được ai về {code}: chưa có nhóm nào gắn với các đơn vị chưa báo cáo "
        f"({names}). Gắn nhóm của đơn vị: /caidat donvi <mã đơn vị>."
    )


def nobody_to_nudge(code: str) -> str:
    """Every unit reported: nobody to nudge."""
    return f"Mọi đơn vị thực hiện {code} đã báo cáo, không có ai cần nhắc."


def nudged_today(code: str, when: str) -> str:
    """A second nudge on the same day is refused."""
    return f"Các đơn vị chưa báo cáo {code} đã được nhắc lúc {when}; mỗi ngày nhắc một lần."


def nudged_at(when: str) -> str:
    """The short notice of an earlier nudge today."""
    return f"Đã nhắc lúc {when}."


def nudged(count: int, code: str, names: str, without: str | None) -> str:
    """The reply to /nhacbaocao; `without` names units no chat is linked to."""
    text = (
        f"Đã nhắc {count} đơn vị chưa báo cáo {code}: {names}. "
        "Nhắc việc đến các nhóm của đơn vị trong ít phút."
    )
    if without:
        text += f"\nChưa có nhóm nào gắn với: {without} (gắn nhóm: /caidat donvi <mã>)."
    return text


def nudged_notice(count: int) -> str:
    """The short notice of a nudge just sent."""
    return f"Đã nhắc {count} đơn vị chưa báo cáo."
