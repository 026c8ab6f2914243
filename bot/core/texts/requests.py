"""Texts of /yeucau and /theodoi: requests to units for a document, and their answers."""

from __future__ import annotations

from bot.domain.texts.formats import count

USAGE = "/yeucau <hạn dd/mm/yyyy [HH:MM]> <nội dung> <mã đơn vị ... | tatca>"
CLOSE_USAGE = "/yeucau dong <mã yêu cầu>"
TRACK_USAGE = "/theodoi <mã yêu cầu>"
EXAMPLE = "/yeucau 15/01/2027 Gửi bản đăng ký thi đua P-DAIKIM P-GIAPBAT"
SUMMARY = "Yêu cầu đơn vị nộp văn bản trước hạn; không tham số: các yêu cầu đang mở."
WHO = "quản trị chung; quản trị đơn vị trong đơn vị được giao"
TRACK_SUMMARY = "Tình trạng một yêu cầu theo từng đơn vị: đã nộp, xin gia hạn, chưa nộp, quá hạn."

TITLE_NEEDED = "Cần nội dung của yêu cầu."
UNITS_NEEDED = (
    "Cần mã các đơn vị nhận yêu cầu, hoặc tatca (mọi đơn vị trực thuộc). "
    "Gõ /donvi để xem mã các đơn vị."
)
HOW_UNITS_ANSWER = (
    "Các nhóm của đơn vị nhận yêu cầu trong ít phút, kèm nút « Đã nộp » và « Cần gia hạn »; "
    "đơn vị chưa nộp được nhắc theo lịch nhắc của nhóm và sau hạn."
)
OFFICE = "văn phòng"
"""Who `tatca` counts from when no unit is known."""
PER_UNIT = "Chi tiết từng đơn vị: /theodoi <mã yêu cầu>"
OVERDUE = " — QUÁ HẠN"
CLOSE_CODE_NEEDED = "Cần mã của yêu cầu cần đóng."
CODE_NEEDED = "Cần mã của yêu cầu."
NO_FILE = ", không kèm tệp"
LATE = " (nộp sau hạn)"
NO_REASON = " (chưa ghi lý do)"
PASSED = " (đã qua)."


def with_example(usage: str) -> str:
    """The usage line followed by an example."""
    return f"{usage}\nVí dụ: {EXAMPLE}"


def deadline_passed(deadline: str) -> str:
    """A deadline typed in the past."""
    return f"Hạn {deadline} đã qua. Hãy ghi một hạn sau bây giờ."


def title_too_long(length: int, limit: int) -> str:
    """A request's text over the limit."""
    return f"Nội dung dài {count(length)} ký tự, tối đa {count(limit)}."


def units_stopped(codes: str) -> str:
    """Retired units take no new requests."""
    return (
        f"Đơn vị {codes} đã ngừng hoạt động, không nhận yêu cầu mới. "
        "Gõ /donvi để xem mã các đơn vị."
    )


def deadline_line(deadline: str) -> str:
    """`Hạn nộp: 17:00 thứ Sáu, 05/12/2026.`"""
    return f"Hạn nộp: {deadline}."


def sent_to(count: int, names: str) -> str:
    """Which units a request went to."""
    return f"Gửi đến {count} đơn vị: {names}."


def not_reached(count: int, names: str) -> str:
    """Units without a linked chat, which the request cannot reach yet."""
    return (
        f"Chưa có nhóm nào gắn với {count} đơn vị nên các đơn vị này chưa nhận được: "
        f"{names} (gắn nhóm: /caidat donvi <mã>)."
    )


def follow_up(code: str) -> str:
    """How to follow and close a request just made."""
    return f"Theo dõi: /theodoi {code}. Đóng yêu cầu: /yeucau dong {code}."


def created_title(code: str, title: str) -> str:
    """The title of the reply to a request just made."""
    return f"Đã tạo yêu cầu {code}: {title}"


def nothing_below(where: str) -> str:
    """`tatca` where no unit lies below."""
    return f"{where} không có đơn vị trực thuộc nào để gửi tatca. Hãy ghi mã từng đơn vị."


def more_units(count: int) -> str:
    """What follows a list of names cut short."""
    return f" và {count} đơn vị khác"


def none_open(usage: str) -> str:
    """No request is open: how to make one."""
    return f"Không có yêu cầu nào đang mở.\nTạo yêu cầu: {usage}"


def open_line(code: str, title: str) -> str:
    """An open request's first line."""
    return f"• {code} — {title}"


def open_counts(
    deadline: str, submitted: int, units: int, extension: int, pending: int, overdue: str
) -> str:
    """An open request's deadline and answers so far."""
    return (
        f"  Hạn: {deadline} · đã nộp {submitted}/{units}, xin gia hạn {extension}, "
        f"chưa nộp {pending}{overdue}"
    )


def open_title(count: int) -> str:
    """The title of the open requests."""
    return f"Yêu cầu đang mở ({count})"


def unknown_request(token: str) -> str:
    """A request code that does not exist."""
    return f"Không có yêu cầu mã '{token}'. Gõ /yeucau để xem các yêu cầu đang mở."


def already_closed(code: str, when: str) -> str:
    """Closing a request that is closed."""
    return f"Yêu cầu {code} đã đóng từ {when}."


def closed(code: str, title: str) -> str:
    """The reply to closing a request."""
    return (
        f"Đã đóng yêu cầu {code}: {title}. Các đơn vị không còn được nhắc.\n"
        f"Xem lại tình trạng: /theodoi {code}."
    )


def with_file(name: str) -> str:
    """The file a unit sent with its answer."""
    return f", kèm tệp '{name}'"


def unit_submitted(name: str, when: str, who: str, file: str, late: str) -> str:
    """A unit that submitted."""
    return f"• {name} — đã nộp lúc {when}, bởi {who}{file}{late}"


def overdue_days(days: str) -> str:
    """How long a unit is past the deadline."""
    return f" — quá hạn {days} ngày"


def unit_extension(name: str, reason: str, who: str, when: str, late: str) -> str:
    """A unit that asked for more time."""
    return f"• {name} — xin gia hạn{reason} ({who}, {when}){late}"


def unit_pending(name: str, late: str) -> str:
    """A unit that has not answered."""
    return f"• {name} — chưa nộp{late}"


def track_deadline(deadline: str, *, passed: bool) -> str:
    """The deadline of a tracked request, saying when it has passed."""
    return f"Hạn nộp: {deadline}" + (PASSED if passed else ".")


def track_counts(submitted: int, total: int, extension: int, pending: int) -> str:
    """How many units answered a request, and how."""
    return f"Đã nộp {submitted}/{total} đơn vị, xin gia hạn {extension}, chưa nộp {pending}."


def closed_at(when: str) -> str:
    """When a tracked request was closed."""
    return f"Yêu cầu đã đóng lúc {when}."


def request_title(code: str, title: str) -> str:
    """The title of a tracked request."""
    return f"Yêu cầu {code}: {title}"
