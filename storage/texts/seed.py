"""Texts of `thidua seed`: problems found in a seed file, the summary of a load."""

from __future__ import annotations

from typing import Any

# Problems, each after `file:line: `.
EMPTY_FILE = "tệp rỗng"
NOT_SECTIONS = "tệp phải gồm các mục như units:, awards: ở đầu dòng"
PARENT_UNIT = "đơn vị cha"
UNIT = "đơn vị"
AWARD_FORM = "hình thức khen thưởng"
NO_FIGURE = "cần ít nhất một trong hai: actual hoặc percent"
MET_OVER_TOTAL = "targets_met lớn hơn targets_total"
INVALID_VALUE = "giá trị không hợp lệ"

VALIDATION_ERRORS = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được phép (viết sai tên?)",
    "int_parsing": "phải là số nguyên",
    "decimal_parsing": "phải là số (dạng 4670.8)",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "literal_error": INVALID_VALUE,
    "string_pattern_mismatch": "mã chỉ gồm chữ không dấu, số, '-', '_' hoặc '.'",
    "string_type": "phải là chữ",
    "string_too_long": "quá dài",
    "string_too_short": "không được để trống",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "decimal_type": "phải là số",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là có hoặc không (true/false)",
    "bool_type": "phải là có hoặc không (true/false)",
    "list_type": "phải là một danh sách (mỗi mục bắt đầu bằng '- ')",
    "dict_type": "phải là một mục có các trường con",
    "model_type": "phải là một mục có các trường con",
    "greater_than_equal": "nhỏ hơn mức cho phép",
    "less_than_equal": "lớn hơn mức cho phép",
}
"""pydantic's validation errors by kind, as the seed file's author reads them."""


def with_input(text: str, value: Any) -> str:
    """A validation problem followed by the value the file gave."""
    return f"{text} (nhận được {value!r})"


def unreadable(reason: str) -> str:
    """A seed file that cannot be read."""
    return f"không đọc được tệp ({reason})"


def yaml_syntax(line: int, column: int | None) -> str:
    """A seed file that is not valid YAML; the parser's own words go to the log."""
    where = f", cột {column}" if column is not None else ""
    return (
        f"YAML sai cú pháp ở dòng {line}{where}: kiểm tra dấu hai chấm, "
        "dấu ngoặc, dấu nháy và thụt lề của dòng này và dòng ngay trên."
    )


def missing_reference(what: str, code: str) -> str:
    """A code that names no record of its kind; `what` is the kind (UNIT, AWARD_FORM…)."""
    return f"{what} '{code}' không tồn tại"


def duplicate_code(code: str, first: str) -> str:
    """A code given twice; `first` is the `file:line` where it was first."""
    return f"mã '{code}' trùng với {first}"


def parent_loop(codes: list[str]) -> str:
    """Units whose parents form a loop."""
    return f"vòng lặp đơn vị cha: {', '.join(codes)}"


def no_such_day(day: int, month: int) -> str:
    """A commemoration on a day its month does not have."""
    return f"ngày {day} không có trong tháng {month}"


def count_not_positive(label: str, kind: str) -> str:
    """A count of award recipients that is zero or less; `label` names `kind`."""
    return f"số lượng {label} ({kind}) phải lớn hơn 0"


def ad_hoc_over_total(kind: str) -> str:
    """More ad hoc awards than awards of a recipient kind."""
    return f"số khen đột xuất của {kind} lớn hơn tổng số"


# The summary of a load.
TABLE_WORDS = {
    "units": "đơn vị",
    "award_forms": "hình thức khen thưởng",
    "commemorations": "sự kiện",
    "documents": "văn bản",
    "indicators": "chỉ tiêu",
    "scorecards": "kết quả chỉ tiêu",
    "award_records": "dòng khen thưởng",
    "tasks": "nhiệm vụ",
}
"""What each seeded table's records are, before their codes."""


def and_more(count: int) -> str:
    """The records a list of codes leaves out."""
    return f" và {count} bản ghi khác"


def loaded(files: int, added: int, updated: int, unchanged: int, skipped: int) -> str:
    """The first line of the summary."""
    skipped_text = f", bỏ qua {skipped} bản ghi đã bị xóa bằng lệnh /xoa" if skipped else ""
    return (
        f"Đã nạp {files} tệp: thêm {added}, cập nhật {updated}, "
        f"không đổi {unchanged} bản ghi{skipped_text}."
    )


def kept_edited(count: int, named: str) -> str:
    """Records left as the office changed them after the last load."""
    return (
        f"Giữ nguyên {count} bản ghi đã được sửa bằng lệnh, tệp nhập hoặc "
        f"bản khôi phục sau lần nạp mẫu trước ({named})."
    )


def kept_unmarked(count: int, named: str) -> str:
    """Records from before seed marks that differ from the seed, left alone."""
    return (
        f"Giữ nguyên {count} bản ghi có từ trước khi bot ghi dấu nạp mẫu "
        f"và khác với tệp mẫu, vì có thể đã được sửa ({named})."
    )
