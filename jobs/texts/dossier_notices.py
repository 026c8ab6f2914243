"""Texts of the dossier notices the office receives: a dossier waiting too long at one step."""

from __future__ import annotations


def stale_title(code: str, days: int) -> str:
    """The notice's title."""
    return f"Hồ sơ {code} chờ quá {days} ngày"


def stale_text(code: str, unit: str, form: str, step: str, days: int) -> str:
    """Which dossier waits at which step, and how to move it on."""
    return (
        f"Hồ sơ đề nghị khen thưởng {code} của {unit} ({form}) ở bước "
        f"'{step}' đã quá {days} ngày. Chuyển bước bằng /xulyhoso {code} "
        f"<bước>; xem các hồ sơ đang xử lý: /hoso dangxuly"
    )
