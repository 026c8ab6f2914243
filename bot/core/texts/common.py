"""Texts the command handlers share: a unit code that names no unit, a unit that stopped."""

from __future__ import annotations


def unknown_unit(code: str) -> str:
    """No unit has the typed code."""
    return f"Không có đơn vị mã '{code}'. Gõ /donvi để xem mã các đơn vị."


def retired(state: str) -> str:
    """A retired or merged unit refusing new data (`state`: when and into what it stopped)."""
    return f"{state} nên không nhận dữ liệu mới. Gõ /donvi để xem các đơn vị đang hoạt động."
