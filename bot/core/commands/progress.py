"""/tiendo: a unit's progress summary: tasks done, in progress, overdue, next deadlines."""

from __future__ import annotations

from bot.core import vn
from bot.core.commands.awards import counts_text
from bot.core.commands.common import chat_unit, unit_arg
from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.registry import Command
from jobs import acks
from storage.models import Unit
from storage.queries import awards, indicators, tasks, units

USAGE = "/tiendo [mã đơn vị]"


async def progress_summary(ctx: Context) -> Reply:
    """Tasks by state for the named unit, the chat's unit, or the whole office."""
    unit: Unit | None
    if ctx.args:
        unit = await unit_arg(ctx, ctx.args[0], usage=USAGE)
    else:
        unit = await chat_unit(ctx) or await units.root_unit(ctx.session)
    if unit is None:
        return Reply("Chưa có đơn vị nào. Quản trị viên cần nạp dữ liệu bằng `thidua seed`.")
    scope = await units.subtree(ctx.session, unit.id)
    lines: list[str] = []
    years = await tasks.task_years(ctx.session)
    if years:
        year = years[0]
        rows = await tasks.task_summaries(ctx.session, year, unit_ids=scope)
        done = [r for r in rows if r.percent >= 100]
        overdue = [
            r for r in rows if r.percent < 100 and r.task.deadline and r.task.deadline < ctx.today
        ]
        overdue_ids = {r.task.id for r in overdue}
        open_rows = [r for r in rows if r.percent < 100 and r.task.id not in overdue_ids]
        started = [r for r in open_rows if r.percent > 0]
        lines.append(
            f"Nhiệm vụ năm {year}: {len(rows)} nhiệm vụ — hoàn thành {len(done)}, "
            f"đang thực hiện {len(started)}, chưa báo cáo {len(open_rows) - len(started)}, "
            f"quá hạn {len(overdue)}."
        )
        if overdue:
            lines.append("Quá hạn:")
            for r in overdue[:5]:
                assert r.task.deadline is not None
                lines.append(
                    f"• {r.task.code} — hạn {vn.date(r.task.deadline)} — "
                    f"{vn.percent(r.percent, decimals=0)}"
                )
        upcoming = sorted(
            (r for r in open_rows if r.task.deadline), key=lambda r: (r.task.deadline, r.task.code)
        )
        if upcoming:
            lines.append("Sắp đến hạn:")
            for r in upcoming[:5]:
                assert r.task.deadline is not None
                left = vn.days_left((r.task.deadline - ctx.today).days)
                lines.append(
                    f"• {r.task.code} — {vn.date(r.task.deadline)} ({left}) — "
                    f"{vn.percent(r.percent, decimals=0)}"
                )
    else:
        lines.append("Chưa có nhiệm vụ thi đua nào.")
    ind_years = await indicators.indicator_years(ctx.session)
    if ind_years:
        card = await indicators.scorecard(ctx.session, ind_years[0], unit.id)
        if card:
            lines.append(
                f"Chỉ tiêu năm {ind_years[0]}: hoàn thành {card.targets_met}/{card.targets_total} "
                "(chi tiết: /chitieu)."
            )
    award_years = await awards.award_years(ctx.session)
    if award_years:
        rows_a = await awards.award_counts(ctx.session, award_years[0], unit_ids=scope)
        totals: dict[str, tuple[int, int]] = {}
        for row in rows_a:
            total, ad_hoc = totals.get(row.recipient_kind, (0, 0))
            totals[row.recipient_kind] = (total + row.total, ad_hoc + row.ad_hoc)
        if totals:
            lines.append(
                f"Khen thưởng năm {award_years[0]}: {counts_text(totals)} "
                f"(chi tiết: /khenthuong {award_years[0]} {unit.code})."
            )
    lines.extend(await acknowledgement_lines(ctx, scope))
    if ctx.chat is None or ctx.chat.unit_id is None:
        lines.append("")
        lines.append("Gắn nhóm này với đơn vị của mình: /caidat donvi <mã đơn vị> (xem /donvi).")
    return Reply("\n".join(lines), title=f"Tiến độ — {unit.name}")


async def acknowledgement_lines(ctx: Context, scope: set[int]) -> list[str]:
    """Which units acknowledged the latest reminders sent to chats in the scope."""
    summaries = await acks.latest_acknowledgements(ctx.session, scope)
    if not summaries:
        return []
    lines = ["Xác nhận nhắc việc gần nhất:"]
    for s in summaries:
        sent = vn.date(s.sent_at.astimezone(ctx.tz).date())
        line = (
            f"• {s.title} (gửi {sent}): đã nhận {len(s.acknowledged)}/"
            f"{len(s.acknowledged) + len(s.waiting)} đơn vị"
        )
        if s.acknowledged:
            line += f" — {', '.join(s.acknowledged)}"
        if s.waiting:
            line += f"; chưa nhận: {', '.join(s.waiting)}"
        lines.append(line)
    return lines


COMMANDS = [
    Command(
        "tiendo",
        ("progress",),
        USAGE,
        "Tóm tắt tiến độ của đơn vị: hoàn thành, đang làm, quá hạn, sắp đến hạn.",
        "/tiendo P-DAIKIM",
        progress_summary,
        cacheable=True,
    )
]
