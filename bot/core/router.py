"""The command core: parse a normalized message, run its command in one unit of work, reply."""

from __future__ import annotations

import difflib
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core import args as parse
from bot.core.context import Clock, Context, CoreConfig, system_clock
from bot.core.errors import NotAllowed, UserError
from bot.core.messages import Incoming, Reply
from bot.core.registry import Command, all_commands
from storage.queries import chats

log = logging.getLogger(__name__)

REFUSAL = (
    "Xin lỗi, chỉ quản trị viên của nhóm mới được thay đổi dữ liệu. "
    "Bạn vẫn có thể dùng các lệnh xem như /khenthuong, /tiendo, /sukien."
)


class CommandCore:
    """Transport-free bot: `handle` takes an Incoming and returns a Reply, or None."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        config: CoreConfig | None = None,
        clock: Clock = system_clock,
        commands: list[Command] | None = None,
    ) -> None:
        self.sessions = sessions
        self.config = config or CoreConfig()
        self.clock = clock
        self.commands = commands if commands is not None else all_commands()
        self._by_name: dict[str, Command] = {}
        for command in self.commands:
            for name in (command.name, *command.aliases):
                if name in self._by_name:
                    raise ValueError(f"command name used twice: {name}")
                self._by_name[name] = command

    def lookup(self, name: str) -> Command | None:
        """A command by name or alias, ignoring case and diacritics."""
        return self._by_name.get(parse.fold(name))

    async def handle(self, msg: Incoming) -> Reply | None:
        """Answer one message; stray text in groups gets no answer."""
        text = msg.text.strip()
        if not text.startswith("/"):
            if not msg.addressed:
                return None
            return Reply(
                "Mình chỉ hiểu lệnh bắt đầu bằng dấu /, ví dụ /khenthuong 2022 hoặc /sukien.\n"
                "Gõ /trogiup để xem tất cả các lệnh."
            )
        head, _, rest = text.partition(" ")
        name = head[1:].split("@", 1)[0]
        command = self.lookup(name)
        if command is None:
            if not msg.addressed and "@" not in head:
                # In a group with several bots, another bot's command is not ours to refuse.
                return None
            return Reply(self._unknown(name))
        rest = rest.strip()
        async with self.sessions() as session:
            ctx = Context(
                msg=msg,
                session=session,
                now=self.clock(),
                config=self.config,
                args=rest.split(),
                rest=rest,
                command=command.name,
                chat=await chats.find_chat(session, msg.platform, msg.chat_id),
            )
            try:
                if command.admin:
                    await ctx.require_admin()
                reply = await command.handler(ctx)
                await session.commit()
            except UserError as exc:
                await session.rollback()
                return Reply(exc.text())
            except NotAllowed:
                await session.rollback()
                log.info("refused write command=%s platform=%s", command.name, msg.platform)
                return Reply(REFUSAL)
        return reply

    def _unknown(self, name: str) -> str:
        known = sorted(self._by_name)
        close = difflib.get_close_matches(parse.fold(name), known, n=1)
        hint = f" Có phải bạn muốn gõ /{close[0]}?" if close else ""
        shown = name if len(name) <= 32 else name[:32] + "…"
        return f"Không có lệnh /{shown}.{hint}\nGõ /trogiup để xem các lệnh và ví dụ."
