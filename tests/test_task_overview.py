"""The year overview counted in SQL agrees with counting every task by hand, on both databases."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, text

from bot.app import App, build_app, prepare_database, seed
from bot.runtime import build_dispatcher
from bot.settings import load_settings
from jobs.scheduler import ReminderScheduler
from storage import migrate
from storage.models import ClosedYear, Task, TaskProgress, TaskUnit, Unit
from storage.queries import task_overview

YEAR = 2031


@dataclass
class Made:
    """A task as the test wrote it: its deadline and each responsible unit's percent (None:
    never reported)."""

    code: str
    deadline: dt.date | None
    percents: dict[int, int | None]


async def make_year(app: App, rng: random.Random) -> tuple[list[Made], list[int]]:
    """80 tasks with ties in deadlines, no deadline, no units, units that never reported."""
    async with app.sessions() as session, session.begin():
        units = list((await session.scalars(select(Unit.id).order_by(Unit.id))).all())[:12]
        made = []
        for i in range(80):
            deadline = None if i % 9 == 0 else dt.date(YEAR, rng.randint(3, 5), rng.randint(1, 3))
            task = Task(year=YEAR, code=f"OV-{i:02d}", title=f"Việc {i}", deadline=deadline)
            session.add(task)
            await session.flush()
            percents: dict[int, int | None] = {}
            for unit_id in rng.sample(units, 0 if i % 13 == 0 else rng.randint(1, 3)):
                session.add(TaskUnit(task_id=task.id, unit_id=unit_id))
                percent = rng.choice([None, 0, 30, 100, 100])
                percents[unit_id] = percent
                if percent is not None:
                    session.add(
                        TaskProgress(
                            task_id=task.id,
                            unit_id=unit_id,
                            percent=percent,
                            updated_by="test",
                            updated_at=dt.datetime(YEAR, 1, 1, tzinfo=dt.UTC),
                        )
                    )
            made.append(Made(task.code, deadline, percents))
    return made, units


def by_hand(
    made: list[Made], scope: set[int] | None, today: dt.date
) -> tuple[tuple[int, ...], list[str], list[str]]:
    """Counts, and the codes of the first five overdue and upcoming, from every task."""
    counts = {"done": 0, "overdue": 0, "started": 0, "idle": 0, "upcoming": 0}
    late, due = [], []
    reported: dict[int, bool] = {}
    total = 0
    for task in made:
        percents = {u: p for u, p in task.percents.items() if scope is None or u in scope}
        if scope is not None and not percents:
            continue
        total += 1
        for unit_id, percent in percents.items():
            reported[unit_id] = reported.get(unit_id, False) or percent is not None
        average = sum(p or 0 for p in percents.values()) / len(percents) if percents else 0
        if percents and average >= 100:
            counts["done"] += 1
        elif task.deadline is not None and task.deadline < today:
            counts["overdue"] += 1
            late.append((task.deadline, task.code))
        else:
            counts["started" if average > 0 else "idle"] += 1
            if task.deadline is not None:
                counts["upcoming"] += 1
                due.append((task.deadline, task.code))
    never = sum(1 for ok in reported.values() if not ok)
    numbers = (total, *counts.values(), len(reported), never)
    return numbers, [c for _, c in sorted(late)[:5]], [c for _, c in sorted(due)[:5]]


async def test_overview_matches_counting_by_hand(app: App) -> None:
    made, units = await make_year(app, random.Random(31))
    scopes: list[set[int] | None] = [None, set(units[:4]), {units[5]}, set(units)]
    async with app.sessions() as session:
        for today in (dt.date(YEAR, 1, 1), dt.date(YEAR, 4, 2), dt.date(YEAR, 12, 31)):
            for scope in scopes:
                o = await task_overview.year_overview(session, YEAR, today=today, unit_ids=scope)
                numbers = (o.total, o.done, o.overdue, o.started, o.idle, o.upcoming)
                got = (*numbers, o.units, o.never)
                expected, late, due = by_hand(made, scope, today)
                assert got == expected, (today, scope)
                assert [t.code for t in o.first_overdue] == late, (today, scope)
                assert [t.code for t in o.next_due] == due, (today, scope)


async def test_listed_tasks_carry_their_average_and_deadline(app: App) -> None:
    made, _ = await make_year(app, random.Random(5))
    async with app.sessions() as session:
        o = await task_overview.year_overview(session, YEAR, today=dt.date(YEAR, 12, 31))
    wanted = {task.code: task for task in made}
    assert o.first_overdue
    for row in o.first_overdue:
        task = wanted[row.code]
        percents = list(task.percents.values())
        average = sum(p or 0 for p in percents) / len(percents) if percents else 0.0
        assert (row.deadline, row.percent) == (task.deadline, average)


async def test_years_come_with_which_are_closed(app: App) -> None:
    await make_year(app, random.Random(1))
    async with app.sessions() as session, session.begin():
        session.add(
            ClosedYear(
                year=YEAR,
                closed_at=dt.datetime(YEAR, 12, 31, tzinfo=dt.UTC),
                closed_by="t",
                summary="",
            )
        )
    async with app.sessions() as session:
        years, closed = await task_overview.task_years_and_closed(session)
    assert years[0] == YEAR and years == sorted(years, reverse=True)
    assert closed == {YEAR}


async def test_start_gives_sqlite_planner_statistics(tmp_path: Path) -> None:
    # Without them SQLite guessed ten tasks a year and probed each for every unit of a district.
    # (PostgreSQL's autovacuum keeps its own.)
    app = build_app(load_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'new.db'}"))
    try:
        await prepare_database(app)
        async with app.engine.connect() as conn:
            query = text("SELECT stat FROM sqlite_stat1 WHERE idx = :idx")
            stat = (await conn.execute(query, {"idx": "ix_task_units_unit_id_task_id"})).all()
        assert stat, "ANALYZE ran at start and saw the unit-first index"
    finally:
        await app.close()


async def test_the_nightly_job_refreshes_them(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'night.db'}"
    app = build_app(load_settings(database_url=url))
    try:
        await migrate.upgrade(app.engine)
        await seed(app)  # seeded without prepare_database: no statistics yet
        scheduler = ReminderScheduler(
            build_dispatcher(app, {}, instance="test"), app.sessions, timezone="UTC"
        )
        await scheduler.refresh_statistics()
        async with app.engine.connect() as conn:
            tables = (await conn.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1"))).all()
        assert ("task_units",) in tables
    finally:
        await app.close()
