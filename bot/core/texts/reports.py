"""Texts of the report commands: /bieudo, /xuat and /nhap."""

from __future__ import annotations

REQUEST_CHART_USAGE = "/bieudo yeucau <mã yêu cầu>"
EXPORT_USAGE = "/xuat [năm] hoặc /xuat mau [năm]"
IMPORT_USAGE = "gửi tệp .xlsx hoặc .csv (như tệp /xuat) kèm chú thích /nhap"
IMPORT_COMMAND_USAGE = "/nhap (chú thích của tệp .xlsx hoặc .csv)"
CHART_SUMMARY = (
    "Biểu đồ khen thưởng, tiến độ nhiệm vụ theo đơn vị, chỉ tiêu so với kế hoạch, hoặc "
    "tình trạng một yêu cầu theo từng đơn vị."
)
EXPORT_SUMMARY = "Xuất số liệu ra tệp Excel; mau: tệp mẫu trống của một năm để điền rồi /nhap."
IMPORT_SUMMARY = (
    "Nhập số liệu từ tệp Excel hoặc CSV theo mẫu của /xuat, cả danh mục đơn vị; kiểm tra hết "
    "trước khi ghi."
)
IMPORT_WHO = "từng dòng theo quyền của bạn với đơn vị của dòng đó; đơn vị: quản trị chung"

WHICH_CHART = "Cần nói vẽ biểu đồ gì."
MISSING_REQUEST = "Cần mã của yêu cầu."
NO_FILE = (
    "Chưa có tệp. Gửi tệp .xlsx hoặc .csv (lấy mẫu bằng /xuat) và ghi /nhap "
    "ở phần chú thích của tệp."
)
IMPORT_TITLE = "Nhập dữ liệu từ tệp"
ROWS_REFUSED = "Tệp không được nhập vì có dòng ngoài phạm vi quyền của bạn; chưa có gì được ghi:"
ROWS = "dòng"
WHO_GRANTS = "Quản trị chung hoặc quản trị đơn vị cấp trên cấp quyền bằng /quyen them. "


def chart_usage(kinds: str) -> str:
    """/bieudo's usage: the chart kinds, or one request."""
    return f"{kinds} hoặc {REQUEST_CHART_USAGE}"


def not_understood(words: str) -> str:
    """Arguments that are not a year."""
    return f"Không hiểu '{words}': ở đây cần một năm, ví dụ 2022."


def unknown_request(code: str) -> str:
    """No request has the typed code."""
    return f"Không có yêu cầu mã '{code}'. Gõ /yeucau để xem các yêu cầu đang mở."


def extra_args(words: str) -> str:
    """Words the command does not take."""
    return f"Thừa tham số: {words}."


def empty_year(year: int) -> str:
    """A year without anything to export."""
    return f"Năm {year} chưa có số liệu khen thưởng, nhiệm vụ hay chỉ tiêu nào."


def export_caption(year: int | None, counts: dict[str, int], printed: list[str]) -> str:
    """The caption of /xuat's workbook: what it holds, by sheet."""
    scope = f"năm {year}" if year is not None else "tất cả các năm"
    caption = (
        f"Số liệu thi đua, khen thưởng {scope}: {counts['awards']} dòng khen thưởng, "
        f"{counts['records']} bản ghi khen thưởng có tên, "
        f"{counts['tasks']} dòng nhiệm vụ theo đơn vị, {counts['indicators']} chỉ tiêu, "
        f"{counts['commemorations']} ngày kỷ niệm, {counts['documents']} văn bản."
    )
    if printed:
        caption += f" Có sẵn bản in (A4 ngang): {', '.join(printed)}."
    return caption


def template_caption(year: int, units_title: str, units: int) -> str:
    """The caption of an empty workbook to fill in."""
    return (
        f"Mẫu nhập số liệu năm {year}: trang Hướng dẫn nói cách điền; mã đơn vị ở trang "
        f"{units_title} ({units} đơn vị). Điền xong, gửi lại tệp kèm chú thích /nhap."
    )


def of_unit(name: str, code: str) -> str:
    """The unit a refused row needs a role on."""
    return f" của {name} ({code})"


def row_refused(cell: str, role: str, where: str) -> str:
    """One refused row of an import."""
    return f"• {cell}: cần quyền {role}{where}."
