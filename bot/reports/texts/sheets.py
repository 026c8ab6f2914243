"""Texts of the workbook's sheets (/xuat writes them, /nhap recognises them): titles, headers."""

from __future__ import annotations

from typing import NamedTuple


class SheetWords(NamedTuple):
    """A sheet's title, what one calls its rows, and each field's column header."""

    title: str
    what: str
    headers: dict[str, str]


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
COUNT_UNIT_WORDS = {"turn": "lượt"}


def ad_hoc_header(kind_header: str) -> str:
    """The header of a recipient kind's ad-hoc share (Tập thể đột xuất)."""
    return f"{kind_header} đột xuất"


AWARDS = SheetWords(
    "Khen thưởng",
    "khen thưởng",
    {
        "year": "Năm",
        "level": "Cấp",
        "form_name": "Hình thức khen thưởng",
        **{
            field: header
            for kind, label in KIND_HEADERS.items()
            for field, header in ((kind, label), (f"{kind}_ad_hoc", ad_hoc_header(label)))
        },
        "form": "Mã hình thức",
        "key": "Mã dòng",
        "unit": "Mã đơn vị",
        "recipient_name": "Người, tập thể được khen",
        "occasion": "Dịp khen thưởng",
        "occasion_date": "Ngày của dịp",
        "decision_number": "Số quyết định",
        "decision_date": "Ngày quyết định",
        "source": "Nguồn",
        "category": "Nhóm khen thưởng",
        "count_unit": "Đơn vị tính",
    },
)
TASKS = SheetWords(
    "Nhiệm vụ",
    "nhiệm vụ",
    {
        "year": "Năm",
        "code": "Mã nhiệm vụ",
        "title": "Tên nhiệm vụ",
        "deadline": "Hạn",
        "unit": "Mã đơn vị",
        "unit_name": "Đơn vị",
        "percent": "Tiến độ (%)",
        "note": "Ghi chú tiến độ",
        "updated_at": "Cập nhật lúc",
        "updated_by": "Người cập nhật",
        "deadline_assumed": "Ghi chú về hạn",
    },
)
INDICATORS = SheetWords(
    "Chỉ tiêu",
    "chỉ tiêu",
    {
        "year": "Năm",
        "group": "Nhóm",
        "code": "Mã chỉ tiêu",
        "name": "Tên chỉ tiêu",
        "measure": "Đơn vị tính",
        "qualifier": "Mức (trên, dưới, khoảng)",
        "plan": "Kế hoạch",
        "actual": "Thực hiện",
        "percent": "Tỷ lệ so với kế hoạch (%)",
        "verdict": "Đánh giá",
        "unit": "Mã đơn vị",
        "note": "Ghi chú",
        "source": "Nguồn",
    },
)
COMMEMORATIONS = SheetWords(
    "Ngày kỷ niệm",
    "ngày kỷ niệm",
    {
        "code": "Mã",
        "title": "Tên ngày kỷ niệm",
        "calendar": "Lịch (dương lịch, âm lịch)",
        "day": "Ngày",
        "month": "Tháng",
        "origin_year": "Năm gốc",
        "category": "Loại",
        "unit": "Mã đơn vị",
        "description": "Mô tả",
        "source": "Nguồn",
    },
)
RECORDS = SheetWords(
    "Bản ghi khen thưởng",
    "bản ghi khen thưởng",
    {
        "year": "Năm",
        "form": "Mã hình thức",
        "form_name": "Hình thức khen thưởng",
        "kind": "Đối tượng (tập thể, cá nhân)",
        "name": "Họ tên, tên tập thể",
        "position": "Chức vụ",
        "unit": "Mã đơn vị",
        "unit_name": "Đơn vị",
        "occasion": "Dịp khen thưởng",
        "decision_number": "Số quyết định",
        "decision_date": "Ngày quyết định",
        "decision_level": "Cấp quyết định",
        "key": "Mã bản ghi",
    },
)
DOSSIERS = SheetWords(
    "Hồ sơ đề nghị",
    "hồ sơ đề nghị khen thưởng",
    {
        "code": "Mã hồ sơ",
        "year": "Năm",
        "form": "Mã hình thức",
        "unit": "Mã đơn vị đề nghị",
        "reason": "Lý do",
        "kind": "Đối tượng (tập thể, cá nhân)",
        "name": "Họ tên, tên tập thể",
        "position": "Chức vụ",
        "nominee_unit": "Mã đơn vị của người được đề nghị",
        "status": "Trạng thái",
        "decision": "Quyết định",
    },
)
DOCUMENTS = SheetWords(
    "Văn bản",
    "văn bản",
    {
        "code": "Mã",
        "number": "Số, ký hiệu",
        "issued_on": "Ngày ban hành",
        "issuer": "Cơ quan ban hành",
        "title": "Trích yếu",
        "source": "Nguồn",
    },
)
GUIDE = SheetWords("Hướng dẫn", "hướng dẫn", {"sheet": "Trang", "how": "Cách điền"})
REQUESTS = SheetWords(
    "Yêu cầu",
    "yêu cầu",
    {
        "code": "Mã yêu cầu",
        "title": "Nội dung",
        "deadline": "Hạn nộp",
        "unit": "Mã đơn vị",
        "unit_name": "Đơn vị",
        "state": "Tình trạng",
        "at": "Thời điểm",
        "by": "Người trả lời",
        "file": "Tệp",
        "reason": "Lý do gia hạn",
        "overdue": "Quá hạn (ngày)",
        "closed": "Đã đóng",
    },
)
UNITS_TITLE = "Danh mục đơn vị"
UNITS = SheetWords(
    UNITS_TITLE,
    "đơn vị",
    {
        "code": "Mã",
        "name": "Tên đơn vị",
        "kind": "Loại",
        "parent": "Mã đơn vị cha",
        "retired_on": "Ngừng từ ngày",
        "merged_into": "Gộp vào đơn vị",
    },
)
FORMS_TITLE = "Danh mục hình thức"
PRINT_AWARDS_TITLE = "Bản in khen thưởng"
PRINT_INDICATORS_TITLE = "Bản in chỉ tiêu"
