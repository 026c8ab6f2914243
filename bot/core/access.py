"""Who the sender is and what they may change: rights from settings, grants and the platform."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.errors import NotAllowed
from bot.core.messages import Incoming
from bot.core.texts import access as texts

# Re-exported: other refusals (the reports' role table) end with the same hint.
from bot.core.texts.access import ASK_FOR_RIGHTS as ASK_FOR_RIGHTS
from bot.domain.roles import ROLE_LABELS, Holding, Rights, Role, Source
from storage.models import Unit
from storage.queries import roles


async def stored_rights(session: AsyncSession, msg: Incoming, admin_ids: frozenset[str]) -> Rights:
    """Roles from the settings, the console and the database; not the platform's group admins."""
    holdings: list[Holding] = []
    if msg.platform == "console" and msg.is_platform_admin:
        # Whoever runs `thidua chat` already holds the database.
        holdings.append(Holding(Role.OFFICE_ADMIN, None, Source.CONSOLE))
    if f"{msg.platform}:{msg.user_id}" in admin_ids:
        holdings.append(Holding(Role.OFFICE_ADMIN, None, Source.SETTING))
    for grant in await roles.grants_of(session, msg.platform, msg.user_id):
        holdings.append(Holding(Role(grant.role), grant.unit_id, Source.GRANT))
    return Rights(tuple(holdings))


def _unit_text(unit: Unit) -> str:
    return f"{unit.name} ({unit.code})"


def refusal(
    need: Role,
    unit: Unit | None,
    *,
    chat_unit: Unit | None,
    group_admin: bool,
) -> NotAllowed:
    """The refusal for a write: the role and unit needed, and who can grant it."""
    if need is Role.OFFICE_ADMIN or unit is None:
        lines = list(texts.NEEDS_OFFICE)
    else:
        lines = texts.needs_unit_role(ROLE_LABELS[need], _unit_text(unit))
    if group_admin:
        if chat_unit is None:
            lines.append(texts.GROUP_NOT_LINKED)
        else:
            lines.append(texts.group_admin_reach(_unit_text(chat_unit)))
    return NotAllowed(
        "\n".join(lines),
        needed=need.value,
        unit_id=unit.id if unit else None,
        unit_code=unit.code if unit else None,
    )


def not_your_button() -> NotAllowed:
    """A confirmation button pressed by someone other than the user who asked for it."""
    return NotAllowed(
        texts.NOT_YOUR_BUTTON,
        needed="button_owner",
    )
