"""/quyen and /toi: who holds which role on which unit, granting and revoking, and who am I."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core import args as parse
from bot.core.commands.common import chat_unit, require_active
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import roles as texts
from bot.core.texts.roles import GRANT_USAGE, SOURCE_NOTES
from bot.domain import vn
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
            raise UserError(texts.PERSON_MISSING, usage=GRANT_USAGE)
        raise UserError(texts.unknown_person(" ".join(tokens)), usage=GRANT_USAGE)
    if token.startswith("@"):
        known = await roles.user_by_username(ctx.session, ctx.msg.platform, token[1:])
        if known is None:
            raise UserError(texts.unknown_username(token), usage=GRANT_USAGE)
        return Person(known.platform, known.user_id, known.display_name)
    platform, sep, user_id = token.partition(":")
    if sep:
        platform = parse.fold(platform)
        if platform not in USER_PLATFORMS:
            raise UserError(texts.unknown_platform(token.partition(":")[0]), usage=GRANT_USAGE)
    elif ctx.msg.platform in USER_PLATFORMS:
        platform, user_id = ctx.msg.platform, token
    else:
        raise UserError(texts.platform_needed(token), usage=GRANT_USAGE)
    if not valid_user_id(platform, user_id):
        message = texts.bad_user_id(
            PLATFORM_LABELS[platform], user_id, numeric=platform == "telegram"
        )
        raise UserError(message, usage=GRANT_USAGE)
    known = await roles.known_user(ctx.session, platform, user_id)
    return Person(platform, user_id, known.display_name if known else None)


def _role(token: str) -> Role:
    role = ROLE_WORDS.get(parse.fold(token))
    if role is None:
        raise UserError(texts.unknown_role(token), usage=GRANT_USAGE)
    return role


async def _role_and_unit(ctx: Context, tokens: list[str]) -> tuple[Role, Unit | None, list[str]]:
    """`<vai trò> [mã đơn vị]` at the start of the tokens, and what follows."""
    role = _role(tokens[0])
    if role is Role.OFFICE_ADMIN:
        return role, None, tokens[1:]
    if len(tokens) < 2:
        raise UserError(texts.unit_missing(ROLE_LABELS[role]), usage=GRANT_USAGE)
    unit = (await ctx.unit_tree()).by_code(tokens[1])
    if unit is None:
        raise UserError(texts.unknown_unit(tokens[1]), usage=GRANT_USAGE)
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
    raise UserError(texts.not_understood(ctx.args[0]), usage=GRANT_USAGE)


async def add(ctx: Context, tokens: list[str]) -> Reply:
    """Grant a role on a unit (or office-wide) to a user."""
    if not tokens:
        raise UserError(texts.ROLE_MISSING, usage=GRANT_USAGE)
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
        return Reply(texts.already_held(person.label(), what))
    ctx.audit(
        "grant",
        "role",
        f"{person.platform}:{person.user_id}",
        {"role": role.value, "unit": unit.code if unit else None, "name": person.name},
        unit=unit,
    )
    return Reply(texts.granted(what, person.label()))


async def revoke(ctx: Context, tokens: list[str]) -> Reply:
    """Revoke one role, or every role of a user within the revoker's scope."""
    if not tokens:
        raise UserError(texts.REVOKED_PERSON_MISSING, usage=GRANT_USAGE)
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
        return Reply(texts.nothing_to_revoke(person.label()))
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
    return Reply(texts.revoked(", ".join(names), person.label()))


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
            lines.append(texts.office_admins_by_setting(", ".join(admins)))
    for grant in found:
        unit = _unit_of(tree.units, grant)
        person = Person(grant.platform, grant.user_id, grant.user_name)
        when = vn.date(grant.granted_at.astimezone(ctx.tz).date())
        lines.append(texts.grant_line(_role_text(Role(grant.role), unit), person.label(), when))
    if not found:
        lines.append(texts.NO_GRANTS)
    lines += ["", texts.GROUP_ADMINS_NOTE, texts.GRANT_OR_REVOKE]
    title = texts.GRANTS_TITLE if scope is None else texts.GRANTS_IN_SCOPE_TITLE
    return Reply("\n".join(lines), title=title)


async def whoami(ctx: Context) -> Reply:
    """`/toi`: the user's platform, id, roles and units — how a Zalo user finds their id."""
    msg = ctx.msg
    platform = PLATFORM_LABELS.get(msg.platform, msg.platform)
    lines = [texts.platform_line(platform), texts.user_id_line(msg.user_id)]
    if msg.platform in USER_PLATFORMS:
        lines[-1] += texts.how_to_grant(msg.platform, msg.user_id)
    if msg.user_name:
        lines.append(texts.name_line(msg.user_name))
    tree = await ctx.unit_tree()
    held = []
    for holding in (await ctx.rights()).holdings:
        unit = tree.units.get(holding.unit_id) if holding.unit_id is not None else None
        held.append(f"• {_role_text(holding.role, unit)} ({SOURCE_NOTES[holding.source]})")
    linked = await chat_unit(ctx)
    if msg.chat_type != "private":
        if linked is None:
            lines.append(texts.GROUP_NOT_LINKED)
        else:
            lines.append(texts.group_linked(_unit_text(linked)))
            if msg.admin_probe is not None and await ctx.is_group_admin():
                note = SOURCE_NOTES[Source.GROUP_ADMIN]
                held.append(f"• {_role_text(Role.UNIT_ADMIN, linked)} ({note})")
    if held:
        lines += [texts.ROLES_HEADING, *held]
    else:
        lines.append(texts.READER_ONLY)
    return Reply("\n".join(lines), title=texts.WHOAMI_TITLE)


COMMANDS = [
    Command(
        "toi",
        ("whoami",),
        "/toi",
        texts.WHOAMI_SUMMARY,
        "/toi",
        whoami,
        max_args=0,
    ),
    Command(
        "quyen",
        ("grant", "roles"),
        GRANT_USAGE,
        texts.GRANTS_SUMMARY,
        "/quyen them donvi P-DAIKIM telegram:501",
        grants,
        writes=True,
        who=texts.GRANTS_WHO,
    ),
]
