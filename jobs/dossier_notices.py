"""Dossier notices: each step told to the proposing unit's chats, waiting dossiers to the office.

They go through the delivery ledger like every reminder, so each is sent once across restarts
and replicas. A step is told at the moment it was taken (the next dispatch pass, within the
sweep interval); a reminder about a dossier waiting too long at the office's reminder hour.
Neither needs a subscription: a unit that proposes wants to hear back, and so does the office.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import dossiers as flow
from jobs.texts import dossier_notices as texts
from storage.models import Chat
from storage.queries import dossiers


@dataclass(frozen=True)
class NoticePolicy:
    """When a dossier counts as waiting too long, and whose chats are the office's."""

    stale_days: int = 14
    office_unit: str | None = None
    """Unit code of the office; None: the top unit."""


def _local_date(moment: dt.datetime, chat: Chat) -> dt.date:
    return moment.astimezone(ZoneInfo(chat.timezone)).date()


async def load_notices(
    session: AsyncSession,
    *,
    since: dt.datetime,
    policy: NoticePolicy,
    units: dict[int, str],
    root_unit_id: int | None,
) -> dict[int, list[flow.Notice]]:
    """Per chat id, the dossier notices of steps since `since` and of every waiting dossier.

    `units` maps unit ids to codes (to find the office's unit).
    """
    office_id = next((i for i, c in units.items() if c == policy.office_unit), root_unit_id)
    office = await dossiers.active_chats(session, unit_ids=[office_id]) if office_id else []
    found: dict[int, list[flow.Notice]] = defaultdict(list)
    for step in await dossiers.steps_since(session, since):
        title, text = flow.step_text(
            flow.Step(
                step.code, step.status, step.unit_name, step.form_name, step.nominees, step.note
            )
        )
        if step.status == "submitted":
            targets = office
        else:
            targets = await dossiers.active_chats(session, unit_ids=[step.unit_id])
            if step.origin_chat_id is not None:
                targets += await dossiers.chats_by_id(session, [step.origin_chat_id])
        for chat in {c.id: c for c in targets}.values():
            found[chat.id].append(
                flow.Notice(
                    f"hoso:{step.event_id}",
                    _local_date(step.at, chat),
                    step.at,
                    title,
                    text,
                    f"{title} ({step.unit_name})",
                )
            )
    waiting, _ = await dossiers.list_dossiers(session, statuses=flow.OPEN, limit=None)
    for row in waiting:
        due = row.status_at + dt.timedelta(days=policy.stale_days + 1)
        label = flow.LABELS[row.status]
        title = texts.stale_title(row.code, policy.stale_days)
        text = texts.stale_text(row.code, row.unit_name, row.form_name, label, policy.stale_days)
        for chat in office:
            found[chat.id].append(
                flow.Notice(
                    f"hoso-cho:{row.code}:{row.status}",
                    _local_date(due, chat),
                    None,
                    title,
                    text,
                    title,
                )
            )
    return dict(found)
