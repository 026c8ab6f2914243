"""Migrations up and down, schema constraints, and the seed loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError

from bot.app import App, build_app, prepare_database, seed
from bot.settings import load_settings
from storage import migrate
from storage.models import AwardRecord, Indicator, TaskProgress, Unit
from storage.seed import SeedError


async def test_migrations_up_and_down(empty_db_url: str) -> None:
    app = build_app(load_settings(database_url=empty_db_url))
    try:
        await migrate.upgrade(app.engine)
        async with app.engine.connect() as conn:
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        assert {"units", "chats", "deliveries", "award_records", "audit_log"} <= tables
        assert await migrate.is_current(app.engine)
        await migrate.downgrade(app.engine)
        async with app.engine.connect() as conn:
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        assert tables <= {"alembic_version"}
        await migrate.upgrade(app.engine)
        assert await migrate.is_current(app.engine)
    finally:
        await app.close()


async def test_first_start_migrates_and_seeds(empty_db_url: str) -> None:
    app = build_app(load_settings(database_url=empty_db_url))
    try:
        await prepare_database(app)
        await prepare_database(app)  # a second start changes nothing
        async with app.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(Unit)) == 21
    finally:
        await app.close()


async def test_seeding_twice_changes_nothing(app: App) -> None:
    report = await seed(app)
    assert report.added == 0
    assert report.updated == 0
    assert report.unchanged > 100


async def test_changed_figure_updates_the_row(app: App, tmp_path: Path) -> None:
    changed = tmp_path / "fix.yaml"
    changed.write_text(
        "indicators:\n"
        "  - year: 2022\n    code: NS-TONG-THU\n    group: Ngân sách\n"
        "    name: Tổng thu ngân sách\n"
        "    measure: tỷ đồng\n    actual: '4671.0'\n    percent: '105.3'\n    unit: HM\n",
        encoding="utf-8",
    )
    report = await seed(app, [changed])
    assert (report.added, report.updated) == (0, 1)
    async with app.sessions() as session:
        row = await session.scalar(select(Indicator).where(Indicator.code == "NS-TONG-THU"))
    assert row is not None
    assert str(row.actual) == "4671"


async def test_bad_seed_file_is_refused_whole_with_lines(app: App, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "units:\n"
        "  - code: NEW-1\n    name: Đơn vị mới\n    kind: ward\n    parent: HM\n"
        "  - code: NEW-2\n    name: Đơn vị sai\n    kind: planet\n"
        "awards:\n"
        "  - key: K1\n    year: 2022\n    form: NOPE\n    counts: {collective: 3}\n",
        encoding="utf-8",
    )
    with pytest.raises(SeedError) as caught:
        await seed(app, [bad])
    assert caught.value.problems == [
        f"{bad}:8: units[2].kind: giá trị không hợp lệ (nhận được 'planet')"
    ]
    bad.write_text(
        "awards:\n  - key: K1\n    year: 2022\n    form: NOPE\n    counts: {collective: 3}\n",
        encoding="utf-8",
    )
    with pytest.raises(SeedError) as caught:
        await seed(app, [bad])
    assert caught.value.problems == [f"{bad}:4: hình thức khen thưởng 'NOPE' không tồn tại"]
    async with app.sessions() as session:
        assert await session.scalar(select(Unit).where(Unit.code == "NEW-1")) is None


async def test_yaml_syntax_error_names_the_line(app: App, tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("units:\n  - code: X\n    name: [unclosed\n", encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        await seed(app, [bad])
    assert caught.value.problems[0].startswith(f"{bad}:4: YAML sai cú pháp")


async def test_schema_rejects_bad_percent_and_counts(app: App) -> None:
    async with app.sessions() as session:
        unit = await session.scalar(select(Unit).where(Unit.code == "HM"))
        assert unit is not None
        session.add(
            TaskProgress(
                task_id=1,
                unit_id=unit.id,
                percent=101,
                updated_by="x",
                updated_at=dt.datetime.now(dt.UTC),
            )
        )
        with pytest.raises(IntegrityError):
            await session.flush()
        await session.rollback()
        session.add(
            AwardRecord(key="x", year=2022, form_id=1, recipient_kind="collective", count=0)
        )
        with pytest.raises(IntegrityError):
            await session.flush()


async def test_totals_migration_fills_from_existing_records(app: App) -> None:
    from storage.queries import awards

    async def table() -> list[awards.AwardCount]:
        async with app.sessions() as session:
            return sorted(await awards.award_counts(session, 2022), key=repr)

    before = await table()
    await migrate.downgrade(app.engine, "0002")
    await migrate.upgrade(app.engine)
    # Going below 0009 drops how forms are counted (the seed sets it again at every start);
    # the totals themselves are rebuilt from the records.
    after = await table()
    assert [(r.form_code, r.recipient_kind, r.total, r.ad_hoc) for r in after] == [
        (r.form_code, r.recipient_kind, r.total, r.ad_hoc) for r in before
    ]
    assert len(after) == 16
