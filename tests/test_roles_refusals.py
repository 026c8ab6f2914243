"""Refusals beyond the matrix: audited with the role they needed; a button is its asker's alone."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import App
from storage.models import AuditEntry, Task
from tests.roles_harness import IDS, build_world


async def test_refusals_are_audited_with_the_role_they_needed(app: App) -> None:
    world = await build_world(app, "telegram")
    chat = await world.new_chat(None)
    await world.say("reporter", chat, "/themkhenthuong 2025 LDTT cá nhân 3 P-GIAPBAT")
    async with app.sessions() as session:
        entry = (
            await session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
        ).one()
    assert (entry.action, entry.entity, entry.user_id) == ("refused", "themkhenthuong", "103")
    assert (entry.role, entry.unit_id) == ("unit_admin", world.units["P-GIAPBAT"])
    assert entry.details["text"] == "/themkhenthuong 2025 LDTT cá nhân 3 P-GIAPBAT"


async def test_a_confirmation_button_belongs_to_who_asked_for_it(app: App) -> None:
    world = await build_world(app, "zalo")
    chat = await world.new_chat(None)
    asked = await world.say("office", chat, "/xoa nhiemvu NV2023-06")
    [[delete, cancel]] = asked.buttons
    assert (delete.owner, cancel.owner) == (IDS["office"], IDS["office"])
    for other in ("unit_admin", "stranger"):
        pressed = await world.say(other, chat, delete.command, button_owner=delete.owner)
        assert pressed.refused
        assert pressed.text.startswith("Nút này dành cho người đã yêu cầu thao tác.")
    async with app.sessions() as session:
        kept = await session.scalar(select(func.count()).where(Task.code == "NV2023-06"))
    assert kept == 1, "nothing deleted by the refused presses"
    done = await world.say("office", chat, delete.command, button_owner=delete.owner)
    assert done.text.startswith("Đã xóa nhiệm vụ NV2023-06")
