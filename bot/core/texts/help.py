"""Texts of /start and /trogiup: what the bot does, its commands and who may use them."""

from __future__ import annotations

INTRO = (
    "Thi Đua Bot giúp theo dõi công tác thi đua, khen thưởng: số liệu khen thưởng, chỉ tiêu, "
    "tiến độ nhiệm vụ thi đua của từng đơn vị, các yêu cầu gửi đơn vị và các ngày kỷ niệm "
    "sắp tới."
)
START = (
    f"{INTRO}\n\nThử ngay: /khenthuong 2022 · /chitieu · /sukien · /tiendo\n"
    "Gõ /trogiup để xem tất cả các lệnh."
)
START_TITLE = "Xin chào! Đây là Thi Đua Bot."
ROLES_NOTE = (
    "Vai trò: quản trị chung thay đổi mọi dữ liệu; quản trị đơn vị thay đổi dữ liệu của một đơn "
    "vị và các đơn vị trực thuộc (quản trị viên của nhóm Telegram đã gắn với đơn vị cũng vậy); "
    "người báo cáo cập nhật tiến độ, xác nhận nhắc việc và trả lời yêu cầu cho đơn vị được "
    "giao; mọi người dùng "
    "được các lệnh xem. Xem vai trò và mã người dùng của bạn: /toi."
)
DETAIL_HINT = (
    "Cách viết đầy đủ, ai được dùng và ví dụ của một lệnh: /trogiup <lệnh>, ví dụ /trogiup dexuat."
)

# The list of commands.
READING_HEADING = "Xem số liệu (mọi người dùng):"
WRITING_HEADING = "Thay đổi dữ liệu và quản trị (theo vai trò):"
HELP_TITLE = "Các lệnh của Thi Đua Bot"


# One command.
def usage_line(usage: str) -> str:
    """How to write the command."""
    return f"Cách viết: {usage}"


def aliases_line(aliases: str) -> str:
    """The command's other names."""
    return f"Tên khác: {aliases}"


def who_line(who: str) -> str:
    """Who may use the command."""
    return f"Ai dùng: {who}."


def example_line(example: str) -> str:
    """An example of the command."""
    return f"Ví dụ: {example}"


def detail_title(name: str) -> str:
    """The title of one command's help."""
    return f"Lệnh /{name}"


def unknown_command(name: str, close: str | None) -> str:
    """`/trogiup <lệnh>` for a command that does not exist, with the closest one there is."""
    hint = f" Có phải bạn muốn xem /trogiup {close}?" if close else ""
    return f"Không có lệnh /{name}.{hint}"


# The commands themselves.
HELP_USAGE = "/trogiup [lệnh]"
START_SUMMARY = "Lời chào và cách bắt đầu."
HELP_SUMMARY = "Danh sách lệnh; với tên một lệnh: cách viết đầy đủ và ví dụ."
