"""Charts: the PNG is a real PNG of the expected size, and the figure plots the database's data."""

from __future__ import annotations

import struct
from collections import defaultdict
from decimal import Decimal

import numpy as np
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.text import Text

from bot.app import App
from bot.core.messages import Reply
from bot.domain.awards import FormTotal
from bot.reports import charts
from bot.reports.charts import Chart
from bot.reports.data import IndicatorPercent
from storage.queries import awards
from tests.chat import ask, ask_reply
from tests.clock import FakeClock


def bar_containers(chart: Chart) -> list[BarContainer]:
    """The bar groups of a chart's axes, one per series."""
    return [c for c in chart.figure.axes[0].containers if isinstance(c, BarContainer)]


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come first."""
    assert png[:8] == PNG_SIGNATURE
    length, chunk = struct.unpack(">I4s", png[8:16])
    assert chunk == b"IHDR" and length == 13
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def figure_size(chart: Chart) -> tuple[int, int]:
    width, height = chart.figure.get_size_inches() * chart.figure.dpi
    return round(width), round(height)


def tick_labels(chart: Chart) -> list[str]:
    """The y tick labels with their line wraps undone."""
    return [t.get_text().replace("\n", " ") for t in chart.figure.axes[0].get_yticklabels()]


async def render(app: App, kind: str, year: int | None, clock: FakeClock) -> Chart:
    async with app.sessions() as session:
        return await charts.make_chart(session, kind, year=year, today=clock().date())


def image_of(reply: Reply) -> bytes:
    assert reply.image is not None, reply.plain()
    assert reply.text == ""
    return reply.image.png


async def test_awards_chart_plots_the_year_table(app: App, clock: FakeClock) -> None:
    reply = await ask_reply(app, "/bieudo khenthuong 2022")
    assert reply.image is not None
    # A subtotal per group as the law separates them, in lượt; no total across the groups.
    assert reply.image.caption.startswith(
        "Khen thưởng năm 2022 — danh hiệu thi đua: 129 lượt tập thể, 2.377 lượt cá nhân; "
        "hình thức khen thưởng: 522 lượt tập thể (9 đột xuất), 1.092 lượt cá nhân (74 đột xuất); "
        "hình thức ghi nhận khác: 182 lượt cá nhân, 1 công trình."
    )
    assert "651" not in reply.image.caption
    chart = await render(app, "awards", 2022, clock)
    width, height = png_size(image_of(reply))
    assert (width, height) == figure_size(chart)
    assert width >= 1080 and height > width

    data = chart.data
    series = {s.label: dict(zip(data.categories, s.values, strict=True)) for s in data.series}
    assert series["Cá nhân"]["Chiến sỹ thi đua cơ sở"] == 323
    assert series["Cá nhân"]["Lao động tiên tiến cấp Quận"] == 2054
    assert series["Tập thể"]["Giấy khen của UBND Quận"] == 489
    # Every count of the database's table is plotted, and nothing else.
    async with app.sessions() as session:
        rows = await awards.award_counts(session, 2022)
    expected: dict[tuple[str, str], float] = {
        (r.form_name, r.recipient_kind): r.total for r in rows
    }
    labels = {"Tập thể": "collective", "Cá nhân": "individual", "Công trình": "project"}
    plotted = {
        (name, labels[label]): value
        for label, values in series.items()
        for name, value in values.items()
        if value
    }
    assert plotted == expected

    # The figure itself: tick labels are the categories, bar lengths the values, in order.
    assert tick_labels(chart) == list(data.categories)
    bars = bar_containers(chart)
    assert [b.get_label() for b in bars] == [s.label for s in data.series]
    largest = max(v for s in data.series for v in s.values)
    for container, serie, texts in zip(bars, data.series, data.value_labels, strict=True):
        # Bars are the values, except that a tiny count is drawn at a visible minimum.
        floor = largest * charts.MIN_BAR_SHARE
        drawn = [max(v, floor) if v else 0.0 for v in serie.values]
        assert [p.get_width() for p in container.patches] == drawn
        assert all(t == "" or t[0].isdigit() for t in texts)
    individual = data.value_labels[[s.label for s in data.series].index("Cá nhân")]
    # The Giấy khen is counted in lượt, as the article counts it.
    assert "2.054 cá nhân" in individual and "1.042 lượt cá nhân" in individual
    # Titles, then award forms, then recognitions; within a group by level, largest first.
    order = [
        data.categories.index(n) for n in ("Lao động tiên tiến cấp Quận", "Chiến sỹ thi đua cơ sở")
    ]
    assert order == sorted(order)
    groups = [
        data.categories.index(n)
        for n in (
            "Cờ Thi đua của Thành phố",
            "Huân chương Lao động hạng Nhì",
            "Người tốt, việc tốt cấp Quận",
        )
    ]
    assert groups == sorted(groups)
    headings = [t.get_text() for t in chart.figure.axes[0].texts if t.get_fontweight() == "bold"]
    assert headings == ["DANH HIỆU THI ĐUA", "HÌNH THỨC KHEN THƯỞNG", "HÌNH THỨC GHI NHẬN KHÁC"]


async def test_progress_chart_marks_units_with_overdue_tasks(app: App, clock: FakeClock) -> None:
    await ask(app, "/caidat donvi P-DAIKIM")
    await ask(app, "/capnhat NV2023-01 100%")
    reply = await ask_reply(app, "/bieudo tiendo")
    assert reply.image is not None
    assert "Tiến độ nhiệm vụ thi đua năm 2023" in reply.image.caption
    chart = await render(app, "progress", None, clock)
    assert png_size(image_of(reply)) == figure_size(chart)
    data = chart.data
    assert data.categories[0] == "Phường Đại Kim"
    (values,) = [s.values for s in data.series]
    assert values[0] == round(100 / 6, 1)
    assert set(values[1:]) == {0.0}
    # The 2023 deadlines are past on 27/11/2026: five of the ward's six tasks are overdue.
    assert data.value_labels[0][0] == "17% · 5 quá hạn"
    (bars,) = bar_containers(chart)
    colors = {to_hex(p.get_facecolor()) for p in bars.patches}
    assert colors == {charts.LATE}
    assert tick_labels(chart) == list(data.categories)


async def test_indicator_chart_has_the_plan_line(app: App, clock: FakeClock) -> None:
    reply = await ask_reply(app, "/chart kpi 2022")
    assert reply.image is not None
    assert reply.image.caption == (
        "Chỉ tiêu năm 2022: trong 10 chỉ tiêu đánh giá được so với kế hoạch: 7 vượt, 3 đạt, "
        "0 chưa đạt; 1 chỉ tiêu chưa đủ căn cứ đánh giá (số liệu chỉ nêu mức “trên” hoặc "
        "“dưới” một tỷ lệ)."
    )
    chart = await render(app, "indicators", 2022, clock)
    data = chart.data
    (values,) = [s.values for s in data.series]
    assert values == tuple(sorted(values, reverse=True))
    assert values[0] == 380 and data.categories[0] == "Giảm hộ nghèo"
    assert data.value_labels[0][data.categories.index("Tổng thu ngân sách")] == "105,29%"
    ax = chart.figure.axes[0]
    lines = [line for line in ax.get_lines() if isinstance(line, Line2D)]
    assert any(np.asarray(line.get_xdata()).tolist() == [100, 100] for line in lines)


async def test_chart_mistakes_get_a_vietnamese_answer(app: App) -> None:
    assert "Cách viết: /bieudo <khenthuong|tiendo|chitieu> [năm]" in await ask(app, "/bieudo")
    assert "Không có biểu đồ 'abc'." in await ask(app, "/bieudo abc")
    assert await ask(app, "/bieudo khenthuong 1999") == (
        "Chưa có số liệu khen thưởng năm 1999. Các năm có số liệu: 2022. Cách nạp: "
        "/themkhenthuong, hoặc tải mẫu nhập /xuat mau 1999 rồi gửi lại kèm /nhap."
    )
    assert "Năm 1800 nằm ngoài khoảng 1945–2100." in await ask(app, "/bieudo chitieu 1800")


def test_every_vietnamese_letter_renders_without_a_missing_glyph() -> None:
    # Pytest turns warnings into errors: a glyph DejaVu Sans lacked would fail this test.
    alphabet = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    letters = " ".join(alphabet[i : i + 6] for i in range(0, len(alphabet), 6))
    items = [
        IndicatorPercent("A", letters, Decimal(120), None),
        IndicatorPercent("B", letters.upper(), Decimal(80), "about"),
    ]
    chart = charts.render_indicators(2030, items)
    assert png_size(chart.png) == figure_size(chart)
    assert chart.data.value_labels == (("120%", "khoảng 80%"),)
    assert tick_labels(chart) == [letters, letters.upper()]


def test_chart_kinds_accept_both_languages() -> None:
    found = defaultdict(list)
    for word in ("khenthuong", "KhenThưởng", "awards", "tiendo", "progress", "chitieu", "kpi"):
        found[charts.chart_kind(word)].append(word)
    assert sorted(found) == ["awards", "indicators", "progress"]


def test_a_count_of_two_beside_two_thousand_is_seen_and_told_apart() -> None:
    forms = [
        FormTotal("A", "Giấy khen", "award", "district", 1, "recipient", {"individual": (2054, 0)}),
        FormTotal("B", "Bằng khen", "award", "province", 1, "recipient", {"collective": (2, 0)}),
        FormTotal(
            "C",
            "Lao động tiên tiến",
            "title",
            "grassroots",
            1,
            "recipient",
            {"collective": (3, 0), "individual": (2, 0), "household": (1, 0)},
        ),
    ]
    chart = charts.render_awards(2026, forms)
    fig = chart.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    widths = {
        (c.get_label(), round(p.get_width())): p.get_window_extent(renderer).width
        for c in bar_containers(chart)
        for p in c.patches
        if p.get_width()
    }
    # Every non-zero count has a bar at least a few pixels wide, and the big one dwarfs it.
    assert min(widths.values()) >= 4
    assert widths[("Cá nhân", 2054)] > 50 * widths[("Tập thể", 16)]
    # Each kind has its own colour, and each small bar names its kind and its exact value.
    colors = {c.get_label(): to_hex(c.patches[0].get_facecolor()) for c in bar_containers(chart)}
    assert len(set(colors.values())) == len(colors) == 3
    texts = [t for labels in chart.data.value_labels for t in labels if t]
    assert {"2 tập thể", "2 cá nhân", "1 hộ gia đình", "2.054 cá nhân"} <= set(texts)
    drawn = {t.get_text() for t in fig.findobj(Text)}
    assert {"2 tập thể", "1 hộ gia đình"} <= drawn


async def test_every_text_of_every_chart_lies_inside_it(app: App, clock: FakeClock) -> None:
    for kind, year in (("awards", 2022), ("progress", 2023), ("indicators", 2022)):
        chart = await render(app, kind, year, clock)
        fig = chart.figure
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        width, height = fig.bbox.width, fig.bbox.height
        legend = fig.axes[0].get_legend()
        assert legend is not None, kind
        shown = [legend, *fig.findobj(Text)]
        outside = [
            (kind, getattr(item, "get_text", lambda: "legend")())
            for item in shown
            if item.get_visible()
            and (box := item.get_window_extent(renderer)).width > 0
            and (box.x0 < -1 or box.x1 > width + 1 or box.y0 < -1 or box.y1 > height + 1)
        ]
        assert outside == [], outside
