"""/nhatky: the recent changes (and refused changes) in an administrator's scope, in Vietnamese."""

from __future__ import annotations

from bot.core.commands.common import chat_unit
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import journal as texts
from bot.core.texts.journal import ACTION_LABELS, ENTITY_LABELS, USAGE
from bot.domain import vn
from bot.domain.reminder_texts import KIND_LABELS
from bot.domain.roles import ROLE_LABELS, Role
from storage.models import AuditEntry
from storage.queries import audit as audit_log

DEFAULT_LINES = 20
MAX_LINES = 100


def _role_label(value: object) -> str:
    try:
        return ROLE_LABELS[Role(str(value))]
    except ValueError:
        return texts.ANY_ROLE


def _chat_change(action: str, details: dict[str, object]) -> str:
    """A chat's settings or subscriptions changed, named by the chat's title."""
    title = details.get("chat_title")
    chat = texts.chat_named(title)
    if action in ("subscribe", "unsubscribe"):
        kinds = details.get("kinds")
        listed = kinds if isinstance(kinds, list) else []
        names = ", ".join(KIND_LABELS.get(str(k), str(k)) for k in listed) or texts.ANY_REMINDERS
        return texts.subscription(subscribed=action == "subscribe", names=names, chat=chat)
    changes = []
    if "remind_at" in details:
        changes.append(texts.remind_at(details["remind_at"]))
    if "lead_days" in details:
        changes.append(texts.lead_days(details["lead_days"]))
    if "unit" in details:
        changes.append(texts.linked_unit(details["unit"]))
    return texts.settings_changed(chat, ", ".join(changes))


def describe(entry: AuditEntry) -> str:
    """One entry as a Vietnamese phrase: what was done to what."""
    details = entry.details or {}
    if entry.action == "refused":
        return texts.refused(str(details.get("text", ""))[:80], _role_label(details.get("needed")))
    if entry.entity == "progress":
        return texts.progress(entry.entity_key, details.get("from"), details.get("to"))
    if entry.entity == "role":
        unit = details.get("unit")
        where = f" {unit}" if unit else ""
        return texts.role_change(
            granted=entry.action == "grant",
            role=_role_label(details.get("role")),
            where=where,
            person=entry.entity_key,
        )
    if entry.entity == "chat":
        return _chat_change(entry.action, details)
    action = ACTION_LABELS.get(entry.action, texts.ANY_ACTION)
    entity = ENTITY_LABELS.get(entry.entity, texts.ANY_ENTITY)
    return f"{action} {entity} {entry.entity_key}".rstrip()


async def journal(ctx: Context) -> Reply:
    """Recent audit entries of a unit (and the units below it) or of the whole office."""
    tree = await ctx.unit_tree()
    unit, lines = None, DEFAULT_LINES
    for token in ctx.args:
        if token.isdecimal():
            lines = min(int(token[:6]), MAX_LINES) or DEFAULT_LINES
            continue
        unit = tree.by_code(token)
        if unit is None:
            raise UserError(texts.unknown_unit(token), usage=USAGE)
    rights = await ctx.rights()
    if unit is None and not rights.is_office_admin:
        # A unit administrator's default view is the unit their chat or their grant names.
        unit = await chat_unit(ctx)
        if unit is None or not await ctx.may(Role.UNIT_ADMIN, unit):
            held = [h for h in rights.holdings if h.unit_id is not None and h.role != Role.REPORTER]
            unit = tree.units.get(held[0].unit_id) if held and held[0].unit_id else unit
    await ctx.require(Role.UNIT_ADMIN, unit)
    scope = None if unit is None else tree.subtree(unit.id)
    entries = await audit_log.recent(ctx.session, scope, limit=lines)
    title = texts.title(texts.WHOLE_OFFICE if unit is None else f"{unit.name} ({unit.code})")
    if not entries:
        return Reply(texts.NO_ENTRIES, title=title)
    body = []
    for entry in entries:
        when = vn.datetime(entry.at.astimezone(ctx.tz))
        who = entry.user_name or f"{entry.platform}:{entry.user_id}"
        body.append(f"• {when} — {who}: {describe(entry)}")
    body.append(texts.footer(MAX_LINES))
    return Reply("\n".join(body), title=title)


COMMANDS = [
    Command(
        "nhatky",
        ("log", "audit"),
        USAGE,
        texts.SUMMARY,
        "/nhatky P-DAIKIM 30",
        journal,
        max_args=2,
        who=texts.WHO,
    ),
]
