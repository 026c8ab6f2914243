"""/quyen and /toi: who holds which role on which unit, granting and revoking, and who am I."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core import args as parse
from bot.core import vn
from bot.core.commands.common import chat_unit, require_active
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.domain.roles import (
    PLATFORM_LABELS,
    ROLE_LABELS,
    ROLE_WORDS,
    USER_PLATFORMS,
    Role,
    Source,
    valid_user_id,
)
from storage.models import RoleGrant, Unit
from storage.queries import roles

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


@dataclass(frozen=True)
class Person:
    """A platform user named in a command."""

    platform: str
    user_id: str
    name: str | None

    def label(self) -> str:
        """`Tên (telegram:501)` or just `telegram:501`."""
        ref = f"{self.platform}:{self.user_id}"
        return f"{self.name} ({ref})" if self.name else ref


def _unit_text(unit: Unit) -> str:
    return f"{unit.name} ({unit.code})"


def _role_text(role: Role, unit: Unit | None) -> str:
    return ROLE_LABELS[role] if unit is None else f"{ROLE_LABELS[role]} {_unit_text(unit)}"


async def _person(ctx: Context, tokens: list[str]) -> Person:
    """The user named by the remaining tokens, or the one the message replies to or mentions."""
    token = tokens[0] if len(tokens) == 1 else None
    explicit = token is not None and (token.startswith("@") or ":" in token or token.isdecimal())
    if ctx.msg.mentions and not explicit:
        # A reply or a text mention names the user; the words left are their display name.
        ref = ctx.msg.mentions[0]
        return Person(ctx.msg.platform, ref.user_id, ref.name)
    if token is None:
        if not tokens:
            raise UserError(f"Thiếu người được cấp quyền. {PERSON_HELP}", usage=GRANT_USAGE)
        raise UserError(
            f"Không hiểu người dùng '{' '.join(tokens)}'. {PERSON_HELP}", usage=GRANT_USAGE
        )
    if token.startswith("@"):
        known = await roles.user_by_username(ctx.session, ctx.msg.platform, token[1:])
        if known is None:
            raise UserError(
                f"Chưa biết người dùng {token}: người đó cần gửi cho bot một lệnh bất kỳ "
                "(ví dụ /toi) trước, hoặc hãy viết mã người dùng.",
                usage=GRANT_USAGE,
            )
        return Person(known.platform, known.user_id, known.display_name)
    platform, sep, user_id = token.partition(":")
    if sep:
        platform = parse.fold(platform)
        if platform not in USER_PLATFORMS:
            raise UserError(
                f"Nền tảng '{token.partition(':')[0]}' phải là telegram hoặc zalo.",
                usage=GRANT_USAGE,
            )
    elif ctx.msg.platform in USER_PLATFORMS:
        platform, user_id = ctx.msg.platform, token
    else:
        raise UserError(
            f"Cần ghi nền tảng trước mã '{token}', ví dụ telegram:{token} hoặc zalo:{token}.",
            usage=GRANT_USAGE,
        )
    if not valid_user_id(platform, user_id):
        what = "là một số nguyên dương" if platform == "telegram" else "gồm chữ và số"
        raise UserError(
            f"Mã người dùng {PLATFORM_LABELS[platform]} '{user_id}' không hợp lệ: mã phải "
            f"{what}. {PERSON_HELP}",
            usage=GRANT_USAGE,
        )
    known = await roles.known_user(ctx.session, platform, user_id)
    return Person(platform, user_id, known.display_name if known else None)


def _role(token: str) -> Role:
    role = ROLE_WORDS.get(parse.fold(token))
    if role is None:
        raise UserError(
            f"Không có vai trò '{token}'. Các vai trò: chung (quản trị chung), donvi (quản trị "
            "đơn vị), baocao (người báo cáo).",
            usage=GRANT_USAGE,
        )
    return role


async def _role_and_unit(ctx: Context, tokens: list[str]) -> tuple[Role, Unit | None, list[str]]:
    """`<vai trò> [mã đơn vị]` at the start of the tokens, and what follows."""
    role = _role(tokens[0])
    if role is Role.OFFICE_ADMIN:
        return role, None, tokens[1:]
    if len(tokens) < 2:
        raise UserError(f"Thiếu mã đơn vị cho vai trò {ROLE_LABELS[role]}.", usage=GRANT_USAGE)
    unit = (await ctx.unit_tree()).by_code(tokens[1])
    if unit is None:
        raise UserError(
            f"Không có đơn vị mã '{tokens[1]}'. Gõ /donvi để xem mã các đơn vị.", usage=GRANT_USAGE
        )
    return role, unit, tokens[2:]


async def _require_grant_rights(ctx: Context, role: Role, unit: Unit | None) -> None:
    """Office roles need an office administrator; unit roles a unit administrator above them."""
    await ctx.require(Role.OFFICE_ADMIN if role is Role.OFFICE_ADMIN else Role.UNIT_ADMIN, unit)


async def grants(ctx: Context) -> Reply:
    """`/quyen`: list, grant or revoke roles within the user's own scope."""
    if not ctx.args:
        return await list_grants(ctx)
    action = parse.fold(ctx.args[0])
    if action in ("them", "add", "cap"):
        return await add(ctx, ctx.args[1:])
    if action in ("xoa", "remove", "thuhoi"):
        return await revoke(ctx, ctx.args[1:])
    raise UserError(f"Không hiểu '{ctx.args[0]}'. {GRANT_EXAMPLE}", usage=GRANT_USAGE)


async def add(ctx: Context, tokens: list[str]) -> Reply:
    """Grant a role on a unit (or office-wide) to a user."""
    if not tokens:
        raise UserError(f"Thiếu vai trò. {GRANT_EXAMPLE}", usage=GRANT_USAGE)
    role, unit, rest = await _role_and_unit(ctx, tokens)
    await _require_grant_rights(ctx, role, unit)
    await require_active(ctx, unit, usage=GRANT_USAGE)
    person = await _person(ctx, rest)
    added = await roles.add_grant(
        ctx.session,
        platform=person.platform,
        user_id=person.user_id,
        role=role.value,
        unit_id=unit.id if unit else None,
        user_name=person.name,
        granted_by=ctx.actor,
        now=ctx.now,
    )
    what = _role_text(role, unit)
    if not added:
        return Reply(f"{person.label()} đã có quyền {what} từ trước, không có gì thay đổi.")
    ctx.audit(
        "grant",
        "role",
        f"{person.platform}:{person.user_id}",
        {"role": role.value, "unit": unit.code if unit else None, "name": person.name},
        unit=unit,
    )
    return Reply(f"Đã cấp quyền {what} cho {person.label()}.")


async def revoke(ctx: Context, tokens: list[str]) -> Reply:
    """Revoke one role, or every role of a user within the revoker's scope."""
    if not tokens:
        raise UserError(f"Thiếu người cần thu hồi quyền. {GRANT_EXAMPLE}", usage=GRANT_USAGE)
    tree = await ctx.unit_tree()
    if parse.fold(tokens[0]) in ROLE_WORDS:
        role, unit, rest = await _role_and_unit(ctx, tokens)
        await _require_grant_rights(ctx, role, unit)
        person = await _person(ctx, rest)
        found = await roles.find_grant(
            ctx.session, person.platform, person.user_id, role.value, unit.id if unit else None
        )
        chosen = [found] if found else []
    else:
        person = await _person(ctx, tokens)
        held = await roles.grants_of(ctx.session, person.platform, person.user_id)
        chosen = [
            g
            for g in held
            if await ctx.may(_needed_to_grant(Role(g.role)), _unit_of(tree.units, g))
        ]
        if held and not chosen:
            # Every role they hold is outside the revoker's scope: refuse, naming the first.
            await _require_grant_rights(ctx, Role(held[0].role), _unit_of(tree.units, held[0]))
    if not chosen:
        return Reply(f"{person.label()} không có quyền nào như vậy, không có gì thay đổi.")
    names = []
    for grant in chosen:
        unit = _unit_of(tree.units, grant)
        names.append(_role_text(Role(grant.role), unit))
        # Already allowed; this records the role each revoke was checked against.
        await _require_grant_rights(ctx, Role(grant.role), unit)
        ctx.audit(
            "revoke",
            "role",
            f"{person.platform}:{person.user_id}",
            {"role": grant.role, "unit": unit.code if unit else None},
            unit=unit,
        )
    await roles.remove_grants(ctx.session, chosen)
    return Reply(f"Đã thu hồi quyền {', '.join(names)} của {person.label()}.")


def _needed_to_grant(role: Role) -> Role:
    return Role.OFFICE_ADMIN if role is Role.OFFICE_ADMIN else Role.UNIT_ADMIN


def _unit_of(units: dict[int, Unit], grant: RoleGrant) -> Unit | None:
    return units.get(grant.unit_id) if grant.unit_id is not None else None


async def list_grants(ctx: Context) -> Reply:
    """Grants within the user's scope: everything for office administrators."""
    tree = await ctx.unit_tree()
    rights = await ctx.rights()
    scope = rights.scope(Role.UNIT_ADMIN, tree.subtree)
    linked = await chat_unit(ctx)
    if scope is not None and linked is not None and await ctx.may(Role.UNIT_ADMIN, linked):
        scope |= tree.subtree(linked.id)
    if scope is not None and not scope:
        await ctx.require(Role.UNIT_ADMIN, linked)
    found = await roles.grants_within(ctx.session, scope)
    lines: list[str] = []
    if scope is None:
        admins = sorted(ctx.config.admin_ids)
        if admins:
            lines.append("Quản trị chung theo cấu hình BOT_ADMIN_IDS: " + ", ".join(admins) + ".")
    for grant in found:
        unit = _unit_of(tree.units, grant)
        person = Person(grant.platform, grant.user_id, grant.user_name)
        when = vn.date(grant.granted_at.astimezone(ctx.tz).date())
        lines.append(f"• {_role_text(Role(grant.role), unit)}: {person.label()} — cấp ngày {when}")
    if not found:
        lines.append("Chưa có quyền nào được cấp bằng /quyen trong phạm vi của bạn.")
    lines += [
        "",
        "Quản trị viên của nhóm Telegram đã gắn với một đơn vị là quản trị đơn vị đó, không cần "
        "cấp.",
        f"Cấp hoặc thu hồi: {GRANT_USAGE}",
    ]
    title = "Quyền đã cấp" if scope is None else "Quyền đã cấp trong phạm vi của bạn"
    return Reply("\n".join(lines), title=title)


async def whoami(ctx: Context) -> Reply:
    """`/toi`: the user's platform, id, roles and units — how a Zalo user finds their id."""
    msg = ctx.msg
    platform = PLATFORM_LABELS.get(msg.platform, msg.platform)
    lines = [f"Nền tảng: {platform}", f"Mã người dùng: {msg.user_id}"]
    if msg.platform in USER_PLATFORMS:
        lines[-1] += f" (khi cấp quyền viết {msg.platform}:{msg.user_id})"
    if msg.user_name:
        lines.append(f"Tên: {msg.user_name}")
    tree = await ctx.unit_tree()
    held = []
    for holding in (await ctx.rights()).holdings:
        unit = tree.units.get(holding.unit_id) if holding.unit_id is not None else None
        held.append(f"• {_role_text(holding.role, unit)} ({SOURCE_NOTES[holding.source]})")
    linked = await chat_unit(ctx)
    if msg.chat_type != "private":
        if linked is None:
            lines.append("Nhóm này: chưa gắn với đơn vị nào.")
        else:
            lines.append(f"Nhóm này: gắn với {_unit_text(linked)}.")
            if msg.admin_probe is not None and await ctx.is_group_admin():
                note = SOURCE_NOTES[Source.GROUP_ADMIN]
                held.append(f"• {_role_text(Role.UNIT_ADMIN, linked)} ({note})")
    if held:
        lines += ["Vai trò:", *held]
    else:
        lines.append(
            "Vai trò: người xem (xem được mọi số liệu, chưa thay đổi được dữ liệu). Để được cấp "
            "quyền, gửi mã người dùng ở trên cho quản trị chung hoặc quản trị đơn vị của bạn."
        )
    return Reply("\n".join(lines), title="Thông tin của bạn")


COMMANDS = [
    Command(
        "toi",
        ("whoami",),
        "/toi",
        "Nền tảng, mã người dùng, vai trò và đơn vị của bạn.",
        "/toi",
        whoami,
        max_args=0,
    ),
    Command(
        "quyen",
        ("grant", "roles"),
        GRANT_USAGE,
        "Xem, cấp và thu hồi quyền theo đơn vị (quản trị chung, quản trị đơn vị, người báo cáo).",
        "/quyen them donvi P-DAIKIM telegram:501",
        grants,
        writes=True,
        who="quản trị chung; quản trị đơn vị trong đơn vị được giao",
    ),
]
