"""Texts of the award proposal dossiers' steps: status names, refusals, and what a unit is told."""

from __future__ import annotations

LABELS = {
    "submitted": "đã gửi",
    "received": "đã nhận",
    "reviewing": "đang thẩm định",
    "council": "trình Hội đồng",
    "decided": "có quyết định",
    "returned": "trả lại",
}


def closed(code: str, label: str) -> str:
    """A step asked of a decided or returned dossier."""
    return (
        f"Hồ sơ {code} đã {label}, không chuyển bước được nữa. "
        "Đơn vị gửi hồ sơ mới bằng /dexuat nếu cần."
    )


def backwards(code: str, current: str, target: str) -> str:
    """A step back."""
    return f"Hồ sơ {code} đang ở bước '{current}': chỉ chuyển tiếp được, không về '{target}'."


def step_title(code: str, label: str) -> str:
    """The title of a step's message."""
    return f"Hồ sơ {code}: {label}"


def step_body(
    status: str, code: str, label: str, form: str, nominees: int, unit: str, note: str | None
) -> str:
    """The body of a step's message, by the status reached."""
    what = f"Hồ sơ đề nghị khen thưởng {code} ({form}, {nominees} người/tập thể) của {unit}"
    if status == "submitted":
        body = f"{what} đã được gửi. Văn phòng xử lý bằng /xulyhoso {code} nhan."
    elif status == "returned":
        body = f"{what} đã bị trả lại. Lý do: {note}."
    elif status == "decided":
        body = f"{what} đã có quyết định: {note}. Các bản ghi khen thưởng đã được lưu."
    else:
        body = f"{what} chuyển sang bước: {label}."
    return f"{body}\nXem các hồ sơ: /hoso"
