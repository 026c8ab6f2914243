"""Texts of the print sheets (/xuat bản in): national heading, titles, table headers, signers."""

from __future__ import annotations

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGNERS = (
    ("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"),
    ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên, đóng dấu)"),
)
"""Each signer's title and the hint under it."""
PLACE_PREFIXES = (
    "thành phố ",
    "tỉnh ",
    "quận ",
    "huyện ",
    "thị xã ",
    "phường ",
    "xã ",
    "thị trấn ",
)
"""Administrative words dropped before a place in the date line (Quận Hoàng Mai → Hoàng Mai)."""


def official_date(day: int, month: str, year: int) -> str:
    """`ngày 05 tháng 02 năm 2026` (Decree 30)."""
    return f"ngày {day:02d} tháng {month} năm {year}"


QUALIFIERS = {"over": "trên ", "under": "dưới ", "about": "khoảng "}
"""Before a figure the source gives as over, under or about."""
NUMBER = "STT"
FORM = "Danh hiệu thi đua, hình thức khen thưởng"
LEVEL = "Cấp"
COUNTED = "Số được khen"
AD_HOC = "Trong đó khen đột xuất"
REMARK = "Ghi chú"
TURNS = "lượt"


def awards_title(year: int) -> str:
    """The award print sheet's title."""
    return f"BÁO CÁO THỐNG KÊ KHEN THƯỞNG NĂM {year}"


AWARDS_SUBTITLE = "Danh hiệu thi đua, hình thức khen thưởng và hình thức ghi nhận khác, theo cấp"


def subtotal(group: str) -> str:
    """The subtotal row of a group (Cộng danh hiệu thi đua)."""
    return f"Cộng {group.lower()}"


OCCASIONS_BANNER = "KHEN THƯỞNG TẠI HỘI NGHỊ, NÊU RIÊNG TRONG BÁO CÁO"


def note(text: str) -> str:
    """The note under the award table."""
    return f"Ghi chú: {text}"


def occasions_apart(section: str) -> str:
    """Why the occasions' section is not added to the others."""
    return (
        f"Khen thưởng ở mục {section} đã trao tại hội nghị hoặc được nêu riêng trong báo cáo, "
        "không cộng vào các mục trên."
    )


INDICATOR_HEADERS = (
    NUMBER,
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kế hoạch",
    "Thực hiện",
    "Tỷ lệ so với KH",
    "Đánh giá",
)


def indicators_title(year: int) -> str:
    """The indicator print sheet's title."""
    return f"BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {year}"


INDICATORS_SUBTITLE = "Kế hoạch, thực hiện, tỷ lệ so với kế hoạch và đánh giá"


def scorecard(met: int, total: int) -> str:
    """The share of assigned indicators met, as the report states it."""
    return f"Hoàn thành {met}/{total} chỉ tiêu được giao (theo báo cáo)."


def documents(year: int) -> str:
    """Above the list of the year's documents."""
    return f"Văn bản ban hành năm {year} được nêu trong báo cáo:"
