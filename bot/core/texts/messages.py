"""Texts every transport shows around the command core's replies: failures and mentions."""

from __future__ import annotations

MENTION_LEAD = "Người được nhắc: "
"""How a plain-text reply's last line, naming the people it notifies, starts."""

ERROR_TEXT = "Xin lỗi, có lỗi khi xử lý lệnh này. Vui lòng thử lại sau."
"""What every transport answers when a command fails unexpectedly (the error is logged)."""

DATABASE_DOWN_TEXT = (
    "Xin lỗi, cơ sở dữ liệu tạm thời không truy cập được nên lệnh này chưa thực hiện được. "
    "Vui lòng thử lại sau ít phút."
)
"""What every transport answers when the database is down, hung or locked past its deadline."""
