"""Who the sender is and what they may change: rights from settings, grants and the platform."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.errors import NotAllowed
from bot.core.messages import Incoming
from bot.domain.roles import ROLE_LABELS, Holding, Rights, Role, Source
from storage.models import Unit
from storage.queries import roles

ASK_FOR_RIGHTS = "Gõ /toi để biết mã người dùng của bạn và gửi cho người cấp quyền."


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
        lines = [
            "Bạn chưa có quyền này: cần quyền quản trị chung.",
            f"Quản trị chung cấp quyền bằng /quyen them. {ASK_FOR_RIGHTS}",
        ]
    else:
        lines = [
            f"Bạn chưa có quyền này: cần quyền {ROLE_LABELS[need]} của {_unit_text(unit)} "
            "hoặc của đơn vị cấp trên.",
            "Quản trị chung hoặc quản trị đơn vị cấp trên cấp quyền bằng /quyen them. "
            + ASK_FOR_RIGHTS,
        ]
    if group_admin:
        if chat_unit is None:
            lines.append(
                "Nhóm này chưa được gắn với đơn vị nào nên quản trị viên nhóm chưa có quyền thay "
                "đổi dữ liệu. Để gắn nhóm, nhờ quản trị chung (hoặc quản trị của đơn vị) gõ "
                "/caidat donvi <mã đơn vị> trong nhóm này."
            )
        else:
            lines.append(
                f"Quản trị viên nhóm này chỉ có quyền với {_unit_text(chat_unit)} "
                "và các đơn vị trực thuộc."
            )
    return NotAllowed(
        "\n".join(lines),
        needed=need.value,
        unit_id=unit.id if unit else None,
        unit_code=unit.code if unit else None,
    )


def not_your_button() -> NotAllowed:
    """A confirmation button pressed by someone other than the user who asked for it."""
    return NotAllowed(
        "Nút này dành cho người đã yêu cầu thao tác. Nếu bạn cũng cần làm việc này, hãy tự gõ "
        "lệnh.",
        needed="button_owner",
    )
