"""Texts of `thidua export`, `thidua import` and `thidua chart`: what each prints."""

from __future__ import annotations

from pathlib import Path

from bot.domain import vn


def not_written(path: Path, reason: str) -> str:
    """The output file could not be written."""
    return f"Không ghi được tệp {path}: {reason}"


def not_read(path: Path, reason: str) -> str:
    """The input file could not be read."""
    return f"Không đọc được tệp {path}: {reason}"


def year_scope(year: int | None) -> str:
    """Which years an export holds."""
    return f"năm {year}" if year is not None else "tất cả các năm"


def exported(path: Path, scope: str, counts: dict[str, int], printed: list[str]) -> str:
    """What `thidua export` wrote, sheet by sheet, and the print sheets made."""
    note = f"; bản in: {', '.join(printed)}" if printed else ""
    return (
        f"Đã xuất số liệu {scope} ra {path}: {counts['awards']} dòng khen thưởng, "
        f"{counts['tasks']} dòng nhiệm vụ, {counts['indicators']} chỉ tiêu, "
        f"{counts['commemorations']} ngày kỷ niệm, {counts['documents']} văn bản"
        f"{note}."
    )


def template_written(path: Path, year: int, units: int) -> str:
    """What `thidua export --template` wrote and how to import it once filled."""
    return (
        f"Đã ghi mẫu nhập số liệu năm {year} ra {path} ({units} đơn vị trong danh mục). "
        f"Điền xong, nhập bằng: thidua import {path}"
    )


def chart_drawn(path: Path, width: int, height: int, caption: str) -> str:
    """What `thidua chart` wrote: the file, its size and the chart's caption."""
    size = f"{vn.number(width)}×{vn.number(height)} px"
    return f"Đã vẽ biểu đồ ra {path} ({size}): {caption}"
