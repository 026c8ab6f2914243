"""Texts of the kinds of units: the Vietnamese name of each stored kind."""

from __future__ import annotations

LABELS = {
    "province": "tỉnh/thành phố",
    "commune": "xã/phường",
    "department": "sở/ban/ngành",
    "section": "phòng",
    "school": "trường học",
    "agency": "cơ quan",
    "enterprise": "doanh nghiệp",
    "residential_group": "tổ dân phố",
    "other": "khác",
    "district": "quận/huyện, cấp cũ đến 30/6/2025",
}
"""Every stored kind, in the order they are offered; `district` last, as history only."""
