"""`thidua chat`: the core on standard input and output, as a local administrator."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path
from typing import TextIO

from bot.core.args import fold
from bot.core.buttons import typed_buttons
from bot.core.messages import Incoming, Reply, failure_text
from bot.core.router import CommandCore
from bot.texts import cli as texts

log = logging.getLogger(__name__)

CHAT_ID = "local"
USER_ID = "console"
_UNSAFE = re.compile(r"[^a-z0-9.-]+")


def render(reply: Reply) -> str:
    """Plain text as Zalo shows it: buttons become the commands to type, unless already named."""
    text = reply.plain()
    commands = typed_buttons(reply)
    if commands:
        text += "\n\n" + "\n".join(commands)
    return text


def free_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `name-2`, `name-3`… when taken: the console never overwrites a file."""
    safe = _UNSAFE.sub("-", fold(Path(name).name)).strip("-.") or "tep"
    path = folder / safe
    stem, suffix = path.stem, path.suffix
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}{suffix}"
    return path


def save_files(reply: Reply, command: str, folder: Path) -> list[str]:
    """Write the reply's picture and file into `folder`; the lines telling where."""
    lines: list[str] = []
    if reply.image is not None:
        # A picture has no name of its own: it is named after the command that drew it.
        path = free_path(folder, "-".join(command.lstrip("/").split()) + ".png")
        path.write_bytes(reply.image.png)
        if reply.image.caption.strip():
            lines.append(reply.image.caption)
        lines.append(texts.image_saved(path))
    if reply.document is not None:
        path = free_path(folder, reply.document.filename)
        path.write_bytes(reply.document.content)
        if reply.document.caption.strip():
            lines.append(reply.document.caption)
        lines.append(texts.file_saved(path))
    return lines


async def run_console(
    core: CommandCore, stdin: TextIO, stdout: TextIO, *, folder: Path | None = None
) -> None:
    """Answer each input line until end of input; pictures and files go into `folder` (cwd)."""
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
            user_name=texts.CONSOLE_USER_NAME,
            chat_title=texts.CONSOLE_CHAT_TITLE,
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
            parts = [render(reply), *save_files(reply, msg.text, folder or Path.cwd())]
            stdout.write("\n".join(part for part in parts if part.strip()) + "\n\n")
            stdout.flush()
    if interactive:
        stdout.write("\n")
