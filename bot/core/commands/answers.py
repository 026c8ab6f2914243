"""A unit's answer to a request: submitted (/danop, « Đã nộp », a file captioned /nop) or
asked for more time (/giahan, « Cần gia hạn »)."""

from __future__ import annotations

from bot.core.commands.requests import load_request
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Forward, Reply
from bot.core.registry import Command
from bot.core.texts import answers as texts
from bot.domain import requests as rules
from bot.domain import vn
from bot.domain.roles import Role
from storage.models import RequestUnit, Unit, UnitRequest
from storage.queries import requests as queries

SUBMIT_USAGE = texts.SUBMIT_USAGE
EXTEND_USAGE = texts.EXTEND_USAGE
FILE_USAGE = texts.FILE_USAGE


async def _target(ctx: Context, usage: str) -> tuple[UnitRequest, Unit, RequestUnit, list[str]]:
    """The request, the unit answering (named, else this chat's), its row, and the words left.

    Refuses unless the user reports for (or administers) that unit: a whole unit answers, so the
    check is on the unit rather than on who the button was sent to.
    """
    if not ctx.args:
        raise UserError(texts.MISSING_CODE, usage=usage)
    request = await load_request(ctx, ctx.args[0], usage=usage)
    code = rules.request_code(request.id)
    tree = await ctx.unit_tree()
    words = ctx.args[1:]
    named = tree.by_code(words[0]) if words else None
    if named is not None:
        unit: Unit | None = named
        words = words[1:]
    else:
        linked = ctx.chat.unit_id if ctx.chat else None
        unit = tree.units.get(linked) if linked is not None else None
    if unit is None:
        raise UserError(texts.no_unit(code), usage=usage)
    await ctx.require(Role.REPORTER, unit)
    row = await queries.answer(ctx.session, request.id, unit.id)
    if row is None:
        raise UserError(texts.not_sent_to(code, unit.name))
    if request.closed_at is not None:
        raise UserError(texts.closed(code))
    return request, unit, row, words


def _already(ctx: Context, unit: Unit, row: RequestUnit, code: str) -> Reply | None:
    if row.submitted_at is None:
        return None
    when = vn.moment(row.submitted_at.astimezone(ctx.tz))
    notice = texts.already(unit.name, code, when)
    return Reply(notice, notice=notice)


async def submit(ctx: Context) -> Reply:
    """Record that the unit submitted what the request asks (button or typed)."""
    request, unit, row, words = await _target(ctx, SUBMIT_USAGE)
    if words:
        raise UserError(texts.extra_args(" ".join(words)), usage=SUBMIT_USAGE)
    code = rules.request_code(request.id)
    done = _already(ctx, unit, row, code)
    if done is not None:
        return done
    row.submitted_at, row.submitted_by = ctx.now, ctx.actor
    ctx.audit("submit", "request", code, {"unit": unit.code}, unit=unit)
    notice = texts.submitted(unit.name, code)
    return Reply(f"{notice}\n{request.title}", notice=notice)


async def extend(ctx: Context) -> Reply:
    """Record that the unit needs more time, with its reason when given."""
    request, unit, row, words = await _target(ctx, EXTEND_USAGE)
    code = rules.request_code(request.id)
    done = _already(ctx, unit, row, code)
    if done is not None:
        return done
    reason = " ".join(words).strip()[:500] or None
    row.extension_at, row.extension_by = ctx.now, ctx.actor
    row.extension_reason = reason or row.extension_reason
    ctx.audit("extend", "request", code, {"unit": unit.code, "reason": reason}, unit=unit)
    notice = texts.extended(unit.name, code)
    hint = texts.reason(reason) if reason else texts.reason_hint(code)
    return Reply(f"{notice}\n{hint}", notice=notice)


async def submit_file(ctx: Context) -> Reply:
    """A file captioned /nop: recorded against the unit and copied to the requesting chat."""
    if ctx.msg.attachment is None:
        raise UserError(texts.NO_FILE, usage=FILE_USAGE)
    request, unit, row, words = await _target(ctx, FILE_USAGE)
    if words:
        raise UserError(texts.extra_args(" ".join(words)), usage=FILE_USAGE)
    code = rules.request_code(request.id)
    name = ctx.msg.attachment.filename[:255]
    first = row.submitted_at is None
    if first:
        row.submitted_at, row.submitted_by = ctx.now, ctx.actor
    # A later file replaces the name on record; the submission time stays the first one.
    row.file_name = name
    ctx.audit("submit", "request", code, {"unit": unit.code, "file": name}, unit=unit)
    chats = await queries.chats_by_id(ctx.session, [request.chat_id])
    target = chats.get(request.chat_id)
    forwards: tuple[Forward, ...] = ()
    where = ""
    same_chat = target is not None and target.platform_chat_id == ctx.msg.chat_id
    if target is not None and target.platform == ctx.msg.platform and not same_chat:
        caption = texts.file_caption(unit.name, code, request.title)[:1000]
        forwards = (Forward(target.platform_chat_id, caption),)
        where = texts.FORWARDED
    elif not same_chat:
        where = texts.see_elsewhere(code)
    said = texts.SUBMITTED if first else texts.MORE_FILES
    return Reply(
        texts.file_recorded(unit.name, said, code, name, where),
        forwards=forwards,
    )


COMMANDS = [
    Command(
        "danop",
        ("submitted",),
        SUBMIT_USAGE,
        texts.SUBMIT_SUMMARY,
        "/danop YC1",
        submit,
        writes=True,
        who=texts.WHO,
    ),
    Command(
        "giahan",
        ("extend",),
        EXTEND_USAGE,
        texts.EXTEND_SUMMARY,
        texts.EXTEND_EXAMPLE,
        extend,
        writes=True,
        who=texts.WHO,
    ),
    Command(
        "nop",
        ("submit",),
        FILE_USAGE,
        texts.FILE_SUMMARY,
        "/nop YC1",
        submit_file,
        writes=True,
        who=texts.WHO,
    ),
]
