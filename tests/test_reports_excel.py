"""The Excel export and the import: round trip, edits, CSV, and every kind of bad file."""

from __future__ import annotations

import csv
import io
import time

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from bot.app import App
from bot.core.messages import Attachment, Incoming, Reply
from bot.reports.import_parse import number_text
from storage.models import (
    AuditEntry,
    AwardRecord,
    AwardYearTotal,
    Commemoration,
    Indicator,
    Task,
    TaskProgress,
    TaskProgressHistory,
    TaskUnit,
)
from tests.chat import ask, ask_reply

MODELS = (
    AwardRecord,
    AwardYearTotal,
    Task,
    TaskUnit,
    TaskProgress,
    TaskProgressHistory,
    Indicator,
    Commemoration,
)


async def send_file(
    app: App, filename: str, content: bytes, *, text: str = "/nhap", admin: bool = True
) -> Reply:
    """A message with an attached file, as a transport would hand it to the core."""
    reply = await app.core.handle(
        Incoming(
            platform="console",
            chat_id="local",
            user_id="1",
            user_name="Người thử",
            text=text,
            is_platform_admin=admin,
            attachment=Attachment(filename, content),
        )
    )
    assert reply is not None
    return reply


async def counts(app: App) -> dict[str, int]:
    async with app.sessions() as session:
        return {
            m.__name__: int(await session.scalar(select(func.count()).select_from(m)) or 0)
            for m in (*MODELS, AuditEntry)
        }


async def exported(app: App, command: str = "/xuat") -> bytes:
    reply = await ask_reply(app, command)
    assert reply.document is not None, reply.plain()
    return reply.document.content


def edit(content: bytes, change: dict[str, dict[str, str | int]]) -> bytes:
    """The workbook with cells changed: {sheet: {"F12": value}}."""
    book = load_workbook(io.BytesIO(content))
    for sheet, cells in change.items():
        for cell, value in cells.items():
            book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def find_row(content: bytes, sheet: str, **match: object) -> int:
    """The row number whose cells under the given headers hold the given values."""
    ws = load_workbook(io.BytesIO(content))[sheet]
    headers = [c.value for c in ws[1]]
    for number, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if all(row[headers.index(h)] == v for h, v in match.items()):
            return number
    raise AssertionError(f"no row with {match}")


def column(content: bytes, sheet: str, header: str) -> str:
    ws = load_workbook(io.BytesIO(content))[sheet]
    headers = [c.value for c in ws[1]]
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[headers.index(header)]


async def test_export_then_import_changes_nothing(app: App) -> None:
    await ask(app, "/caidat donvi P-DAIKIM")
    await ask(app, "/capnhat NV2023-02 40% đã phát động")
    table_before = await ask(app, "/khenthuong 2022")
    reply = await ask_reply(app, "/xuat")
    assert reply.document is not None
    assert reply.document.filename == "thidua-tatca.xlsx"
    assert reply.document.caption.startswith("Số liệu thi đua, khen thưởng tất cả các năm: 17 dòng")
    book = load_workbook(io.BytesIO(reply.document.content))
    assert book.sheetnames[:4] == ["Khen thưởng", "Nhiệm vụ", "Chỉ tiêu", "Ngày kỷ niệm"]
    awards = book["Khen thưởng"]
    assert awards.freeze_panes == "A2"
    headers = [c.value for c in awards[1]]
    assert headers[:7] == [
        "Năm",
        "Cấp",
        "Hình thức khen thưởng",
        "Tập thể",
        "Tập thể đột xuất",
        "Cá nhân",
        "Cá nhân đột xuất",
    ]
    ldtt = next(
        r for r in awards.iter_rows(min_row=2) if r[2].value == "Lao động tiên tiến cấp Quận"
    )
    assert ldtt[5].value == 2054 and ldtt[5].number_format == "#,##0"
    assert awards.column_dimensions["C"].width >= len("Tập thể Lao động xuất sắc cấp Thành phố")

    before = await counts(app)
    answer = await send_file(app, "thidua-tatca.xlsx", reply.document.content)
    assert answer.title == "Nhập dữ liệu từ tệp"
    assert answer.text.splitlines() == [
        "Đã đọc tệp thidua-tatca.xlsx: dữ liệu giống hệt cơ sở dữ liệu, không có gì thay đổi.",
        "• Danh mục đơn vị: thêm 0, cập nhật 0, không đổi 21.",
        "• Khen thưởng: thêm 0, cập nhật 0, không đổi 17.",
        "• Nhiệm vụ: thêm 0, cập nhật 0, không đổi 6; tiến độ cập nhật 0.",
        "• Chỉ tiêu: thêm 0, cập nhật 0, không đổi 24.",
        "• Ngày kỷ niệm: thêm 0, cập nhật 0, không đổi 15.",
    ]
    after = await counts(app)
    assert after == {**before, "AuditEntry": before["AuditEntry"] + 1}
    assert await ask(app, "/khenthuong 2022") == table_before
    async with app.sessions() as session:
        entry = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()))).first()
        progress = (await session.scalars(select(TaskProgress))).one()
    assert entry is not None and (entry.action, entry.entity) == ("import", "file")
    assert progress.percent == 40 and progress.note == "đã phát động"


async def test_import_updates_and_adds_and_is_idempotent(app: App) -> None:
    content = await exported(app, "/xuat 2022")
    row = find_row(
        content, "Khen thưởng", **{"Hình thức khen thưởng": "Lao động tiên tiến cấp Quận"}
    )
    individuals = column(content, "Khen thưởng", "Cá nhân")
    new = row + 100
    changed = edit(
        content,
        {
            "Khen thưởng": {
                f"{individuals}{row}": "2.100",
                f"A{new}": 2022,
                f"D{new}": 3,
                f"{column(content, 'Khen thưởng', 'Mã hình thức')}{new}": "gk-ubndq",
                f"{column(content, 'Khen thưởng', 'Mã đơn vị')}{new}": "P-DAIKIM",
            },
            "Chỉ tiêu": {
                f"H{find_row(content, 'Chỉ tiêu', **{'Mã chỉ tiêu': 'VHXH-HIEN-MAU'})}": 4600
            },
        },
    )
    answer = await send_file(app, "sua.xlsx", changed)
    assert answer.text.splitlines()[:4] == [
        "Đã nhập tệp sua.xlsx: thêm 1, cập nhật 2.",
        "• Danh mục đơn vị: thêm 0, cập nhật 0, không đổi 21.",
        "• Khen thưởng: thêm 1, cập nhật 1, không đổi 16.",
        "• Chỉ tiêu: thêm 0, cập nhật 1, không đổi 23.",
    ]
    table = await ask(app, "/khenthuong 2022")
    assert "Lao động tiên tiến cấp Quận: 2.100 cá nhân" in table
    assert "492 lượt tập thể (9 đột xuất)" in table
    assert "Hiến máu tình nguyện: 4.600/3.000" in await ask(app, "/chitieu 2022")
    # The row typed without a line code gets the same generated code the second time.
    again = await send_file(app, "sua.xlsx", changed)
    assert "không có gì thay đổi" in again.text
    ward = await ask(app, "/khenthuong 2022 P-DAIKIM")
    assert "3 lượt tập thể" in ward


async def test_csv_import_reads_vietnamese_numbers(app: App) -> None:
    content = await exported(app, "/xuat 2022")
    ws = load_workbook(io.BytesIO(content))["Khen thưởng"]
    lines: list[str] = []
    for values in ws.iter_rows(values_only=True):
        cells = []
        for v in values:
            if isinstance(v, int) and v > 999 and v < 100_000 and len(lines) > 0:
                cells.append(f"{v // 1000}.{v % 1000:03d}")
            else:
                cells.append("" if v is None else str(v))
        lines.append(";".join(f'"{c}"' if ";" in c else c for c in cells))
    csv_bytes = ("\ufeff" + "\n".join(lines)).encode()
    assert b"2.054" in csv_bytes
    answer = await send_file(app, "khenthuong.csv", csv_bytes)
    assert "không có gì thay đổi" in answer.text, answer.text
    bad = csv_bytes.replace(b"2.054", b"hai ngh\xc3\xacn")
    answer = await send_file(app, "khenthuong.csv", bad)
    assert "phải là số, ô đang chứa chữ 'hai nghìn'" in answer.text
    assert "khenthuong.csv!F" in answer.text


async def test_csv_import_refuses_a_dot_that_could_mean_thousands(app: App) -> None:
    # A CSV written by an English-locale tool: 742.042 (tỷ đồng) would read as 742042.
    content = await exported(app, "/xuat 2022")
    ws = load_workbook(io.BytesIO(content))["Chỉ tiêu"]
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    for values in ws.iter_rows(values_only=True):
        writer.writerow("" if v is None else str(v) for v in values)
    csv_bytes = text.getvalue().encode()
    assert b";742.042;" in csv_bytes
    refused = await send_file(app, "chitieu.csv", csv_bytes)
    assert (
        "Kế hoạch '742.042' không rõ: nếu là 742042 thì viết 742042, "
        "nếu là số thập phân thì viết 742,042." in refused.text
    )
    answer = await send_file(app, "chitieu.csv", csv_bytes.replace(b";742.042;", b";742,042;"))
    assert "không có gì thay đổi" in answer.text, answer.text


async def test_bad_files_are_refused_whole_with_cell_addresses(app: App) -> None:
    content = await exported(app, "/xuat 2022")
    before = await counts(app)
    individuals = column(content, "Khen thưởng", "Cá nhân")
    row = find_row(
        content, "Khen thưởng", **{"Hình thức khen thưởng": "Lao động tiên tiến cấp Quận"}
    )

    async def problems(name: str, data: bytes) -> str:
        reply = await send_file(app, name, data)
        assert reply.image is None and reply.title is None
        return reply.text

    text = await problems(
        "a.xlsx", edit(content, {"Khen thưởng": {f"{individuals}1": "Cá nhân X"}})
    )
    assert f"Khen thưởng!{individuals}1: cột 'Cá nhân X' không có trong mẫu" in text
    assert "Khen thưởng!A1: thiếu cột 'Cá nhân' (trang Khen thưởng)." in text
    assert text.startswith("Tệp a.xlsx có 2 lỗi nên chưa ghi gì")

    text = await problems(
        "b.xlsx",
        edit(
            content,
            {
                "Khen thưởng": {
                    f"{individuals}{row}": "nhiều",
                    f"{column(content, 'Khen thưởng', 'Mã đơn vị')}2": "P-KHONGCO",
                    f"{column(content, 'Khen thưởng', 'Mã hình thức')}3": "KHONGCO",
                },
                "Chỉ tiêu": {"A2": "năm nay"},
            },
        ),
    )
    assert (
        f"• Khen thưởng!{individuals}{row}: Số cá nhân phải là số, ô đang chứa chữ 'nhiều'." in text
    )
    assert "• Chỉ tiêu!A2: Năm phải là số, ô đang chứa chữ 'năm nay'." in text

    # Codes are checked once the cells are right.
    text = await problems(
        "c.xlsx",
        edit(
            content,
            {
                "Khen thưởng": {
                    f"{column(content, 'Khen thưởng', 'Mã đơn vị')}2": "P-KHONGCO",
                    f"{column(content, 'Khen thưởng', 'Mã hình thức')}3": "KHONGCO",
                }
            },
        ),
    )
    assert "Khen thưởng!N2: không có đơn vị mã 'P-KHONGCO' (xem /donvi)." in text
    assert "Khen thưởng!L3: không có hình thức khen thưởng mã 'KHONGCO'." in text

    book = load_workbook(io.BytesIO(content))
    ws = book["Khen thưởng"]
    ws.append([c.value for c in ws[row]])
    duplicate = io.BytesIO()
    book.save(duplicate)
    text = await problems("d.xlsx", duplicate.getvalue())
    last = ws.max_row
    assert f"Khen thưởng!M{last}: dòng trùng với dòng {row} (cùng mã dòng HM-2022-11)." in text

    assert "e.xlsx: tệp rỗng, không có dữ liệu." in await problems("e.xlsx", b"")
    headers_only = Workbook()
    sheet = headers_only.active
    assert sheet is not None
    sheet.title = "Khen thưởng"
    sheet.append([c.value for c in ws[1]])
    only = io.BytesIO()
    headers_only.save(only)
    assert "f.xlsx: tệp không có dòng dữ liệu nào" in await problems("f.xlsx", only.getvalue())

    started = time.perf_counter()
    text = await problems("g.xlsx", b"\0" * (50 * 1024 * 1024))
    assert time.perf_counter() - started < 1.0
    assert "g.xlsx: tệp nặng 50 MB, vượt giới hạn 5 MB." in text

    assert "h.xlsx: không phải tệp Excel .xlsx hợp lệ" in await problems("h.xlsx", b"%PDF-1.4 ...")
    assert "chỉ nhận tệp Excel .xlsx hoặc .csv (tệp này là '.xls')" in await problems(
        "i.xls", b"\xd0\xcf\x11\xe0"
    )
    assert "không nhận ra bảng này" in await problems("j.csv", b"a;b;c\n1;2;3\n")

    refused = await send_file(app, "thidua.xlsx", content, admin=False)
    assert refused.refused
    assert refused.text.startswith("Tệp không được nhập vì có dòng ngoài phạm vi quyền của bạn")
    assert "Chưa có tệp." in await ask(app, "/nhap")
    # Only the refusal itself is recorded, in the audit log.
    assert await counts(app) == {**before, "AuditEntry": before["AuditEntry"] + 1}


def test_numbers_written_by_hand_or_any_excel_locale() -> None:
    assert number_text("2.054") == 2054
    assert number_text("2,054") == 2054
    assert number_text("4.670,8") == number_text("4,670.8") == number_text("4670.8")
    assert str(number_text("105.29")) == "105.29"
    assert str(number_text("1,5")) == "1.5"
    assert number_text("nhiều") is None
