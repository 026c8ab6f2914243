"""/bieudo, /xuat and /nhap: charts as photos, the Excel export, and the spreadsheet import."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.core import access
from bot.core import args as parse
from bot.core.context import Context
from bot.core.errors import NotAllowed, UserError
from bot.core.messages import Document, Image, Reply
from bot.core.registry import Command
from bot.core.texts import reports as texts
from bot.domain import requests as request_rules
from bot.domain import vn
from bot.domain.roles import RANK, ROLE_LABELS, Role
from bot.domain.text import clip
from bot.reports import charts, importer, sheets, template, workbook
from bot.reports import request_chart as request_chart_module
from bot.reports.import_rows import UnitRow
from storage.models import Unit
from storage.queries import records, requests, tasks
from storage.queries.units import UnitTree

REQUEST_CHART_USAGE = texts.REQUEST_CHART_USAGE
CHART_USAGE = texts.chart_usage(charts.USAGE)
REQUEST_WORDS = ("yeucau", "request")
EXPORT_USAGE = texts.EXPORT_USAGE
TEMPLATE_WORDS = ("mau", "template")
IMPORT_USAGE = texts.IMPORT_USAGE
ROWS_SHOWN = 10


def _year(tokens: list[str], *, usage: str) -> int | None:
    years = [t for t in tokens if parse.is_year(t)]
    others = [t for t in tokens if not parse.is_year(t)]
    if others:
        raise UserError(texts.not_understood(clip(" ".join(others))), usage=usage)
    return parse.year(years[0], usage=usage) if years else None


async def chart(ctx: Context) -> Reply:
    """A chart of awards, unit progress or indicators, as a photo with a one-line caption."""
    if not ctx.args:
        raise UserError(texts.WHICH_CHART, usage=CHART_USAGE)
    if parse.fold(ctx.args[0]) in REQUEST_WORDS:
        return await request_chart(ctx)
    kind = charts.chart_kind(ctx.args[0])
    year = _year(ctx.args[1:], usage=CHART_USAGE)
    result = await charts.make_chart(ctx.session, kind, year=year, today=ctx.today)
    caption = result.data.caption
    # The caption travels with the photo; a text too would say the same thing twice.
    return Reply("", image=Image(png=result.png, caption=caption))


async def request_chart(ctx: Context) -> Reply:
    """One request unit by unit, coloured by each unit's answer."""
    if len(ctx.args) != 2:
        raise UserError(texts.MISSING_REQUEST, usage=REQUEST_CHART_USAGE)
    found = await requests.request_by_id(
        ctx.session, request_rules.parse_code(ctx.args[1], usage=REQUEST_CHART_USAGE)
    )
    if found is None:
        raise UserError(texts.unknown_request(ctx.args[1]), usage=REQUEST_CHART_USAGE)
    rows = await requests.answers(ctx.session, found.id)
    tree = await ctx.unit_tree()
    items = request_chart_module.answers(found, rows, tree.units, now=ctx.now, tz=ctx.tz)
    code = request_rules.request_code(found.id)
    result = await request_chart_module.request_chart(code, found.title, items)
    return Reply("", image=Image(png=result.png, caption=result.data.caption))


async def export(ctx: Context) -> Reply:
    """The workbook of a year (or of every year) as a document."""
    if ctx.args and parse.fold(ctx.args[0]) in TEMPLATE_WORDS:
        return await export_template(ctx)
    if len(ctx.args) > 1:
        raise UserError(texts.extra_args(" ".join(ctx.args[1:])), usage=EXPORT_USAGE)
    year = _year(ctx.args, usage=EXPORT_USAGE)
    data = await workbook.export_data(ctx.session, year=year, tz=ctx.tz, today=ctx.today)
    counted = ("awards", "records", "dossiers", "tasks", "indicators")
    if year is not None and not any(data.count(kind) for kind in counted):
        raise UserError(texts.empty_year(year))
    content = await workbook.build_in_thread(data)
    name = f"thidua-{year if year is not None else 'tatca'}.xlsx"
    shown = ("awards", "records", "tasks", "indicators", "commemorations", "documents")
    counts = {kind: data.count(kind) for kind in shown}
    caption = texts.export_caption(year, counts, workbook.print_sheets(data))
    return Reply("", document=Document(filename=name, content=content, caption=caption))


async def export_template(ctx: Context) -> Reply:
    """The empty workbook of a year (this year by default) with the units filled in."""
    year = _year(ctx.args[1:], usage=EXPORT_USAGE) or ctx.today.year
    data = await template.template_data(ctx.session, year=year, tz=ctx.tz, today=ctx.today)
    content = await workbook.build_in_thread(data)
    units = data.count(sheets.UNITS.kind)
    caption = texts.template_caption(year, sheets.UNITS_TITLE, units)
    name = f"thidua-mau-{year}.xlsx"
    return Reply("", document=Document(filename=name, content=content, caption=caption))


async def import_file(ctx: Context) -> Reply:
    """Load an attached spreadsheet: everything checked first, then written in one go."""
    attachment = ctx.msg.attachment
    if attachment is None:
        raise UserError(texts.NO_FILE, usage=IMPORT_USAGE)
    try:
        report = await importer.load_file(
            ctx.session,
            attachment.filename,
            attachment.content,
            actor=ctx.actor,
            now=ctx.now,
            audit=ctx.audit,
            authorize=lambda parsed: authorize_rows(ctx, parsed),
        )
    except importer.ImportRejected as exc:
        raise UserError(exc.text(attachment.filename)) from exc
    except importer.ImportBusy as exc:
        raise UserError(exc.text) from exc
    return Reply(report.text(), title=texts.IMPORT_TITLE)


async def authorize_rows(ctx: Context, parsed: importer.ParsedFile) -> None:
    """Every row checked against the importer's roles before anything is written.

    Award and indicator rows belong to their unit (unit administrators); a task row's progress to
    its unit (reporters), while a new or changed task, a new responsible unit and commemorations
    are the office's. Any row outside the importer's scope refuses the whole file.
    """
    if await ctx.may(Role.OFFICE_ADMIN, None):
        ctx.checked = (Role.OFFICE_ADMIN.value, None)
        return
    tree = await ctx.unit_tree()
    needs: list[tuple[str, Role, Unit | None]] = []

    def unit_of(code: str | None) -> Unit | None:
        return tree.by_code(code) if code else tree.root()

    for u in parsed.units:
        if _unit_changes(tree, u):
            needs.append((_cell(u.cells, "code"), Role.OFFICE_ADMIN, None))
    for a in parsed.awards:
        needs.append((_cell(a.cells, "unit"), Role.UNIT_ADMIN, unit_of(a.unit)))
    # A row's key names a stored record that the import rewrites (unit included): that
    # record's unit is written too, so its administrator is needed as well as the row's.
    keyed: list[tuple[Mapping[str, str], str | None]] = [(a.cells, a.key) for a in parsed.awards]
    keyed += [(k.cells, k.key) for k in parsed.records]
    owners: dict[str, set[int | None]] = {}
    for found, ids in (await records.units_by_key(ctx.session, _stored_keys(keyed))).items():
        owners.setdefault(_row_key(found), set()).update(ids)
    for cells, key in keyed:
        for owner in sorted(owners.get(key or "", set()), key=lambda i: i or 0):
            unit = tree.units.get(owner) if owner is not None else tree.root()
            needs.append((_cell(cells, "key"), Role.UNIT_ADMIN, unit))
    for p in parsed.dossiers:
        needs.append((_cell(p.cells, "unit"), Role.UNIT_ADMIN, unit_of(p.unit)))
    for k in parsed.records:
        needs.append((_cell(k.cells, "unit"), Role.UNIT_ADMIN, unit_of(k.unit)))
    for i in parsed.indicators:
        needs.append((_cell(i.cells, "unit"), Role.UNIT_ADMIN, unit_of(i.unit)))
    for d in parsed.days:
        needs.append((_cell(d.cells, "code"), Role.OFFICE_ADMIN, None))
    known = await tasks.definitions(ctx.session, [t.code for t in parsed.tasks])
    for t in parsed.tasks:
        stored = known.get(t.code.upper())
        unit = tree.by_code(t.unit) if t.unit else None
        same = stored is not None and (stored[0].title, stored[0].deadline, stored[0].year) == (
            t.title,
            t.deadline,
            t.year,
        )
        if not same or (stored is not None and unit is not None and unit.id not in stored[1]):
            needs.append((_cell(t.cells, "code"), Role.OFFICE_ADMIN, None))
        elif unit is not None and t.percent is not None:
            needs.append((_cell(t.cells, "unit"), Role.REPORTER, unit))
    refused = [(cell, need, unit) for cell, need, unit in needs if not await ctx.may(need, unit)]
    if refused:
        raise _rows_refused(refused)
    units = {unit.id if unit else None for _, _, unit in needs}
    strongest = max((need for _, need, _ in needs), key=RANK.__getitem__, default=Role.REPORTER)
    ctx.checked = (strongest.value, units.pop() if len(units) == 1 else None)


def _row_key(stored: str) -> str:
    """The sheet's key of a stored record: count records add `:<kind>[:ad_hoc]` to it."""
    return stored.split(":", 1)[0]


def _stored_keys(keyed: Sequence[tuple[Mapping[str, str], str | None]]) -> list[str]:
    """Every stored key the rows' keys may name."""
    keys = {key for _, key in keyed if key}
    suffixes = [f":{kind}{extra}" for kind in sheets.AWARD_KINDS for extra in ("", ":ad_hoc")]
    return sorted(keys | {key + suffix for key in keys for suffix in suffixes})


def _unit_changes(tree: UnitTree, row: UnitRow) -> bool:
    """Whether a unit row adds or changes a unit (an exported unit sheet changes nothing)."""
    unit = tree.by_code(row.code)
    if unit is None:
        return True
    parent = tree.units.get(unit.parent_id or 0)
    into = tree.units.get(unit.merged_into_id or 0)
    same = (unit.name, unit.kind, parent.code if parent else None) == (
        row.name,
        row.kind,
        row.parent,
    )
    if row.has_state:
        same = same and (unit.retired_on, into.code if into else None) == (
            row.retired_on,
            row.merged_into,
        )
    return not same


def _cell(cells: Mapping[str, str], name: str) -> str:
    return cells.get(name) or next(iter(cells.values()), "?")


def _rows_refused(refused: list[tuple[str, Role, Unit | None]]) -> NotAllowed:
    """The whole file refused, naming every row outside the importer's scope."""
    lines = [texts.ROWS_REFUSED]
    for cell, need, unit in refused[:ROWS_SHOWN]:
        where = texts.of_unit(unit.name, unit.code) if unit and need != Role.OFFICE_ADMIN else ""
        lines.append(texts.row_refused(cell, ROLE_LABELS[need], where))
    if len(refused) > ROWS_SHOWN:
        lines.append(vn.left_out(len(refused) - ROWS_SHOWN, texts.ROWS))
    lines.append(texts.WHO_GRANTS + access.ASK_FOR_RIGHTS)
    _, need, unit = refused[0]
    return NotAllowed(
        "\n".join(lines),
        needed=need.value,
        unit_id=unit.id if unit else None,
        unit_code=unit.code if unit else None,
    )


COMMANDS = [
    Command(
        "bieudo",
        ("chart",),
        CHART_USAGE,
        texts.CHART_SUMMARY,
        "/bieudo khenthuong 2022",
        chart,
        max_args=2,
    ),
    Command(
        "xuat",
        ("export",),
        EXPORT_USAGE,
        texts.EXPORT_SUMMARY,
        "/xuat mau 2026",
        export,
        max_args=2,
    ),
    Command(
        "nhap",
        ("import",),
        texts.IMPORT_COMMAND_USAGE,
        texts.IMPORT_SUMMARY,
        "/nhap",
        import_file,
        writes=True,
        who=texts.IMPORT_WHO,
    ),
]
