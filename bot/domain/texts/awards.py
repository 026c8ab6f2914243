"""Texts of the award statistics as every report prints them: group names, counts, the note."""

from __future__ import annotations

CATEGORY_LABELS = {
    "title": "Danh hiệu thi đua",
    "award": "Hình thức khen thưởng",
    "recognition": "Hình thức ghi nhận khác",
}
SUBTOTAL_NOTE = (
    "Số cộng của mỗi nhóm tính theo lượt: một tập thể, cá nhân có thể nhận nhiều danh hiệu, "
    "hình thức trong năm (Chiến sỹ thi đua cơ sở cũng là Lao động tiên tiến), "
    "nên không cộng các nhóm với nhau."
)


def in_turns(label: str) -> str:
    """`lượt tập thể`: a recipient kind counted in times conferred."""
    return f"lượt {label}"


def ad_hoc(count: str) -> str:
    """` (9 đột xuất)`: how many of a count were ad hoc."""
    return f" ({count} đột xuất)"
