"""Texts of the reminders a subscribed chat receives: commemorations, deadlines, weekly digest.

Dates, numbers and percents come in already formatted (bot.domain.vn).
"""

from __future__ import annotations

KIND_LABELS = {"sukien": "sự kiện", "hanchot": "hạn chót", "tuan": "tổng hợp tuần"}
LATE_LABEL = "(Gửi muộn do bot tạm ngừng hoạt động)"
ACK_HINT = "Bấm “Đã nhận” để xác nhận đơn vị đã nắm thông tin."
NONE_LINE = "• Không có."
EVENTS_HEADING = "Sự kiện trong tuần:"
EVENTS_NOUN = "sự kiện"
DUE_HEADING = "Đến hạn trong tuần:"
DUE_NOUN = "nhiệm vụ đến hạn"
OVERDUE_HEADING = "Nhiệm vụ quá hạn:"
OVERDUE_NOUN = "nhiệm vụ"


def lead_text(lead: int) -> str:
    """`trước 7 ngày`, or `đúng ngày` for the day itself."""
    return "đúng ngày" if lead == 0 else f"trước {lead} ngày"


def _class(jubilee: str | None) -> str:
    return f" ({jubilee})" if jubilee else ""


def jubilee_title(anniversary: int | None, jubilee: str | None, title: str) -> str:
    """The extra reminder ahead of a round or fifth anniversary."""
    return f"Chuẩn bị kỷ niệm {anniversary} năm ({jubilee}): {title}"


def today_title(title: str) -> str:
    """A commemoration on the day itself."""
    return f"Hôm nay: {title}"


def coming_title(title: str) -> str:
    """A commemoration some days ahead."""
    return f"Sắp đến: {title}"


def day_line(when: str) -> str:
    """`Ngày: thứ Sáu, 05/12/2026.`"""
    return f"Ngày: {when}."


def anniversary_line(anniversary: int, jubilee: str | None) -> str:
    """`Kỷ niệm 80 năm (năm tròn).`"""
    return f"Kỷ niệm {anniversary} năm{_class(jubilee)}."


def jubilee_prepare(jubilee: str) -> str:
    """What units do ahead of a round or fifth anniversary."""
    return (
        f"Đây là dịp kỷ niệm {jubilee}: các đơn vị chuẩn bị kế hoạch tổ chức "
        "và hồ sơ đề nghị khen thưởng (gửi bằng /dexuat, xem các hồ sơ: /hoso)."
    )


def deadline_title(code: str, lead: int) -> str:
    """A task's deadline today or coming."""
    if lead == 0:
        return f"Hôm nay là hạn nhiệm vụ {code}"
    return f"Sắp đến hạn nhiệm vụ {code}"


def whose(unit: str, count: int) -> str:
    """The unit whose progress is told, with how many units its average covers."""
    return unit if count == 1 else f"{unit} (trung bình {count} đơn vị)"


def progress_none(whose: str) -> str:
    """No progress reported yet."""
    return f"Tiến độ của {whose}: chưa báo cáo."


def progress_line(whose: str, percent: str, who: str, when: str) -> str:
    """The latest progress and who reported it when."""
    return f"Tiến độ của {whose}: {percent} — cập nhật lần cuối bởi {who} lúc {when}."


def deadline_line(deadline: str, left: str) -> str:
    """`Hạn: thứ Sáu, 05/12/2026 — còn 7 ngày.`"""
    return f"Hạn: {deadline} — {left}."


def update_hint(code: str) -> str:
    """How to report progress on the task."""
    return f"Cập nhật tiến độ: /capnhat {code} <0–100>%"


def digest_title(monday: str, sunday: str) -> str:
    """The weekly digest's title."""
    return f"Nhắc việc tuần {monday} – {sunday}"


def event_line(when: str, title: str, anniversary: int | None, jubilee: str | None) -> str:
    """One commemoration of the week."""
    line = f"• {when} — {title}"
    if anniversary:
        line += f" — kỷ niệm {anniversary} năm{_class(jubilee)}"
    return line


def due_line(code: str, deadline: str, percent: str) -> str:
    """One task due this week."""
    return f"• {code} — hạn {deadline} — {percent}"


def overdue_line(code: str, deadline: str, percent: str, late: str) -> str:
    """One task past its deadline."""
    return f"• {code} — hạn {deadline} — {percent} — quá hạn {late} ngày"


def year_closed(year: int, day: str) -> str:
    """A year closed last week: only its unfinished tasks are still reminded."""
    return (
        f"Năm {year} đã khóa ngày {day}: nhiệm vụ chưa hoàn thành của năm đó thôi được nhắc "
        f"(tóm tắt khi khóa: /khoanam {year})."
    )


def no_tasks(year: int) -> str:
    """The week's year has no tasks yet."""
    return (
        f"Năm {year} chưa có nhiệm vụ thi đua. Quản trị chung thêm bằng /themnhiemvu, "
        f"hoặc tải mẫu nhập /xuat mau {year} rồi gửi lại kèm /nhap."
    )


def commemoration_summary(*, extra: bool, title: str, day: str, lead: int) -> str:
    """One line of /nhacviec for a commemoration reminder."""
    found = "Chuẩn bị kỷ niệm" if extra else "Nhắc sự kiện"
    return f"{found}: {title} ({day}), {lead_text(lead)}"


def deadline_summary(code: str, deadline: str, lead: int) -> str:
    """One line of /nhacviec for a deadline reminder."""
    return f"Hạn {code} ({deadline}), {lead_text(lead)}"


def digest_summary(monday: str, sunday: str) -> str:
    """One line of /nhacviec for the weekly digest."""
    return f"Tổng hợp tuần {monday} – {sunday}"
