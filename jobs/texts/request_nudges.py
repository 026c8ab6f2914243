"""Texts of the reminders a request sends to units and its summary, and of task nudges."""

from __future__ import annotations

SUBMIT_BUTTON = "Đã nộp"
EXTEND_BUTTON = "Cần gia hạn"


def request_title(code: str, title: str) -> str:
    """The title of the request itself, and the name of each of its reminders."""
    return f"Yêu cầu {code}: {title}"


def announce_state(deadline: str, left: str) -> str:
    """`Hạn nộp: … (còn 5 ngày).`"""
    return f"Hạn nộp: {deadline} ({left})."


def nudge_title(code: str, title: str) -> str:
    """The title of a nudge before the deadline."""
    return f"Nhắc nộp {code}: {title}"


def nudge_state(unit: str, deadline: str, left: str) -> str:
    """A unit that has not submitted, before the deadline."""
    return f"{unit} chưa nộp. Hạn nộp: {deadline} ({left})."


def overdue_title(code: str, title: str) -> str:
    """The title of a notice after the deadline."""
    return f"Quá hạn {code}: {title}"


def overdue_state(unit: str, days: int, deadline: str) -> str:
    """A unit that has not submitted, `days` after the deadline."""
    return f"{unit} chưa nộp, quá hạn {days} ngày (hạn nộp: {deadline})."


def asked_unit(name: str, code: str) -> str:
    """The unit a request's reminder is about."""
    return f"Đơn vị được yêu cầu: {name} ({code})."


def how_to_answer(code: str) -> str:
    """How a unit says it submitted, sends the file, or asks for time."""
    return (
        f"Khi đã nộp, bấm « {SUBMIT_BUTTON} » hoặc gõ /danop {code}; gửi tệp kèm chú thích "
        f"/nop {code}; cần thêm thời gian, gõ /giahan {code} <lý do>."
    )


def submitted_count(submitted: int, total: int) -> str:
    """The summary's opening count."""
    return f"{submitted}/{total} đơn vị đã nộp"


def more_units(count: int) -> str:
    """What follows a list of names cut short."""
    return f" và {count} đơn vị khác"


def summary_body(line: str, code: str) -> str:
    """The summary's counts and names, then where to see each unit."""
    return f"{line}.\nChi tiết từng đơn vị: /theodoi {code}"


def summary_body_cut(line: str, code: str) -> str:
    """The summary when the names had to be cut to fit one message."""
    return f"{line}…\nChi tiết từng đơn vị: /theodoi {code}"


def summary_title(code: str, title: str) -> str:
    """The requesting chat's summary at the deadline."""
    return f"Đến hạn yêu cầu {code}: {title}"


def task_nudge_title(code: str) -> str:
    """The title of a nudge to a unit that never reported on a task."""
    return f"Nhắc báo cáo nhiệm vụ {code}"


def task_nudge(unit: str, code: str, title: str, deadline: str | None) -> str:
    """The nudge itself, its deadline when the task has one, and how to report."""
    when = f" Hạn: {deadline}." if deadline else ""
    return (
        f"{unit} chưa báo cáo tiến độ nhiệm vụ {code}: {title}.{when}\n"
        f"Cập nhật tiến độ: /capnhat {code} <0–100>% [ghi chú]"
    )
