"""The empty workbook of a year (/xuat mau, `thidua export --template`): filled in, it imports."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.codes import next_task_code
from bot.reports import sheets, workbook
from bot.reports.workbook import ExportData
from storage.queries import tasks


def guide_rows(year: int, next_code: str) -> list[dict[str, object]]:
    """How to fill each sheet, in the words of the sheets themselves."""
    return [
        {
            "sheet": "Chung",
            "how": f"Mẫu nhập số liệu năm {year}. Điền các trang rồi gửi tệp cho bot kèm chú "
            "thích /nhap (hoặc chạy thidua import TỆP). Bot kiểm tra hết trước khi ghi; có ô "
            "sai thì bot chỉ ra ô đó và chưa ghi gì. Trang để trống được bỏ qua.",
        },
        {
            "sheet": sheets.AWARDS.title,
            "how": f"Mỗi dòng: một hình thức khen thưởng của một đơn vị. Năm: {year}. Mã hình "
            f"thức: xem trang {sheets.FORMS_TITLE}. Mã đơn vị: xem trang {sheets.UNITS_TITLE}. "
            "Ghi số vào cột Tập thể, Cá nhân… Mã dòng để trống thì bot tự đặt.",
        },
        {
            "sheet": sheets.TASKS.title,
            "how": f"Mỗi dòng: một nhiệm vụ với một đơn vị thực hiện; nhiều đơn vị thì lặp lại "
            f"dòng với cùng mã. Năm: {year}. Mã nhiệm vụ tiếp theo còn trống: {next_code} (rồi "
            "tăng dần). Hạn: dd/mm/yyyy. Tiến độ (%) để trống nếu chưa có.",
        },
        {
            "sheet": sheets.INDICATORS.title,
            "how": f"Mỗi dòng: một chỉ tiêu năm {year}. Mã chỉ tiêu tự đặt (chữ không dấu, số, "
            "dấu -), giữ nguyên khi nhập lại để cập nhật. Kế hoạch, Thực hiện: số.",
        },
        {
            "sheet": sheets.COMMEMORATIONS.title,
            "how": "Chỉ điền khi có ngày kỷ niệm mới; các ngày đã có xem bằng /sukien.",
        },
    ]


async def template_data(
    session: AsyncSession, *, year: int, tz: ZoneInfo, today: dt.date
) -> ExportData:
    """The year's empty data sheets, the unit and form lists filled in, and how to fill them."""
    full = await workbook.export_data(session, year=year, tz=tz, today=today)
    blank = ExportData(year=year, forms=full.forms)
    for spec in sheets.DATA_SHEETS:
        blank.rows[spec.kind] = []
    # The unit sheet imports too: unchanged rows change nothing, new rows add units.
    blank.rows[sheets.UNITS.kind] = full.rows[sheets.UNITS.kind]
    next_code = next_task_code(year, await tasks.year_codes(session, year))
    blank.guide = guide_rows(year, next_code)
    return blank
