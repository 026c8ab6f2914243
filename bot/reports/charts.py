"""Charts for /bieudo: awards by form, unit progress, indicators against plan, as phone-sized PNGs.

Figures are built with `matplotlib.figure.Figure` and the Agg canvas directly, never pyplot, so
no global state is shared and rendering can run in a worker thread. Text uses DejaVu Sans, which
matplotlib ships and which covers every Vietnamese letter with its diacritics (ắ, ệ, ữ, Đ...):
the tests render real Vietnamese names with warnings as errors, so a missing glyph would fail them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import blended_transform_factory
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import args as parse
from bot.core import vn
from bot.core.errors import UserError
from bot.domain import awards as rules
from bot.domain.awards import FormTotal
from bot.domain.verdicts import REACHED, Tally, Verdict
from bot.domain.years import no_data, report_year
from bot.reports import data
from bot.reports.data import IndicatorPercent, UnitProgress
from storage.queries import awards, indicators, tasks

FONT = "DejaVu Sans"
DPI = 100
WIDTH_INCHES = 12.0
"""1200 px wide: sharp on a phone once the chat app scales it down."""
USAGE = "/bieudo <khenthuong|tiendo|chitieu> [năm]"
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
GOOD, LATE, SHORT, UNKNOWN = "#3a9a4a", "#d3423a", "#f0a030", "#9a9a9a"
VERDICT_COLORS = {
    Verdict.EXCEEDED: GOOD,
    Verdict.MET: GOOD,
    Verdict.MISSED: SHORT,
    Verdict.OPEN: UNKNOWN,
}
VERDICT_LEGEND = (
    (GOOD, "Đạt, vượt kế hoạch", REACHED),
    (SHORT, "Chưa đạt", frozenset({Verdict.MISSED})),
    (UNKNOWN, "Chưa đủ căn cứ đánh giá", frozenset({Verdict.OPEN})),
)
LABEL_SIZE = 17
VALUE_SIZE = 16
TITLE_SIZE = 26
WRAP = 30
SLOT, LINE, GAP, HEADROOM = 0.38, 0.3, 0.28, 1.8
MIN_BAR_SHARE = 0.008
"""The shortest bar drawn for a non-zero count, as a share of the largest (about 8 pixels)."""
"""Inches: one bar, one line of label text, space between rows, title and legend."""


@dataclass(frozen=True)
class Series:
    """One set of bars: its legend label and one value per category."""

    label: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class ChartData:
    """What a chart plots, in plotted order (top to bottom)."""

    kind: str
    year: int
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_labels: tuple[tuple[str, ...], ...]
    """The text printed on each bar, per series."""
    caption: str


@dataclass(frozen=True)
class Chart:
    """A rendered chart: the PNG, the figure it came from and the data plotted."""

    png: bytes
    figure: Figure
    data: ChartData


def chart_kind(word: str) -> str:
    """`khenthuong`/`tiendo`/`chitieu` (or the English words) → the chart kind."""
    kind = KINDS.get(parse.fold(word))
    if kind is None:
        raise UserError(
            f"Không có biểu đồ '{word}'. Chọn khenthuong (khen thưởng), "
            "tiendo (tiến độ nhiệm vụ) hoặc chitieu (chỉ tiêu).",
            usage=USAGE,
        )
    return kind


async def make_chart(
    session: AsyncSession, kind: str, *, year: int | None, today: dt.date
) -> Chart:
    """Read the data of a chart kind and render it in a worker thread."""
    if year is not None:
        parse.year(str(year), usage=USAGE)  # the same range check as a typed year
    if kind == "awards":
        years = await awards.award_years(session)
        chosen = report_year(year, years, what="khen thưởng", current=today.year)
        forms = await data.award_forms(session, chosen)
        if not forms:
            raise no_data("khen thưởng", chosen, years)
        return await asyncio.to_thread(render_awards, chosen, forms)
    if kind == "progress":
        years = await tasks.task_years(session)
        chosen = report_year(year, years, what="nhiệm vụ thi đua", current=today.year)
        units = await data.unit_progress(session, chosen, today)
        if not units:
            raise no_data("nhiệm vụ thi đua", chosen, years)
        return await asyncio.to_thread(render_progress, chosen, units)
    if kind == "indicators":
        years = await indicators.indicator_years(session)
        chosen = report_year(year, years, what="chỉ tiêu", current=today.year)
        items = await data.indicator_percents(session, chosen)
        if not items:
            raise no_data("chỉ tiêu có tỷ lệ so với kế hoạch", chosen, years)
        return await asyncio.to_thread(render_indicators, chosen, items)
    raise ValueError(f"unknown chart kind: {kind}")


def render_awards(year: int, forms: Sequence[FormTotal]) -> Chart:
    """Counts per form, one bar per recipient kind side by side, forms grouped as the law does
    (titles, award forms, other recognitions), each group by level then largest first."""
    kinds = [k for k in vn.RECIPIENT_LABELS if any(f.counts.get(k) for f in forms)]
    layout = _Layout()
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
            layout.row(_wrap(form.name), slots=sum(1 for k in kinds if form.counts.get(k)))
    fig, ax = _figure(layout, title=f"Khen thưởng năm {year}")
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
        texts = tuple(
            vn.number(int(v)) + (" lượt" if f.in_turns and kind in rules.TURN_KINDS else "") + named
            if v
            else ""
            for f, v in zip(ordered, values, strict=True)
        )
        ax.bar_label(bars, labels=list(texts), padding=5, fontsize=VALUE_SIZE)
        series.append(Series(label, values))
        labels.append(texts)
    layout.apply(ax, xmax=largest * 1.35)
    ax.xaxis.set_visible(False)
    heading = blended_transform_factory(fig.transFigure, ax.transData)
    for at, text in headers:
        ax.text(0.015, at, text.upper(), transform=heading, fontsize=LABEL_SIZE, weight="bold")
        ax.axhline(at + 0.3, color="#cccccc", linewidth=1)
    _legend(ax, ax.get_legend_handles_labels()[0])
    subtotals = "; ".join(
        f"{group.label.lower()}: {rules.subtotal_phrase(group, number=vn.number)}"
        for group in groups
    )
    title = f"Khen thưởng năm {year}"
    result = ChartData(
        kind="awards",
        year=year,
        title=title,
        categories=tuple(f.name for f in ordered),
        series=tuple(series),
        value_labels=tuple(labels),
        caption=(
            f"{title} — {subtotals}. Số cộng tính theo lượt, không cộng các nhóm với nhau "
            "(không kể khen tại hội nghị, lễ kỷ niệm)."
        ),
    )
    return _finish(fig, result)


def render_progress(year: int, units: Sequence[UnitProgress]) -> Chart:
    """Each unit's average task progress, units with overdue tasks in red and labelled."""
    ordered = sorted(units, key=lambda u: (-u.average, parse.fold(u.name)))
    layout = _Layout()
    for unit in ordered:
        layout.row(_wrap(unit.name))
    title = f"Tiến độ nhiệm vụ thi đua năm {year}"
    fig, ax = _figure(layout, title=title)
    values = tuple(round(u.average, 1) for u in ordered)
    colors = [LATE if u.overdue else GOOD for u in ordered]
    bars = ax.barh(layout.centers, values, height=SLOT * 0.85, color=colors)
    texts = tuple(
        vn.percent(u.average, decimals=0) + (f" · {u.overdue} quá hạn" if u.overdue else "")
        for u in ordered
    )
    ax.bar_label(bars, labels=list(texts), padding=6, fontsize=VALUE_SIZE)
    layout.apply(ax, xmax=150)
    ticks = [0, 25, 50, 75, 100]
    ax.set_xticks(ticks, labels=[f"{t}%" for t in ticks])
    ax.tick_params(axis="x", labelsize=LABEL_SIZE - 2)
    ax.axvline(100, color="#555555", linestyle="--", linewidth=1.5)
    _legend(
        ax,
        [
            Patch(color=GOOD, label="Không có nhiệm vụ quá hạn"),
            Patch(color=LATE, label="Có nhiệm vụ quá hạn"),
        ],
    )
    late = sum(1 for u in ordered if u.overdue)
    mean = sum(u.average for u in ordered) / len(ordered)
    result = ChartData(
        kind="progress",
        year=year,
        title=title,
        categories=tuple(u.name for u in ordered),
        series=(Series("Tiến độ trung bình (%)", values),),
        value_labels=(texts,),
        caption=(
            f"{title}: trung bình {vn.percent(mean, decimals=0)} ở {len(ordered)} đơn vị, "
            f"{late} đơn vị có nhiệm vụ quá hạn."
        ),
    )
    return _finish(fig, result)


def render_indicators(year: int, items: Sequence[IndicatorPercent]) -> Chart:
    """Percent of plan per indicator, sorted, with the 100% line."""
    qualifiers = {"over": "trên ", "under": "dưới ", "about": "khoảng "}
    ordered = sorted(items, key=lambda i: (-i.percent, parse.fold(i.name)))
    layout = _Layout()
    plan_line_at = layout.skip(0.5)
    for item in ordered:
        layout.row(_wrap(item.name))
    title = f"Chỉ tiêu năm {year} so với kế hoạch"
    fig, ax = _figure(layout, title=title)
    values = tuple(float(i.percent) for i in ordered)
    colors = [VERDICT_COLORS[i.verdict] for i in ordered]
    bars = ax.barh(layout.centers, values, height=SLOT * 0.85, color=colors)
    texts = tuple(qualifiers.get(i.qualifier or "", "") + vn.percent(i.percent) for i in ordered)
    ax.bar_label(bars, labels=list(texts), padding=6, fontsize=VALUE_SIZE)
    layout.apply(ax, xmax=max(max(values), 100) * 1.22)
    ax.xaxis.set_visible(False)
    ax.axvline(100, color="#333333", linestyle="--", linewidth=2)
    ax.text(100, plan_line_at, " Kế hoạch 100%", fontsize=VALUE_SIZE, va="center")
    present = {i.verdict for i in ordered}
    _legend(
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
        series=(Series("Tỷ lệ so với kế hoạch (%)", values),),
        value_labels=(texts,),
        caption=f"Chỉ tiêu năm {year}: {_lower_first(tally.sentence(vn.number))}",
    )
    return _finish(fig, result)


class _Layout:
    """Rows of horizontal bars measured in inches, so the figure grows with wrapped labels."""

    def __init__(self) -> None:
        self.y = 0.0
        self.rows: list[tuple[float, int]] = []
        self.labels: list[str] = []

    @property
    def centers(self) -> list[float]:
        """The y of each row's middle."""
        return [center for center, _ in self.rows]

    def skip(self, inches: float) -> float:
        """Leave room (for a heading) and return its middle."""
        middle = self.y + inches / 2
        self.y += inches
        return middle

    def row(self, label: str, *, slots: int = 1) -> None:
        """A row with `slots` bars stacked side by side, tall enough for its label."""
        lines = label.count("\n") + 1
        height = max(max(slots, 1) * SLOT, lines * LINE) + GAP
        self.rows.append((self.y + height / 2, max(slots, 1)))
        self.labels.append(label)
        self.y += height

    @property
    def height(self) -> float:
        """The figure height: the rows plus the title and legend."""
        return self.y + HEADROOM

    def apply(self, ax: Axes, *, xmax: float) -> None:
        """Set ticks and limits once every bar is drawn."""
        ax.set_yticks(self.centers, labels=self.labels, fontsize=LABEL_SIZE)
        ax.set_ylim(self.y, 0)
        ax.set_xlim(0, xmax)


def _figure(layout: _Layout, *, title: str) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(WIDTH_INCHES, max(layout.height, 5.0)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    fig.suptitle(title, fontsize=TITLE_SIZE, weight="bold")
    ax = fig.add_subplot()
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0, pad=8)
    return fig, ax


def _legend(ax: Axes, handles: Sequence[Artist]) -> None:
    # Anchored just above the axes, so the constrained layout keeps it clear of the title.
    ax.legend(
        handles=list(handles),
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=len(handles),
        fontsize=LABEL_SIZE,
        frameon=False,
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _wrap(text: str) -> str:
    return textwrap.fill(text, WRAP)


def _finish(fig: Figure, result: ChartData) -> Chart:
    for text in fig.findobj(Text):
        text.set_fontfamily(FONT)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return Chart(png=buffer.getvalue(), figure=fig, data=result)
