"""Texts of /themnhiemvu and /suanhiemvu: typing this year's tasks into the chat."""

from __future__ import annotations

from bot.core.texts.common import unknown_task as unknown_task
from bot.core.texts.common import unknown_unit as unknown_unit
from bot.domain.texts.formats import count

ADD_USAGE = "/themnhiemvu <dd/mm/yyyy> <tên nhiệm vụ> [mã đơn vị ...]"
EDIT_USAGE = "/suanhiemvu <mã nhiệm vụ> han <dd/mm/yyyy> | ten <tên> | donvi <mã ...|+mã|-mã>"
ADD_SUMMARY = (
    "Thêm nhiệm vụ với hạn và đơn vị thực hiện (mặc định: đơn vị cấp trên cùng và các đơn "
    "vị trực thuộc trực tiếp); mã được cấp tự động."
)
ADD_EXAMPLE = "/themnhiemvu 15/12/2026 Tổng kết năm P-DAIKIM"
EDIT_SUMMARY = "Sửa hạn, tên hoặc đơn vị thực hiện (+mã thêm, -mã bớt) của nhiệm vụ."
WHO = "quản trị chung"

NO_UNITS = "chưa giao đơn vị nào"
MISSING_ADD = "Thiếu hạn hoặc tên nhiệm vụ."
MISSING_EDIT = "Thiếu mã nhiệm vụ, phần cần sửa hoặc giá trị mới."
ONE_DEADLINE = "Hạn mới viết một ngày dd/mm/yyyy."
MIXED_UNITS = "Viết hoặc toàn bộ danh sách mã đơn vị, hoặc từng mã có dấu + (thêm), - (bớt)."
PAST = " (hạn đã qua)"


def year_needed(token: str) -> str:
    """A date typed without its year."""
    return f"Ngày '{token}' cần cả năm, ví dụ 05/12/2026."


def units_listed(shown: str, more: int | None, total: int) -> str:
    """`Phường Đại Kim (P-DAIKIM), … và 3 đơn vị khác (11 đơn vị)`."""
    rest = f" và {more} đơn vị khác" if more else ""
    return f"{shown}{rest} ({total} đơn vị)"


def year_closed(year: int) -> str:
    """A closed year takes no new or changed tasks."""
    return (
        f"Năm {year} đã khóa nên không thêm hay sửa nhiệm vụ được. Mở lại năm: /khoanam mo {year}."
    )


def title_too_long(limit: int) -> str:
    """A task title over the limit."""
    return f"Tên nhiệm vụ dài quá {count(limit)} ký tự."


def added_by(actor: str) -> str:
    """The task's source when the office types it into the chat."""
    return f"Thêm bởi {actor}"


def added(code: str, title: str, deadline: str, units: str, *, past: bool) -> str:
    """The reply to /themnhiemvu; `deadline` with its weekday."""
    when = PAST if past else ""
    return (
        f"Đã thêm nhiệm vụ {code} — {title}.\n"
        f"Hạn: {deadline}{when}.\n"
        f"Đơn vị thực hiện: {units}.\n"
        f"Sửa: /suanhiemvu {code} han|ten|donvi … · Các đơn vị báo tiến độ: /capnhat {code} 50%"
    )


def deadline_changed(code: str, before: str, after: str) -> str:
    """The reply to a changed deadline."""
    return f"Đã đổi hạn {code}: {before} → {after}."


def title_changed(code: str, title: str) -> str:
    """The reply to a changed title."""
    return f"Đã đổi tên {code}: {title}."


def cannot_edit(what: str) -> str:
    """A part of a task that /suanhiemvu does not change."""
    return f"Không sửa được '{what}': chỉ sửa han, ten hoặc donvi."


def unit_needed(code: str) -> str:
    """Removing every responsible unit is refused."""
    return f"Nhiệm vụ {code} cần ít nhất một đơn vị thực hiện."


def units_changed(code: str, units: str) -> str:
    """The reply to changed responsible units."""
    return (
        f"Đã đổi đơn vị thực hiện {code}: {units}. Tiến độ đã báo của các đơn vị được giữ nguyên."
    )
