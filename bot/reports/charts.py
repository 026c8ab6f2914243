"""Charts for /bieudo: awards by form, unit progress, indicators against plan, as phone-sized PNGs.

The shared look (rows, figure, legend, font, PNG) is in `bot.reports.chart_layout`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence

from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import args as parse
from bot.core.errors import UserError
from bot.domain import awards as rules
from bot.domain import vn
from bot.domain.awards import FormTotal
from bot.domain.verdicts import REACHED, Tally, Verdict
from bot.domain.years import no_data, report_year
from bot.reports import data
from bot.reports.chart_layout import (
    GOOD,
    LABEL_SIZE,
    SLOT,
    UNKNOWN,
    VALUE_SIZE,
    ChartData,
    Layout,
    Series,
    figure,
    finish,
    legend,
    wrap,
)
from bot.reports.chart_layout import LATE as LATE
from bot.reports.chart_layout import SHORT as SHORT
from bot.reports.chart_layout import Chart as Chart
from bot.reports.data import IndicatorPercent, UnitProgress
from bot.reports.texts import charts as texts
from storage.queries import awards, indicators, tasks

USAGE = texts.USAGE
KINDS = {
    "khenthuong": "awards",
    "awards": "awards",
    "tiendo": "progress",
    "progress": "progress",
    "chitieu": "indicators",
    "kpi": "indicators",
    "indicators": "indicators",
}
KIND_COLORS = {
    "collective": "#1f6fb4",
    "individual": "#f28e2b",
    "household": "#59a14f",
    "project": "#8c6bb1",
}
VERDICT_COLORS = {
    Verdict.EXCEEDED: GOOD,
    Verdict.MET: GOOD,
    Verdict.MISSED: SHORT,
    Verdict.OPEN: UNKNOWN,
}
VERDICT_LEGEND = (
    (GOOD, texts.REACHED, REACHED),
    (SHORT, texts.MISSED, frozenset({Verdict.MISSED})),
    (UNKNOWN, texts.OPEN, frozenset({Verdict.OPEN})),
)
MIN_BAR_SHARE = 0.008
"""The shortest bar drawn for a non-zero count, as a share of the largest (about 8 pixels)."""


def chart_kind(word: str) -> str:
    """`khenthuong`/`tiendo`/`chitieu` (or the English words) → the chart kind."""
    kind = KINDS.get(parse.fold(word))
    if kind is None:
        raise UserError(texts.unknown_chart(word), usage=USAGE)
    return kind


async def make_chart(
    session: AsyncSession, kind: str, *, year: int | None, today: dt.date
) -> Chart:
    """Read the data of a chart kind and render it in a worker thread."""
    if year is not None:
        parse.year(str(year), usage=USAGE)  # the same range check as a typed year
    if kind == "awards":
        years = await awards.award_years(session)
        chosen = report_year(year, years, what=texts.AWARDS_WHAT, current=today.year)
        forms = await data.award_forms(session, chosen)
        if not forms:
            raise no_data(texts.AWARDS_WHAT, chosen, years)
        return await asyncio.to_thread(render_awards, chosen, forms)
    if kind == "progress":
        years = await tasks.task_years(session)
        chosen = report_year(year, years, what=texts.TASKS_WHAT, current=today.year)
        units = await data.unit_progress(session, chosen, today)
        if not units:
            raise no_data(texts.TASKS_WHAT, chosen, years)
        return await asyncio.to_thread(render_progress, chosen, units)
    if kind == "indicators":
        years = await indicators.indicator_years(session)
        chosen = report_year(year, years, what=texts.INDICATORS_WHAT, current=today.year)
        items = await data.indicator_percents(session, chosen)
        if not items:
            raise no_data(texts.INDICATORS_NO_DATA, chosen, years)
        return await asyncio.to_thread(render_indicators, chosen, items)
    raise ValueError(f"unknown chart kind: {kind}")


def render_awards(year: int, forms: Sequence[FormTotal]) -> Chart:
    """Counts per form, one bar per recipient kind side by side, forms grouped as the law does
    (titles, award forms, other recognitions), each group by level then largest first."""
    kinds = [k for k in vn.RECIPIENT_LABELS if any(f.counts.get(k) for f in forms)]
    layout = Layout()
    ordered: list[FormTotal] = []
    headers: list[tuple[float, str]] = []
    level_rank = {level: i for i, level in enumerate(vn.LEVEL_ORDER)}
    groups = rules.group_forms(forms)
    for group in groups:
        headers.append((layout.skip(0.65), group.label))
        for form in sorted(
            group.forms,
            key=lambda f: (level_rank.get(f.level, 9), -f.size, f.sort, parse.fold(f.name)),
        ):
            ordered.append(form)
            layout.row(wrap(form.name), slots=sum(1 for k in kinds if form.counts.get(k)))
    title = texts.awards_title(year)
    fig, ax = figure(layout, title=title)
    series: list[Series] = []
    labels: list[tuple[str, ...]] = []
    largest = max((float(c[0]) for f in ordered for c in f.counts.values()), default=1.0)
    for kind in kinds:
        values = tuple(float(f.counts.get(kind, (0, 0))[0]) for f in ordered)
        # 2 beside 2 054 would be under a pixel wide: every count gets a bar one can see.
        drawn = [max(v, largest * MIN_BAR_SHARE) if v else 0.0 for v in values]
        # Only the kinds a form has get a slot, so single-kind rows stay compact.
        offsets = []
        for form, (center, slots) in zip(ordered, layout.rows, strict=True):
            present = [k for k in kinds if form.counts.get(k)]
            index = present.index(kind) if kind in present else 0
            offsets.append(center + (index - (slots - 1) / 2) * SLOT)
        label = vn.RECIPIENT_LABELS[kind].capitalize()
        bars = ax.barh(offsets, drawn, height=SLOT * 0.85, color=KIND_COLORS[kind], label=label)
        # A count the source gives in lượt says so on its bar; with several recipient kinds
        # each bar names its own, so a grey print still tells them apart.
        named = f" {vn.RECIPIENT_LABELS[kind]}" if len(kinds) > 1 else ""
        on_bars = tuple(
            vn.number(int(v))
            + (texts.TURNS if f.in_turns and kind in rules.TURN_KINDS else "")
            + named
            if v
            else ""
            for f, v in zip(ordered, values, strict=True)
        )
        ax.bar_label(bars, labels=list(on_bars), padding=5, fontsize=VALUE_SIZE)
        series.append(Series(label, values))
        labels.append(on_bars)
    layout.apply(ax, xmax=largest * 1.35)
    ax.xaxis.set_visible(False)
    # Inside the plot, from its left edge: beside the row labels a long heading crossed the
    # axis line whenever the labels of that year were short.
    heading = blended_transform_factory(ax.transAxes, ax.transData)
    for at, text in headers:
        ax.text(
            0.01,
            at,
            text.upper(),
            transform=heading,
            fontsize=LABEL_SIZE,
            weight="bold",
            va="center",
        )
        ax.axhline(at + 0.3, color="#cccccc", linewidth=1)
    legend(ax, ax.get_legend_handles_labels()[0])
    subtotals = "; ".join(
        f"{group.label.lower()}: {rules.subtotal_phrase(group, number=vn.number)}"
        for group in groups
    )
    result = ChartData(
        kind="awards",
        year=year,
        title=title,
        categories=tuple(f.name for f in ordered),
        series=tuple(series),
        value_labels=tuple(labels),
        caption=texts.awards_caption(title, subtotals),
    )
    return finish(fig, result)


def render_progress(year: int, units: Sequence[UnitProgress]) -> Chart:
    """Each unit's average task progress, units with overdue tasks in red and labelled."""
    ordered = sorted(units, key=lambda u: (-u.average, parse.fold(u.name)))
    layout = Layout()
    for unit in ordered:
        layout.row(wrap(unit.name))
    title = texts.progress_title(year)
    fig, ax = figure(layout, title=title)
    values = tuple(round(u.average, 1) for u in ordered)
    colors = [LATE if u.overdue else GOOD for u in ordered]
    bars = ax.barh(layout.centers, values, height=SLOT * 0.85, color=colors)
    on_bars = tuple(
        vn.percent(u.average, decimals=0) + (texts.overdue_on_bar(u.overdue) if u.overdue else "")
        for u in ordered
    )
    ax.bar_label(bars, labels=list(on_bars), padding=6, fontsize=VALUE_SIZE)
    layout.apply(ax, xmax=150)
    ticks = [0, 25, 50, 75, 100]
    ax.set_xticks(ticks, labels=[f"{t}%" for t in ticks])
    ax.tick_params(axis="x", labelsize=LABEL_SIZE - 2)
    ax.axvline(100, color="#555555", linestyle="--", linewidth=1.5)
    legend(
        ax,
        [
            Patch(color=GOOD, label=texts.NONE_OVERDUE),
            Patch(color=LATE, label=texts.SOME_OVERDUE),
        ],
    )
    late = sum(1 for u in ordered if u.overdue)
    mean = sum(u.average for u in ordered) / len(ordered)
    result = ChartData(
        kind="progress",
        year=year,
        title=title,
        categories=tuple(u.name for u in ordered),
        series=(Series(texts.PROGRESS_SERIES, values),),
        value_labels=(on_bars,),
        caption=texts.progress_caption(title, vn.percent(mean, decimals=0), len(ordered), late),
    )
    return finish(fig, result)


def render_indicators(year: int, items: Sequence[IndicatorPercent]) -> Chart:
    """Percent of plan per indicator, sorted, with the 100% line."""
    ordered = sorted(items, key=lambda i: (-i.percent, parse.fold(i.name)))
    layout = Layout()
    plan_line_at = layout.skip(0.5)
    for item in ordered:
        layout.row(wrap(item.name))
    title = texts.indicators_title(year)
    fig, ax = figure(layout, title=title)
    values = tuple(float(i.percent) for i in ordered)
    colors = [VERDICT_COLORS[i.verdict] for i in ordered]
    bars = ax.barh(layout.centers, values, height=SLOT * 0.85, color=colors)
    on_bars = tuple(
        texts.QUALIFIERS.get(i.qualifier or "", "") + vn.percent(i.percent) for i in ordered
    )
    # A white ground under each label: one ending just short of 100% ("trên 95%") crosses the
    # plan line, which then runs behind it instead of through it.
    ground = {"facecolor": "white", "edgecolor": "none", "pad": 1}
    ax.bar_label(bars, labels=list(on_bars), padding=6, fontsize=VALUE_SIZE, bbox=ground)
    layout.apply(ax, xmax=max(max(values), 100) * 1.22)
    ax.xaxis.set_visible(False)
    ax.axvline(100, color="#333333", linestyle="--", linewidth=2, zorder=1)
    ax.text(100, plan_line_at, texts.PLAN_LINE, fontsize=VALUE_SIZE, va="center")
    present = {i.verdict for i in ordered}
    legend(
        ax,
        [
            Patch(color=color, label=label)
            for color, label, verdicts in VERDICT_LEGEND
            if verdicts & present or color != UNKNOWN
        ],
    )
    tally = Tally.of(i.verdict for i in ordered)
    result = ChartData(
        kind="indicators",
        year=year,
        title=title,
        categories=tuple(i.name for i in ordered),
        series=(Series(texts.INDICATORS_SERIES, values),),
        value_labels=(on_bars,),
        caption=texts.indicators_caption(year, _lower_first(tally.sentence(vn.number))),
    )
    return finish(fig, result)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
