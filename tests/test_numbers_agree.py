"""One verdict rule and one award grouping: the commands, the charts and the workbook agree."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from matplotlib.colors import to_hex
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.app import App
from bot.core import vn
from bot.domain.verdicts import Tally, Verdict, judge
from bot.reports import charts
from tests.chat import ask, ask_reply
from tests.clock import FakeClock
from tests.test_reports_charts import bar_containers

VERDICTS = {str(v) for v in Verdict}


@pytest.mark.parametrize(
    ("percent", "qualifier", "expected"),
    [
        (None, None, None),
        (None, "over", None),
        ("105.29", None, Verdict.EXCEEDED),
        ("100", None, Verdict.MET),
        ("99.9", None, Verdict.MISSED),
        # "trên 95%": above 95, maybe above 100, maybe not: no verdict, and never "chưa đạt".
        ("95", "over", Verdict.OPEN),
        # "trên 100%": above the plan.
        ("100", "over", Verdict.EXCEEDED),
        ("120", "over", Verdict.EXCEEDED),
        # "dưới 90%": below the plan; "dưới 120%": either side.
        ("90", "under", Verdict.MISSED),
        ("100", "under", Verdict.MISSED),
        ("120", "under", Verdict.OPEN),
        # "khoảng": the source's own estimate, judged as written.
        ("150", "about", Verdict.EXCEEDED),
        ("100", "about", Verdict.MET),
        ("80", "about", Verdict.MISSED),
    ],
)
def test_the_verdict_rule(percent: str | None, qualifier: str | None, expected: Verdict) -> None:
    assert judge(Decimal(percent) if percent else None, qualifier) == expected


def test_the_summary_says_what_it_left_open() -> None:
    verdicts = [Verdict.EXCEEDED, Verdict.MET, Verdict.MISSED, Verdict.OPEN, None]
    tally = Tally.of(verdicts)
    assert (tally.judged, tally.reached, tally.open) == (3, 2, 1)
    assert tally.sentence(vn.number).startswith(
        "Trong 3 chỉ tiêu đánh giá được so với kế hoạch: 1 vượt, 1 đạt, 1 chưa đạt; "
        "1 chỉ tiêu chưa đủ căn cứ đánh giá"
    )
    assert Tally.of([Verdict.MET]).sentence(str) == (
        "Trong 1 chỉ tiêu đánh giá được so với kế hoạch: 0 vượt, 1 đạt, 0 chưa đạt."
    )


def _text_verdicts(text: str) -> dict[str, str]:
    """`• name: … — vượt` lines of /chitieu → {name: verdict}."""
    found = {}
    for line in text.splitlines():
        if line.startswith("• ") and " — " in line:
            mark = line.rsplit(" — ", 1)[1]
            if mark in VERDICTS:
                found[line[2:].split(": ", 1)[0]] = mark
    return found


def _sheet_verdicts(ws: Worksheet, name_header: str, verdict_header: str) -> dict[str, str]:
    """{name: verdict} from a sheet whose header row holds both headers."""
    for row in ws.iter_rows(values_only=True):
        if name_header in row and verdict_header in row:
            names, marks = row.index(name_header), row.index(verdict_header)
            break
    else:
        raise AssertionError(f"no header row in {ws.title}")
    found = {}
    for row in ws.iter_rows(values_only=True):
        if len(row) > marks and row[marks] in VERDICTS:
            found[str(row[names])] = str(row[marks])
    return found


def _paragraphs(ws: Worksheet) -> list[str]:
    return [str(row[0]) for row in ws.iter_rows(values_only=True) if isinstance(row[0], str)]


async def test_text_chart_and_workbook_give_each_indicator_the_same_verdict(
    app: App, clock: FakeClock
) -> None:
    text = await ask(app, "/chitieu 2022")
    said = _text_verdicts(text)
    assert said["Giải ngân kế hoạch vốn đầu tư công ngân sách Quận"] == "chưa đủ căn cứ đánh giá"
    assert said["Tổng thu ngân sách"] == "vượt"
    assert said["Cấp giấy phép xây dựng"] == "đạt"
    assert len(said) == 11

    # The chart: one bar per judged indicator, coloured by the same verdict.
    reply = await ask_reply(app, "/bieudo chitieu 2022")
    async with app.sessions() as session:
        chart = await charts.make_chart(session, "indicators", year=2022, today=clock().date())
    (bars,) = bar_containers(chart)
    colors = {
        name: to_hex(patch.get_facecolor())
        for name, patch in zip(chart.data.categories, bars.patches, strict=True)
    }
    assert colors == {name: charts.VERDICT_COLORS[Verdict(mark)] for name, mark in said.items()}
    assert to_hex(charts.VERDICT_COLORS[Verdict.OPEN]) != to_hex(charts.SHORT)

    # The workbook: the data sheet and the print sheet.
    book = load_workbook(io.BytesIO((await ask_reply(app, "/xuat 2022")).document.content))  # type: ignore[union-attr]
    assert _sheet_verdicts(book["Chỉ tiêu"], "Tên chỉ tiêu", "Đánh giá") == said
    assert _sheet_verdicts(book["Bản in chỉ tiêu"], "Chỉ tiêu", "Đánh giá") == said

    # And the same counts, in the same words, everywhere.
    sentence = (
        "Trong 10 chỉ tiêu đánh giá được so với kế hoạch: 7 vượt, 3 đạt, 0 chưa đạt; "
        "1 chỉ tiêu chưa đủ căn cứ đánh giá (số liệu chỉ nêu mức “trên” hoặc “dưới” một tỷ lệ)."
    )
    assert sentence in text.splitlines()
    assert reply.image is not None
    assert reply.image.caption == f"Chỉ tiêu năm 2022: t{sentence[1:]}"
    assert sentence in _paragraphs(book["Bản in chỉ tiêu"])
    counted = Tally.of(Verdict(mark) for mark in said.values())
    assert (counted.exceeded, counted.met, counted.missed, counted.open) == (7, 3, 0, 1)


async def test_award_subtotals_per_group_agree_everywhere(app: App) -> None:
    # The article's 2022 table (section I.4, lines 40–64), grouped as Law 06/2022/QH15 does.
    titles = "129 lượt tập thể, 2.377 lượt cá nhân"  # 10+20+99; 2.054+323
    forms = "522 lượt tập thể (9 đột xuất), 1.092 lượt cá nhân (74 đột xuất)"  # 1+2+30+489; …
    others = "182 lượt cá nhân, 1 công trình"  # 34+148 Người tốt, việc tốt; 1 Gắn biển

    text = await ask(app, "/khenthuong 2022")
    assert f"Cộng danh hiệu thi đua: {titles}." in text
    assert f"Cộng hình thức khen thưởng: {forms}." in text
    assert f"Cộng hình thức ghi nhận khác: {others}." in text

    caption = (await ask_reply(app, "/bieudo khenthuong 2022")).image.caption  # type: ignore[union-attr]
    assert (
        f"danh hiệu thi đua: {titles}; hình thức khen thưởng: {forms}; "
        f"hình thức ghi nhận khác: {others}."
    ) in caption

    progress = await ask(app, "/tiendo")
    assert (
        f"danh hiệu thi đua {titles}; hình thức khen thưởng {forms}; "
        f"hình thức ghi nhận khác {others}"
    ) in progress

    book = load_workbook(io.BytesIO((await ask_reply(app, "/xuat 2022")).document.content))  # type: ignore[union-attr]
    ws = book["Bản in khen thưởng"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "STT")
    kinds = next(r for r in ws.iter_rows(values_only=True) if "Tập thể" in r)
    collective, individual, project = (kinds.index(k) for k in ("Tập thể", "Cá nhân", "Công trình"))
    ad_hoc_collective = kinds.index("Tập thể", collective + 1)
    subtotals = {
        str(row[1]): tuple(row[i] for i in (collective, individual, project, ad_hoc_collective))
        for row in ws.iter_rows(values_only=True)
        if isinstance(row[1], str) and row[1].startswith("Cộng ")
    }
    assert subtotals == {
        "Cộng danh hiệu thi đua": (129, 2377, None, None),
        "Cộng hình thức khen thưởng": (522, 1092, None, 9),
        "Cộng hình thức ghi nhận khác": (None, 182, 1, None),
    }
    assert "Ghi chú" in header
    # No row anywhere adds the groups together.
    cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert not any("Tổng cộng" in c for c in cells)
    assert 651 not in [v for row in ws.iter_rows(values_only=True) for v in row]
    # Every line names the award as the article does, and says "lượt" where the article does.
    lines = {str(row[1]): row for row in ws.iter_rows(values_only=True) if row[0] == 5}
    assert lines["Giấy khen của UBND Quận"][-1] == "lượt"
    names = {str(row[1]) for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)}
    assert "Cờ đơn vị xuất sắc trong phong trào thi đua" in names
