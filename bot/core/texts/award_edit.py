"""Texts of the award counts typed in chat: /themkhenthuong and /suakhenthuong."""

from __future__ import annotations

AWARD_ARGS = "<năm> <mã hình thức> <tập thể|cá nhân> <số lượng> [mã đơn vị]"
ADD_USAGE = (
    f"/themkhenthuong {AWARD_ARGS} [cong|thay], hoặc có tên, mỗi dòng (hoặc sau dấu ;): "
    "<họ tên>, <chức vụ>, <mã đơn vị>; Tập thể <mã đơn vị>; QĐ <số>, <dd/mm/yyyy>, <cấp>; "
    "Dịp <dịp>"
)
EDIT_USAGE = f"/suakhenthuong {AWARD_ARGS}"
ADD_SUMMARY = "Thêm số liệu (đã có số như vậy thì hỏi cộng thêm hay thay) hoặc bản ghi có tên."
ADD_EXAMPLE = "/themkhenthuong 2026 LDTT cá nhân 5 P-DAIKIM"
EDIT_SUMMARY = "Đặt lại một số liệu khen thưởng."
EDIT_EXAMPLE = "/suakhenthuong 2026 LDTT cá nhân 7 P-DAIKIM"
WHO = "quản trị của đơn vị được khen thưởng"

MISSING_AWARD = "Thiếu thông tin khen thưởng."
MISSING_AMOUNT = "Thiếu số lượng."
CANCEL = "Hủy"


def what(form: str, kind: str, unit: str | None, year: int) -> str:
    """`Lao động tiên tiến — cá nhân, Phường Đại Kim, năm 2026`."""
    where = f", {unit}" if unit else ""
    return f"{form} — {kind}{where}, năm {year}"


def bad_kind(word: str) -> str:
    """A recipient kind that is none of the known ones."""
    return (
        f"Đối tượng '{word}' phải là 'tập thể' hoặc 'cá nhân' (hoặc 'hộ gia đình', 'công trình')."
    )


def unknown_form(code: str, known: str) -> str:
    """No award form has the typed code."""
    return f"Không có hình thức mã '{code}'. Các mã: {known}."


def form_not_for(form: str, kind: str) -> str:
    """A form given to a kind of recipient it does not apply to."""
    return f"{form} không áp dụng cho {kind}."


def year_ahead(year: int) -> str:
    """A count for a year not yet come."""
    return f"Năm {year} chưa tới."


def extra_words(words: str) -> str:
    """Words left over after the command's arguments."""
    return f"Thừa '{words}' ở cuối lệnh."


def added(
    year: int, form: str, amount: str, kind: str, unit: str | None, total: str | None, key: str
) -> str:
    """A count added (`total`: the new total when one existed)."""
    where = f", {unit}" if unit else ""
    after = f" Tổng nay: {total}." if total is not None else ""
    return (
        f"Đã thêm khen thưởng năm {year}: {form} — {amount} {kind}{where}.{after} "
        f"Mã bản ghi: {key} (xóa: /xoa khenthuong {key})."
    )


def ask_add_or_replace(
    what: str, have: str, amount: str, total: str, add: str, replace: str
) -> str:
    """The question asked when the same count exists."""
    return (
        f"{what} đã có {have}; chưa ghi gì.\n"
        f"Cộng thêm {amount} (thành {total}): {add}\n"
        f"Thay bằng {amount}: {replace}\n"
        "Hủy: /huy"
    )


def add_button(total: str) -> str:
    """The button adding to the existing count."""
    return f"Cộng thành {total}"


def replace_button(amount: str) -> str:
    """The button replacing the existing count."""
    return f"Thay bằng {amount}"


def first_count(what: str, amount: str, key: str) -> str:
    """/suakhenthuong where there was no count yet."""
    return f"Chưa có số liệu {what}; đã ghi {amount}. Mã bản ghi: {key}."


def ad_hoc_above(what: str, ad_hoc: str, amount: str) -> str:
    """A new count below the ad hoc records already kept."""
    return (
        f"{what} có {ad_hoc} khen thưởng đột xuất đã ghi, nhiều hơn "
        f"{amount}. Xóa bớt bản ghi đột xuất trước (/xoa khenthuong <mã>)."
    )


def replaced(what: str, before: str, after: str) -> str:
    """A count set to a new value."""
    return f"Đã sửa {what}: {before} → {after}."
