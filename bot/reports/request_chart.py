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
from bot.reports.chart_layout import (
    GOOD,
    LATE,
    SHORT,
    VALUE_SIZE,
    Chart,
    ChartData,
    Layout,
    Series,
    figure,
    finish,
    legend,
    wrap,
)
from bot.reports.texts import charts as texts
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
            day = vn.date(row.submitted_at.astimezone(tz).date())
            label += texts.submitted_on(day, with_file=bool(row.file_name))
        elif overdue:
            label += texts.overdue_days(vn.number(overdue))
        found.append(UnitAnswer(unit.name if unit else "?", state, label))
    found.sort(key=lambda a: (STATE_ORDER.index(a.state), parse.fold(a.name)))
    return found


async def request_chart(code: str, title: str, items: Sequence[UnitAnswer]) -> Chart:
    """Render off the event loop."""
    return await asyncio.to_thread(render_request, code, title, items)


def render_request(code: str, title: str, items: Sequence[UnitAnswer]) -> Chart:
    """One bar per unit, coloured by its answer and labelled with it."""
    layout = Layout()
    for item in items:
        layout.row(wrap(item.name))
    heading = texts.request_heading(code, len(items))
    fig, ax = figure(layout, title=heading)
    values = tuple(1.0 for _ in items)
    bars = ax.barh(
        layout.centers,
        values,
        height=0.3,
        color=[STATE_COLORS[i.state] for i in items],
    )
    on_bars = tuple(i.label for i in items)
    ax.bar_label(bars, labels=list(on_bars), padding=6, fontsize=VALUE_SIZE)
    layout.apply(ax, xmax=2.6)
    ax.set_xticks([])
    legend(
        ax,
        [Patch(color=STATE_COLORS[s], label=rules.STATE_LABELS[s]) for s in reversed(STATE_ORDER)],
    )
    counts = {s: sum(1 for i in items if i.state == s) for s in STATE_ORDER}
    caption = texts.request_caption(
        code,
        title[:200],
        submitted=counts[rules.SUBMITTED],
        units=len(items),
        extension=counts[rules.EXTENSION],
        pending=counts[rules.PENDING],
    )
    result = ChartData(
        kind="request",
        year=0,
        title=heading,
        categories=tuple(i.name for i in items),
        series=(Series(texts.STATE_SERIES, values),),
        value_labels=(on_bars,),
        caption=caption,
    )
    return finish(fig, result)
