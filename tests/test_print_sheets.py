"""The print sheets of /xuat and `thidua export`, read back from the saved file with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.app import App
from bot.reports import cli, sheets
from bot.reports.print_data import official_date, place_name
from tests.chat import ask_reply
from tests.clock import FakeClock, vn_time

PRINT = (sheets.PRINT_AWARDS_TITLE, sheets.PRINT_INDICATORS_TITLE)
A4 = 9
"""`paperSize` of A4 in the file format."""


async def workbook(app: App, command: str = "/xuat 2022") -> Workbook:
    reply = await ask_reply(app, command)
    assert reply.document is not None, reply.plain()
    return load_workbook(io.BytesIO(reply.document.content))


def values(ws: Worksheet) -> list[tuple[object, ...]]:
    return list(ws.iter_rows(values_only=True))


def row_of(ws: Worksheet, text: str) -> int:
    """The number of the first row with a cell equal to `text`."""
    for number, row in enumerate(values(ws), start=1):
        if text in row:
            return number
    raise AssertionError(f"{text!r} not in {ws.title}")


def merged(ws: Worksheet) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2026, 11, 28), "ngày 28 tháng 11 năm 2026"),
        (dt.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (dt.date(2023, 3, 3), "ngày 03 tháng 3 năm 2023"),
        (dt.date(2024, 1, 10), "ngày 10 tháng 01 năm 2024"),
    ],
)
def test_dates_are_written_as_official_documents_write_them(day: dt.date, words: str) -> None:
    assert official_date(day) == words


def test_the_place_is_the_unit_without_its_kind() -> None:
    assert place_name("Quận Hoàng Mai") == "Hoàng Mai"
    assert place_name("Thành phố Hà Nội") == "Hà Nội"
    assert place_name("Phường Đại Kim") == "Đại Kim"
    assert place_name("Sở Nội vụ") == "Sở Nội vụ"


async def test_print_sheets_are_a4_landscape_one_page_wide_with_titles(app: App) -> None:
    book = await workbook(app)
    assert book.sheetnames[-2:] == list(PRINT)
    for title, title_rows in zip(PRINT, ("$7:$8", "$7:$7"), strict=True):
        ws = book[title]
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", A4), title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), title
        assert ws.sheet_properties.pageSetUpPr is not None
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == title_rows, title
        # Down to the room left for signatures under the signers' titles.
        end = row_of(ws, "(Ký, ghi rõ họ tên)") + 4
        assert ws.print_area == f"'{title}'!$A$1:${chr(64 + ws.max_column)}${end}", title
        assert ws.sheet_view.showGridLines is False


async def test_the_award_sheet_has_the_heading_table_and_signatures(
    app: App, clock: FakeClock
) -> None:
    ws = (await workbook(app))[sheets.PRINT_AWARDS_TITLE]
    cells = values(ws)
    # The governing body and the office left, the national heading right, merged blocks.
    assert cells[0][0] == "THÀNH PHỐ HÀ NỘI" and cells[1][0] == "QUẬN HOÀNG MAI"
    assert cells[0][3] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert cells[1][3] == "Độc lập - Tự do - Hạnh phúc"
    last = chr(64 + ws.max_column)
    assert {"A1:C1", "A2:C2", f"D1:{last}1", f"D2:{last}2", f"A4:{last}4"} <= merged(ws)
    assert ws["A2"].font.b and ws["D1"].font.b and ws["D2"].font.u == "single"
    assert cells[3][0] == "BÁO CÁO THỐNG KÊ KHEN THƯỞNG NĂM 2022"
    # The two header rows repeated on every page, merged where a header spans both.
    assert cells[6][:4] == (
        "STT",
        "Danh hiệu thi đua, hình thức khen thưởng",
        "Cấp",
        "Số được khen",
    )
    assert {"A7:A8", "B7:B8", "C7:C8", "D7:F7", "G7:H7"} <= merged(ws)
    assert cells[7][3:8] == ("Tập thể", "Cá nhân", "Công trình", "Tập thể", "Cá nhân")
    # Groups in the law's order, the ceremonies apart, and counts that stay numbers.
    banners = [str(r[1]) for r in cells if r[0] is None and str(r[1]).split(".")[0] in "IIIV"]
    assert banners == [
        "I. DANH HIỆU THI ĐUA",
        "II. HÌNH THỨC KHEN THƯỞNG",
        "III. HÌNH THỨC GHI NHẬN KHÁC",
        "IV. KHEN THƯỞNG TẠI HỘI NGHỊ, NÊU RIÊNG TRONG BÁO CÁO",
    ]
    ldtt = row_of(ws, "Lao động tiên tiến cấp Quận")
    assert ws.cell(ldtt, 5).value == 2054
    assert ws.cell(ldtt, 5).number_format == r"[>=1000000]#\.###\.###;[>=1000]#\.###;0"
    # The place and date line, then the signers with room to sign, inside the print area.
    today = clock().date()
    date_row = row_of(ws, f"Hoàng Mai, ngày {today.day:02d} tháng {today.month} năm {today.year}")
    assert f"D{date_row}:{last}{date_row}" in merged(ws)
    signers = row_of(ws, "THỦ TRƯỞNG ĐƠN VỊ")
    assert signers == date_row + 1
    assert cells[signers - 1][0] == "NGƯỜI LẬP BIỂU"
    assert cells[signers][0] == "(Ký, ghi rõ họ tên)"
    assert cells[signers][3] == "(Ký, ghi rõ họ tên, đóng dấu)"
    # A page break between sections keeps the signatures with the last table rows.
    breaks = [b.id for b in ws.row_breaks.brk]
    assert breaks and all(b < row_of(ws, "Tập thể lao động xuất sắc") for b in breaks)


async def test_the_indicator_sheet_has_verdicts_scorecard_and_documents(app: App) -> None:
    ws = (await workbook(app))[sheets.PRINT_INDICATORS_TITLE]
    cells = values(ws)
    assert cells[3][0] == "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2022"
    assert cells[6] == (
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch",
        "Thực hiện",
        "Tỷ lệ so với KH",
        "Đánh giá",
    )
    budget = cells[row_of(ws, "Tổng thu ngân sách") - 1]
    assert budget[2:] == ("tỷ đồng", None, "4.670,8", "105,29%", "vượt")
    investment = cells[row_of(ws, "Giải ngân kế hoạch vốn đầu tư công ngân sách Quận") - 1]
    assert investment[3:] == ("742,042", None, "trên 95%", "chưa đủ căn cứ đánh giá")
    assert row_of(ws, "Hoàn thành 19/19 chỉ tiêu được giao (theo báo cáo).")
    assert row_of(ws, "Văn bản ban hành năm 2022 được nêu trong báo cáo:")
    assert any(str(r[0]).startswith("- 377/KH-UBND (09/10/2022") for r in cells)
    assert row_of(ws, "THỦ TRƯỞNG ĐƠN VỊ") > row_of(
        ws, "Hoàn thành 19/19 chỉ tiêu được giao (theo báo cáo)."
    )


async def test_every_data_sheet_prints_one_page_wide_with_its_header(app: App) -> None:
    book = await workbook(app, "/xuat")
    for ws in book.worksheets:
        if ws.title in PRINT:
            continue
        assert ws.page_setup.orientation == "landscape", ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert ws.print_options.gridLines is True, ws.title
    documents = book[sheets.DOCUMENTS.title]
    assert [c.value for c in documents[1]] == [c.header for c in sheets.DOCUMENTS.columns]
    assert documents.max_row == 1 + 8


async def test_an_export_of_every_year_prints_the_newest_and_imports_back(
    app: App, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock.set(vn_time(2027, 2, 5))
    path = tmp_path / "tatca.xlsx"
    assert await cli.export_file(app, path, None) == 0
    assert "bản in: khen thưởng năm 2022, chỉ tiêu năm 2022." in capsys.readouterr().out
    book = load_workbook(path)
    ws = book[sheets.PRINT_AWARDS_TITLE]
    assert row_of(ws, "Hoàng Mai, ngày 05 tháng 02 năm 2027")
    # Somebody types in a print sheet: the import reads the data sheets only.
    ws["B10"] = "chữ viết tay"
    book[sheets.DOCUMENTS.title]["A2"] = "KHONG-PHAI-MA"
    book.save(path)
    assert await cli.import_file(app, path) == 0
    assert "không có gì thay đổi" in capsys.readouterr().out


async def test_a_year_without_awards_gets_no_award_print_sheet(app: App) -> None:
    book = await workbook(app, "/xuat 2023")
    assert sheets.PRINT_AWARDS_TITLE not in book.sheetnames
    assert sheets.PRINT_INDICATORS_TITLE not in book.sheetnames
    reply = await ask_reply(app, "/xuat 2022")
    assert reply.document is not None
    assert reply.document.caption.endswith(
        "Có sẵn bản in (A4 ngang): khen thưởng năm 2022, chỉ tiêu năm 2022."
    )
