"""`thidua chat`: the core on standard input and output, as a local administrator."""

from __future__ import annotations

import asyncio
import logging
from typing import TextIO

from bot.core.buttons import typed_buttons
from bot.core.messages import Incoming, Reply, failure_text
from bot.core.router import CommandCore

log = logging.getLogger(__name__)

CHAT_ID = "local"
USER_ID = "console"


def render(reply: Reply) -> str:
    """Plain text as Zalo shows it: buttons become the commands to type, unless already named."""
    text = reply.plain()
    commands = typed_buttons(reply)
    if commands:
        text += "\n\n" + "\n".join(commands)
    if reply.image:
        text += f"\n[Ảnh: {reply.image.caption}]"
    if reply.document:
        text += f"\n[Tệp: {reply.document.filename}]"
    return text


async def run_console(core: CommandCore, stdin: TextIO, stdout: TextIO) -> None:
    """Answer each input line until end of input."""
    interactive = stdin.isatty()
    loop = asyncio.get_running_loop()
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        if not line.strip():
            continue
        msg = Incoming(
            platform="console",
            chat_id=CHAT_ID,
            user_id=USER_ID,
            user_name="Quản trị viên",
            chat_title="Máy cục bộ",
            chat_type="private",
            text=line.strip(),
            is_platform_admin=True,
        )
        try:
            reply = await core.handle(msg)
        except Exception as exc:
            # As on the chat platforms: one line for the user, the details in the log.
            log.exception("command failed: %s", msg.text)
            reply = Reply(failure_text(exc))
        if reply is not None:
            stdout.write(render(reply) + "\n\n")
            stdout.flush()
    if interactive:
        stdout.write("\n")
