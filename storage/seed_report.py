"""What a seed load did, and its Vietnamese summary for the operator."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SeedReport:
    """What a load added, updated and left unchanged."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    """Seed records not brought back because a user deleted them with /xoa."""
    kept_edited: list[str] = field(default_factory=list)
    """`table:key` of records changed since the seed wrote them (a command, an import, a
    restored backup): the office's now, never overwritten."""
    kept_unmarked: list[str] = field(default_factory=list)
    """Records from before seed marks existed that differ from the seed: possibly corrected by
    the office, so left alone."""
    files: list[str] = field(default_factory=list)


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
SHOWN = 5


def _named(keys: list[str]) -> str:
    shown = []
    for item in keys[:SHOWN]:
        table, _, key = item.partition(":")
        shown.append(f"{TABLE_WORDS.get(table, table)} {key}")
    more = f" và {len(keys) - SHOWN} bản ghi khác" if len(keys) > SHOWN else ""
    return ", ".join(shown) + more


def describe(report: SeedReport) -> str:
    """A Vietnamese summary of a load: what it added, updated and left alone, and why."""
    skipped = (
        f", bỏ qua {report.skipped} bản ghi đã bị xóa bằng lệnh /xoa" if report.skipped else ""
    )
    lines = [
        f"Đã nạp {len(report.files)} tệp: thêm {report.added}, cập nhật {report.updated}, "
        f"không đổi {report.unchanged} bản ghi{skipped}."
    ]
    if report.kept_edited:
        lines.append(
            f"Giữ nguyên {len(report.kept_edited)} bản ghi đã được sửa bằng lệnh, tệp nhập hoặc "
            f"bản khôi phục sau lần nạp mẫu trước ({_named(report.kept_edited)})."
        )
    if report.kept_unmarked:
        lines.append(
            f"Giữ nguyên {len(report.kept_unmarked)} bản ghi có từ trước khi bot ghi dấu nạp mẫu "
            f"và khác với tệp mẫu, vì có thể đã được sửa ({_named(report.kept_unmarked)})."
        )
    return "\n".join(lines)
