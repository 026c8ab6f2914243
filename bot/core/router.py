"""The command core: parse a normalized message, run its command in one unit of work, reply."""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core import access
from bot.core import args as parse
from bot.core.cache import ReadCache
from bot.core.context import Clock, Context, CoreConfig, system_clock
from bot.core.errors import NotAllowed, UserError
from bot.core.messages import Incoming, Reply
from bot.core.registry import Command
from bot.core.texts import router as texts
from bot.core.unit_notices import stopped_unit_notice
from bot.domain.text import closest
from bot.metrics import Metrics
from storage.queries import audit as audit_log
from storage.queries import chats, roles

log = logging.getLogger(__name__)

SEEN_USERS_SIZE = 4096
"""Users whose handle and name this process has recorded, so it writes them only on change."""


class CommandCore:
    """Transport-free bot: `handle` takes an Incoming and returns a Reply, or None."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        commands: list[Command],
        config: CoreConfig | None = None,
        clock: Clock = system_clock,
        metrics: Metrics | None = None,
        read_sessions: async_sessionmaker[AsyncSession] | None = None,
    ) -> None:
        self.sessions = sessions
        self.read_sessions = read_sessions or sessions
        """For cacheable commands, which only read (see storage.db.read_session_factory)."""
        self.config = config or CoreConfig()
        self.clock = clock
        self.commands = commands
        """Given by the composition root (bot.core.commands.all_commands), so the core's
        modules never import the commands package that imports them."""
        self.cache = ReadCache(timezone=self.config.timezone)
        """Read replies, chats and the unit tree of this process (see bot.core.cache)."""
        self.metrics = metrics
        self._seen: OrderedDict[tuple[str, str], tuple[str | None, str | None]] = OrderedDict()
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
        # The boundary where free text enters the core: nothing invisible is parsed or stored.
        msg = replace(
            msg,
            text=parse.visible(msg.text),
            user_name=msg.user_name and parse.visible(msg.user_name),
            chat_title=msg.chat_title and parse.visible(msg.chat_title),
            attachment=msg.attachment
            and replace(msg.attachment, filename=parse.file_name(msg.attachment.filename)),
        )
        text = msg.text.strip()
        if not text.startswith("/"):
            if not msg.addressed:
                return None
            self._count(msg, "text")
            return Reply(texts.NOT_A_COMMAND)
        # The command ends at the first space or line break: a list of names may follow it.
        head, _, rest = text.replace("\n", " \n", 1).partition(" ")
        name = head[1:].split("@", 1)[0]
        command = self.lookup(name)
        if command is None:
            if not msg.addressed and "@" not in head:
                # In a group with several bots, another bot's command is not ours to refuse.
                return None
            self._count(msg, "unknown")
            return Reply(self._unknown(name))
        self._count(msg, command.name)
        rest = rest.strip()
        now, args = self.clock(), rest.split()
        cacheable = command.caches(args)
        if cacheable:
            # Answer a repeated question without opening a session: even an idle one yields to
            # the event loop several times on close, which under load costs more than the answer.
            hit = self.cache.known(command.name, msg, args, now)
            if hit is not None:
                return hit
        async with (self.read_sessions if cacheable else self.sessions)() as session:
            ctx = Context(
                msg=msg,
                session=session,
                now=now,
                config=self.config,
                args=args,
                rest=rest,
                command=command.name,
                chat=None,
            )
            if not cacheable:
                ctx.chat = await chats.find_chat(session, msg.platform, msg.chat_id)
                await self._remember(ctx)
                reply, _ = await self._run(command, ctx)
                # Only non-cacheable commands write: read the version again on the next read.
                self.cache.wrote()
                return reply
            version, ctx.chat = await self.cache.prepare(session, msg, now)
            ctx.directory, ctx.trees = version.directory, self.cache.trees
            key = self.cache.key(version.data, command.name, args, ctx.chat, now)
            # While sharing another ask's answer, the connection goes back to the pool.
            return await self.cache.answer(
                key, lambda: self._run(command, ctx), release=session.close
            )

    async def chat_joined(
        self, platform: str, chat_id: str, *, title: str | None, chat_type: str
    ) -> None:
        """The bot was added to a chat (or unblocked): record it as active."""
        async with self.sessions() as session, session.begin():
            await chats.reactivate_chat(
                session,
                platform,
                chat_id,
                title=title,
                chat_type=chat_type,
                timezone=self.config.timezone,
            )
        self.cache.wrote()

    async def chat_left(self, platform: str, chat_id: str) -> None:
        """The bot was removed from a chat (or blocked): stop everything sent there."""
        async with self.sessions() as session, session.begin():
            await chats.deactivate_chat(session, platform, chat_id)
        self.cache.wrote()

    async def chat_migrated(self, platform: str, old_chat_id: str, new_chat_id: str) -> None:
        """A chat changed its platform id (group → supergroup); its settings and data follow."""
        async with self.sessions() as session, session.begin():
            await chats.migrate_chat_id(session, platform, old_chat_id, new_chat_id)
        self.cache.wrote()

    async def _run(self, command: Command, ctx: Context) -> tuple[Reply, bool]:
        """The command's reply, and whether it may be cached (not an error or a refusal)."""
        try:
            if ctx.msg.button_owner is not None and ctx.msg.button_owner != ctx.msg.user_id:
                raise access.not_your_button()
            command.check_arity(ctx.args)
            reply = await command.handler(ctx)
            notice = await stopped_unit_notice(ctx)
            if notice is not None and reply.image is None and reply.document is None:
                reply = dataclasses.replace(reply, text=f"{reply.text}\n\n{notice}")
            await ctx.session.commit()
        except UserError as exc:
            await ctx.session.rollback()
            return Reply(exc.text()), False
        except NotAllowed as exc:
            await ctx.session.rollback()
            await self._audit_refusal(command, ctx, exc)
            return Reply(exc.text, refused=True), False
        return reply, True

    async def _audit_refusal(self, command: Command, ctx: Context, exc: NotAllowed) -> None:
        """Record a refused write with the role it needed, in a transaction of its own."""
        log.info(
            "refused write command=%s platform=%s needed=%s",
            command.name,
            ctx.msg.platform,
            exc.needed,
        )
        audit_log.audit(
            ctx.session,
            at=ctx.now,
            platform=ctx.msg.platform,
            chat_id=ctx.msg.chat_id,
            user_id=ctx.msg.user_id,
            user_name=ctx.msg.user_name,
            action="refused",
            entity=command.name,
            entity_key=ctx.args[0] if ctx.args else "",
            details={"text": ctx.msg.text[:200], "needed": exc.needed, "unit": exc.unit_code},
            unit_id=exc.unit_id,
            role=exc.needed,
        )
        await ctx.session.commit()

    async def _remember(self, ctx: Context) -> None:
        """Record the sender's handle and name when they changed (for `/quyen @handle`)."""
        msg = ctx.msg
        if msg.platform == "console":
            return
        key, value = (msg.platform, msg.user_id), (msg.username, msg.user_name)
        if self._seen.get(key) == value:
            self._seen.move_to_end(key)
            return
        await roles.remember_user(
            ctx.session,
            platform=msg.platform,
            user_id=msg.user_id,
            username=msg.username,
            display_name=msg.user_name,
            now=ctx.now,
        )
        await ctx.session.commit()
        self._seen[key] = value
        while len(self._seen) > SEEN_USERS_SIZE:
            self._seen.popitem(last=False)

    def _count(self, msg: Incoming, command: str) -> None:
        if self.metrics is not None:
            self.metrics.count_update(msg.platform, command)

    def _unknown(self, name: str) -> str:
        # Only the Vietnamese names: an English alias is accepted when typed, never suggested.
        known = sorted({command.name for command in self._by_name.values()})
        close = closest(name, known)
        shown = name if len(name) <= 32 else name[:32] + "…"
        return texts.unknown_command(shown, close)
