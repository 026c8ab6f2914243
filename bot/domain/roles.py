"""Who may change what: roles on units, the rights a user holds, and the scope they cover."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

# Re-exported: commands and reports name roles and platforms through this module.
from bot.domain.texts.roles import PLATFORM_LABELS as PLATFORM_LABELS
from bot.domain.texts.roles import ROLE_LABELS as ROLE_LABELS


class Role(StrEnum):
    """A role, weakest first in RANK; office administrators hold every unit."""

    OFFICE_ADMIN = "office_admin"
    UNIT_ADMIN = "unit_admin"
    REPORTER = "reporter"


RANK = {Role.REPORTER: 1, Role.UNIT_ADMIN: 2, Role.OFFICE_ADMIN: 3}
ROLE_WORDS = {
    "chung": Role.OFFICE_ADMIN,
    "quantrichung": Role.OFFICE_ADMIN,
    "office": Role.OFFICE_ADMIN,
    "donvi": Role.UNIT_ADMIN,
    "quantridonvi": Role.UNIT_ADMIN,
    "unit": Role.UNIT_ADMIN,
    "baocao": Role.REPORTER,
    "nguoibaocao": Role.REPORTER,
    "reporter": Role.REPORTER,
}
"""Role names as typed in `/quyen them <vai trò> ...` (folded: no diacritics, lower case)."""


class Source(StrEnum):
    """Where a held role comes from."""

    SETTING = "setting"
    """BOT_ADMIN_IDS."""
    GRANT = "grant"
    """A `/quyen them` grant stored in the database."""
    GROUP_ADMIN = "group_admin"
    """Administrator of a Telegram group linked to the unit."""
    CONSOLE = "console"
    """The local operator of `thidua chat`."""


USER_PLATFORMS = ("telegram", "zalo")
_USER_ID = {
    "telegram": re.compile(r"[1-9][0-9]{0,15}"),
    "zalo": re.compile(r"[A-Za-z0-9_.-]{1,64}"),
}


def valid_user_id(platform: str, user_id: str) -> bool:
    """Whether `user_id` is written as the platform writes its user ids (Telegram: a number)."""
    pattern = _USER_ID.get(platform)
    return bool(pattern and pattern.fullmatch(user_id))


@dataclass(frozen=True)
class Holding:
    """One role a user holds: on a unit (and everything below it), or office-wide."""

    role: Role
    unit_id: int | None
    source: Source


Subtree = Callable[[int], set[int]]
"""A unit's id with the ids of every unit below it (and the units merged into them)."""


@dataclass(frozen=True)
class Rights:
    """Every role a user holds where they are acting."""

    holdings: tuple[Holding, ...] = ()

    @property
    def is_office_admin(self) -> bool:
        """Whether the user may change everything."""
        return any(h.role is Role.OFFICE_ADMIN for h in self.holdings)

    def allows(self, need: Role, unit_id: int | None, subtree: Subtree) -> bool:
        """Whether a role at least as strong as `need` covers `unit_id` (None: office-wide)."""
        if self.is_office_admin:
            return True
        if unit_id is None or need is Role.OFFICE_ADMIN:
            return False
        return any(
            RANK[h.role] >= RANK[need] and h.unit_id is not None and unit_id in subtree(h.unit_id)
            for h in self.holdings
        )

    def scope(self, need: Role, subtree: Subtree) -> set[int] | None:
        """The units where the user holds `need` or more; None means every unit (office)."""
        if self.is_office_admin:
            return None
        found: set[int] = set()
        for h in self.holdings:
            if h.unit_id is not None and RANK[h.role] >= RANK[need]:
                found |= subtree(h.unit_id)
        return found
