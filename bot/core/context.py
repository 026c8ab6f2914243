"""Per-command context: the message, the unit of work, the clock and who may write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import access
from bot.core.messages import Incoming
from bot.domain.roles import Holding, Rights, Role, Source
from storage.models import Chat, Unit
from storage.queries import audit as audit_log
from storage.queries import chats, units
from storage.queries.units import UnitTree

Clock = Callable[[], dt.datetime]
"""Returns the current aware datetime; tests inject a fixed one."""


def system_clock() -> dt.datetime:
    """The real time, in UTC."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class CoreConfig:
    """What the core needs from the settings."""

    timezone: str = "Asia/Ho_Chi_Minh"
    admin_ids: frozenset[str] = frozenset()
    """Office administrators from BOT_ADMIN_IDS, each `platform:id`."""
    page_size: int = 10
    dossier_stale_days: int = 14
    """A dossier waiting longer than this in one status is marked late and reminded."""
    public_base_url: str | None = None
    """WEBHOOK_BASE_URL: where the bot's HTTP server is reachable, for /lich links."""


class TreeCache:
    """The unit tree of one directory version, shared by the read commands of a bot process."""

    def __init__(self) -> None:
        self._entry: tuple[int, UnitTree] | None = None

    async def get(self, session: AsyncSession, directory: int) -> UnitTree:
        """The tree for this directory version, loaded with `session` when it changed."""
        if self._entry is not None and self._entry[0] == directory:
            return self._entry[1]
        tree = await units.unit_tree(session)
        # Detached so later sessions can share it; read commands only read its units.
        for unit in tree.units.values():
            session.expunge(unit)
        self._entry = (directory, tree)
        return tree


def chat_zone(chat: Chat | None, default: str) -> ZoneInfo:
    """A chat's time zone, or the bot's default until the chat has its own."""
    return ZoneInfo(chat.timezone if chat else default)


@dataclass
class Context:
    """Everything a command handler may use; one per incoming message."""

    msg: Incoming
    session: AsyncSession
    now: dt.datetime
    config: CoreConfig
    args: list[str]
    rest: str
    command: str
    chat: Chat | None = None
    directory: int | None = None
    """The directory version read for this command, when the core read one."""
    trees: TreeCache | None = field(default=None, repr=False)
    checked: tuple[str, int | None] | None = None
    """The role a write was allowed under and the unit it concerns (the audit records both)."""
    _rights: Rights | None = field(default=None, repr=False)
    _tree: UnitTree | None = field(default=None, repr=False)
    _group_admin: bool | None = field(default=None, repr=False)

    @property
    def tz(self) -> ZoneInfo:
        """The chat's time zone (the bot's default until the chat has its own)."""
        return chat_zone(self.chat, self.config.timezone)

    @property
    def today(self) -> dt.date:
        """Today's date in the chat's time zone."""
        return self.now.astimezone(self.tz).date()

    @property
    def actor(self) -> str:
        """Who is acting, as stored in progress rows: `platform:user (name)`."""
        name = f" ({self.msg.user_name})" if self.msg.user_name else ""
        return f"{self.msg.platform}:{self.msg.user_id}{name}"

    async def unit_tree(self) -> UnitTree:
        """Every unit, from the process's cache while units are unchanged (read commands)."""
        if self.trees is not None and self.directory is not None:
            return await self.trees.get(self.session, self.directory)
        if self._tree is None:
            self._tree = await units.unit_tree(self.session)
        return self._tree

    async def unit(self, unit_id: int) -> Unit | None:
        """A unit by id: from the tree when one is at hand (always on reads), else one lookup."""
        if (self.trees is not None and self.directory is not None) or self._tree is not None:
            return (await self.unit_tree()).units.get(unit_id)
        return await units.unit_by_id(self.session, unit_id)

    async def ensure_chat(self) -> Chat:
        """The stored chat, created on first need."""
        if self.chat is None:
            self.chat = await chats.ensure_chat(
                self.session,
                self.msg.platform,
                self.msg.chat_id,
                title=self.msg.chat_title,
                chat_type=self.msg.chat_type,
                timezone=self.config.timezone,
            )
        return self.chat

    async def rights(self) -> Rights:
        """The user's roles from settings and grants (not yet the platform's group admins)."""
        if self._rights is None:
            self._rights = await access.stored_rights(self.session, self.msg, self.config.admin_ids)
        return self._rights

    async def is_group_admin(self) -> bool:
        """Whether the platform says the user administers this group (asked once, lazily)."""
        if self._group_admin is None:
            probe = self.msg.admin_probe
            self._group_admin = self.msg.is_platform_admin or (
                probe is not None and self.msg.chat_type != "private" and await probe()
            )
        return self._group_admin

    async def may(self, need: Role, unit: Unit | None) -> bool:
        """Whether the user holds `need` (or more) on `unit` (None: office-wide)."""
        tree = await self.unit_tree()
        unit_id = unit.id if unit else None
        if (await self.rights()).allows(need, unit_id, tree.subtree):
            return True
        linked = self.chat.unit_id if self.chat else None
        if need is Role.OFFICE_ADMIN or linked is None or not await self.is_group_admin():
            return False
        # Administrators of a group linked to a unit administer that unit, and nothing more.
        group = Rights((Holding(Role.UNIT_ADMIN, linked, Source.GROUP_ADMIN),))
        return group.allows(need, unit_id, tree.subtree)

    async def require(self, need: Role, unit: Unit | None) -> None:
        """Refuse the command unless the user holds `need` on `unit` (None: office-wide)."""
        if not await self.may(need, unit):
            tree = await self.unit_tree()
            linked = self.chat.unit_id if self.chat else None
            group_admin = self.msg.chat_type != "private" and await self.is_group_admin()
            raise access.refusal(
                need,
                unit,
                chat_unit=tree.units.get(linked) if linked is not None else None,
                group_admin=group_admin,
            )
        self.checked = (need.value, unit.id if unit else None)

    async def require_office(self) -> None:
        """Refuse the command unless the user is an office administrator."""
        await self.require(Role.OFFICE_ADMIN, None)

    async def require_chat_settings(self) -> None:
        """A chat's own settings: anyone in a private chat, else the linked unit's administrators
        (office administrators for a group linked to no unit)."""
        if self.msg.chat_type == "private":
            self.checked = ("private_chat", None)
            return
        linked = self.chat.unit_id if self.chat else None
        unit = (await self.unit_tree()).units.get(linked) if linked is not None else None
        await self.require(Role.UNIT_ADMIN if unit else Role.OFFICE_ADMIN, unit)

    def audit(
        self,
        action: str,
        entity: str,
        key: str,
        details: dict[str, object],
        *,
        unit: Unit | None = None,
    ) -> None:
        """Record this write in the audit log, in the same transaction.

        Every write is checked first: auditing one that was not is a programming error.
        """
        if self.checked is None:
            raise RuntimeError(f"write {action} {entity} audited without a permission check")
        role, checked_unit = self.checked
        if self.msg.chat_title and entity == "chat":
            # The journal names the chat by its title: its platform id means nothing to a reader.
            details = {**details, "chat_title": self.msg.chat_title}
        audit_log.audit(
            self.session,
            at=self.now,
            platform=self.msg.platform,
            chat_id=self.msg.chat_id,
            user_id=self.msg.user_id,
            user_name=self.msg.user_name,
            action=action,
            entity=entity,
            entity_key=key,
            details=details,
            unit_id=unit.id if unit is not None else checked_unit,
            role=role,
        )
