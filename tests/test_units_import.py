"""The unit sheet on import (.xlsx or .csv, chat or `thidua import`): adds and changes applied."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from bot.app import App
from bot.core.messages import Attachment, Incoming, Reply
from bot.reports import cli
from storage.models import Unit
from tests.chat import ask
from tests.roles_unit_writes import award_csv

HEADER = "Mã;Tên đơn vị;Loại;Mã đơn vị cha;Ngừng từ ngày;Gộp vào đơn vị"
REFORM = "\n".join(
    [
        HEADER,
        "P-HOANGLIET-2025;Phường Hoàng Liệt;phường;HN;;",
        "P-HOANGLIET;Phường Hoàng Liệt (trước 2025);xã/phường;HM;01/07/2025;P-HOANGLIET-2025",
        "P-THINHLIET;Phường Thịnh Liệt;phường;HM;01/07/2025;P-HOANGLIET-2025",
        "TH-HL;Trường Tiểu học Hoàng Liệt;Trường học;P-HOANGLIET-2025;;",
    ]
)


async def send(app: App, name: str, content: bytes, *, user_id: str = "9001") -> Reply:
    reply = await app.core.handle(
        Incoming(
            platform="telegram",
            chat_id="office",
            user_id=user_id,
            user_name="Người thử",
            chat_type="group",
            text="/nhap",
            attachment=Attachment(name, content),
        )
    )
    assert reply is not None
    return reply


async def units(app: App) -> dict[str, Unit]:
    async with app.sessions() as session:
        return {u.code: u for u in (await session.scalars(select(Unit))).all()}


async def test_a_csv_of_units_loads_the_reform(app: App, tmp_path: Path) -> None:
    await ask(app, "/themkhenthuong 2022 LDTT cá nhân 7 P-THINHLIET")
    path = tmp_path / "donvi.csv"
    path.write_text(REFORM, encoding="utf-8")

    assert await cli.import_file(app, path) == 0  # `thidua import donvi.csv`

    found = await units(app)
    new = found["P-HOANGLIET-2025"]
    assert (new.kind, found["TH-HL"].kind, found["TH-HL"].parent_id) == (
        "commune",
        "school",
        new.id,
    )
    old = found["P-HOANGLIET"]
    assert (old.name, old.merged_into_id, old.parent_id) == (
        "Phường Hoàng Liệt (trước 2025)",
        new.id,
        new.id,
    )
    assert "7 cá nhân" in await ask(app, "/khenthuong 2022 P-HOANGLIET-2025")
    tree = await ask(app, "/donvi")
    assert (
        "• P-THINHLIET — Phường Thịnh Liệt (xã/phường; gộp vào P-HOANGLIET-2025 từ 01/07/2025)"
        in tree
    )
    again = await send(app, "donvi.csv", REFORM.encode())
    assert again.text.startswith("Đã đọc tệp donvi.csv: dữ liệu giống hệt cơ sở dữ liệu")
    late = award_csv("P-THINHLIET", "LATE-1").replace(b"2025", b"2026")
    refused = await send(app, "khen.csv", late)
    assert (
        "đơn vị 'P-THINHLIET' đã ngừng hoạt động từ 01/07/2025 nên không nhận số liệu năm 2026"
        in refused.text
    )


async def test_a_new_row_in_the_exported_unit_sheet_is_added(app: App) -> None:
    exported = await ask_file(app)
    book = load_workbook(io.BytesIO(exported))
    sheet = book["Danh mục đơn vị"]
    sheet.append(["TH-DK", "Trường Tiểu học Đại Kim", "trường học", "P-DAIKIM"])
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "P-GIAPBAT":
            row[1].value = "Phường Giáp Bát mới"
    out = io.BytesIO()
    book.save(out)

    answer = await send(app, "sua.xlsx", out.getvalue())

    assert "• Danh mục đơn vị: thêm 1, cập nhật 1, không đổi 20." in answer.text, answer.text
    found = await units(app)
    assert found["TH-DK"].parent_id == found["P-DAIKIM"].id
    assert found["P-GIAPBAT"].name == "Phường Giáp Bát mới"


async def test_unit_rows_need_an_office_administrator(app: App) -> None:
    await ask(app, "/quyen them donvi P-DAIKIM telegram:321", platform="telegram")
    content = f"{HEADER}\nTH-DK;Trường Tiểu học Đại Kim;trường học;P-DAIKIM;;".encode()
    answer = await send(app, "donvi.csv", content, user_id="321")
    assert answer.refused
    assert answer.text.startswith("Tệp không được nhập vì có dòng ngoài phạm vi")
    assert "TH-DK" not in await units(app)


async def test_bad_unit_rows_are_told_by_cell(app: App) -> None:
    kind = await send(app, "donvi.csv", f"{HEADER}\nX-1;Đơn vị lạ;hành tinh;HM;;".encode())
    assert "donvi.csv!C2: loại 'hành tinh' không có. Các loại: tỉnh/thành phố, xã/phường" in (
        kind.text
    )
    content = "\n".join(
        [HEADER, "X-2;Đơn vị con;khác;KHONGCO;;", "HM;Quận Hoàng Mai;quận;P-DAIKIM;;"]
    ).encode()
    answer = await send(app, "donvi.csv", content)
    assert "donvi.csv!D2: không có đơn vị mã 'KHONGCO' (xem /donvi)." in answer.text
    assert "donvi.csv!D3: đơn vị HM nằm dưới chính nó (vòng lặp đơn vị cha)." in answer.text


async def ask_file(app: App) -> bytes:
    reply = await app.core.handle(
        Incoming(
            platform="telegram",
            chat_id="office",
            user_id="9001",
            user_name="Người thử",
            chat_type="group",
            text="/xuat",
        )
    )
    assert reply is not None and reply.document is not None
    return reply.document.content


async def test_named_records_and_dossiers_of_a_stopped_unit_are_refused(app: App) -> None:
    from tests.test_reports_excel import edit, exported, send_file

    assert (await send(app, "donvi.csv", REFORM.encode())).text.startswith("Đã nhập tệp")
    content = await exported(app, "/xuat 2022")
    record: dict[str, str | int] = {"A2": 2026, "B2": "LDTT", "D2": "cá nhân", "E2": "Vũ Văn Hải"}
    record["G2"] = "P-THINHLIET"
    dossier: dict[str, str | int] = {"B2": 2026, "C2": "GK-UBNDQ", "D2": "P-THINHLIET", "E2": "Tốt"}
    dossier |= {"F2": "cá nhân", "G2": "Đỗ Văn Khải", "H2": "Trưởng thôn"}
    for sheet, row in (("Bản ghi khen thưởng", record), ("Hồ sơ đề nghị", dossier)):
        refused = await send_file(app, "late.xlsx", edit(content, {sheet: row}))
        assert (
            "đơn vị 'P-THINHLIET' đã ngừng hoạt động từ 01/07/2025 nên không nhận số liệu năm 2026"
            in refused.text
        ), (sheet, refused.text)
    assert "HS2026" not in await ask(app, "/hoso P-THINHLIET")
    assert "Không tìm thấy" in await ask(app, "/tim Vũ Văn Hải")
