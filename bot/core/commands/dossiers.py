"""Award proposal dossiers: `/dexuat`, `/dinhkem`, the office's `/xulyhoso`, and `/hoso`."""

from __future__ import annotations

import re

from bot.core import args as parse
from bot.core.commands.common import known_unit, require_active
from bot.core.commands.records import Named, check_kinds, decision_text, resolve, store_records
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import dossiers as texts
from bot.domain import dossiers as flow
from bot.domain import records as rules
from bot.domain.roles import Role
from storage.models import Dossier, DossierEvent, DossierFile, DossierNominee, Unit
from storage.queries import awards, dossiers, records, units

PROPOSE_USAGE = texts.PROPOSE_USAGE
ATTACH_USAGE = texts.ATTACH_USAGE
STEP_USAGE = texts.STEP_USAGE
LIST_USAGE = texts.LIST_USAGE
DOSSIER_CODE = re.compile(r"HS\d{4}-\d+", re.IGNORECASE)
FILE_LIMIT = 5 * 1024 * 1024
MAX_FILES = 20


def _after_words(text: str, count: int) -> str:
    """`text` without its first `count` words, line breaks kept."""
    return re.sub(rf"^\s*(\S+\s+){{0,{count - 1}}}\S+[ \t]*", "", text, count=1)


async def _attach(ctx: Context, dossier: Dossier) -> str | None:
    """Store the message's file on the dossier; its name, or None without a file."""
    attachment = ctx.msg.attachment
    if attachment is None:
        return None
    if len(attachment.content) > FILE_LIMIT:
        raise UserError(texts.file_too_big(attachment.filename))
    if len(await dossiers.file_names(ctx.session, dossier.id)) >= MAX_FILES:
        raise UserError(texts.too_many_files(dossier.code, MAX_FILES))
    ctx.session.add(
        DossierFile(
            dossier_id=dossier.id,
            filename=attachment.filename[:255],
            content=attachment.content,
            added_by=ctx.actor,
            added_at=ctx.now,
        )
    )
    return attachment.filename


async def _five_year_notes(ctx: Context, named: list[Named]) -> list[str]:
    """Nominees who already had a Bằng khen within 5 years: the question every proposal raises."""
    first, last = rules.window(ctx.today)
    notes = []
    for item in named:
        rows = await records.find_records(ctx.session, rules.fold(item.name))
        years = sorted(
            {
                r.year
                for r in rows
                if rules.fold(r.name) == rules.fold(item.name)
                and r.unit_code == item.unit.code
                and rules.is_bang_khen(r.form_name)
                and first <= r.year <= last
            }
        )
        if years:
            listed = ", ".join(str(y) for y in years)
            notes.append(texts.five_year_note(item.name, listed))
    return notes


async def propose(ctx: Context) -> Reply:
    """A unit's proposal: nominees, form, reason and an optional file; the office is told."""
    if len(ctx.args) < 2:
        raise UserError(texts.MISSING_YEAR_AND_FORM, usage=PROPOSE_USAGE)
    year = parse.year(ctx.args[0], usage=PROPOSE_USAGE)
    if year > ctx.today.year + 1:
        raise UserError(texts.year_too_far(year), usage=PROPOSE_USAGE)
    # `/dexuat 2026 BK-TP; Lý do ...`: the lines may start right after the form's code.
    form_code = ctx.args[1].rstrip(";")
    form = await awards.form_by_code(ctx.session, form_code)
    if form is None:
        raise UserError(
            texts.unknown_form(form_code),
            usage=PROPOSE_USAGE,
        )
    tree = await ctx.unit_tree()
    first_line = ctx.rest.split("\n", 1)[0].split(";", 1)[0].split()
    # A third word on the command's line is the proposing unit's code, never a nominee: a
    # mistyped code would otherwise be proposed as a person of the chat's unit.
    code = first_line[2] if len(first_line) == 3 else None
    body = _after_words(ctx.rest, 3 if code else 2)
    if code:
        unit = known_unit(tree.by_code(code), code, usage=PROPOSE_USAGE)
    elif ctx.chat is not None and ctx.chat.unit_id is not None:
        unit = tree.units[ctx.chat.unit_id]
    else:
        raise UserError(texts.MISSING_UNIT, usage=PROPOSE_USAGE)
    batch = rules.parse_batch(
        rules.split_lines(body), lambda c: tree.by_code(c) is not None, usage=PROPOSE_USAGE
    )
    if not batch.reason:
        raise UserError(texts.MISSING_REASON, usage=PROPOSE_USAGE)
    if batch.decision is not None:
        raise UserError(texts.DECISION_NOT_HERE, usage=PROPOSE_USAGE)
    if not batch.recipients:
        raise UserError(texts.NO_NOMINEES, usage=PROPOSE_USAGE)
    named = await resolve(ctx, batch.recipients, default=unit, usage=PROPOSE_USAGE)
    check_kinds(form, named, usage=PROPOSE_USAGE)
    scope = tree.subtree(unit.id)
    outside = [item.name for item in named if item.unit.id not in scope]
    if outside:
        raise UserError(texts.outside_unit(", ".join(outside), unit.name), usage=PROPOSE_USAGE)
    await ctx.require(Role.UNIT_ADMIN, unit)
    for active in {unit.id: unit, **{i.unit.id: i.unit for i in named}}.values():
        await require_active(ctx, active, usage=PROPOSE_USAGE)
    chat = await ctx.ensure_chat()
    dossier = Dossier(
        code=await dossiers.next_code(ctx.session, year),
        year=year,
        unit_id=unit.id,
        form_id=form.id,
        reason=batch.reason,
        status="submitted",
        status_at=ctx.now,
        chat_id=chat.id,
        created_by=ctx.actor,
        created_at=ctx.now,
    )
    ctx.session.add(dossier)
    await ctx.session.flush()
    for item in named:
        ctx.session.add(
            DossierNominee(
                dossier_id=dossier.id,
                recipient_kind=item.recipient.kind,
                name=item.name,
                position=item.recipient.position,
                unit_id=item.unit.id,
            )
        )
    filename = await _attach(ctx, dossier)
    ctx.session.add(
        DossierEvent(dossier_id=dossier.id, status="submitted", at=ctx.now, actor=ctx.actor)
    )
    ctx.audit(
        "create",
        "dossier",
        dossier.code,
        {"form": form.code, "year": year, "nominees": len(named), "file": filename},
        unit=unit,
    )
    lines = [
        texts.proposed(dossier.code, form.name, year, len(named), unit.name),
        texts.reason_line(batch.reason),
    ]
    if filename:
        lines.append(texts.attached_line(filename))
    lines.extend(await _five_year_notes(ctx, named))
    lines.append(texts.proposed_next(dossier.code))
    return Reply("\n".join(lines), title=texts.PROPOSAL_TITLE)


async def _dossier_arg(ctx: Context, usage: str) -> tuple[Dossier, Unit]:
    """The dossier named by the first argument, and its unit."""
    if not ctx.args:
        raise UserError(texts.MISSING_CODE, usage=usage)
    dossier = await dossiers.dossier_by_code(ctx.session, ctx.args[0])
    if dossier is None:
        raise UserError(texts.unknown_dossier(ctx.args[0]), usage=usage)
    unit = await units.unit_by_id(ctx.session, dossier.unit_id)
    assert unit is not None  # a dossier's unit is kept (RESTRICT)
    return dossier, unit


async def attach(ctx: Context) -> Reply:
    """Attach the message's file to an open dossier of the sender's unit."""
    dossier, unit = await _dossier_arg(ctx, ATTACH_USAGE)
    if ctx.msg.attachment is None:
        raise UserError(texts.NO_FILE, usage=ATTACH_USAGE)
    if dossier.status not in flow.OPEN:
        raise UserError(texts.dossier_closed(dossier.code, flow.LABELS[dossier.status]))
    await ctx.require(Role.UNIT_ADMIN, unit)
    filename = await _attach(ctx, dossier)
    ctx.audit("attach", "dossier", dossier.code, {"file": filename}, unit=unit)
    return Reply(texts.attached(filename, dossier.code))


async def step(ctx: Context) -> Reply:
    """The office moves a dossier a step; a decision creates its award records."""
    await ctx.require_office()
    dossier, unit = await _dossier_arg(ctx, STEP_USAGE)
    if len(ctx.args) < 2 or flow.word_key(ctx.args[1]) not in flow.STEP_WORDS:
        raise UserError(texts.bad_step(flow.STEPS_TEXT), usage=STEP_USAGE)
    target = flow.STEP_WORDS[flow.word_key(ctx.args[1])]
    flow.next_status(dossier.status, target, code=dossier.code, usage=STEP_USAGE)
    rest = _after_words(ctx.rest, 2).strip()
    note = None
    details: dict[str, object] = {"from": dossier.status, "to": target}
    created: list[str] = []
    if target == "returned":
        if not rest:
            raise UserError(texts.MISSING_RETURN_REASON, usage=STEP_USAGE)
        dossier.return_reason = note = rest
    elif target == "decided":
        decision = rules.parse_decision(rest, usage=STEP_USAGE)
        dossier.decision_number, dossier.decision_date = decision.number, decision.date
        dossier.decision_level = decision.level
        note = decision_text(decision)
        created = await _records_of(ctx, dossier, decision)
        details |= {"decision": decision.number, "records": created}
    dossier.status, dossier.status_at = target, ctx.now
    ctx.session.add(
        DossierEvent(dossier_id=dossier.id, status=target, at=ctx.now, actor=ctx.actor, note=note)
    )
    ctx.audit("step", "dossier", dossier.code, details, unit=unit)
    text = texts.stepped(dossier.code, unit.name, flow.LABELS[target])
    if created:
        text += texts.records_saved(len(created), note)
    text += texts.UNIT_TOLD
    return Reply(text)


async def _records_of(ctx: Context, dossier: Dossier, decision: rules.Decision) -> list[str]:
    """One award record per nominee, by the decision."""
    form = await awards.form_by_id(ctx.session, dossier.form_id)
    tree = await ctx.unit_tree()
    named = [
        Named(rules.Recipient(n.recipient_kind, n.name, n.position, None), tree.units[n.unit_id])
        for n in await dossiers.nominees(ctx.session, dossier.id)
    ]
    return await store_records(
        ctx,
        year=dossier.year,
        form=form,
        named=named,
        decision=decision,
        occasion=None,
        dossier_id=dossier.id,
    )


COMMANDS = [
    Command(
        "dexuat",
        ("propose",),
        PROPOSE_USAGE,
        texts.PROPOSE_SUMMARY,
        texts.PROPOSE_EXAMPLE,
        propose,
        writes=True,
        who=texts.WHO_PROPOSER,
        guide=texts.PROPOSE_GUIDE,
    ),
    Command(
        "dinhkem",
        ("attach",),
        ATTACH_USAGE,
        texts.ATTACH_SUMMARY,
        "/dinhkem HS2026-001",
        attach,
        writes=True,
        who=texts.WHO_PROPOSER,
    ),
    Command(
        "xulyhoso",
        ("review",),
        STEP_USAGE,
        texts.STEP_SUMMARY,
        texts.STEP_EXAMPLE,
        step,
        writes=True,
        who=texts.WHO_OFFICE,
        guide=texts.STEP_GUIDE,
    ),
]
