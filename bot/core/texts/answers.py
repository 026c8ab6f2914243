"""Texts of a unit's answers to a request: /danop, /giahan and /nop."""

from __future__ import annotations

SUBMIT_USAGE = "/danop <mã yêu cầu> [mã đơn vị]"
EXTEND_USAGE = "/giahan <mã yêu cầu> [mã đơn vị] <lý do>"
FILE_USAGE = "/nop <mã yêu cầu> [mã đơn vị] (chú thích của tệp gửi kèm)"
SUBMIT_SUMMARY = "Báo đơn vị đã nộp theo một yêu cầu (nút « Đã nộp »)."
EXTEND_SUMMARY = "Xin gia hạn một yêu cầu, kèm lý do (nút « Cần gia hạn »)."
EXTEND_EXAMPLE = "/giahan YC1 chờ số liệu quý IV"
FILE_SUMMARY = "Nộp tệp theo một yêu cầu: gửi tệp với chú thích /nop <mã yêu cầu>."
WHO = "người báo cáo hoặc quản trị của đơn vị"

MISSING_CODE = "Cần mã của yêu cầu."
NO_FILE = "Lệnh /nop dùng làm chú thích của tệp gửi kèm. Không có tệp, gõ /danop <mã yêu cầu>."
SUBMITTED = "đã nộp"
MORE_FILES = "đã gửi thêm tệp cho"
FORWARDED = " Tệp đã được chuyển đến nhóm đã gửi yêu cầu."


def no_unit(code: str) -> str:
    """An answer from a chat linked to no unit, naming none."""
    return (
        f"Cuộc trò chuyện này chưa gắn với đơn vị nào: hãy ghi mã đơn vị, ví dụ "
        f"/danop {code} P-DAIKIM."
    )


def not_sent_to(code: str, unit: str) -> str:
    """A request the unit was not asked."""
    return f"Yêu cầu {code} không gửi cho {unit}. Xem: /theodoi {code}."


def closed(code: str) -> str:
    """A closed request."""
    return f"Yêu cầu {code} đã đóng, không nhận trả lời nữa."


def already(unit: str, code: str, when: str) -> str:
    """A unit that already submitted."""
    return f"{unit} đã nộp yêu cầu {code} lúc {when}."


def extra_args(words: str) -> str:
    """Words the command does not take."""
    return f"Thừa tham số: {words}."


def submitted(unit: str, code: str) -> str:
    """A submission recorded."""
    return f"Đã ghi nhận: {unit} đã nộp yêu cầu {code}."


def extended(unit: str, code: str) -> str:
    """A request for more time recorded."""
    return f"Đã ghi nhận: {unit} xin gia hạn yêu cầu {code}."


def reason(text: str) -> str:
    """The reason given for more time."""
    return f"Lý do: {text}."


def reason_hint(code: str) -> str:
    """How to give a reason for more time."""
    return f"Ghi lý do: /giahan {code} <lý do>, ví dụ /giahan {code} chờ số liệu quý IV."


def file_caption(unit: str, code: str, title: str) -> str:
    """The caption of a file copied to the requesting chat."""
    return f"{unit} nộp yêu cầu {code}: {title}"


def see_elsewhere(code: str) -> str:
    """Where the requesting chat sees a file it could not be sent."""
    return f" Nhóm đã gửi yêu cầu xem bằng /theodoi {code}."


def file_recorded(unit: str, said: str, code: str, name: str, where: str) -> str:
    """A file recorded as the unit's answer."""
    return f"Đã ghi nhận: {unit} {said} yêu cầu {code}, kèm tệp '{name}'.{where}"
