"""/taitep: a dossier's attached file sent back to its unit's administrators and the office."""

from __future__ import annotations

from bot.core.commands.dossiers import DOSSIER_CODE
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Document, Reply
from bot.core.registry import Command
from bot.core.texts import dossiers as texts
from bot.domain.roles import Role
from bot.domain.text import clip
from storage.queries import dossiers, units

FILE_USAGE = texts.FILE_USAGE


async def send_file(ctx: Context) -> Reply:
    """One file of a dossier; the list to choose from when it has several."""
    if not ctx.args:
        raise UserError(texts.MISSING_CODE, usage=FILE_USAGE)
    if not DOSSIER_CODE.fullmatch(ctx.args[0]):
        raise UserError(texts.not_a_code(clip(ctx.args[0])), usage=FILE_USAGE)
    dossier = await dossiers.dossier_by_code(ctx.session, ctx.args[0])
    if dossier is None:
        raise UserError(texts.unknown_dossier(clip(ctx.args[0])), usage=FILE_USAGE)
    unit = await units.unit_by_id(ctx.session, dossier.unit_id)
    assert unit is not None  # a dossier's unit is kept (RESTRICT)
    # Nominees' papers: only who proposes for the unit, or the office, may take them.
    await ctx.require(Role.UNIT_ADMIN, unit)
    names = await dossiers.file_names(ctx.session, dossier.id)
    if not names:
        return Reply(texts.no_files(dossier.code))
    if len(ctx.args) < 2:
        if len(names) > 1:
            return Reply(texts.file_choice(dossier.code, names))
        number = 1
    else:
        word = ctx.args[1]
        # ASCII digits only: str.isdecimal() also takes "３" and "٣".
        number = int(word) if word.isascii() and word.isdecimal() and len(word) < 6 else 0
        if not 1 <= number <= len(names):
            raise UserError(
                texts.bad_file_number(clip(word), dossier.code, len(names)), usage=FILE_USAGE
            )
    stored = await dossiers.file_at(ctx.session, dossier.id, number)
    assert stored is not None  # numbered from the names just read, in the same order
    caption = texts.file_caption(dossier.code, stored.filename)
    # The caption goes with the file; a text beside it would say the same twice.
    return Reply("", document=Document(stored.filename, stored.content, caption))


COMMANDS = [
    Command(
        "taitep",
        ("dossierfile",),
        FILE_USAGE,
        texts.FILE_SUMMARY,
        texts.FILE_EXAMPLE,
        send_file,
        who=texts.WHO_FILE,
        max_args=2,
    ),
]
