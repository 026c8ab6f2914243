"""Named award records: `/themkhenthuong` with names, and `/tim` to find who was awarded what."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from bot.core.commands.common import require_active
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import records as texts
from bot.domain import records as rules
from bot.domain import vn
from bot.domain.records import Decision, Recipient
from bot.domain.roles import Role
from storage.models import AwardForm, AwardRecord, Unit
from storage.queries import awards
from storage.queries import records as record_queries
from storage.queries.records import RecordRow

NAMED_USAGE = texts.NAMED_USAGE
NAMED_GUIDE = texts.NAMED_GUIDE
SEARCH_USAGE = texts.SEARCH_USAGE


@dataclass(frozen=True)
class Named:
    """A recipient line resolved to its unit."""

    recipient: Recipient
    unit: Unit

    @property
    def name(self) -> str:
        """The person's or collective's name (a collective's unit name by default)."""
        return self.recipient.name or self.unit.name


async def resolve(
    ctx: Context, recipients: list[Recipient], *, default: Unit | None, usage: str
) -> list[Named]:
    """Each recipient with its unit: the code on its line, else `default`."""
    tree = await ctx.unit_tree()
    found = []
    for recipient in recipients:
        unit = tree.by_code(recipient.unit_code) if recipient.unit_code else default
        if unit is None:
            raise UserError(texts.needs_unit(recipient.name), usage=usage)
        found.append(Named(recipient, unit))
    return found


def check_kinds(form: AwardForm, named: list[Named], *, usage: str) -> None:
    """Refuse a recipient the form does not apply to (a Cờ thi đua for a person)."""
    allowed = form.recipient_kinds.split(",")
    for item in named:
        if item.recipient.kind not in allowed:
            kind = vn.RECIPIENT_LABELS[item.recipient.kind]
            raise UserError(texts.form_not_for(form.name, kind, item.name), usage=usage)


async def store_records(
    ctx: Context,
    *,
    year: int,
    form: AwardForm,
    named: list[Named],
    decision: Decision | None,
    occasion: str | None,
    dossier_id: int | None = None,
) -> list[str]:
    """Add one record per recipient, rebuild the year's totals; the new keys."""
    keys = []
    for item in named:
        key = f"KT-{secrets.token_hex(4).upper()}"
        ctx.session.add(
            AwardRecord(
                key=key,
                year=year,
                form_id=form.id,
                recipient_kind=item.recipient.kind,
                count=1,
                recipient_name=item.name,
                name_folded=rules.fold(item.name),
                position=item.recipient.position,
                unit_id=item.unit.id,
                ad_hoc=rules.is_ad_hoc(occasion),
                award_occasion=occasion,
                decision_number=decision.number if decision else None,
                decision_date=decision.date if decision else None,
                decision_level=decision.level if decision else None,
                dossier_id=dossier_id,
                source=texts.record_source(ctx.actor),
            )
        )
        keys.append(key)
    await ctx.session.flush()
    await awards.refresh_totals(ctx.session, [year])
    return keys


async def _counts_replaced(ctx: Context, year: int, form: AwardForm, units: set[int]) -> list[str]:
    """Units whose stored counts of this form and year the new records now stand for."""
    return await awards.units_with_counts(ctx.session, year=year, form_id=form.id, unit_ids=units)


async def add_named(ctx: Context, year: int, form: AwardForm, text: str) -> Reply:
    """`/themkhenthuong <năm> <mã> <người…>`: named records, each checked against its unit."""
    tree = await ctx.unit_tree()
    batch = rules.parse_batch(
        rules.split_lines(text), lambda code: tree.by_code(code) is not None, usage=NAMED_USAGE
    )
    if batch.reason is not None:
        raise UserError(texts.REASON_NOT_HERE, usage=NAMED_USAGE)
    if not batch.recipients:
        raise UserError(texts.NO_RECIPIENTS, usage=NAMED_USAGE)
    chat_unit = tree.units.get(ctx.chat.unit_id) if ctx.chat and ctx.chat.unit_id else None
    named = await resolve(ctx, batch.recipients, default=chat_unit, usage=NAMED_USAGE)
    check_kinds(form, named, usage=NAMED_USAGE)
    for unit in {item.unit.id: item.unit for item in named}.values():
        await ctx.require(Role.UNIT_ADMIN, unit)
        await require_active(ctx, unit, usage=NAMED_USAGE)
    replaced = await _counts_replaced(ctx, year, form, {item.unit.id for item in named})
    keys = await store_records(
        ctx, year=year, form=form, named=named, decision=batch.decision, occasion=batch.occasion
    )
    lines = [texts.added(len(keys), year, form.name)]
    for key, item in zip(keys, named, strict=True):
        ctx.audit(
            "create",
            "award",
            key,
            {"year": year, "form": form.code, "name": item.name, "unit": item.unit.code},
            unit=item.unit,
        )
        lines.append(f"• {who(item.name, item.recipient.position, item.unit.name)} ({key})")
    if batch.decision:
        lines.append(texts.decision_line(decision_text(batch.decision)))
    if replaced:
        lines.append(texts.counts_replaced(", ".join(replaced), year))
    lines.append(texts.ADDED_NEXT)
    return Reply("\n".join(lines))


def who(name: str, position: str | None, unit_name: str | None) -> str:
    """`Nguyễn Văn An, Chủ tịch UBND phường, Phường Đại Kim`."""
    shown_unit = unit_name if unit_name != name else None
    return ", ".join(p for p in (name, position, shown_unit) if p)


def decision_text(decision: Decision) -> str:
    """`số 123/QĐ-UBND ngày 15/03/2023 (Chủ tịch UBND quận)`."""
    return texts.decision(decision.number, vn.date(decision.date), decision.level)


def _record_line(row: RecordRow) -> str:
    parts = [f"{row.year}: {row.form_name}"]
    if row.decision_number and row.decision_date:
        parts.append(
            texts.DECISION_MARK
            + decision_text(Decision(row.decision_number, row.decision_date, row.decision_level))
        )
    if row.occasion:
        parts.append(row.occasion)
    return "• " + " — ".join(parts)


async def search(ctx: Context) -> Reply:
    """Awards of a person or a unit over the years, and whether a Bằng khen is within 5 years."""
    query = " ".join(ctx.rest.split())
    if len(query) < 2:
        raise UserError(texts.QUERY_TOO_SHORT, usage=SEARCH_USAGE)
    if len(query) > texts.QUERY_LIMIT:
        raise UserError(texts.QUERY_TOO_LONG, usage=SEARCH_USAGE)
    folded = rules.fold(query)
    tree = await ctx.unit_tree()
    by_code = tree.by_code(query)
    units = (
        [by_code] if by_code else [u for u in tree.units.values() if folded in rules.fold(u.name)]
    )
    rows = await record_queries.find_records(ctx.session, folded, unit_ids=[u.id for u in units])
    if not rows:
        raise UserError(texts.not_found(query), usage=SEARCH_USAGE)
    first, last = rules.window(ctx.today)
    groups: dict[tuple[str, str | None], list[RecordRow]] = {}
    for row in rows:
        groups.setdefault((rules.fold(row.name), row.unit_code), []).append(row)
    lines: list[str] = []
    for items in groups.values():
        head = items[0]
        positions = [r.position for r in items if r.position]
        lines.append(who(head.name, positions[0] if positions else None, head.unit_name) + ":")
        lines.extend(_record_line(r) for r in items)
        recent = sorted(
            {r.year for r in items if rules.is_bang_khen(r.form_name) and first <= r.year <= last}
        )
        listed = ", ".join(str(y) for y in recent)
        verdict = texts.has_years(listed) if recent else texts.HAS_NONE
        lines.append(texts.bang_khen_line(first, last, verdict))
        lines.append("")
    if len(rows) >= record_queries.SEARCH_LIMIT:
        lines.append(texts.only_first(record_queries.SEARCH_LIMIT))
    return Reply("\n".join(lines).strip(), title=texts.search_title(query))


COMMANDS = [
    Command(
        "tim",
        ("search",),
        SEARCH_USAGE,
        texts.SEARCH_SUMMARY,
        "/tim Nguyen Van An",
        search,
        cacheable=True,
        guide=texts.SEARCH_GUIDE,
    )
]
