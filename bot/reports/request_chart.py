"""/bieudo yeucau <mã>: one request unit by unit (submitted, asked for more time, not yet)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from matplotlib.patches import Patch

from bot.core import args as parse
from bot.domain import requests as rules
from bot.domain import vn

# The layout and finishing of the other charts, so this one reads the same on a phone.
from bot.reports.charts import (
    GOOD,
    LATE,
    SHORT,
    VALUE_SIZE,
    Chart,
    ChartData,
    Series,
    _figure,
    _finish,
    _Layout,
    _legend,
    _wrap,
)
from storage.models import RequestUnit, Unit, UnitRequest

STATE_COLORS = {rules.SUBMITTED: GOOD, rules.EXTENSION: SHORT, rules.PENDING: LATE}
STATE_ORDER = (rules.PENDING, rules.EXTENSION, rules.SUBMITTED)


@dataclass(frozen=True)
class UnitAnswer:
    """One unit's name, state and the text shown on its bar."""

    name: str
    state: str
    label: str


def answers(
    request: UnitRequest,
    rows: Sequence[RequestUnit],
    units: dict[int, Unit],
    *,
    now: dt.datetime,
    tz: ZoneInfo,
) -> list[UnitAnswer]:
    """Each unit's answer, not yet first (the ones to chase), then by name."""
    overdue = rules.days_overdue(request.deadline_at, now, tz)
    found = []
    for row in rows:
        unit = units.get(row.unit_id)
        state = rules.unit_state(row.submitted_at, row.extension_at)
        label = rules.STATE_LABELS[state]
        if state == rules.SUBMITTED and row.submitted_at is not None:
            label += f" {vn.date(row.submitted_at.astimezone(tz).date())}"
            label += " · có tệp" if row.file_name else ""
        elif overdue:
            label += f" · quá hạn {vn.number(overdue)} ngày"
        found.append(UnitAnswer(unit.name if unit else "?", state, label))
    found.sort(key=lambda a: (STATE_ORDER.index(a.state), parse.fold(a.name)))
    return found


async def request_chart(code: str, title: str, items: Sequence[UnitAnswer]) -> Chart:
    """Render off the event loop."""
    return await asyncio.to_thread(render_request, code, title, items)


def render_request(code: str, title: str, items: Sequence[UnitAnswer]) -> Chart:
    """One bar per unit, coloured by its answer and labelled with it."""
    layout = _Layout()
    for item in items:
        layout.row(_wrap(item.name))
    heading = f"Yêu cầu {code}: {len(items)} đơn vị"
    fig, ax = _figure(layout, title=heading)
    values = tuple(1.0 for _ in items)
    bars = ax.barh(
        layout.centers,
        values,
        height=0.3,
        color=[STATE_COLORS[i.state] for i in items],
    )
    texts = tuple(i.label for i in items)
    ax.bar_label(bars, labels=list(texts), padding=6, fontsize=VALUE_SIZE)
    layout.apply(ax, xmax=2.6)
    ax.set_xticks([])
    _legend(
        ax,
        [Patch(color=STATE_COLORS[s], label=rules.STATE_LABELS[s]) for s in reversed(STATE_ORDER)],
    )
    counts = {s: sum(1 for i in items if i.state == s) for s in STATE_ORDER}
    caption = (
        f"Yêu cầu {code} — {title[:200]}: {counts[rules.SUBMITTED]}/{len(items)} đơn vị đã nộp, "
        f"{counts[rules.EXTENSION]} xin gia hạn, {counts[rules.PENDING]} chưa nộp."
    )
    result = ChartData(
        kind="request",
        year=0,
        title=heading,
        categories=tuple(i.name for i in items),
        series=(Series("Tình trạng", values),),
        value_labels=(texts,),
        caption=caption,
    )
    return _finish(fig, result)
