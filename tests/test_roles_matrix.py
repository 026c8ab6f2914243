"""Roles × write commands × scope: who may change what, and nothing is written when refused."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.core.commands import all_commands
from storage.models import (
    Acknowledgement,
    AuditEntry,
    AwardRecord,
    Chat,
    ClosedYear,
    Commemoration,
    Dossier,
    DossierEvent,
    DossierFile,
    Reminder,
    RequestUnit,
    RoleGrant,
    Subscription,
    Task,
    TaskNudge,
    TaskProgressHistory,
    TaskUnit,
    Unit,
    UnitRequest,
)
from tests.roles_harness import (
    ACTORS,
    BELOW,
    OFFICE_WIDE,
    OWN,
    REPORTER,
    ROOT,
    SCOPES,
    Send,
    World,
    build_world,
)
from tests.roles_office_writes import OFFICE_COMMANDS
from tests.roles_unit_writes import UNIT_COMMANDS


def allowed(actor: str, need: str, scope: str, *, chat_bound: bool) -> bool:
    """The rule, written out independently of the code under test."""
    if actor == "office":
        return True
    if need == OFFICE_WIDE or actor in ("stranger", "revoked"):
        return False
    if actor == "group_admin" and chat_bound:
        # A group administrator administers their own group's unit, from that group only.
        return scope == OWN
    if actor == "reporter" and need != REPORTER:
        return False
    return scope in (OWN, BELOW)


COUNTED = (
    AwardRecord,
    TaskProgressHistory,
    Subscription,
    Acknowledgement,
    RoleGrant,
    Commemoration,
    Task,
    TaskUnit,
    ClosedYear,
    Dossier,
    DossierEvent,
    DossierFile,
    Reminder,
    Unit,
    AuditEntry,
    UnitRequest,
    TaskNudge,
)
"""Tables whose row counts a write command may change."""


async def snapshot(app: App) -> dict[str, object]:
    """Everything the write commands can change, audit log apart."""
    # One statement for every count: the matrix takes two snapshots for each of its ~1 400 cases.
    totals = select(
        *(select(func.count()).select_from(m).scalar_subquery().label(m.__name__) for m in COUNTED),
        # Edits change a count without adding a row.
        select(func.sum(AwardRecord.count)).scalar_subquery().label("awarded"),
        select(func.count())
        .select_from(UnitRequest)
        .where(UnitRequest.closed_at.is_not(None))
        .scalar_subquery()
        .label("closed"),
    )
    async with app.sessions() as session:
        counts = dict((await session.execute(totals)).one()._mapping)
        reminders = sorted(
            (await session.execute(select(Reminder.id, Reminder.next_at, Reminder.active))).all()
        )
        settings = sorted(
            (chat_id, unit_id, remind_at, token or "")
            for chat_id, unit_id, remind_at, token in (
                await session.execute(
                    select(Chat.platform_chat_id, Chat.unit_id, Chat.remind_at, Chat.feed_token)
                )
            ).all()
        )
        answers = sorted(
            (row_id, submitted is not None, extension is not None, file_name)
            for row_id, submitted, extension, file_name in (
                await session.execute(
                    select(
                        RequestUnit.id,
                        RequestUnit.submitted_at,
                        RequestUnit.extension_at,
                        RequestUnit.file_name,
                    )
                )
            ).all()
        )
    return {
        **{name: counts[name] for name in counts if name not in ("awarded", "closed")},
        "awarded": counts["awarded"],
        "chats": settings,
        "reminders": [tuple(row) for row in reminders],
        "answers": answers,
        "closed": counts["closed"],
    }


async def check(
    world: World, actor: str, name: str, need: str, scope: str, chat_bound: bool, send: Send
) -> str | None:
    """Run one case; a description of what went wrong, or None."""
    go = await send(world, actor, SCOPES[scope])
    before = await snapshot(world.app)
    reply = await go()
    after = await snapshot(world.app)
    label = f"{actor} {name} on {scope}: {reply.text[:160]!r}"
    if allowed(actor, need, scope, chat_bound=chat_bound):
        if reply.refused or reply.text.startswith("Bạn chưa có quyền"):
            return f"refused but allowed — {label}"
        # Linking a group administrator's group to its own unit again changes nothing.
        same_link = (actor, name, scope) == ("group_admin", "/caidat donvi", OWN)
        if not same_link and all(after[k] == before[k] for k in after if k != "AuditEntry"):
            return f"allowed but nothing written — {label}"
        return None
    refusals = ("Bạn chưa có quyền này", "Tệp không được nhập vì có dòng ngoài phạm vi")
    if not reply.refused or not reply.text.startswith(refusals):
        return f"not refused — {label}"
    audited = before["AuditEntry"]
    assert isinstance(audited, int)
    if after != {**before, "AuditEntry": audited + 1}:
        return f"refused but something changed — {label}"
    return None


@pytest.mark.parametrize("platform", ["telegram", "zalo"])
async def test_every_write_command_for_every_role_and_scope(app: App, platform: str) -> None:
    if platform == "zalo" and app.engine.dialect.name == "postgresql":
        # The rules are the core's, the same on both databases; PostgreSQL runs the matrix once
        # (Telegram, which adds group administrators) to keep CI within its time.
        pytest.skip("the Zalo matrix runs on SQLite; PostgreSQL runs the Telegram one")
    world = await build_world(app, platform)
    problems = []
    actors = [a for a in ACTORS if platform == "telegram" or a != "group_admin"]
    for actor in actors:
        for (name, need, chat_bound, send), scope in itertools.product(UNIT_COMMANDS, SCOPES):
            problems.append(await check(world, actor, name, need, scope, chat_bound, send))
        for name, send in OFFICE_COMMANDS:
            problems.append(await check(world, actor, name, OFFICE_WIDE, ROOT, False, send))
    assert [p for p in problems if p] == []


def test_every_write_command_is_in_the_matrix() -> None:
    """A new write command must join a table of `roles_unit_writes` or `roles_office_writes`,
    or its role checks go untested."""
    tested = {name.split()[0].lstrip("/") for name, *_ in UNIT_COMMANDS}
    tested |= {name.split()[0].lstrip("/") for name, _ in OFFICE_COMMANDS}
    # Subscriptions are per chat and reversible; /dangky stands for both.
    tested.add("huydangky")
    writers = {c.name for c in all_commands() if c.writes}
    assert writers - tested == set()
