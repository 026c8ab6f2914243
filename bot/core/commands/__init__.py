"""Command handlers, one module per feature, and the one list of every command.

Modules here import the core (`bot.core.context`, `messages`, `registry`, `errors`), the
domain, `bot.reports`, `jobs.planner` (loading what a chat will receive) and storage; never a
transport or the composition root. This package's `__init__` assembles them; nothing else
lists commands, and only the composition root (`bot.app`) imports this package.
"""

from __future__ import annotations

from bot.core.commands import (
    admin,
    answers,
    award_edit,
    awards,
    custom_reminders,
    dossier_files,
    dossier_list,
    dossiers,
    events,
    feed,
    help,
    indicators,
    journal,
    plan,
    progress,
    records,
    reminder_buttons,
    reminders,
    reports,
    requests,
    roles,
    task_units,
    tasks,
    units,
    yearend,
)
from bot.core.registry import Command


def all_commands() -> list[Command]:
    """Every command of the core, in the order help and the menu show them."""
    found: list[Command] = []
    found += help.commands(lambda: found)
    found += [
        *awards.COMMANDS,
        *records.COMMANDS,
        *dossier_list.COMMANDS,
        *dossiers.COMMANDS,
        *dossier_files.COMMANDS,
        *indicators.COMMANDS,
        *tasks.COMMANDS,
        *plan.COMMANDS,
        *yearend.COMMANDS,
        *task_units.COMMANDS,
        *progress.COMMANDS,
        *events.COMMANDS,
        *units.COMMANDS,
        *reminders.COMMANDS,
        *requests.COMMANDS,
        *answers.COMMANDS,
        *custom_reminders.COMMANDS,
        *reminder_buttons.COMMANDS,
        *feed.COMMANDS,
        *reports.COMMANDS,
        *admin.COMMANDS,
        *award_edit.COMMANDS,
        *roles.COMMANDS,
        *journal.COMMANDS,
    ]
    return found
