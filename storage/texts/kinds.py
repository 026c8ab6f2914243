"""Texts naming the stored kinds of award recipient, as the users read them."""

from __future__ import annotations

KIND_LABELS = {
    "collective": "tập thể",
    "individual": "cá nhân",
    "household": "hộ gia đình",
    "project": "công trình",
}
"""Each recipient kind (`collective`…) in Vietnamese."""
