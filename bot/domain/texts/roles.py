"""Texts of roles: the Vietnamese name of each role and of each platform a user comes from."""

from __future__ import annotations

ROLE_LABELS: dict[str, str] = {
    "office_admin": "quản trị chung",
    "unit_admin": "quản trị đơn vị",
    "reporter": "người báo cáo",
}
"""Keyed by the stored value of `bot.domain.roles.Role` (a `StrEnum`, so a role is its key)."""
PLATFORM_LABELS = {"telegram": "Telegram", "zalo": "Zalo", "console": "máy cục bộ"}
