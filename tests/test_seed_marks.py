"""Seeding never overwrites the office: corrections by import, chat or restore stand."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import delete, select

from bot.app import App, seed
from bot.reports import cli
from bot.reports.sheets import INDICATORS
from storage.models import Indicator, SeedMark, Unit
from storage.seed import default_seed_files, describe
from tests.chat import ask
from tests.clock import FakeClock
from tests.test_backup import restored_copy

ARTICLE = "hoang-mai-2022-2023.yaml"


def indicator_csv(folder: Path, **changes: str) -> Path:
    """The 2022 budget revenue line as an import file, with `changes` by header."""
    values = {
        "Năm": "2022",
        "Nhóm": "Ngân sách",
        "Mã chỉ tiêu": "NS-TONG-THU",
        "Tên chỉ tiêu": "Tổng thu ngân sách",
        "Đơn vị tính": "tỷ đồng",
        "Thực hiện": "4.670,8",
        "Tỷ lệ so với kế hoạch (%)": "105,29",
        "Mã đơn vị": "HM",
        "Ghi chú": "Chi ngân sách đảm bảo các hoạt động của Quận.",
    } | changes
    headers = [c.header for c in INDICATORS.columns if not c.info and not c.optional]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headers)
    writer.writerow([values.get(h, "") for h in headers])
    path = folder / "chitieu.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def corrected(folder: Path) -> Path:
    """The office's correction of the 2022 budget revenue's percent of plan: 105,5."""
    return indicator_csv(folder, **{"Tỷ lệ so với kế hoạch (%)": "105,5"})


def seed_copy(folder: Path, replace: dict[str, str]) -> list[Path]:
    """The shipped seed files, with text replaced in the article's file."""
    paths = []
    for path in default_seed_files():
        if path.name == ARTICLE:
            text = path.read_text(encoding="utf-8")
            for old, new in replace.items():
                assert old in text
                text = text.replace(old, new)
            path = folder / ARTICLE
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


async def percent(app: App, code: str = "NS-TONG-THU") -> str:
    async with app.sessions() as session:
        row = await session.scalar(select(Indicator).where(Indicator.code == code))
    assert row is not None and row.percent is not None
    return format(row.percent.normalize(), "f")


async def test_an_imported_correction_survives_seeding(app: App, tmp_path: Path) -> None:
    assert await cli.import_file(app, corrected(tmp_path)) == 0
    assert "105,5% KH" in await ask(app, "/chitieu 2022")

    report = await seed(app)  # `thidua seed`, as on every start of the stack

    assert await percent(app) == "105.5"
    assert "105,5% KH" in await ask(app, "/chitieu 2022")
    assert report.kept_edited == ["indicators:2022/NS-TONG-THU"]
    assert (report.added, report.updated) == (0, 0)
    text = describe(report)
    assert "Giữ nguyên 1 bản ghi đã được sửa bằng lệnh, tệp nhập hoặc bản khôi phục" in text
    assert "chỉ tiêu 2022/NS-TONG-THU" in text


async def test_a_changed_seed_file_moves_untouched_records_only(app: App, tmp_path: Path) -> None:
    await cli.import_file(app, corrected(tmp_path))
    folder = tmp_path / "seeds"
    folder.mkdir()
    # The shipped file corrects both the office's line and one the office never touched.
    paths = seed_copy(
        folder, {'percent: "105.29"': 'percent: "105.3"', 'actual: "1539"': 'actual: "1540"'}
    )

    report = await seed(app, paths)

    assert report.updated == 1
    assert report.kept_edited == ["indicators:2022/NS-TONG-THU"]
    assert await percent(app) == "105.5"
    async with app.sessions() as session:
        permits = await session.scalar(select(Indicator).where(Indicator.code == "QLDT-GPXD"))
    assert permits is not None and str(permits.actual) == "1540"
    again = await seed(app, paths)
    assert (again.updated, again.added) == (0, 0), "the seed owns the permits line still"


async def test_a_correction_restored_from_a_backup_survives_seeding(
    app: App, empty_db_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    await cli.import_file(app, corrected(tmp_path))
    target, _, _ = await restored_copy(app, empty_db_url, clock, tmp_path)
    try:
        report = await seed(target)
        kept = await percent(target)
        answer = await ask(target, "/chitieu 2022")
    finally:
        await target.close()
    assert report.kept_edited == ["indicators:2022/NS-TONG-THU"]
    assert kept == "105.5"
    assert "105,5% KH" in answer


async def test_a_unit_renamed_in_chat_keeps_its_name(app: App) -> None:
    renamed = await ask(app, "/donvi sua P-DAIKIM ten Phường Đại Kim (cũ)")
    assert renamed.startswith("Đã đổi tên đơn vị P-DAIKIM"), renamed

    report = await seed(app)

    assert report.kept_edited == ["units:P-DAIKIM"]
    async with app.sessions() as session:
        unit = await session.scalar(select(Unit).where(Unit.code == "P-DAIKIM"))
    assert unit is not None and unit.name == "Phường Đại Kim (cũ)"


async def test_records_from_before_marks_are_adopted_or_left_alone(
    app: App, tmp_path: Path
) -> None:
    await cli.import_file(app, corrected(tmp_path))
    async with app.sessions() as session, session.begin():
        await session.execute(delete(SeedMark))  # a database seeded by an earlier release

    report = await seed(app)

    assert report.kept_unmarked == ["indicators:2022/NS-TONG-THU"]
    assert await percent(app) == "105.5"
    assert "có từ trước khi bot ghi dấu nạp mẫu" in describe(report)
    again = await seed(app)
    assert again.kept_unmarked == ["indicators:2022/NS-TONG-THU"]
    assert again.unchanged == report.unchanged, "the others now carry marks"
