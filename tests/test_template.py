"""The empty workbook of a year: units filled in, and once filled it imports (chat and CLI)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.app import App
from bot.core.messages import Attachment, Incoming, Reply
from bot.reports import cli
from tests.chat import ask, ask_reply


def fill(content: bytes, rows: dict[str, list[dict[str, object]]]) -> bytes:
    """The workbook with rows appended under the given headers of each sheet."""
    book = load_workbook(io.BytesIO(content))
    for sheet, values in rows.items():
        ws = book[sheet]
        headers = [c.value for c in ws[1]]
        for row in values:
            ws.append([row.get(str(h)) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PLAN = {
    "Nhiệm vụ": [
        {
            "Năm": 2026,
            "Mã nhiệm vụ": "NV2026-01",
            "Tên nhiệm vụ": "Tổng kết năm",
            "Hạn": "15/12/2026",
            "Mã đơn vị": "P-DAIKIM",
        },
        {
            "Năm": 2026,
            "Mã nhiệm vụ": "NV2026-01",
            "Tên nhiệm vụ": "Tổng kết năm",
            "Hạn": "15/12/2026",
            "Mã đơn vị": "P-GIAPBAT",
        },
    ],
    "Khen thưởng": [{"Năm": 2026, "Mã hình thức": "LDTT", "Cá nhân": 12, "Mã đơn vị": "P-DAIKIM"}],
    "Chỉ tiêu": [
        {
            "Năm": 2026,
            "Nhóm": "Kinh tế",
            "Mã chỉ tiêu": "THU-NS",
            "Tên chỉ tiêu": "Thu ngân sách",
            "Đơn vị tính": "tỷ đồng",
            "Kế hoạch": 100,
            "Thực hiện": 96,
        }
    ],
}


async def send_file(app: App, filename: str, content: bytes) -> Reply:
    reply = await app.core.handle(
        Incoming(
            platform="console",
            chat_id="local",
            user_id="1",
            user_name="Người thử",
            text="/nhap",
            is_platform_admin=True,
            attachment=Attachment(filename, content),
        )
    )
    assert reply is not None
    return reply


async def test_the_template_of_this_year_imports_back(app: App) -> None:
    reply = await ask_reply(app, "/xuat mau")
    assert reply.document is not None, reply.plain()
    assert reply.document.filename == "thidua-mau-2026.xlsx"
    assert reply.document.caption.startswith("Mẫu nhập số liệu năm 2026: trang Hướng dẫn")
    book = load_workbook(io.BytesIO(reply.document.content))
    assert book.sheetnames[:5] == [
        "Hướng dẫn",
        "Khen thưởng",
        "Nhiệm vụ",
        "Chỉ tiêu",
        "Ngày kỷ niệm",
    ]
    assert "Bản in khen thưởng" not in book.sheetnames
    for sheet in ("Khen thưởng", "Nhiệm vụ", "Chỉ tiêu", "Ngày kỷ niệm"):
        assert book[sheet].max_row == 1, f"{sheet} has only its headers"
    units = [r[0] for r in book["Danh mục đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert "P-DAIKIM" in units and len(units) > 10
    guide = "\n".join(str(r[1]) for r in book["Hướng dẫn"].iter_rows(min_row=2, values_only=True))
    assert "Mã nhiệm vụ tiếp theo còn trống: NV2026-01" in guide

    blank = await send_file(app, "thidua-mau-2026.xlsx", reply.document.content)
    assert "dữ liệu giống hệt cơ sở dữ liệu, không có gì thay đổi" in blank.text

    done = await send_file(app, "thidua-mau-2026.xlsx", fill(reply.document.content, PLAN))
    assert done.text.startswith("Đã nhập tệp thidua-mau-2026.xlsx: thêm 3"), done.text
    tasks = await ask(app, "/nhiemvu")
    assert tasks.startswith("Nhiệm vụ thi đua năm 2026 (1 nhiệm vụ)")
    assert "Hạn: 15/12/2026 · Tiến độ chung: 0% (2 đơn vị thực hiện)" in tasks
    assert "Lao động tiên tiến cấp Quận: 12 cá nhân" in await ask(app, "/khenthuong")
    assert "Thu ngân sách: 96/100 tỷ đồng" in await ask(app, "/chitieu")
    assert (await ask(app, "/themnhiemvu 20/12/2026 Báo cáo HM")).startswith(
        "Đã thêm nhiệm vụ NV2026-02"
    )


async def test_a_template_for_a_named_year_and_from_the_command_line(
    app: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    named = await ask_reply(app, "/xuat mau 2027")
    assert named.document is not None and named.document.filename == "thidua-mau-2027.xlsx"
    assert "Thừa tham số" in await ask(app, "/xuat 2022 2023")
    path = tmp_path / "mau.xlsx"
    assert await cli.template_file(app, path, None) == 0
    assert f"Đã ghi mẫu nhập số liệu năm 2026 ra {path}" in capsys.readouterr().out
    path.write_bytes(fill(path.read_bytes(), PLAN))
    assert await cli.import_file(app, path) == 0
    assert "Nhiệm vụ: thêm 1" in capsys.readouterr().out
    assert "NV2026-01" in await ask(app, "/nhiemvu 2026")


async def test_the_export_labels_assumed_deadlines(app: App) -> None:
    reply = await ask_reply(app, "/xuat 2023")
    assert reply.document is not None
    ws = load_workbook(io.BytesIO(reply.document.content))["Nhiệm vụ"]
    headers = [c.value for c in ws[1]]
    notes = {
        (row[headers.index("Mã nhiệm vụ")], row[headers.index("Ghi chú về hạn")])
        for row in ws.iter_rows(min_row=2, values_only=True)
    }
    assert ("NV2023-01", "giả định (nguồn không nêu hạn)") in notes
    assert ("NV2023-03", None) in notes
