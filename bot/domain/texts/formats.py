"""Texts of Vietnamese formatting (bot.domain.vn): weekdays, kind labels, short phrases."""

from __future__ import annotations

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
RECIPIENT_LABELS = {
    "collective": "tập thể",
    "individual": "cá nhân",
    "household": "hộ gia đình",
    "project": "công trình",
}
LEVEL_LABELS = {
    "state": "Cấp Nhà nước",
    "government": "Cấp Chính phủ",
    "province": "Cấp tỉnh, thành phố",
    "district": "Cấp quận, huyện",
    "grassroots": "Cấp cơ sở",
}
ASSUMED = "giả định"
"""How a deadline the source did not give (the seed assumed it) is labelled wherever shown."""
NO_DEADLINE = "không có hạn"
TODAY = "hôm nay"
TOMORROW = "ngày mai"
ZONE_NAMES = {"Asia/Ho_Chi_Minh": "giờ Việt Nam", "Asia/Saigon": "giờ Việt Nam"}
PRIVATE_CHAT = "cuộc trò chuyện này"
GROUP = "nhóm này"


def days_ahead(days: str) -> str:
    """`còn 3 ngày` (`days` already formatted)."""
    return f"còn {days} ngày"


def days_ago(days: str) -> str:
    """`đã qua 3 ngày` (`days` already formatted)."""
    return f"đã qua {days} ngày"


def left_out(count: str, noun: str, where: str = "") -> str:
    """`… và 3 nhiệm vụ khác (xem /tiendo).` (`count` already formatted)."""
    see = f" (xem {where})" if where else ""
    return f"… và {count} {noun} khác{see}."


def count(value: int) -> str:
    """A whole number with a dot between thousands (`1.000`), for texts that cannot use vn."""
    return f"{value:,}".replace(",", ".")
