"""/hoso: award proposal dossiers by unit and status, or one dossier with its steps."""

from __future__ import annotations

from bot.core.commands.dossiers import DOSSIER_CODE, LIST_USAGE
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import dossiers as texts
from bot.domain import dossiers as flow
from bot.domain import vn
from bot.domain.text import clip
from storage.queries import awards, dossiers, units
from storage.queries.dossiers import DossierRow


def _waiting(row: DossierRow, ctx: Context) -> str:
    if row.status not in flow.OPEN:
        return ""
    days = flow.waiting_days(row.status_at, ctx.now, ctx.tz)
    late = texts.LATE if days > ctx.config.dossier_stale_days else ""
    return texts.waiting(vn.number(days), late)


def row_line(row: DossierRow, ctx: Context) -> str:
    """`HS2026-001 — Phường Đại Kim — Bằng khen… (2) — đang thẩm định, chờ 3 ngày`."""
    status = flow.LABELS[row.status]
    if row.status == "decided" and row.decision_number and row.decision_date:
        status = texts.decision_status(status, row.decision_number, vn.date(row.decision_date))
    return (
        f"• {row.code} — {row.unit_name} — {row.form_name} ({row.nominees}) — "
        f"{status}{_waiting(row, ctx)}"
    )


async def one(ctx: Context, code: str) -> Reply:
    """A dossier: nominees, reason, files, steps and decision."""
    dossier = await dossiers.dossier_by_code(ctx.session, code)
    if dossier is None:
        raise UserError(texts.unknown_dossier(code), usage=LIST_USAGE)
    unit = await units.unit_by_id(ctx.session, dossier.unit_id)
    form = await awards.form_by_id(ctx.session, dossier.form_id)
    lines = texts.detail_head(
        unit.name if unit else "",
        form.name,
        dossier.year,
        dossier.reason,
        flow.LABELS[dossier.status],
    )
    tree = await ctx.unit_tree()
    for nominee in await dossiers.nominees(ctx.session, dossier.id):
        where = tree.units[nominee.unit_id].name
        parts = [nominee.name, nominee.position, where if where != nominee.name else None]
        lines.append("• " + ", ".join(p for p in parts if p))
    files = await dossiers.file_names(ctx.session, dossier.id)
    lines.append(texts.files_line(files))
    if files:
        lines.append(texts.files_hint(dossier.code))
    lines.append(texts.STEPS_HEAD)
    for event in await dossiers.events(ctx.session, dossier.id):
        note = f": {event.note}" if event.note else ""
        lines.append(
            f"• {vn.datetime(event.at.astimezone(ctx.tz))} — {flow.LABELS[event.status]}{note}"
        )
    return Reply("\n".join(lines), title=texts.dossier_title(dossier.code))


async def list_dossiers(ctx: Context) -> Reply:
    """Dossiers of a unit (with those below it) or of every unit, optionally in one status."""
    if len(ctx.args) == 1 and DOSSIER_CODE.fullmatch(ctx.args[0]):
        return await one(ctx, ctx.args[0])
    tree = await ctx.unit_tree()
    unit = None
    statuses: set[str] | None = None
    for token in ctx.args:
        key = flow.word_key(token)
        if key in flow.FILTER_WORDS:
            statuses = {flow.FILTER_WORDS[key]}
        elif key in flow.OPEN_WORDS:
            statuses = set(flow.OPEN)
        elif tree.by_code(token) is not None:
            unit = tree.by_code(token)
        else:
            raise UserError(texts.bad_filter(clip(token), flow.FILTERS_TEXT), usage=LIST_USAGE)
    if unit is None and ctx.chat is not None and ctx.chat.unit_id is not None:
        unit = tree.units.get(ctx.chat.unit_id)
    scope = tree.scope(unit.id) if unit is not None else None
    rows, total = await dossiers.list_dossiers(ctx.session, unit_ids=scope, statuses=statuses)
    shown = unit.name if unit is not None and scope is not None else None
    which = f" ({', '.join(flow.LABELS[s] for s in sorted(statuses))})" if statuses else ""
    if not rows:
        return Reply(texts.no_dossiers(which, shown))
    lines = [row_line(row, ctx) for row in rows]
    if total > len(rows):
        lines.append(vn.left_out(total - len(rows), texts.LEFT_OUT_WHAT, texts.LEFT_OUT_HOW))
    lines.append(texts.ONE_HINT)
    return Reply("\n".join(lines), title=texts.list_title(which, shown))


COMMANDS = [
    Command(
        "hoso",
        ("dossiers",),
        LIST_USAGE,
        texts.LIST_SUMMARY,
        "/hoso P-DAIKIM dangxuly",
        list_dossiers,
        cacheable=True,
        max_args=2,
    ),
]
