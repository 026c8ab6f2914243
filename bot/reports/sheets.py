"""The spreadsheet layout shared by the export and the import: sheets, columns, headers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.core import args as parse

ValueKind = Literal["text", "int", "year", "decimal", "date", "percent"]

AWARD_KINDS = ("collective", "individual", "household", "project")
KIND_HEADERS = {
    "collective": "Tập thể",
    "individual": "Cá nhân",
    "household": "Hộ gia đình",
    "project": "Công trình",
}
QUALIFIER_WORDS = {"over": "trên", "under": "dưới", "about": "khoảng"}
CALENDAR_WORDS = {"solar": "dương lịch", "lunar": "âm lịch"}
CATEGORY_WORDS = {"quoc_gia": "quốc gia", "nganh": "ngành", "dia_phuong": "địa phương"}
"""Commemoration kinds as the workbook shows them."""


@dataclass(frozen=True)
class Column:
    """A column: the field it holds, its Vietnamese header, its value kind and width."""

    field: str
    header: str
    kind: ValueKind = "text"
    width: int = 14
    info: bool = False
    """Written for people to read (names, labels); ignored by the import."""
    optional: bool = False
    """The import accepts a file without this column and then leaves the field unchanged."""


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of the workbook."""

    kind: str
    title: str
    what: str
    columns: tuple[Column, ...]

    def column(self, field: str) -> Column:
        """The column holding `field`."""
        return next(c for c in self.columns if c.field == field)

    def by_header(self) -> dict[str, Column]:
        """Columns by folded header, for matching a file's header row."""
        return {header_key(c.header): c for c in self.columns}


def header_key(text: str) -> str:
    """Headers match ignoring case, diacritics and spacing."""
    return " ".join(parse.fold(text).split())


def _award_count_columns() -> tuple[Column, ...]:
    columns: list[Column] = []
    for kind in AWARD_KINDS:
        columns.append(Column(kind, KIND_HEADERS[kind], "int", 12))
        columns.append(Column(f"{kind}_ad_hoc", f"{KIND_HEADERS[kind]} đột xuất", "int", 12))
    return tuple(columns)


AWARDS = SheetSpec(
    "awards",
    "Khen thưởng",
    "khen thưởng",
    (
        Column("year", "Năm", "year", 8),
        Column("level", "Cấp", info=True, width=22),
        Column("form_name", "Hình thức khen thưởng", info=True, width=44),
        *_award_count_columns(),
        Column("form", "Mã hình thức", width=14),
        Column("key", "Mã dòng", width=18),
        Column("unit", "Mã đơn vị", width=14),
        Column("recipient_name", "Người, tập thể được khen", width=30),
        Column("occasion", "Dịp khen thưởng", width=40),
        Column("occasion_date", "Ngày của dịp", "date", 14),
        Column("decision_number", "Số quyết định", width=16),
        Column("decision_date", "Ngày quyết định", "date", 14),
        Column("source", "Nguồn", optional=True, width=40),
        # Last, so the import's columns keep their letters in files made before these existed.
        Column("category", "Nhóm khen thưởng", info=True, width=24),
        Column("count_unit", "Đơn vị tính", info=True, width=12),
    ),
)

TASKS = SheetSpec(
    "tasks",
    "Nhiệm vụ",
    "nhiệm vụ",
    (
        Column("year", "Năm", "year", 8),
        Column("code", "Mã nhiệm vụ", width=14),
        Column("title", "Tên nhiệm vụ", width=60),
        Column("deadline", "Hạn", "date", 12),
        Column("unit", "Mã đơn vị", width=14),
        Column("unit_name", "Đơn vị", info=True, width=34),
        Column("percent", "Tiến độ (%)", "percent", 12),
        Column("note", "Ghi chú tiến độ", width=36),
        Column("updated_at", "Cập nhật lúc", info=True, width=18),
        Column("updated_by", "Người cập nhật", info=True, width=26),
        # Last, so the import's columns keep their letters in files made before it existed.
        Column("deadline_assumed", "Ghi chú về hạn", info=True, width=20),
    ),
)

INDICATORS = SheetSpec(
    "indicators",
    "Chỉ tiêu",
    "chỉ tiêu",
    (
        Column("year", "Năm", "year", 8),
        Column("group", "Nhóm", width=22),
        Column("code", "Mã chỉ tiêu", width=20),
        Column("name", "Tên chỉ tiêu", width=48),
        Column("measure", "Đơn vị tính", width=16),
        Column("qualifier", "Mức (trên, dưới, khoảng)", width=12),
        Column("plan", "Kế hoạch", "decimal", 14),
        Column("actual", "Thực hiện", "decimal", 14),
        Column("percent", "Tỷ lệ so với kế hoạch (%)", "decimal", 14),
        Column("verdict", "Đánh giá", info=True, width=12),
        Column("unit", "Mã đơn vị", width=12),
        Column("note", "Ghi chú", width=40),
        Column("source", "Nguồn", optional=True, width=40),
    ),
)

COMMEMORATIONS = SheetSpec(
    "commemorations",
    "Ngày kỷ niệm",
    "ngày kỷ niệm",
    (
        Column("code", "Mã", width=18),
        Column("title", "Tên ngày kỷ niệm", width=50),
        Column("calendar", "Lịch (dương lịch, âm lịch)", width=14),
        Column("day", "Ngày", "int", 8),
        Column("month", "Tháng", "int", 8),
        Column("origin_year", "Năm gốc", "year", 10),
        Column("category", "Loại", width=14),
        Column("unit", "Mã đơn vị", width=12),
        Column("description", "Mô tả", width=50),
        Column("source", "Nguồn", optional=True, width=40),
    ),
)

RECORDS = SheetSpec(
    "records",
    "Bản ghi khen thưởng",
    "bản ghi khen thưởng",
    (
        Column("year", "Năm", "year", 8),
        Column("form", "Mã hình thức", width=14),
        Column("form_name", "Hình thức khen thưởng", info=True, width=40),
        Column("kind", "Đối tượng (tập thể, cá nhân)", width=14),
        Column("name", "Họ tên, tên tập thể", width=30),
        Column("position", "Chức vụ", width=30),
        Column("unit", "Mã đơn vị", width=14),
        Column("unit_name", "Đơn vị", info=True, width=30),
        Column("occasion", "Dịp khen thưởng", width=30),
        Column("decision_number", "Số quyết định", width=16),
        Column("decision_date", "Ngày quyết định", "date", 14),
        Column("decision_level", "Cấp quyết định", width=30),
        Column("key", "Mã bản ghi", optional=True, width=14),
    ),
)
"""Named records, one person or collective a row (the awards sheet has the counts)."""

DOSSIERS = SheetSpec(
    "dossiers",
    "Hồ sơ đề nghị",
    "hồ sơ đề nghị khen thưởng",
    (
        Column("code", "Mã hồ sơ", optional=True, width=14),
        Column("year", "Năm", "year", 8),
        Column("form", "Mã hình thức", width=14),
        Column("unit", "Mã đơn vị đề nghị", width=16),
        Column("reason", "Lý do", width=40),
        Column("kind", "Đối tượng (tập thể, cá nhân)", width=14),
        Column("name", "Họ tên, tên tập thể", width=30),
        Column("position", "Chức vụ", width=30),
        Column("nominee_unit", "Mã đơn vị của người được đề nghị", width=16),
        Column("status", "Trạng thái", info=True, width=16),
        Column("decision", "Quyết định", info=True, width=30),
    ),
)
"""One nominee a row; rows with the same code (or, without one, the same year, form, unit and
reason) make one dossier. Only new dossiers are imported: the office moves them with /xulyhoso."""

DATA_SHEETS = (AWARDS, TASKS, INDICATORS, COMMEMORATIONS, RECORDS, DOSSIERS)

DOCUMENTS = SheetSpec(
    "documents",
    "Văn bản",
    "văn bản",
    (
        Column("code", "Mã", width=18),
        Column("number", "Số, ký hiệu", width=16),
        Column("issued_on", "Ngày ban hành", "date", 14),
        Column("issuer", "Cơ quan ban hành", width=30),
        Column("title", "Trích yếu", width=60),
        Column("source", "Nguồn", width=40),
    ),
)
"""The documents the data cites: written for reading, not imported."""

GUIDE = SheetSpec(
    "guide",
    "Hướng dẫn",
    "hướng dẫn",
    (Column("sheet", "Trang", width=16), Column("how", "Cách điền", width=60)),
)
"""The first sheet of an empty workbook (/xuat mau): written for people, not imported."""

UNITS_TITLE = "Danh mục đơn vị"
UNITS = SheetSpec(
    "units",
    UNITS_TITLE,
    "đơn vị",
    (
        # The first four headers are those of earlier exports, so their files import too.
        Column("code", "Mã", width=16),
        Column("name", "Tên đơn vị", width=44),
        Column("kind", "Loại", width=18),
        Column("parent", "Mã đơn vị cha", width=16),
        Column("retired_on", "Ngừng từ ngày", "date", 14, optional=True),
        Column("merged_into", "Gộp vào đơn vị", width=16, optional=True),
    ),
)
"""The unit tree: imported first, so the other sheets' rows may name units it adds."""
IMPORT_SHEETS = (UNITS, *DATA_SHEETS)
FORMS_TITLE = "Danh mục hình thức"
PRINT_AWARDS_TITLE = "Bản in khen thưởng"
PRINT_INDICATORS_TITLE = "Bản in chỉ tiêu"
PRINT_TITLES = (PRINT_AWARDS_TITLE, PRINT_INDICATORS_TITLE)
REFERENCE_TITLES = (GUIDE.title, FORMS_TITLE, DOCUMENTS.title, *PRINT_TITLES)
"""Sheets written for people (reference lists, documents, print layouts); the import skips them."""
COUNT_UNIT_WORDS = {"turn": "lượt"}
