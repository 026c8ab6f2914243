"""The roles world: actors granted roles around P-DAIKIM, a school below it, and their messages."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from bot.app import App
from bot.core.messages import Attachment, Incoming, Reply
from storage.models import Chat, RoleGrant, Task, TaskUnit, Unit
from storage.queries import chats

OWN, BELOW, SIBLING, ROOT = "own", "below", "sibling", "root"
SCOPES = {OWN: "P-DAIKIM", BELOW: "TH-DAIKIM", SIBLING: "P-GIAPBAT", ROOT: "HM"}
"""Where the write lands, seen from actors whose unit is P-DAIKIM (TH-DAIKIM is a school below)."""
ACTORS = ("office", "unit_admin", "reporter", "group_admin", "stranger", "revoked")
IDS = {"office": "101", "unit_admin": "102", "reporter": "103", "group_admin": "104"}
IDS |= {"stranger": "105", "revoked": "106"}
OFFICE_WIDE, UNIT_ADMIN, REPORTER = "office", "unit_admin", "reporter"
counter = itertools.count(1)


@dataclass
class World:
    """The app with the actors' grants, and a way to send a message as any of them."""

    app: App
    platform: str
    units: dict[str, int] = field(default_factory=dict)

    async def say(
        self,
        actor: str,
        chat_id: str,
        text: str,
        *,
        attachment: Attachment | None = None,
        button_owner: str | None = None,
    ) -> Reply:
        """The core's answer to `text` sent by `actor` in a group chat."""
        chat = await self.chat(chat_id)
        linked = chat.unit_id if chat is not None else None
        group_admin = actor == "group_admin" and linked == self.units[SCOPES[OWN]]

        async def probe() -> bool:
            return group_admin

        reply = await self.app.core.handle(
            Incoming(
                platform=self.platform,
                chat_id=chat_id,
                user_id=IDS[actor],
                user_name=f"Người {actor}",
                chat_type="group",
                text=text,
                admin_probe=probe if self.platform == "telegram" else None,
                attachment=attachment,
                button_owner=button_owner,
            )
        )
        assert reply is not None
        return reply

    async def chat(self, chat_id: str) -> Chat | None:
        """The stored chat."""
        async with self.app.sessions() as session:
            return await chats.find_chat(session, self.platform, chat_id)

    async def new_chat(self, unit: str | None) -> str:
        """A group linked to `unit` (None: to no unit)."""
        chat_id = f"c{next(counter)}"
        async with self.app.sessions() as session, session.begin():
            row = await chats.ensure_chat(session, self.platform, chat_id)
            row.unit_id = self.units[unit] if unit else None
        return chat_id


async def grant(app: App, platform: str, user: str, role: str, unit_id: int | None) -> None:
    """Store a grant of `role` to `user`, over `unit_id` (None: office-wide)."""
    async with app.sessions() as session, session.begin():
        session.add(
            RoleGrant(
                platform=platform,
                user_id=user,
                role=role,
                unit_id=unit_id,
                granted_by="test",
                granted_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            )
        )


async def build_world(app: App, platform: str) -> World:
    """A school below P-DAIKIM that shares a task, and each actor's grants."""
    async with app.sessions() as session, session.begin():
        units = {u.code: u.id for u in (await session.scalars(select(Unit))).all()}
        school = Unit(code="TH-DAIKIM", name="Trường Tiểu học Đại Kim", kind="school")
        school.parent_id = units["P-DAIKIM"]
        session.add(school)
        await session.flush()
        units["TH-DAIKIM"] = school.id
        task = (await session.scalars(select(Task).where(Task.code == "NV2023-01"))).one()
        session.add(TaskUnit(task_id=task.id, unit_id=school.id))
    world = World(app, platform, units)
    own = units[SCOPES[OWN]]
    await grant(app, platform, IDS["office"], "office_admin", None)
    await grant(app, platform, IDS["unit_admin"], "unit_admin", own)
    await grant(app, platform, IDS["reporter"], "reporter", own)
    await grant(app, platform, IDS["revoked"], "unit_admin", own)
    revoked = await world.say("office", "setup", f"/quyen xoa {platform}:{IDS['revoked']}")
    assert revoked.text.startswith("Đã thu hồi quyền quản trị đơn vị Phường Đại Kim"), revoked
    return world


# One write command: what it needs, whether it acts on the chat's own unit, and how to send it:
# a preparation (rows and chats the case needs) that returns the message to send.
Go = Callable[[], Awaitable[Reply]]
Send = Callable[[World, str, str], Awaitable[Go]]
