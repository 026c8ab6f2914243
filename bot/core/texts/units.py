"""Texts of /donvi: the unit tree, its edits by the office, and notices of stopped units."""

from __future__ import annotations

import datetime as dt

from bot.core.texts.common import unknown_unit as unknown_unit

ADD_USAGE = "/donvi them <mã> <loại> <tên> [thuộc <mã đơn vị cấp trên>]"
EDIT_USAGE = "/donvi sua <mã> ten <tên mới> | /donvi sua <mã> loai <loại>"
MOVE_USAGE = "/donvi chuyen <mã> <mã đơn vị cấp trên mới | goc>"
MERGE_USAGE = "/donvi gop <mã đơn vị mới> <mã đơn vị cũ> [<mã đơn vị cũ> ...]"
RETIRE_USAGE = "/donvi ngung <mã>"
USAGE = "/donvi [them | sua | chuyen | gop | ngung ...]"
ALL_USAGES = f"{ADD_USAGE}\n{EDIT_USAGE}\n{MOVE_USAGE}\n{MERGE_USAGE}\n{RETIRE_USAGE}"

COMMAND_USAGE = (
    "/donvi [them <mã> <loại> <tên> [thuộc <mã>] | sua <mã> ten|loai <giá trị> | "
    "chuyen <mã> <mã cấp trên> | gop <mã mới> <mã cũ ...> | ngung <mã>]"
)
WHO = "xem: mọi người; sửa: quản trị chung"


def summary(kinds: str) -> str:
    """What /donvi does, for help, with the kinds a unit may take."""
    return (
        "Cây đơn vị; thêm, sửa, chuyển, gộp (đơn vị mới nhận số liệu cũ), ngừng đơn vị. "
        f"Loại: {kinds}."
    )


# The tree.
NO_UNITS = (
    "Chưa có đơn vị nào. Quản trị chung thêm bằng /donvi them hoặc nhập tệp danh mục "
    "đơn vị bằng /nhap."
)
CODES_HINT = "Dùng mã trong lệnh, ví dụ: /tiendo P-DAIKIM hoặc /khenthuong 2022 HM."
EDITS_HINT = "Quản trị chung sửa cây đơn vị: /donvi them, sua, chuyen, gop, ngung (xem /trogiup)."


def stopped_note(into_code: str | None, since: str) -> str:
    """Added after a stopped unit's kind in the tree: merged into which unit, or stopped."""
    done = f"gộp vào {into_code}" if into_code else "ngừng"
    return f"; {done} từ {since}"


def tree_title(active: int, stopped: int) -> str:
    """The tree's title with how many units are active and how many stopped."""
    count = f"{active} đơn vị" + (f", {stopped} đã ngừng" if stopped else "")
    return f"Mã đơn vị ({count})"


# Edits: mistakes.
def unknown_action(word: str) -> str:
    """A word after /donvi that is no action."""
    return f"Không có thao tác '{word}' của /donvi. Gõ /donvi để xem cây đơn vị."


def unknown_kind(word: str, kinds: str) -> str:
    """A kind word that names no kind, with the kinds there are."""
    return f"Loại đơn vị '{word}' không có. Các loại: {kinds}."


NAME_MISSING = "Thiếu tên đơn vị."
NAME_TOO_LONG = "Tên đơn vị dài quá 200 ký tự."
ADD_MISSING = "Thiếu mã, loại hoặc tên đơn vị."
EDIT_MISSING = "Thiếu mã đơn vị, trường cần sửa hoặc giá trị mới."
MOVE_NEEDS_TWO = "Cần đúng mã đơn vị và mã đơn vị cấp trên mới."
MERGE_NEEDS = "Cần mã đơn vị mới và ít nhất một mã đơn vị cũ."
RETIRE_NEEDS_ONE = "Cần đúng một mã đơn vị."


def bad_code(token: str) -> str:
    """A new unit code with characters a code may not have."""
    return f"Mã '{token}' chỉ được gồm chữ không dấu, số, '-', '_' hoặc '.' (tối đa 40)."


def code_taken(code: str, name: str) -> str:
    """A new unit code another unit already has."""
    return f"Mã '{code}' đã là của {name}."


def extra_words(words: str) -> str:
    """Words left after the new kind."""
    return f"Thừa '{words}' ở cuối lệnh."


def not_editable(field: str) -> str:
    """A field /donvi sua does not change."""
    return f"Không sửa được '{field}': chỉ sửa ten hoặc loai."


def move_inside(parent: str, unit: str) -> str:
    """A move under a unit that lies inside the one moved."""
    return f"Không chuyển được: {parent} nằm trong {unit}."


def merge_inside(old: str, target: str) -> str:
    """A merge into a unit that lies inside the old one."""
    return f"Không gộp được {old} vào {target}: đơn vị mới không được nằm trong đơn vị cũ."


def active_children(unit: str, count: int, codes: str) -> str:
    """A unit to stop that still has active units below it."""
    return (
        f"{unit} còn {count} đơn vị trực thuộc đang hoạt động ({codes}): chuyển "
        "(/donvi chuyen) hoặc ngừng chúng trước."
    )


# Edits: what was done (units written `Tên (MÃ)`).
def added_by(actor: str) -> str:
    """Where a unit added by command came from, as stored with it."""
    return f"Thêm qua lệnh bởi {actor}"


def added(unit: str, kind: str, parent: str | None) -> str:
    """A unit added, with its kind and the unit above it."""
    under = f", thuộc {parent}" if parent else ""
    return f"Đã thêm đơn vị {unit} — {kind}{under}."


def renamed(code: str, old: str, new: str) -> str:
    """A unit renamed."""
    return f"Đã đổi tên đơn vị {code}: {old} → {new}."


def kind_changed(unit: str, old: str, new: str) -> str:
    """A unit's kind changed."""
    return f"Đã đổi loại của {unit}: {old} → {new}."


def moved(unit: str, parent: str | None) -> str:
    """A unit moved under another, or to the top."""
    where = f"vào {parent}" if parent else "lên cấp cao nhất"
    return f"Đã chuyển {unit} {where}. Quyền của quản trị đơn vị cấp trên theo vị trí mới."


def merged(olds: str, target: str, on: dt.date, target_code: str) -> str:
    """Units merged into another from a day on."""
    return (
        f"Đã gộp {olds} vào {target} từ ngày {on:%d/%m/%Y}. Số liệu của các đơn vị cũ được tính "
        f"vào {target_code}; các đơn vị cũ không nhận dữ liệu mới."
    )


def retired_kept(retired: str) -> str:
    """A unit stopped; its data stays."""
    return f"{retired}. Số liệu cũ vẫn được giữ và thống kê."


def grants_revoked(count: int) -> str:
    """Roles on the stopped units withdrawn."""
    return (
        f"Đã thu hồi {count} quyền trên các đơn vị này; cấp lại trên đơn vị đang hoạt động "
        "bằng /quyen them."
    )


def chats_linked(count: int, names: str) -> str:
    """Chats still linked to the stopped units."""
    return (
        f"{count} nhóm đang gắn với các đơn vị này ({names}) sẽ được báo ở mỗi lệnh "
        "cho đến khi quản trị gắn lại bằng /caidat donvi <mã>."
    )


# Stopped units.
def retired(unit: str, since: str, into: str | None) -> str:
    """A unit that has stopped: since when, and into which unit."""
    merged_into = f", đã gộp vào {into}" if into is not None else ""
    return f"{unit} đã ngừng hoạt động từ {since}{merged_into}"


def stopped_unit_notice(retired_text: str) -> str:
    """Told under every reply in a chat linked to a stopped unit."""
    return (
        f"Lưu ý: cuộc trò chuyện này đang gắn với {retired_text}. Quản trị chung "
        "hoặc quản trị đơn vị gắn lại bằng /caidat donvi <mã đơn vị>."
    )
