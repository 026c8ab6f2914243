"""/start and /trogiup: what the bot does and every command with an example."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.registry import Command, Handler

INTRO = (
    "Thi Đua Bot giúp theo dõi công tác thi đua, khen thưởng: số liệu khen thưởng, chỉ tiêu, "
    "tiến độ nhiệm vụ thi đua của từng đơn vị, các yêu cầu gửi đơn vị và các ngày kỷ niệm "
    "sắp tới."
)


async def start(ctx: Context) -> Reply:
    """Greeting with the first commands to try."""
    del ctx
    return Reply(
        f"{INTRO}\n\nThử ngay: /khenthuong 2022 · /chitieu · /sukien · /tiendo\n"
        "Gõ /trogiup để xem tất cả các lệnh.",
        title="Xin chào! Đây là Thi Đua Bot.",
    )


ROLES_NOTE = (
    "Vai trò: quản trị chung thay đổi mọi dữ liệu; quản trị đơn vị thay đổi dữ liệu của một đơn "
    "vị và các đơn vị trực thuộc (quản trị viên của nhóm Telegram đã gắn với đơn vị cũng vậy); "
    "người báo cáo cập nhật tiến độ, xác nhận nhắc việc và trả lời yêu cầu cho đơn vị được "
    "giao; mọi người dùng "
    "được các lệnh xem. Xem vai trò và mã người dùng của bạn: /toi."
)


def _entry(command: Command) -> list[str]:
    who = f" Ai dùng: {command.who}." if command.who else ""
    return [command.usage, f"  {command.summary}{who} Ví dụ: {command.example}"]


def help_text(catalog: Callable[[], Sequence[Command]]) -> Handler:
    """The /trogiup handler over the catalog of every command (known once all are assembled)."""

    async def handler(ctx: Context) -> Reply:
        del ctx
        return help_reply(catalog())

    return handler


def help_reply(catalog: Sequence[Command]) -> Reply:
    """Every command with its usage and an example: reading first, then changing data."""
    listed = [c for c in catalog if c.menu]
    lines = [INTRO, "", "Xem số liệu (mọi người dùng):"]
    for command in listed:
        if command.who is None:
            lines += _entry(command)
    lines += ["", "Thay đổi dữ liệu và quản trị (theo vai trò):"]
    for command in listed:
        if command.who is not None:
            lines += _entry(command)
    lines += ["", ROLES_NOTE]
    return Reply("\n".join(lines), title="Các lệnh của Thi Đua Bot")


def commands(catalog: Callable[[], Sequence[Command]]) -> list[Command]:
    """/start and /trogiup; help lists `catalog()`, every command of the core."""
    return [
        Command("start", ("batdau",), "/start", "Lời chào và cách bắt đầu.", "/start", start),
        Command(
            "trogiup",
            ("help",),
            "/trogiup",
            "Danh sách lệnh kèm ví dụ.",
            "/trogiup",
            help_text(catalog),
        ),
    ]
