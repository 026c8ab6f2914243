"""Why a file could not be read or written, in Vietnamese (strerror is English)."""

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


def reason(exc: OSError | UnicodeDecodeError) -> str:
    """A short Vietnamese reason; unknown errors keep their errno name for whoever debugs."""
    if isinstance(exc, UnicodeDecodeError):
        return "tệp không phải văn bản UTF-8"
    if exc.errno in REASONS:
        return REASONS[exc.errno]
    name = errno.errorcode.get(exc.errno, "") if exc.errno is not None else ""
    return f"lỗi hệ thống {name}".strip() if name else "lỗi hệ thống"
