"""/khoanam: close a year once its review is done, so last year's tasks stop haunting this one."""

from __future__ import annotations

from bot.core import args as parse
from bot.core import vn
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from storage.models import ClosedYear
from storage.queries import closing, tasks
from storage.queries.tasks import TaskState

USAGE = "/khoanam [<năm> | mo <năm>]"
SHOWN = 20


def closing_summary(year: int, states: list[TaskState]) -> str:
    """What the year left unfinished, told once: after closing, no reminder repeats it."""
    unfinished = sorted((s for s in states if s.percent < 100), key=lambda s: s.code)
    done = len(states) - len(unfinished)
    lines = [
        f"Năm {year}: {len(states)} nhiệm vụ — hoàn thành {done}, chưa hoàn thành "
        f"{len(unfinished)}."
    ]
    if unfinished:
        lines.append("Chưa hoàn thành khi khóa năm:")
        for s in unfinished[:SHOWN]:
            when = (
                f"hạn {vn.deadline(s.deadline, assumed=s.assumed)}"
                if s.deadline
                else "không có hạn"
            )
            lines.append(f"• {s.code} — {when} — {vn.percent(s.percent, decimals=0)}")
        if len(unfinished) > SHOWN:
            lines.append(vn.left_out(len(unfinished) - SHOWN, "nhiệm vụ", f"/nhiemvu {year}"))
    return "\n".join(lines)


def after_closing(year: int) -> str:
    """Where a closed year's data stays, and how to reopen it."""
    return (
        f"Từ nay các nhiệm vụ năm {year} không còn trong nhắc hạn chót, tổng hợp tuần và "
        f"/tiendo; vẫn xem được bằng /nhiemvu {year}, /xuat {year}, /bieudo tiendo {year}. "
        f"Mở lại năm: /khoanam mo {year}."
    )


async def close_year(ctx: Context) -> Reply:
    """Close a year (office), reopen it with `mo`, or list the closed years."""
    if not ctx.args:
        return await list_closed(ctx)
    if parse.fold(ctx.args[0]) in ("mo", "open"):
        if len(ctx.args) != 2:
            raise UserError("Cần nói mở lại năm nào.", usage=USAGE)
        return await reopen(ctx, parse.year(ctx.args[1], usage=USAGE))
    if len(ctx.args) != 1:
        raise UserError(f"Không hiểu '{' '.join(ctx.args[1:])}'.", usage=USAGE)
    year = parse.year(ctx.args[0], usage=USAGE)
    done = await closing.closed_year(ctx.session, year)
    if done is not None:
        # Anyone may read a closing summary again; only closing and reopening are the office's.
        return Reply(f"{closed_on(ctx, done)}\n\n{done.summary}\n\n{after_closing(year)}")
    await ctx.require_office()
    if year > ctx.today.year:
        raise UserError(f"Năm {year} chưa tới nên chưa khóa được.", usage=USAGE)
    states = await tasks.year_states(ctx.session, year)
    if not states:
        raise UserError(f"Năm {year} không có nhiệm vụ thi đua nào nên không cần khóa.")
    summary = closing_summary(year, states)
    await closing.close_year(ctx.session, year, by=ctx.actor, at=ctx.now, summary=summary)
    unfinished = [s.code for s in states if s.percent < 100]
    ctx.audit("close", "year", str(year), {"unfinished": unfinished})
    return Reply(
        f"{summary}\n\n{after_closing(year)}", title=f"Đã khóa năm {year}: tóm tắt khi khóa"
    )


def closed_on(ctx: Context, row: ClosedYear) -> str:
    """`Năm 2023 đã khóa ngày 28/11/2026.`"""
    return f"Năm {row.year} đã khóa ngày {vn.date(row.closed_at.astimezone(ctx.tz).date())}."


async def reopen(ctx: Context, year: int) -> Reply:
    """Reopen a closed year: its unfinished tasks are overdue again everywhere."""
    await ctx.require_office()
    row = await closing.closed_year(ctx.session, year)
    if row is None:
        raise UserError(f"Năm {year} chưa khóa nên không cần mở lại.", usage=USAGE)
    await closing.reopen_year(ctx.session, row)
    ctx.audit("reopen", "year", str(year), {})
    return Reply(
        f"Đã mở lại năm {year}: nhiệm vụ chưa hoàn thành của năm này lại được nhắc quá hạn "
        "và tính trong /tiendo."
    )


async def list_closed(ctx: Context) -> Reply:
    """The closed years and how to close one."""
    years = await closing.closed_years(ctx.session)
    listed = ", ".join(str(y) for y in years) if years else "chưa có năm nào"
    return Reply(
        f"Các năm đã khóa: {listed}.\nKhóa một năm (quản trị chung): /khoanam <năm>; "
        "mở lại: /khoanam mo <năm>."
    )


COMMANDS = [
    Command(
        "khoanam",
        ("closeyear",),
        USAGE,
        "Khóa năm đã tổng kết: báo một lần nhiệm vụ chưa hoàn thành rồi thôi nhắc quá hạn; số "
        "liệu vẫn xem, xuất được.",
        "/khoanam 2023",
        close_year,
        writes=True,
        who="quản trị chung (xem tóm tắt: mọi người)",
    ),
]
