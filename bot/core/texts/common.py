"""Texts the commands share: a code naming no unit, task or dossier; a unit that stopped."""

from __future__ import annotations


def unknown_unit(code: str) -> str:
    """No unit has the typed code."""
    return f"Không có đơn vị mã '{code}'. Gõ /donvi để xem mã các đơn vị."


def unknown_task(code: str) -> str:
    """No task has the typed code."""
    return f"Không có nhiệm vụ mã '{code}'. Gõ /nhiemvu để xem mã các nhiệm vụ."


def unknown_dossier(code: str) -> str:
    """No dossier has the typed code."""
    return f"Không có hồ sơ mã '{code}'. Gõ /hoso để xem mã các hồ sơ."


def retired(state: str) -> str:
    """A retired or merged unit refusing new data (`state`: when and into what it stopped)."""
    return f"{state} nên không nhận dữ liệu mới. Gõ /donvi để xem các đơn vị đang hoạt động."
