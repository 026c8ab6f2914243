"""/start and /trogiup: what the bot does and every command with an example."""

from __future__ import annotations

from bot.core.context import Context
from bot.core.messages import Reply
from bot.core.registry import Command, all_commands

INTRO = (
    "Thi Đua Bot giúp theo dõi công tác thi đua, khen thưởng: số liệu khen thưởng, chỉ tiêu, "
    "tiến độ nhiệm vụ thi đua của từng đơn vị và các ngày kỷ niệm sắp tới."
)


async def start(ctx: Context) -> Reply:
    """Greeting with the first commands to try."""
    del ctx
    return Reply(
        f"{INTRO}\n\nThử ngay: /khenthuong 2022 · /chitieu · /sukien · /tiendo\n"
        "Gõ /trogiup để xem tất cả các lệnh.",
        title="Xin chào! Đây là Thi Đua Bot.",
    )


async def help_text(ctx: Context) -> Reply:
    """Every command with its usage and an example; write commands are marked."""
    admin = await ctx.is_admin()
    lines = [INTRO, ""]
    for command in all_commands():
        if not command.menu:
            continue
        mark = " (quản trị)" if command.admin else ""
        aliases = ", ".join(f"/{a}" for a in command.aliases)
        alias_text = f" — còn gọi là {aliases}" if aliases else ""
        lines.append(f"{command.usage}{mark}{alias_text}")
        lines.append(f"  {command.summary} Ví dụ: {command.example}")
    if not admin:
        lines.append("")
        lines.append("Các lệnh thay đổi dữ liệu chỉ dành cho quản trị viên của nhóm.")
    return Reply("\n".join(lines), title="Các lệnh của Thi Đua Bot")


COMMANDS = [
    Command("start", ("batdau",), "/start", "Lời chào và cách bắt đầu.", "/start", start),
    Command(
        "trogiup",
        ("help",),
        "/trogiup",
        "Danh sách lệnh kèm ví dụ.",
        "/trogiup",
        help_text,
    ),
]
