"""The rows of the export's data sheets, read from the database as plain values."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import dossiers as flow
from bot.domain import requests as request_rules
from bot.domain import vn
from bot.domain.awards import CATEGORY_LABELS
from bot.domain.verdicts import verdict
from bot.reports import sheets, tables
from bot.reports.texts import workbook as texts
from storage.models import AwardForm, AwardRecord
from storage.queries import exports
from storage.queries import requests as request_queries

Row = tables.Row


def line_key(record_key: str) -> str:
    """The award line a record belongs to: `HM-2022-13:individual:ad_hoc` → `HM-2022-13`."""
    return record_key.split(":", 1)[0]


async def award_rows(
    session: AsyncSession, year: int | None, codes: dict[int, str], forms: dict[int, AwardForm]
) -> list[Row]:
    """The awards sheet: one row per award line, counts per recipient kind."""
    # Named records are on their own sheet, one person a row.
    lines: dict[str, list[AwardRecord]] = defaultdict(list)
    for record in await exports.award_line_records(session, year=year):
        lines[line_key(record.key)].append(record)
    level_rank = {level: i for i, level in enumerate(vn.LEVEL_ORDER)}
    rows: list[tuple[tuple[object, ...], Row]] = []
    for key, records in lines.items():
        first = records[0]
        form = forms[first.form_id]
        row: Row = {
            "year": first.year,
            "level": vn.LEVEL_LABELS.get(form.level, form.level),
            "form_name": first.label or form.name,
            "form": form.code,
            "key": key,
            "unit": codes.get(first.unit_id) if first.unit_id else None,
            "recipient_name": first.recipient_name,
            "occasion": first.occasion,
            "occasion_date": first.occasion_date,
            "decision_number": first.decision_number,
            "decision_date": first.decision_date,
            "source": first.source,
            "category": CATEGORY_LABELS.get(form.category, form.category),
            "count_unit": sheets.COUNT_UNIT_WORDS.get(form.count_unit),
        }
        for record in records:
            kind = record.recipient_kind
            row[kind] = int(row.get(kind) or 0) + record.count  # type: ignore[call-overload]
            if record.ad_hoc:
                ad_hoc = f"{kind}_ad_hoc"
                row[ad_hoc] = int(row.get(ad_hoc) or 0) + record.count  # type: ignore[call-overload]
        # The article's order: the year's table by level and form, then ceremonies.
        order = (
            first.year,
            first.occasion is not None,
            level_rank.get(form.level, 9),
            form.sort,
            form.name,
            key,
        )
        rows.append((order, row))
    return [row for _, row in sorted(rows, key=lambda item: item[0])]


async def record_rows(
    session: AsyncSession, year: int | None, codes: dict[int, str], names: dict[int, str]
) -> list[Row]:
    """The named records sheet: one person or collective a row."""
    return [
        {
            "year": record.year,
            "form": form.code,
            "form_name": record.label or form.name,
            "kind": vn.RECIPIENT_LABELS.get(record.recipient_kind, record.recipient_kind),
            "name": record.recipient_name,
            "position": record.position,
            "unit": codes.get(record.unit_id) if record.unit_id else None,
            "unit_name": names.get(record.unit_id) if record.unit_id else None,
            "occasion": record.award_occasion,
            "decision_number": record.decision_number,
            "decision_date": record.decision_date,
            "decision_level": record.decision_level,
            "key": record.key,
        }
        for record, form in await exports.named_records_with_forms(session, year=year)
    ]


async def dossier_rows(
    session: AsyncSession, year: int | None, codes: dict[int, str], forms: dict[int, AwardForm]
) -> list[Row]:
    """The dossiers sheet: one nominee a row."""
    rows: list[Row] = []
    for dossier, nominee in await exports.dossiers_with_nominees(session, year=year):
        decision = None
        if dossier.decision_number and dossier.decision_date:
            decision = f"{dossier.decision_number}, {vn.date(dossier.decision_date)}"
        rows.append(
            {
                "code": dossier.code,
                "year": dossier.year,
                "form": forms[dossier.form_id].code,
                "unit": codes.get(dossier.unit_id),
                "reason": dossier.reason,
                "kind": vn.RECIPIENT_LABELS.get(nominee.recipient_kind, nominee.recipient_kind),
                "name": nominee.name,
                "position": nominee.position,
                "nominee_unit": codes.get(nominee.unit_id),
                "status": flow.LABELS.get(dossier.status, dossier.status),
                "decision": decision,
            }
        )
    return rows


async def task_rows(
    session: AsyncSession,
    year: int | None,
    codes: dict[int, str],
    names: dict[int, str],
    tz: ZoneInfo,
) -> list[Row]:
    """The tasks sheet: one row per task and responsible unit, with its progress."""
    task_list = await exports.tasks_of_year(session, year=year)
    ids = [t.id for t in task_list]
    links = await exports.units_of_tasks(session, ids)
    progress = await exports.progress_of_tasks(session, ids)
    rows: list[Row] = []
    for task in task_list:
        base: Row = {
            "year": task.year,
            "code": task.code,
            "title": task.title,
            "deadline": task.deadline,
            "deadline_assumed": texts.ASSUMED_NOTE if task.deadline_assumed else None,
        }
        unit_ids = sorted(links.get(task.id, []), key=lambda u: codes.get(u, ""))
        if not unit_ids:
            rows.append(dict(base))
        for unit_id in unit_ids:
            current = progress.get((task.id, unit_id))
            rows.append(
                {
                    **base,
                    "unit": codes.get(unit_id),
                    "unit_name": names.get(unit_id),
                    "percent": current.percent if current else None,
                    "note": current.note if current else None,
                    "updated_at": vn.datetime(current.updated_at.astimezone(tz))
                    if current
                    else None,
                    "updated_by": current.updated_by if current else None,
                }
            )
    return rows


async def indicator_rows(
    session: AsyncSession, year: int | None, codes: dict[int, str]
) -> list[Row]:
    """The indicators sheet: plan, actual, percent of plan and verdict."""
    return [
        {
            "year": ind.year,
            "group": ind.group,
            "code": ind.code,
            "name": ind.name,
            "measure": ind.measure,
            "qualifier": sheets.QUALIFIER_WORDS.get(ind.qualifier or ""),
            "plan": ind.plan,
            "actual": ind.actual,
            "percent": ind.percent,
            "verdict": verdict(ind),  # the rule /chitieu and the chart use
            "unit": codes.get(ind.unit_id) if ind.unit_id else None,
            "note": ind.note,
            "source": ind.source,
        }
        for ind in await exports.indicators_of_year(session, year=year)
    ]


async def commemoration_rows(session: AsyncSession, codes: dict[int, str]) -> list[Row]:
    """The commemorations sheet."""
    return [
        {
            "code": c.code,
            "title": c.title,
            "calendar": sheets.CALENDAR_WORDS.get(c.calendar, c.calendar),
            "day": c.day,
            "month": c.month,
            "origin_year": c.origin_year,
            "category": sheets.CATEGORY_WORDS.get(c.category, c.category),
            "unit": codes.get(c.unit_id) if c.unit_id else None,
            "description": c.description,
            "source": c.source,
        }
        for c in await exports.commemorations_by_date(session)
    ]


async def request_rows(
    session: AsyncSession,
    year: int | None,
    codes: dict[int, str],
    names: dict[int, str],
    tz: ZoneInfo,
    today: dt.date,
) -> list[Row]:
    """Every request (of the year, by deadline) unit by unit, as /theodoi shows it."""
    rows: list[Row] = []
    for request, answers in await request_queries.all_requests(session, year=year, tz=tz):
        deadline = request.deadline_at.astimezone(tz)
        closed = vn.datetime(request.closed_at.astimezone(tz)) if request.closed_at else None
        for answer in answers:
            state = request_rules.unit_state(answer.submitted_at, answer.extension_at)
            moment = answer.submitted_at or answer.extension_at
            late = (today - deadline.date()).days if state != request_rules.SUBMITTED else 0
            rows.append(
                {
                    "code": request_rules.request_code(request.id),
                    "title": request.title,
                    "deadline": vn.datetime(deadline),
                    "unit": codes.get(answer.unit_id),
                    "unit_name": names.get(answer.unit_id),
                    "state": request_rules.STATE_LABELS[state],
                    "at": vn.datetime(moment.astimezone(tz)) if moment else None,
                    "by": answer.submitted_by or answer.extension_by,
                    "file": answer.file_name,
                    "reason": answer.extension_reason,
                    "overdue": max(late, 0) or None,
                    "closed": closed,
                }
            )
    return rows
