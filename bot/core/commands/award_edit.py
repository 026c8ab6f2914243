"""/themkhenthuong and /suakhenthuong: award counts typed in chat, never counted twice."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from bot.core import args as parse
from bot.core.commands.common import default_unit, require_active, unit_arg
from bot.core.commands.records import NAMED_GUIDE, add_named
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Button, Reply
from bot.core.registry import Command
from bot.core.texts import award_edit as texts
from bot.core.texts.records import record_source
from bot.domain import vn
from bot.domain.roles import Role
from storage.models import AwardForm, AwardRecord, Unit
from storage.queries import awards
from storage.seed import DELETED_AWARD

ADD_USAGE = texts.ADD_USAGE
EDIT_USAGE = texts.EDIT_USAGE
KIND_WORDS = {
    "tap the": "collective",
    "tt": "collective",
    "ca nhan": "individual",
    "cn": "individual",
    "ho gia dinh": "household",
    "ho": "household",
    "cong trinh": "project",
}
SHORT_KIND = {"collective": "tt", "individual": "cn", "household": "ho", "project": "cong trinh"}
"""Kinds as a button writes them: Telegram's callback data holds 64 bytes at most."""
CHOICES = {"cong": "add", "them": "add", "add": "add", "thay": "replace", "replace": "replace"}


@dataclass(frozen=True)
class AwardArgs:
    """A typed award count: what, for whom, how many, and the add-or-replace choice if given."""

    year: int
    form: AwardForm
    kind: str
    amount: int
    unit: Unit | None
    choice: str | None

    def what(self) -> str:
        """`Lao động tiên tiến — cá nhân, Phường Đại Kim, năm 2026`."""
        unit = self.unit.name if self.unit else None
        return texts.what(self.form.name, vn.RECIPIENT_LABELS[self.kind], unit, self.year)

    def command(self, name: str, choice: str) -> str:
        """The command again with a choice, short enough for a button."""
        unit = f" {self.unit.code}" if self.unit else ""
        kind = SHORT_KIND[self.kind]
        return f"/{name} {self.year} {self.form.code} {kind} {self.amount}{unit} {choice}"


def _recipient_kind(tokens: list[str], usage: str) -> tuple[str, int]:
    """Match a recipient kind of one to three words at the start of `tokens`."""
    for size in (3, 2, 1):
        phrase = parse.fold(" ".join(tokens[:size]))
        if len(tokens) >= size and phrase in KIND_WORDS:
            return KIND_WORDS[phrase], size
    raise UserError(texts.bad_kind(tokens[0] if tokens else ""), usage=usage)


async def award_args(ctx: Context, *, usage: str, choices: bool) -> AwardArgs:
    """Read and check the arguments; the unit's administrators only (checked here)."""
    if len(ctx.args) < 4:
        raise UserError(texts.MISSING_AWARD, usage=usage)
    year = parse.year(ctx.args[0], usage=usage)
    form = await awards.form_by_code(ctx.session, ctx.args[1])
    if form is None:
        known = ", ".join(f.code for f in await awards.all_forms(ctx.session))
        raise UserError(texts.unknown_form(ctx.args[1], known), usage=usage)
    kind, used = _recipient_kind(ctx.args[2:], usage)
    rest = ctx.args[2 + used :]
    if not rest:
        raise UserError(texts.MISSING_AMOUNT, usage=usage)
    amount = parse.count(rest[0], usage=usage)
    choice = CHOICES.get(parse.fold(rest[-1])) if choices and len(rest) > 1 else None
    if choice is not None:
        rest = rest[:-1]
    if kind not in form.recipient_kinds.split(","):
        raise UserError(texts.form_not_for(form.name, vn.RECIPIENT_LABELS[kind]), usage=usage)
    if year > ctx.today.year:
        raise UserError(texts.year_ahead(year), usage=usage)
    if len(rest) > 2:
        raise UserError(texts.extra_words(" ".join(rest[2:])), usage=usage)
    unit = await unit_arg(ctx, rest[1], usage=usage) if len(rest) > 1 else await default_unit(ctx)
    await ctx.require(Role.UNIT_ADMIN, unit)
    return AwardArgs(year, form, kind, amount, unit, choice)


def _is_count(tokens: list[str]) -> bool:
    """Whether the words after the form are `<tập thể|cá nhân> <số lượng>` (a count)."""
    for size in (3, 2, 1):
        phrase = parse.fold(" ".join(tokens[:size]))
        if len(tokens) >= size and phrase in KIND_WORDS:
            # `Tập thể P-GIAPBAT` names a collective; any other kind word starts a count.
            if len(tokens) == size or KIND_WORDS[phrase] != "collective":
                return True
            return bool(re.fullmatch(r"[\d.]+", tokens[size]))
    return False


async def add_award(ctx: Context) -> Reply:
    """Add an award count (asking add or replace where one exists), or named records."""
    if len(ctx.args) < 3:
        raise UserError(texts.MISSING_AWARD, usage=ADD_USAGE)
    first_line = ctx.rest.split("\n", 1)[0]
    single = len(first_line.split()) == len(ctx.args) and ";" not in ctx.rest
    # `... ai 5`: a mistyped kind before a number, not a person named "ai 5".
    counted = _is_count(ctx.args[2:]) or (
        "," not in ctx.rest and bool(re.fullmatch(r"[\d.]+", ctx.args[-1]))
    )
    if not (single and counted):
        year = parse.year(ctx.args[0], usage=ADD_USAGE)
        # `/themkhenthuong 2023 BK-TP; QĐ ...`: the lines may start right after the form's code.
        form_code = ctx.args[1].rstrip(";")
        form = await awards.form_by_code(ctx.session, form_code)
        if form is None:
            known = ", ".join(f.code for f in await awards.all_forms(ctx.session))
            raise UserError(texts.unknown_form(form_code, known), usage=ADD_USAGE)
        if year > ctx.today.year:
            raise UserError(texts.year_ahead(year), usage=ADD_USAGE)
        # Names follow the form: the text after the year and the form, line breaks kept.
        after = re.sub(r"^\s*\S+\s+\S+[ \t]*", "", ctx.rest, count=1)
        return await add_named(ctx, year, form, after)
    a = await award_args(ctx, usage=ADD_USAGE, choices=True)
    # New data only for active units; /suakhenthuong may still correct a stopped unit's history.
    await require_active(ctx, a.unit, usage=ADD_USAGE)
    unit_id = a.unit.id if a.unit else None
    same = await awards.same_count(
        ctx.session, year=a.year, form_id=a.form.id, kind=a.kind, unit_id=unit_id
    )
    if same and a.choice is None:
        return ask_add_or_replace(ctx, a, sum(r.count for r in same))
    if same and a.choice == "replace":
        return await replace_count(ctx, a, same)
    key = await insert_record(ctx, a, a.amount)
    total = sum(r.count for r in same) + a.amount
    return Reply(
        texts.added(
            a.year,
            a.form.name,
            vn.number(a.amount),
            vn.RECIPIENT_LABELS[a.kind],
            a.unit.name if a.unit else None,
            vn.number(total) if same else None,
            key,
        )
    )


def ask_add_or_replace(ctx: Context, a: AwardArgs, have: int) -> Reply:
    """Nothing written: the asker chooses (buttons only they may press, or the typed word)."""
    owner = ctx.msg.user_id
    add, replace = a.command("themkhenthuong", "cong"), a.command("themkhenthuong", "thay")
    amount, total = vn.number(a.amount), vn.number(have + a.amount)
    return Reply(
        texts.ask_add_or_replace(a.what(), vn.number(have), amount, total, add, replace),
        buttons=[
            [
                Button(texts.add_button(total), add, owner=owner),
                Button(texts.replace_button(amount), replace, owner=owner),
                Button(texts.CANCEL, "/huy", owner=owner),
            ]
        ],
    )


async def edit_award(ctx: Context) -> Reply:
    """Set an award count to a value, whatever was recorded before."""
    a = await award_args(ctx, usage=EDIT_USAGE, choices=False)
    unit_id = a.unit.id if a.unit else None
    same = await awards.same_count(
        ctx.session, year=a.year, form_id=a.form.id, kind=a.kind, unit_id=unit_id
    )
    if not same:
        key = await insert_record(ctx, a, a.amount)
        return Reply(texts.first_count(a.what(), vn.number(a.amount), key))
    return await replace_count(ctx, a, same)


async def insert_record(ctx: Context, a: AwardArgs, amount: int) -> str:
    """A new record of `amount`, audited; its key."""
    key = f"KT-{secrets.token_hex(4).upper()}"
    ctx.session.add(
        AwardRecord(
            key=key,
            year=a.year,
            form_id=a.form.id,
            recipient_kind=a.kind,
            count=amount,
            unit_id=a.unit.id if a.unit else None,
            ad_hoc=False,
            source=record_source(ctx.actor),
        )
    )
    await ctx.session.flush()
    await awards.refresh_totals(ctx.session, [a.year])
    details = {"year": a.year, "form": a.form.code, "kind": a.kind, "count": amount}
    ctx.audit(
        "create", "award", key, {**details, "unit": a.unit.code if a.unit else None}, unit=a.unit
    )
    return key


async def replace_count(ctx: Context, a: AwardArgs, same: list[AwardRecord]) -> Reply:
    """Make the records total `a.amount`: the ad hoc part (đột xuất) is kept, the rest set."""
    before = sum(r.count for r in same)
    ad_hoc = sum(r.count for r in same if r.ad_hoc)
    if a.amount < ad_hoc:
        raise UserError(
            texts.ad_hoc_above(a.what(), vn.number(ad_hoc), vn.number(a.amount)),
            usage=EDIT_USAGE,
        )
    regular = [r for r in same if not r.ad_hoc]
    rest = a.amount - ad_hoc
    kept, dropped = (regular[0], regular[1:]) if regular and rest > 0 else (None, regular)
    await awards.delete_records(ctx.session, dropped)
    for record in dropped:
        # Audited under /xoa's entity, so seeding leaves a replaced seeded record deleted.
        ctx.audit("delete", DELETED_AWARD, record.key.upper(), {"replaced": True}, unit=a.unit)
    if kept is not None:
        kept.count = rest
        ctx.audit("update", "award", kept.key, {"count": {"to": rest}}, unit=a.unit)
    await ctx.session.flush()
    if kept is None and rest > 0:
        await insert_record(ctx, a, rest)
    await awards.refresh_totals(ctx.session, [a.year])
    return Reply(texts.replaced(a.what(), vn.number(before), vn.number(a.amount)))


COMMANDS = [
    Command(
        "themkhenthuong",
        ("addaward",),
        ADD_USAGE,
        texts.ADD_SUMMARY,
        texts.ADD_EXAMPLE,
        add_award,
        writes=True,
        who=texts.WHO,
        guide=NAMED_GUIDE,
    ),
    Command(
        "suakhenthuong",
        ("editaward",),
        EDIT_USAGE,
        texts.EDIT_SUMMARY,
        texts.EDIT_EXAMPLE,
        edit_award,
        writes=True,
        who=texts.WHO,
    ),
]
