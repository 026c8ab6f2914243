"""Texts of an indicator's verdict against its plan, and the summary every report prints."""

from __future__ import annotations

EXCEEDED = "vượt"
MET = "đạt"
MISSED = "chưa đạt"
OPEN = "chưa đủ căn cứ đánh giá"


def tally(judged: str, exceeded: str, met: str, missed: str, open_count: str | None) -> str:
    """`Trong 10 chỉ tiêu đánh giá được …`; counts come formatted, `open_count` None when 0."""
    text = (
        f"Trong {judged} chỉ tiêu đánh giá được so với kế hoạch: "
        f"{exceeded} vượt, {met} đạt, {missed} chưa đạt"
    )
    if open_count is not None:
        text += (
            f"; {open_count} chỉ tiêu chưa đủ căn cứ đánh giá "
            "(số liệu chỉ nêu mức “trên” hoặc “dưới” một tỷ lệ)"
        )
    return text + "."
