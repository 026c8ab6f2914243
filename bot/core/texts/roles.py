"""Texts of /quyen and /toi: granting and revoking roles, and what a user holds."""

from __future__ import annotations

from bot.core.texts.common import unknown_unit as unknown_unit
from bot.domain.roles import Source

GRANT_USAGE = (
    "/quyen them <chung|donvi|baocao> [mã đơn vị] <người>; /quyen xoa <chung|donvi|baocao> "
    "[mã đơn vị] <người>; /quyen xoa <người>"
)
GRANT_EXAMPLE = (
    "Ví dụ: /quyen them donvi P-DAIKIM telegram:501 · /quyen them baocao P-DAIKIM @nguyenvana · "
    "/quyen them chung zalo:8412345 · trên Telegram có thể trả lời tin nhắn của người đó bằng "
    "/quyen them baocao P-DAIKIM"
)
PERSON_HELP = (
    "Người được cấp viết là telegram:<mã> hoặc zalo:<mã> (mỗi người xem mã bằng lệnh /toi), "
    "@tên_người_dùng của người đã từng gửi lệnh cho bot, hoặc trên Telegram trả lời tin nhắn của "
    "người đó."
)
SOURCE_NOTES = {
    Source.SETTING: "theo cấu hình BOT_ADMIN_IDS",
    Source.CONSOLE: "người dùng máy cục bộ",
    Source.GRANT: "được cấp bằng /quyen",
    Source.GROUP_ADMIN: "vì là quản trị viên của nhóm này",
}
"""Where each role a user holds comes from, as /toi says it."""

WHOAMI_SUMMARY = "Nền tảng, mã người dùng, vai trò và đơn vị của bạn."
GRANTS_SUMMARY = (
    "Xem, cấp và thu hồi quyền theo đơn vị (quản trị chung, quản trị đơn vị, người báo cáo)."
)
GRANTS_WHO = "quản trị chung; quản trị đơn vị trong đơn vị được giao"


# Naming the person.
PERSON_MISSING = f"Thiếu người được cấp quyền. {PERSON_HELP}"


def unknown_person(words: str) -> str:
    """Words that name no user."""
    return f"Không hiểu người dùng '{words}'. {PERSON_HELP}"


def unknown_username(handle: str) -> str:
    """An @handle the bot has not seen yet."""
    return (
        f"Chưa biết người dùng {handle}: người đó cần gửi cho bot một lệnh bất kỳ "
        "(ví dụ /toi) trước, hoặc hãy viết mã người dùng."
    )


def unknown_platform(word: str) -> str:
    """A platform before ':' that is neither Telegram nor Zalo."""
    return f"Nền tảng '{word}' phải là telegram hoặc zalo."


def platform_needed(token: str) -> str:
    """A bare user id where the platform cannot be guessed."""
    return f"Cần ghi nền tảng trước mã '{token}', ví dụ telegram:{token} hoặc zalo:{token}."


def bad_user_id(platform: str, user_id: str, *, numeric: bool) -> str:
    """A user id not written as its platform writes them (`platform` as its label)."""
    what = "là một số nguyên dương" if numeric else "gồm chữ và số"
    return f"Mã người dùng {platform} '{user_id}' không hợp lệ: mã phải {what}. {PERSON_HELP}"


# Naming the role and unit.
def unknown_role(word: str) -> str:
    """A word that names no role."""
    return (
        f"Không có vai trò '{word}'. Các vai trò: chung (quản trị chung), donvi (quản trị "
        "đơn vị), baocao (người báo cáo)."
    )


def unit_missing(role: str) -> str:
    """A unit role given without its unit."""
    return f"Thiếu mã đơn vị cho vai trò {role}."


def not_understood(word: str) -> str:
    """A word after /quyen that is no action."""
    return f"Không hiểu '{word}'. {GRANT_EXAMPLE}"


ROLE_MISSING = f"Thiếu vai trò. {GRANT_EXAMPLE}"
REVOKED_PERSON_MISSING = f"Thiếu người cần thu hồi quyền. {GRANT_EXAMPLE}"


# Granting and revoking (`person` as `Tên (telegram:501)`, `what` as role and unit).
def already_held(person: str, what: str) -> str:
    """A grant the person already has."""
    return f"{person} đã có quyền {what} từ trước, không có gì thay đổi."


def granted(what: str, person: str) -> str:
    """A role granted."""
    return f"Đã cấp quyền {what} cho {person}."


def nothing_to_revoke(person: str) -> str:
    """A revoke that matches no grant."""
    return f"{person} không có quyền nào như vậy, không có gì thay đổi."


def revoked(names: str, person: str) -> str:
    """Roles revoked."""
    return f"Đã thu hồi quyền {names} của {person}."


# The list of grants.
def office_admins_by_setting(admins: str) -> str:
    """The office administrators named in the settings."""
    return f"Quản trị chung theo cấu hình BOT_ADMIN_IDS: {admins}."


def grant_line(what: str, person: str, when: str) -> str:
    """One grant in the list."""
    return f"• {what}: {person} — cấp ngày {when}"


NO_GRANTS = "Chưa có quyền nào được cấp bằng /quyen trong phạm vi của bạn."
GROUP_ADMINS_NOTE = (
    "Quản trị viên của nhóm Telegram đã gắn với một đơn vị là quản trị đơn vị đó, không cần cấp."
)
GRANT_OR_REVOKE = f"Cấp hoặc thu hồi: {GRANT_USAGE}"
GRANTS_TITLE = "Quyền đã cấp"
GRANTS_IN_SCOPE_TITLE = "Quyền đã cấp trong phạm vi của bạn"


# /toi.
def platform_line(platform: str) -> str:
    """The platform the user writes from."""
    return f"Nền tảng: {platform}"


def user_id_line(user_id: str) -> str:
    """The user's id on the platform."""
    return f"Mã người dùng: {user_id}"


def how_to_grant(platform: str, user_id: str) -> str:
    """Added after the id: how a grant writes it."""
    return f" (khi cấp quyền viết {platform}:{user_id})"


def name_line(name: str) -> str:
    """The user's display name."""
    return f"Tên: {name}"


GROUP_NOT_LINKED = "Nhóm này: chưa gắn với đơn vị nào."


def group_linked(unit: str) -> str:
    """The unit this group is linked to."""
    return f"Nhóm này: gắn với {unit}."


ROLES_HEADING = "Vai trò:"
READER_ONLY = (
    "Vai trò: người xem (xem được mọi số liệu, chưa thay đổi được dữ liệu). Để được cấp "
    "quyền, gửi mã người dùng ở trên cho quản trị chung hoặc quản trị đơn vị của bạn."
)
WHOAMI_TITLE = "Thông tin của bạn"
