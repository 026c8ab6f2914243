"""Texts of the socio-economic indicators: /chitieu."""

from __future__ import annotations

USAGE = "/chitieu [năm]"
SUMMARY = "Các chỉ tiêu kinh tế - xã hội: kế hoạch, thực hiện, tỷ lệ và đánh giá."
WHAT = "chỉ tiêu"
"""What the year's data is called when a year has none."""
QUALIFIERS = {"over": "trên ", "under": "dưới ", "about": "khoảng ", None: ""}
"""How a figure the source gives as a bound reads before the number."""
DOCUMENTS_WHAT = "văn bản"


def targets_met(met: int, total: int) -> str:
    """The unit's scorecard."""
    return f"Hoàn thành {met}/{total} chỉ tiêu được giao (theo báo cáo)."


def title(year: int, unit: str | None) -> str:
    """/chitieu's title."""
    scope = f" — {unit}" if unit else ""
    return f"Chỉ tiêu năm {year}{scope}"


def documents_head(year: int) -> str:
    """The head of the documents the year's data cites."""
    return f"Văn bản ban hành năm {year} được nêu trong báo cáo:"


def all_documents(year: int) -> str:
    """Where every cited document is listed."""
    return f"Mọi văn bản được nêu: trang Văn bản của tệp /xuat {year}."
