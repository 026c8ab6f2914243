"""/start and /trogiup: what the bot does and every command with an example."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.core.args import fold
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command, Handler

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


ROLES_NOTE = (
    "Vai trò: quản trị chung thay đổi mọi dữ liệu; quản trị đơn vị thay đổi dữ liệu của một đơn "
    "vị và các đơn vị trực thuộc (quản trị viên của nhóm Telegram đã gắn với đơn vị cũng vậy); "
    "người báo cáo cập nhật tiến độ và xác nhận nhắc việc cho đơn vị được giao; mọi người dùng "
    "được các lệnh xem. Xem vai trò và mã người dùng của bạn: /toi."
)


DETAIL_HINT = (
    "Cách viết đầy đủ, ai được dùng và ví dụ của một lệnh: /trogiup <lệnh>, ví dụ /trogiup dexuat."
)


def _entry(command: Command) -> list[str]:
    return [command.usage, f"  {command.summary}"]


def _short_entry(command: Command) -> list[str]:
    # Write commands' full syntax is long (several forms each); /trogiup <lệnh> shows it, so the
    # list still fits one Telegram message.
    return [f"/{command.name} — {command.summary}"]


def detail(command: Command) -> Reply:
    """One command: usage, what it does, who may use it, an example and its guide."""
    lines = [f"Cách viết: {command.usage}", command.summary]
    if command.aliases:
        lines.append("Tên khác: " + ", ".join(f"/{a}" for a in command.aliases))
    if command.who:
        lines.append(f"Ai dùng: {command.who}.")
    lines.append(f"Ví dụ: {command.example}")
    if command.guide:
        lines += ["", command.guide]
    return Reply("\n".join(lines), title=f"Lệnh /{command.name}")


def help_text(catalog: Callable[[], Sequence[Command]]) -> Handler:
    """The /trogiup handler over the catalog of every command (known once all are assembled)."""

    async def handler(ctx: Context) -> Reply:
        if ctx.args:
            wanted = fold(ctx.args[0].lstrip("/").split("@", 1)[0])
            for command in catalog():
                if wanted in (command.name, *command.aliases):
                    return detail(command)
            raise UserError(f"Không có lệnh /{ctx.args[0].lstrip('/')}.", usage="/trogiup [lệnh]")
        return help_reply(catalog())

    return handler


def help_reply(catalog: Sequence[Command]) -> Reply:
    """Every command: reading ones with their usage, then the ones that change data by name."""
    listed = [c for c in catalog if c.menu]
    lines = [INTRO, "", "Xem số liệu (mọi người dùng):"]
    for command in listed:
        if command.who is None:
            lines += _entry(command)
    lines += ["", "Thay đổi dữ liệu và quản trị (theo vai trò):"]
    for command in listed:
        if command.who is not None:
            lines += _short_entry(command)
    lines += ["", DETAIL_HINT, "", ROLES_NOTE]
    return Reply("\n".join(lines), title="Các lệnh của Thi Đua Bot")


def commands(catalog: Callable[[], Sequence[Command]]) -> list[Command]:
    """/start and /trogiup; help lists `catalog()`, every command of the core."""
    return [
        Command("start", ("batdau",), "/start", "Lời chào và cách bắt đầu.", "/start", start),
        Command(
            "trogiup",
            ("help",),
            "/trogiup [lệnh]",
            "Danh sách lệnh; với tên một lệnh: cách viết đầy đủ và ví dụ.",
            "/trogiup themkhenthuong",
            help_text(catalog),
        ),
    ]
