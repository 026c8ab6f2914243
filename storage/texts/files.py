"""Texts saying why a file could not be read or written (strerror is English)."""

from __future__ import annotations

import errno

REASONS = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENOSPC: "ổ đĩa đã hết chỗ",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENAMETOOLONG: "tên tệp quá dài",
}
"""Reasons by errno."""
NOT_UTF8 = "tệp không phải văn bản UTF-8"


def system_error(name: str) -> str:
    """An error with no reason of its own: its errno name, if any, for whoever debugs."""
    return f"lỗi hệ thống {name}".strip()
