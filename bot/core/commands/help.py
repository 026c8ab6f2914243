"""/start and /trogiup: what the bot does and every command with an example."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.core.args import fold
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command, Handler
from bot.core.texts import help as texts
from bot.domain.text import clip, closest


async def start(ctx: Context) -> Reply:
    """Greeting with the first commands to try."""
    del ctx
    return Reply(texts.START, title=texts.START_TITLE)


def _entry(command: Command) -> list[str]:
    return [command.usage, f"  {command.summary}"]


def _short_entry(command: Command) -> list[str]:
    # Write commands' full syntax is long (several forms each); /trogiup <lệnh> shows it, so the
    # list still fits one Telegram message.
    return [f"/{command.name} — {command.summary}"]


def detail(command: Command) -> Reply:
    """One command: usage, what it does, who may use it, an example and its guide."""
    lines = [texts.usage_line(command.usage), command.summary]
    if command.aliases:
        lines.append(texts.aliases_line(", ".join(f"/{a}" for a in command.aliases)))
    if command.who:
        lines.append(texts.who_line(command.who))
    lines.append(texts.example_line(command.example))
    if command.guide:
        lines += ["", command.guide]
    return Reply("\n".join(lines), title=texts.detail_title(command.name))


def help_text(catalog: Callable[[], Sequence[Command]]) -> Handler:
    """The /trogiup handler over the catalog of every command (known once all are assembled)."""

    async def handler(ctx: Context) -> Reply:
        if ctx.args:
            wanted = fold(ctx.args[0].lstrip("/").split("@", 1)[0])
            for command in catalog():
                if wanted in (command.name, *command.aliases):
                    return detail(command)
            names = sorted(command.name for command in catalog())
            close = closest(wanted, names)
            shown = clip(ctx.args[0].lstrip("/"))
            raise UserError(texts.unknown_command(shown, close), usage=texts.HELP_USAGE)
        return help_reply(catalog())

    return handler


def help_reply(catalog: Sequence[Command]) -> Reply:
    """Every command: reading ones with their usage, then the ones that change data by name."""
    listed = [c for c in catalog if c.menu]
    lines = [texts.INTRO, "", texts.READING_HEADING]
    for command in listed:
        if command.who is None:
            lines += _entry(command)
    lines += ["", texts.WRITING_HEADING]
    for command in listed:
        if command.who is not None:
            lines += _short_entry(command)
    lines += ["", texts.DETAIL_HINT, "", texts.ROLES_NOTE]
    return Reply("\n".join(lines), title=texts.HELP_TITLE)


def commands(catalog: Callable[[], Sequence[Command]]) -> list[Command]:
    """/start and /trogiup; help lists `catalog()`, every command of the core."""
    return [
        Command("start", ("batdau",), "/start", texts.START_SUMMARY, "/start", start),
        Command(
            "trogiup",
            ("help",),
            texts.HELP_USAGE,
            texts.HELP_SUMMARY,
            "/trogiup themkhenthuong",
            help_text(catalog),
        ),
    ]
