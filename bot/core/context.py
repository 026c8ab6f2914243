"""Per-command context: the message, the unit of work, the clock and who may write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.errors import NotAllowed
from bot.core.messages import Incoming
from storage.models import Chat
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
    page_size: int = 10


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
    _admin: bool | None = field(default=None, repr=False)

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
        if self.trees is None or self.directory is None:
            return await units.unit_tree(self.session)
        return await self.trees.get(self.session, self.directory)

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

    async def is_admin(self) -> bool:
        """Platform admins, BOT_ADMIN_IDS, and users granted access on this platform."""
        if self._admin is None:
            self._admin = (
                self.msg.is_platform_admin
                or self.msg.user_id in self.config.admin_ids
                or await chats.has_grant(self.session, self.msg.platform, self.msg.user_id)
            )
        return self._admin

    async def require_admin(self) -> None:
        """Refuse the command unless the user may write here."""
        if not await self.is_admin():
            raise NotAllowed

    def audit(self, action: str, entity: str, key: str, details: dict[str, object]) -> None:
        """Record this write in the audit log, in the same transaction."""
        chats.audit(
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
        )
