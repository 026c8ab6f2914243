"""Texts of the spreadsheet import (/nhap, `thidua import`): refusals, cell problems, the summary.

A problem is told after its cell (`Khen thưởng!D5: …`); the functions here give what follows.
"""

from __future__ import annotations

from bot.domain import vn
from bot.domain.texts.formats import count

BUSY = (
    "Thi Đua Bot đang nhập một tệp khác. Chưa có gì từ tệp {filename} được ghi; "
    "hãy đợi ít phút rồi gửi lại."
)


def rejected_one(filename: str, problem: str) -> str:
    """A file refused for one problem."""
    return f"Tệp {filename} có 1 lỗi nên chưa ghi gì vào cơ sở dữ liệu: {problem}"


def rejected_many(filename: str, count: int) -> str:
    """Above the list of a refused file's problems."""
    return f"Tệp {filename} có {vn.number(count)} lỗi nên chưa ghi gì vào cơ sở dữ liệu:"


PROBLEMS = "lỗi"
"""What the "and N more" line counts."""


def imported(filename: str, added: int, updated: int) -> str:
    """The summary's first line."""
    return f"Đã nhập tệp {filename}: thêm {vn.number(added)}, cập nhật {vn.number(updated)}."


def unchanged(filename: str) -> str:
    """The summary of a file that changes nothing."""
    return f"Đã đọc tệp {filename}: dữ liệu giống hệt cơ sở dữ liệu, không có gì thay đổi."


def sheet_counts(title: str, added: int, updated: int, same: int) -> str:
    """One sheet's line of the summary."""
    return (
        f"• {title}: thêm {vn.number(added)}, cập nhật {vn.number(updated)}, "
        f"không đổi {vn.number(same)}"
    )


def progress_counts(updated: int) -> str:
    """After the tasks sheet's line: progress updates."""
    return f"; tiến độ cập nhật {vn.number(updated)}"


def default_source(filename: str) -> str:
    """The source recorded on rows imported without one."""
    return f"Nhập từ tệp {filename}"


# The file as a whole.


def empty_file(filename: str) -> str:
    """A file of zero bytes."""
    return f"{filename}: tệp rỗng, không có dữ liệu."


def heavy_file(filename: str, mb: str, limit: int) -> str:
    """A file over the size limit."""
    return (
        f"{filename}: tệp nặng {mb} MB, vượt giới hạn {count(limit)} MB. "
        "Hãy chia thành nhiều tệp nhỏ hơn."
    )


NO_SUFFIX = "không có đuôi"


def wrong_type(filename: str, suffix: str) -> str:
    """A file neither .xlsx nor .csv."""
    return f"{filename}: chỉ nhận tệp Excel .xlsx hoặc .csv (tệp này là '{suffix}')."


def no_rows(filename: str) -> str:
    """A file with headers only."""
    return f"{filename}: tệp không có dòng dữ liệu nào (chỉ có tiêu đề hoặc trống)."


def too_many_rows(name: str, limit: int) -> str:
    """A sheet or CSV longer than the row limit."""
    return f"{name}: quá {vn.number(limit)} dòng, hãy chia nhỏ tệp."


def csv_encoding(filename: str) -> str:
    """A CSV not saved as UTF-8."""
    return f"{filename}: tệp CSV phải lưu với bảng mã UTF-8 (Excel: CSV UTF-8)."


def csv_broken(filename: str, reason: object) -> str:
    """A CSV the reader cannot split into fields."""
    return f"{filename}: tệp CSV sai định dạng ({reason})."


def not_xlsx(filename: str) -> str:
    """A file that is not a readable workbook."""
    return f"{filename}: không phải tệp Excel .xlsx hợp lệ (không mở được như bảng tính)."


def too_big(filename: str, what: str) -> str:
    """A workbook larger than any real office file."""
    return (
        f"{filename}: tệp có {what}, nhiều hơn một tệp số liệu thật nên không được đọc. "
        "Hãy chia thành nhiều tệp nhỏ hơn."
    )


def zip_parts(count: int) -> str:
    """Too many members in the .xlsx archive."""
    return f"{vn.number(count)} phần nén"


def unzipped(mb: str, limit: int) -> str:
    """Too much data once inflated."""
    return f"{mb} MB dữ liệu khi giải nén (giới hạn {count(limit)} MB)"


def shared_strings(limit: int) -> str:
    """Too many distinct texts."""
    return f"hơn {vn.number(limit)} đoạn chữ khác nhau"


def sheet_rows(limit: int) -> str:
    """Too many rows on one sheet."""
    return f"một trang hơn {vn.number(limit)} dòng"


def cells(limit: int) -> str:
    """Too many cells."""
    return f"hơn {vn.number(limit)} ô"


# Sheets and their columns.


def unknown_table(titles: str) -> str:
    """A sheet whose headers match no sheet of the template."""
    return (
        "không nhận ra bảng này: tiêu đề cột không khớp mẫu xuất của bot "
        f"(các trang: {titles}). Hãy xuất mẫu bằng /xuat rồi điền vào."
    )


def unknown_column(value: object, title: str) -> str:
    """A column the sheet's template does not have."""
    return f"cột '{value}' không có trong mẫu của trang {title}."


def repeated_column(value: object) -> str:
    """A column given twice."""
    return f"cột '{value}' lặp lại."


def missing_column(header: str, title: str) -> str:
    """A required column the sheet lacks."""
    return f"thiếu cột '{header}' (trang {title})."


def duplicate(line: str, what: str) -> str:
    """A row that repeats an earlier one."""
    return f"dòng trùng với dòng {line} ({what})."


def same_unit(code: str) -> str:
    """Why two unit rows are the same."""
    return f"cùng mã đơn vị {code}"


def same_line(key: str) -> str:
    """Why two award rows are the same."""
    return f"cùng mã dòng {key}"


def same_record(key: str) -> str:
    """Why two record rows are the same."""
    return f"cùng mã bản ghi {key}"


def same_task(code: str, unit: str | None) -> str:
    """Why two task rows are the same."""
    return f"cùng nhiệm vụ {code}, đơn vị {unit or 'trống'}"


def same_indicator(code: str, year: int) -> str:
    """Why two indicator rows are the same."""
    return f"cùng chỉ tiêu {code} năm {year}"


def same_code(code: str) -> str:
    """Why two day rows are the same."""
    return f"cùng mã {code}"


TASK_SAME = (("year", "năm"), ("title", "tên nhiệm vụ"), ("deadline", "hạn"))
"""What every row of one task must repeat, field and name."""


def task_differs(what: str, code: str, line: str) -> str:
    """A task's row that says otherwise than its first row."""
    return f"{what} của {code} khác với dòng {line}."


# Codes that must exist.


def no_unit(code: str) -> str:
    """A unit code not in the tree."""
    return f"không có đơn vị mã '{code}' (xem /donvi)."


def no_form(code: str) -> str:
    """An award form code not in the list."""
    return f"không có hình thức khen thưởng mã '{code}'."


def form_not_for(form: str, kind: str) -> str:
    """An award form given to a recipient kind it does not apply to."""
    return f"{form} không áp dụng cho {vn.RECIPIENT_LABELS[kind]}."


DOSSIER_DIFFERS = "năm, hình thức, đơn vị đề nghị hoặc lý do khác với dòng đầu của cùng hồ sơ."


def nominee_outside(name: str, unit: str) -> str:
    """A nominee outside the proposing unit's tree."""
    return f"{name} không thuộc đơn vị đề nghị {unit}."


MERGED_INTO_ITSELF = "đơn vị không thể gộp vào chính nó."


def unit_loop(code: str) -> str:
    """A unit whose parents lead back to it."""
    return f"đơn vị {code} nằm dưới chính nó (vòng lặp đơn vị cha)."


def unit_stopped(code: str | None, since: str, year: int) -> str:
    """Data for a year after its unit stopped."""
    return f"đơn vị '{code}' đã ngừng hoạt động từ {since} nên không nhận số liệu năm {year}."
