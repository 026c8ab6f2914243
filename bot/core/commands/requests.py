"""/yeucau and /theodoi: requests to units for a document, and who has answered them."""

from __future__ import annotations

from bot.core import args as parse
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.core.texts import requests as texts
from bot.domain import requests as rules
from bot.domain import vn
from bot.domain.roles import Role
from storage.models import RequestUnit, Unit, UnitRequest
from storage.queries import requests as queries
from storage.queries.units import UnitTree

USAGE = texts.USAGE
CLOSE_USAGE = texts.CLOSE_USAGE
TRACK_USAGE = texts.TRACK_USAGE
ALL = "tatca"


async def request(ctx: Context) -> Reply:
    """List open requests, close one, or make one (by the first argument)."""
    if not ctx.args:
        return await open_list(ctx)
    if parse.fold(ctx.args[0]) in ("dong", "close"):
        return await close(ctx)
    return await create(ctx)


async def create(ctx: Context) -> Reply:
    """Make a request to units, after checking the user administers each of them."""
    deadline, used = rules.parse_deadline(ctx.args, ctx.tz, usage=USAGE)
    if deadline <= ctx.now:
        raise UserError(texts.deadline_passed(vn.moment(deadline)), usage=USAGE)
    tree = await ctx.unit_tree()
    words = ctx.args[used:]
    targets: list[Unit] = []
    every = False
    while words and (parse.fold(words[-1]) == ALL or tree.by_code(words[-1]) is not None):
        token = words.pop()
        if parse.fold(token) == ALL:
            every = True
        else:
            unit = tree.by_code(token)
            assert unit is not None
            targets.insert(0, unit)
    title = " ".join(words).strip()
    if not title:
        raise UserError(texts.TITLE_NEEDED, usage=texts.with_example(USAGE))
    if len(title) > 500:
        raise UserError(texts.title_too_long(len(title), 500), usage=USAGE)
    base: Unit | None = None
    if every:
        base = _all_base(ctx, tree)
        below = [tree.units[u] for u in sorted(tree.subtree(base.id) - {base.id})]
        targets += [u for u in below if tree.active(u)]
    stopped = [u.code for u in targets if not tree.active(u)]
    if stopped:
        raise UserError(texts.units_stopped(", ".join(stopped)), usage=USAGE)
    if not targets:
        raise UserError(texts.UNITS_NEEDED, usage=texts.with_example(USAGE))
    unique = {u.id: u for u in targets}
    # One check covers every unit below the base; named units are checked one by one.
    for unit in [base] if base is not None else list(unique.values()):
        await ctx.require(Role.UNIT_ADMIN, unit)
    owner_id = rules.common_ancestor({u.id: u.parent_id for u in tree.units.values()}, unique)
    owner = tree.units.get(owner_id) if owner_id is not None else None
    chat = await ctx.ensure_chat()
    row = await queries.create_request(
        ctx.session,
        title=title,
        deadline_at=deadline,
        chat_id=chat.id,
        thread_id=ctx.msg.thread_id,
        unit_id=owner.id if owner else None,
        created_by=ctx.actor,
        now=ctx.now,
        unit_ids=list(unique),
    )
    code = rules.request_code(row.id)
    ctx.audit(
        "create",
        "request",
        code,
        {
            "title": title,
            "deadline": deadline.isoformat(),
            "units": sorted(u.code for u in unique.values()),
        },
        unit=owner,
    )
    linked = await queries.chats_of_units(ctx.session, list(unique))
    without = sorted(u.name for u in unique.values() if u.id not in linked)
    names = sorted(u.name for u in unique.values())
    lines = [
        texts.deadline_line(vn.moment(deadline.astimezone(ctx.tz))),
        texts.sent_to(len(unique), _names(names)),
        texts.HOW_UNITS_ANSWER,
    ]
    if without:
        lines.append(texts.not_reached(len(without), _names(without)))
    lines.append(texts.follow_up(code))
    return Reply("\n".join(lines), title=texts.created_title(code, title))


def _all_base(ctx: Context, tree: UnitTree) -> Unit:
    """`tatca` means the units below this chat's unit, or below the office's top unit."""
    linked = ctx.chat.unit_id if ctx.chat else None
    base = tree.units.get(linked) if linked is not None else tree.root()
    if base is None or not tree.subtree(base.id) - {base.id}:
        where = base.name if base else texts.OFFICE
        raise UserError(texts.nothing_below(where), usage=USAGE)
    return base


def _names(names: list[str], limit: int = 20) -> str:
    shown = ", ".join(names[:limit])
    return shown + (texts.more_units(len(names) - limit) if len(names) > limit else "")


async def open_list(ctx: Context) -> Reply:
    """Open requests with their counts (in a unit's chat: those asking its units)."""
    tree = await ctx.unit_tree()
    root = tree.root()
    linked = ctx.chat.unit_id if ctx.chat else None
    scope = None
    if linked is not None and linked in tree.units and (root is None or linked != root.id):
        scope = tree.subtree(linked)
    found = await queries.open_requests(ctx.session, unit_ids=scope)
    if not found:
        return Reply(texts.none_open(USAGE))
    lines = []
    for item in found:
        r = item.request
        code = rules.request_code(r.id)
        pending = item.units - item.submitted - item.extension
        overdue = texts.OVERDUE if r.deadline_at < ctx.now and pending + item.extension else ""
        lines.append(texts.open_line(code, r.title))
        deadline = vn.moment(r.deadline_at.astimezone(ctx.tz))
        lines.append(
            texts.open_counts(
                deadline, item.submitted, item.units, item.extension, pending, overdue
            )
        )
    lines.append("")
    lines.append(texts.PER_UNIT)
    return Reply("\n".join(lines), title=texts.open_title(len(found)))


async def load_request(ctx: Context, token: str, *, usage: str) -> UnitRequest:
    """The request a code names, or a message pointing at /yeucau."""
    found = await queries.request_by_id(ctx.session, rules.parse_code(token, usage=usage))
    if found is None:
        raise UserError(texts.unknown_request(token), usage=usage)
    return found


async def close(ctx: Context) -> Reply:
    """Close a request: no more nudges, no summary; its status stays readable."""
    if len(ctx.args) != 2:
        raise UserError(texts.CLOSE_CODE_NEEDED, usage=CLOSE_USAGE)
    row = await load_request(ctx, ctx.args[1], usage=CLOSE_USAGE)
    code = rules.request_code(row.id)
    tree = await ctx.unit_tree()
    owner = tree.units.get(row.unit_id) if row.unit_id is not None else None
    if owner is None:
        await ctx.require_office()
    else:
        await ctx.require(Role.UNIT_ADMIN, owner)
    if row.closed_at is not None:
        when = vn.moment(row.closed_at.astimezone(ctx.tz))
        return Reply(texts.already_closed(code, when))
    row.closed_at, row.closed_by = ctx.now, ctx.actor
    ctx.audit("close", "request", code, {"title": row.title}, unit=owner)
    return Reply(texts.closed(code, row.title))


def unit_line(row: RequestUnit, unit: Unit | None, request: UnitRequest, ctx: Context) -> str:
    """One unit's answer to a request, with how long it is overdue."""
    name = unit.name if unit else "?"
    state = rules.unit_state(row.submitted_at, row.extension_at)
    if state == rules.SUBMITTED:
        assert row.submitted_at is not None
        when = vn.moment(row.submitted_at.astimezone(ctx.tz))
        with_file = texts.with_file(row.file_name) if row.file_name else texts.NO_FILE
        late = texts.LATE if row.submitted_at > request.deadline_at else ""
        return texts.unit_submitted(name, when, _who(row.submitted_by), with_file, late)
    overdue = rules.days_overdue(request.deadline_at, ctx.now, ctx.tz)
    late = texts.overdue_days(vn.number(overdue)) if overdue else ""
    if state == rules.EXTENSION:
        assert row.extension_at is not None
        when = vn.moment(row.extension_at.astimezone(ctx.tz))
        reason = f": {row.extension_reason}" if row.extension_reason else texts.NO_REASON
        return texts.unit_extension(name, reason, _who(row.extension_by), when, late)
    return texts.unit_pending(name, late)


def _who(actor: str | None) -> str:
    """`telegram:9001 (Nguyễn Văn A)` → `Nguyễn Văn A`."""
    if actor is None:
        return "?"
    if actor.endswith(")") and " (" in actor:
        return actor[actor.index(" (") + 2 : -1]
    return actor


async def track(ctx: Context) -> Reply:
    """Per unit: submitted (when, by whom, with a file or not), asked for time, not yet."""
    if len(ctx.args) != 1:
        raise UserError(texts.CODE_NEEDED, usage=TRACK_USAGE)
    row = await load_request(ctx, ctx.args[0], usage=TRACK_USAGE)
    tree = await ctx.unit_tree()
    rows = await queries.answers(ctx.session, row.id)
    order = {
        rules.SUBMITTED: 2,
        rules.EXTENSION: 1,
        rules.PENDING: 0,
    }

    def sort_key(r: RequestUnit) -> tuple[int, str]:
        unit = tree.units.get(r.unit_id)
        return order[rules.unit_state(r.submitted_at, r.extension_at)], unit.name if unit else ""

    rows.sort(key=sort_key)
    counts = {state: 0 for state in order}
    for r in rows:
        counts[rules.unit_state(r.submitted_at, r.extension_at)] += 1
    deadline = vn.moment(row.deadline_at.astimezone(ctx.tz))
    head = [
        texts.track_deadline(deadline, passed=row.deadline_at < ctx.now),
        texts.track_counts(
            counts[rules.SUBMITTED], len(rows), counts[rules.EXTENSION], counts[rules.PENDING]
        ),
    ]
    if row.closed_at is not None:
        head.append(texts.closed_at(vn.moment(row.closed_at.astimezone(ctx.tz))))
    lines = head + [unit_line(r, tree.units.get(r.unit_id), row, ctx) for r in rows]
    code = rules.request_code(row.id)
    return Reply("\n".join(lines), title=texts.request_title(code, row.title))


COMMANDS = [
    Command(
        "yeucau",
        ("request",),
        f"{USAGE}; {CLOSE_USAGE}",
        texts.SUMMARY,
        texts.EXAMPLE,
        request,
        writes=True,
        who=texts.WHO,
    ),
    Command(
        "theodoi",
        ("track",),
        TRACK_USAGE,
        texts.TRACK_SUMMARY,
        "/theodoi YC1",
        track,
        max_args=1,
    ),
]
