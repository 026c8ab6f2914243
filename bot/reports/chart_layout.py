"""The look shared by every chart: bar rows sized in inches, the figure, legend, PNG output.

Figures are built with `matplotlib.figure.Figure` and the Agg canvas directly, never pyplot, so
no global state is shared and rendering can run in a worker thread. Text uses DejaVu Sans, which
matplotlib ships and which covers every Vietnamese letter with its diacritics (ắ, ệ, ữ, Đ...):
the tests render real Vietnamese names with warnings as errors, so a missing glyph would fail them.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

FONT = "DejaVu Sans"
DPI = 100
WIDTH_INCHES = 12.0
"""1200 px wide: sharp on a phone once the chat app scales it down."""
GOOD, LATE, SHORT, UNKNOWN = "#3a9a4a", "#d3423a", "#f0a030", "#9a9a9a"
LABEL_SIZE = 17
VALUE_SIZE = 16
TITLE_SIZE = 26
WRAP = 30
SLOT, LINE, GAP, HEADROOM = 0.38, 0.3, 0.28, 1.8
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


class Layout:
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


def figure(layout: Layout, *, title: str) -> tuple[Figure, Axes]:
    """A figure as tall as the layout, titled, with one axes of horizontal bars."""
    fig = Figure(figsize=(WIDTH_INCHES, max(layout.height, 5.0)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    fig.suptitle(title, fontsize=TITLE_SIZE, weight="bold")
    ax = fig.add_subplot()
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0, pad=8)
    return fig, ax


LEGEND_ROW = 48
"""Characters of legend labels (with room for each key) that fit in one row above the bars."""


def legend(ax: Axes, handles: Sequence[Artist]) -> None:
    """The legend entries above the bars: one row, or two when the labels are long."""
    labels = [str(handle.get_label()) for handle in handles]
    one_row = sum(len(label) + 6 for label in labels) <= LEGEND_ROW
    # Anchored just above the axes, so the constrained layout keeps it clear of the title; the
    # axes start right of the row labels, so a long row ran off the figure's right edge.
    ax.legend(
        handles=list(handles),
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=len(handles) if one_row else math.ceil(len(handles) / 2),
        fontsize=LABEL_SIZE,
        frameon=False,
    )


def wrap(text: str) -> str:
    """A row label broken into lines that fit beside the bars."""
    return textwrap.fill(text, WRAP)


def finish(fig: Figure, result: ChartData) -> Chart:
    """Set the font on every text and render the PNG."""
    for text in fig.findobj(Text):
        text.set_fontfamily(FONT)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return Chart(png=buffer.getvalue(), figure=fig, data=result)
