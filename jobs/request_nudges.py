"""Reminders of requests to units and of task nudges, planned for the dispatcher's ledger.

Each request's announcement, nudges, overdue notices and summary is a delivery like any other
reminder: claimed once, sent once, caught up by the same grace rule. Units that submitted are
left out at every pass, so they are never nudged again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import requests as rules
from bot.domain import vn
from bot.domain.reminder_chats import ChatPlan, PlannedReminder
from bot.domain.reminder_texts import REMINDER_TEXT_LIMIT
from jobs.texts import request_nudges as texts
from storage.models import Chat, RequestUnit, Task, Unit, UnitRequest
from storage.queries import requests as queries
from storage.queries import units as unit_queries

KIND = "yeucau"
NUDGE_KIND = "nhacbc"
SUMMARY_NAMES = 40
"""Units named per list in a summary before it says how many it left out."""


@dataclass
class ExtraPlans:
    """Reminders beyond the subscriptions, by chat, and the chats they go to."""

    chats: dict[int, ChatPlan]
    reminders: dict[int, list[PlannedReminder]]


async def plan_extra(
    session: AsyncSession, *, start: dt.datetime, end: dt.datetime, overdue_days: int
) -> ExtraPlans:
    """Request messages and task nudges due in [start, end], for every chat they go to."""
    plans = ExtraPlans({}, defaultdict(list))
    tree = await unit_queries.unit_tree(session)
    found = await queries.requests_for_nudges(
        session, start=start, end=end, overdue_days=overdue_days
    )
    nudges = await queries.task_nudges_between(session, start=start, end=end)
    unit_ids = {row.unit_id for _, rows in found for row in rows}
    unit_ids |= {n.unit_id for n in nudges}
    by_unit = await queries.chats_of_units(session, unit_ids)
    requesting = await queries.chats_by_id(session, {r.chat_id for r, _ in found})
    # A unit's chat gets them in the topic its deadline reminders go to (/dangky there).
    topics = await queries.deadline_topics(session, {c.id for cs in by_unit.values() for c in cs})
    for request, rows in found:
        _plan_request(
            plans,
            request,
            rows,
            _Chats(by_unit, requesting, topics),
            tree.units,
            start,
            end,
            overdue_days,
        )
    tasks = {t.id: t for t in await queries.tasks_by_id(session, {n.task_id for n in nudges})}
    for nudge in nudges:
        unit, task = tree.units.get(nudge.unit_id), tasks.get(nudge.task_id)
        if unit is None or task is None:
            continue
        for chat in by_unit.get(nudge.unit_id, []):
            plan = _plan_for(plans, chat)
            title, text = task_nudge_text(task, unit)
            plans.reminders[chat.id].append(
                PlannedReminder(
                    chat.id,
                    NUDGE_KIND,
                    f"nhacbc:{nudge.id}",
                    nudge.created_at.astimezone(plan.tz).date(),
                    0,
                    nudge.created_at,
                    title,
                    text,
                    title,
                    buttons=(),
                    thread_id=topics.get(chat.id),
                )
            )
    # Only chats something is due to: a chat with nothing to send must not count as planned.
    plans.chats = {k: v for k, v in plans.chats.items() if plans.reminders.get(k)}
    return plans


def _plan_for(plans: ExtraPlans, chat: Chat) -> ChatPlan:
    if chat.id not in plans.chats:
        # No subscription needed: a request goes to every chat linked to the unit it asks.
        plans.chats[chat.id] = ChatPlan.from_chat(chat, {})
    return plans.chats[chat.id]


@dataclass(frozen=True)
class _Chats:
    """Where a request's messages go: units' chats, requesting chats, deadline topics."""

    by_unit: Mapping[int, list[Chat]]
    requesting: Mapping[int, Chat]
    topics: Mapping[int, str]


def _plan_request(
    plans: ExtraPlans,
    request: UnitRequest,
    rows: list[RequestUnit],
    chats: _Chats,
    units: Mapping[int, Unit],
    start: dt.datetime,
    end: dt.datetime,
    overdue_days: int,
) -> None:
    for row in rows:
        unit = units.get(row.unit_id)
        if row.submitted_at is not None or unit is None:
            continue
        for chat in chats.by_unit.get(row.unit_id, []):
            plan = _plan_for(plans, chat)
            timing = rules.NudgeChat(chat.id, plan.tz, plan.remind_at, plan.lead_days)
            for due in rules.unit_dues(
                timing,
                created_at=request.created_at,
                deadline_at=request.deadline_at,
                overdue_days=overdue_days,
                start=start,
                end=end,
            ):
                title, text = unit_text(request, unit, due, plan)
                plans.reminders[chat.id].append(
                    _reminder(
                        request, due, title, text, answer=True, thread=chats.topics.get(chat.id)
                    )
                )
    asker = chats.requesting.get(request.chat_id)
    if asker is None:
        return
    tz = _plan_for(plans, asker).tz
    summary = rules.summary_due(
        asker.id, deadline_at=request.deadline_at, tz=tz, start=start, end=end
    )
    if summary is not None:
        title, text = summary_text(request, rows, units)
        plans.reminders[asker.id].append(
            _reminder(request, summary, title, text, answer=False, thread=request.thread_id)
        )


def _reminder(
    request: UnitRequest,
    due: rules.Due,
    title: str,
    text: str,
    *,
    answer: bool,
    thread: str | None,
) -> PlannedReminder:
    code = rules.request_code(request.id)
    buttons = (
        ((texts.SUBMIT_BUTTON, f"/danop {code}"), (texts.EXTEND_BUTTON, f"/giahan {code}"))
        if answer
        else ()
    )
    return PlannedReminder(
        due.chat_id,
        KIND,
        rules.occasion_key(request.id, due.part),
        due.occurrence,
        due.lead,
        due.due_at,
        title,
        text,
        texts.request_title(code, request.title[:80]),
        buttons=buttons,
        thread_id=thread,
    )


def unit_text(request: UnitRequest, unit: Unit, due: rules.Due, plan: ChatPlan) -> tuple[str, str]:
    """The request, a nudge or an overdue notice, for one unit that has not submitted."""
    code = rules.request_code(request.id)
    deadline = request.deadline_at.astimezone(plan.tz)
    today = due.due_at.astimezone(plan.tz).date()
    left = vn.days_left((deadline.date() - today).days)
    if due.part == rules.ANNOUNCE:
        title = texts.request_title(code, request.title)
        state = texts.announce_state(vn.moment(deadline), left)
    elif due.lead >= 0:
        title = texts.nudge_title(code, request.title)
        state = texts.nudge_state(unit.name, vn.moment(deadline), left)
    else:
        title = texts.overdue_title(code, request.title)
        state = texts.overdue_state(unit.name, -due.lead, vn.moment(deadline))
    lines = [state, texts.asked_unit(unit.name, unit.code), texts.how_to_answer(code)]
    return title[:300], "\n".join(lines)


def summary_text(
    request: UnitRequest, rows: list[RequestUnit], units: Mapping[int, Unit]
) -> tuple[str, str]:
    """The requesting chat's summary at the deadline: who submitted, who asked for time, who not."""
    code = rules.request_code(request.id)
    by_state: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        unit = units.get(row.unit_id)
        name = unit.name if unit else "?"
        by_state[rules.unit_state(row.submitted_at, row.extension_at)].append(name)
    submitted = len(by_state[rules.SUBMITTED])
    line = texts.submitted_count(submitted, len(rows))
    for state in (rules.EXTENSION, rules.PENDING):
        names = sorted(by_state[state])
        if names:
            shown = ", ".join(names[:SUMMARY_NAMES])
            more = (
                texts.more_units(len(names) - SUMMARY_NAMES) if len(names) > SUMMARY_NAMES else ""
            )
            line += f"; {rules.STATE_LABELS[state]}: {shown}{more}"
    body = texts.summary_body(line, code)
    if len(body) > REMINDER_TEXT_LIMIT:
        body = texts.summary_body_cut(line[: REMINDER_TEXT_LIMIT - 80], code)
    return texts.summary_title(code, request.title)[:300], body


def task_nudge_text(task: Task, unit: Unit) -> tuple[str, str]:
    """The one nudge to a unit that never reported on a task."""
    deadline = vn.date(task.deadline) if task.deadline else None
    title = texts.task_nudge_title(task.code)
    return title, texts.task_nudge(unit.name, task.code, task.title, deadline)
