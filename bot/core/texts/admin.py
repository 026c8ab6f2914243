"""Texts of the write commands: /caidat, /capnhat, /themsukien, /xoa and /huy."""

from __future__ import annotations

from bot.core.texts.common import unknown_task as unknown_task

SETTINGS_USAGE = (
    "/caidat [donvi <mã> | gio <HH:MM> | baotruoc <số ngày,số ngày,...> | muigio <múi giờ> "
    "| namtron <số ngày>]"
)
TIME_USAGE = "/caidat gio <HH:MM>"
LINK_USAGE = "/caidat donvi <mã đơn vị>"
UPDATE_USAGE = "/capnhat <mã nhiệm vụ> <0–100>% [ghi chú]"
EVENT_USAGE = "/themsukien <dd/mm/yyyy> <tên> hoặc /themsukien <dd/mm> âl <năm gốc> <tên>"
DELETE_USAGE = "/xoa <sukien|khenthuong|nhiemvu> <mã>"

SETTINGS_SUMMARY = "Xem hoặc đổi cài đặt của nhóm hoặc cuộc trò chuyện."
SETTINGS_WHO = (
    "xem: mọi người; đổi: quản trị đơn vị của nhóm, trong cuộc trò chuyện riêng: chính bạn"
)
UPDATE_SUMMARY = "Cập nhật tiến độ nhiệm vụ của đơn vị mà nhóm (cuộc trò chuyện) được gắn."
UPDATE_EXAMPLE = "/capnhat NV2023-01 60% đã tổ chức phát động"
UPDATE_WHO = "người báo cáo hoặc quản trị của đơn vị"
EVENT_SUMMARY = "Thêm ngày kỷ niệm (dương lịch hoặc âm lịch)."
EVENT_EXAMPLE = "/themsukien 25/11/2003 Ngày thành lập quận"
EVENT_WHO = "quản trị chung"
DELETE_SUMMARY = "Xóa một sự kiện, bản ghi khen thưởng hoặc nhiệm vụ."
DELETE_WHO = "sự kiện, nhiệm vụ: quản trị chung; khen thưởng: quản trị của đơn vị"
CANCEL_SUMMARY = "Hủy thao tác đang chờ xác nhận."

EVENT_WORD = "sự kiện"
AWARD_WORD = "bản ghi khen thưởng"
TASK_WORD = "nhiệm vụ"
DEADLINE_HINT = "\nĐể nhận nhắc hạn chót nhiệm vụ của đơn vị này: /dangky hanchot"
MISSING_TASK_OR_PERCENT = "Thiếu mã nhiệm vụ hoặc tiến độ."
NOTE_TOO_LONG = "Ghi chú dài quá 500 ký tự."
NO_UNIT = (
    "Nhóm này chưa gắn với đơn vị nào nên chưa biết cập nhật cho ai. Quản trị chung hoặc "
    "quản trị của đơn vị gõ /caidat donvi <mã đơn vị> trong nhóm này trước (xem /donvi)."
)
MISSING_EVENT = "Thiếu ngày và tên sự kiện."
MISSING_TITLE = "Thiếu tên sự kiện."
TITLE_TOO_LONG = "Tên sự kiện dài quá 300 ký tự."
TASK_CODES = "Gõ /nhiemvu để xem mã các nhiệm vụ."
AWARD_KEYS = (
    "Mã bản ghi là cột Mã dòng của tệp /xuat (trang Khen thưởng) kèm loại: TT (tập "
    "thể), CN (cá nhân), HGD (hộ gia đình), CT (công trình), thêm DX nếu là khen "
    "thưởng đột xuất, ví dụ HM-2022-01:TT hoặc HM-2022-01:CN:DX; bản ghi thêm bằng "
    "/themkhenthuong có mã trong câu trả lời."
)
NO_EVENTS = "Chưa có sự kiện nào."
WHAT_TO_DELETE = "Cần nói xóa loại gì và mã nào."
DELETE = "Xóa"
CANCEL = "Hủy"
CANCELLED = "Đã hủy, không có gì thay đổi."


def settings_change(usage: str) -> str:
    """The last line of /caidat: how to change a setting."""
    return f"Đổi cài đặt (quản trị): {usage}"


def settings_title(here: str) -> str:
    """/caidat's title (`here`: this group or this conversation)."""
    return f"Cài đặt của {here}"


def missing_value(key: str) -> str:
    """A setting named without its value."""
    return f"Thiếu giá trị cho '{key}'."


def no_such_time(value: str) -> str:
    """An hour or minute out of range."""
    return f"Không có giờ '{value}': giờ từ 00 đến 23, phút từ 00 đến 59."


def bad_time(value: str) -> str:
    """A time not written HH:MM."""
    return f"Giờ '{value}' phải viết dạng HH:MM hoặc 8h, 8h30, ví dụ 08:00."


def remind_at(time: str, zone: str) -> str:
    """The chat's reminder hour set."""
    return f"Nhắc việc sẽ được gửi lúc {time} ({zone})."


def bad_lead(value: str) -> str:
    """Lead days that are not numbers 0–366."""
    return f"'{value}' phải là các số ngày 0–366 cách nhau bằng dấu phẩy, ví dụ 30,7,1,0."


def lead_days(days: str) -> str:
    """The chat's lead days set."""
    return f"Sẽ nhắc trước {days} ngày."


def unknown_setting(key: str) -> str:
    """A setting /caidat does not have."""
    return f"Không có cài đặt '{key}'."


def linked(here: str, unit: str, code: str) -> str:
    """The chat (`nhóm này` or `cuộc trò chuyện này`) linked to a unit."""
    return f"Đã gắn {here} với {unit} ({code}). /tiendo sẽ tóm tắt đơn vị này."


def year_closed(year: int, code: str) -> str:
    """A progress update refused because the task's year is closed."""
    return (
        f"Năm {year} đã khóa nên không cập nhật tiến độ nhiệm vụ {code} được nữa. "
        f"Quản trị chung mở lại năm: /khoanam mo {year}."
    )


def not_responsible(unit: str, code: str) -> str:
    """A unit not among a task's responsible units."""
    return f"{unit} không thuộc các đơn vị thực hiện nhiệm vụ {code}."


def progress_change(old: int | None, new: int) -> str:
    """`40% → 60%`, `60%` for a first report, `vẫn 60%` when reported again unchanged."""
    if old is None:
        return f"{new}%"
    return f"vẫn {new}%" if old == new else f"{old}% → {new}%"


def progress_updated(code: str, unit: str, change: str, note: str | None) -> str:
    """A task's progress recorded for a unit (`change`: see `progress_change`)."""
    note_text = f"\nGhi chú: {note}" if note else ""
    return f"Đã cập nhật {code} cho {unit}: {change}.{note_text}"


def event_exists(code: str) -> str:
    """The same commemoration already stored."""
    return f"Sự kiện này đã có (mã {code})."


def event_added(
    title: str, day: int, month: int, lunar: bool, origin: int | None, code: str
) -> str:
    """A commemoration added."""
    when = f"{day:02d}/{month:02d} âm lịch" if lunar else f"{day:02d}/{month:02d}"
    since = f", từ năm {origin}" if origin else ""
    return f"Đã thêm sự kiện {title} — {when}{since}. Mã: {code} (dùng để xóa: /xoa sukien {code})."


def future_origin(day: int, month: int, origin: int, title: str) -> str:
    """An origin year still ahead: a one-off reminder is what was meant."""
    return (
        f"Ngày {day:02d}/{month:02d}/{origin} chưa tới nên không làm năm gốc của một sự kiện "
        "hằng năm được (năm gốc là năm sự kiện xảy ra lần đầu). Để được nhắc một lần vào "
        f"ngày đó, dùng lệnh nhắc: /nhac {day:02d}/{month:02d}/{origin} 8h {title}"
    )


def event_codes(listed: str) -> str:
    """The commemorations' codes."""
    return f"Các mã: {listed}."


def event_label(title: str) -> str:
    """A commemoration as /xoa names it."""
    return f"sự kiện {title}"


def award_label(key: str) -> str:
    """An award record as /xoa names it."""
    return f"bản ghi khen thưởng {key}"


def task_label(code: str, title: str) -> str:
    """A task as /xoa names it."""
    return f"nhiệm vụ {code} — {title}"


def nothing_to_delete(what: str, code: str, where: str) -> str:
    """No item of the kind has the typed code (`where`: where the codes are shown)."""
    return f"Không có {what} mã '{code}'. {where}"


def confirm_delete(label: str, command: str) -> str:
    """The question before a delete."""
    return (
        f"Bạn chắc chắn muốn xóa {label}? Việc này không hoàn tác được.\n"
        f"Xác nhận: {command} · Hủy: /huy"
    )


def deleted(label: str) -> str:
    """An item deleted."""
    return f"Đã xóa {label}."
