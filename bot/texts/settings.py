"""Texts of the settings check: what is wrong with a setting the operator wrote."""

from __future__ import annotations

WRONG_SETTING = "Cấu hình sai: {field} — {problem}"
"""One line naming the setting (upper case) and its problem."""

HTTP_URL = "phải là địa chỉ http:// hoặc https://, ví dụ https://api.telegram.org"
HTTPS_URL = "phải là địa chỉ https://, ví dụ https://thidua.example.vn"
ZALO_SECRET_LENGTH = "phải dài từ 8 đến 256 ký tự"
TELEGRAM_SECRET_CHARS = "chỉ gồm chữ cái không dấu, chữ số, _ và -, dài từ 1 đến 256 ký tự"
REDIS_URL = "viết redis://MÁY:CỔNG/SỐ, ví dụ redis://redis:6379/0"
DATABASE_URL = "viết sqlite+aiosqlite:///TỆP hoặc postgresql+asyncpg://NGƯỜI_DÙNG@MÁY/CSDL"

BOUNDS = {
    "greater_than": "phải lớn hơn {}",
    "greater_than_equal": "phải từ {} trở lên",
    "less_than": "phải nhỏ hơn {}",
    "less_than_equal": "không được vượt quá {}",
}
"""pydantic's bound errors by kind; `{}` is the bound."""

KINDS = {
    "int_parsing": "phải là một số nguyên",
    "float_parsing": "phải là một số (dấu chấm thập phân, ví dụ 0.5)",
    "bool_parsing": "phải là true hoặc false",
    "string_type": "phải là một chuỗi",
    "missing": "chưa được đặt",
}
"""pydantic's other errors by kind."""


def admin_without_platform(item: str) -> str:
    """An administrator written without `telegram:` or `zalo:`."""
    return (
        f"'{item}' thiếu tên nền tảng; viết telegram:<mã> hoặc zalo:<mã>, "
        "ví dụ telegram:501,zalo:8412345"
    )


def admin_bad_id(item: str, platform: str) -> str:
    """An administrator whose id is not one of the platform's."""
    return f"'{item}' không phải mã người dùng {platform} hợp lệ"


def unknown_zone(value: str) -> str:
    """A time zone name zoneinfo does not know."""
    return f"không có múi giờ {value!r}; viết theo tên IANA, ví dụ Asia/Ho_Chi_Minh"


def one_of(choices: list[str]) -> str:
    """A value outside the allowed choices."""
    return "phải là một trong: " + ", ".join(choices)


def invalid_value(kind: str) -> str:
    """An error pydantic reports that has no text of its own here."""
    return f"giá trị không hợp lệ ({kind})"
