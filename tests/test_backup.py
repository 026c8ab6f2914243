"""`thidua backup` / `thidua restore`: every table moves between SQLite and PostgreSQL unchanged."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Connection

from bot.app import App, build_app
from bot.core.messages import Attachment, Incoming, Reply
from bot.settings import load_settings
from storage import migrate
from storage.backup import (
    DERIVED_TABLES,
    BackupError,
    BackupReport,
    backup,
    data_tables,
    describe_backup,
    describe_restore,
    restore,
)
from storage.models import Commemoration
from tests import databases
from tests.chat import ask, ask_reply
from tests.clock import FakeClock, vn_time
from tests.dispatching import clocked_dispatcher

GROUP = "-1001"
# The read commands of the issue, and a few more that show the restored chats and progress.
QUESTIONS = (
    "/khenthuong 2022",
    "/chitieu",
    "/nhiemvu",
    "/sukien 2023",
    "/donvi",
    "/khenthuong 2023",
    "/tiendo P-DAIKIM",
    "/nhiemvu 2023 2",
)
IN_GROUP = ("/caidat", "/tiendo", "/nhacviec")


class MemorySender:
    """Accepts every reminder; message ids count up."""

    platform = "telegram"

    def __init__(self) -> None:
        self.sent: list[Reply] = []

    async def send(self, chat_id: str, reply: Reply, *, thread_id: str | None = None) -> str:
        """Record the reply."""
        del chat_id
        self.sent.append(reply)
        return str(len(self.sent))


async def populate(app: App, clock: FakeClock) -> None:
    """Writes through the real commands and one dispatch pass, so every table has rows."""
    # An office administrator (BOT_ADMIN_IDS of the app fixture).
    group: dict[str, Any] = {"platform": "telegram", "chat_id": GROUP, "user_id": "9001"}
    assert "Đã gắn" in await ask(app, "/caidat donvi P-DAIKIM", **group)
    assert "Đã đăng ký" in await ask(app, "/dangky", **group)
    assert "Đã cập nhật" in await ask(app, "/capnhat NV2023-01 40% đã phát động", **group)
    assert "Đã cập nhật" in await ask(app, "/capnhat NV2023-01 75", **group)
    assert "Đã thêm" in await ask(app, "/themsukien 25/11/2003 Ngày thành lập quận", **group)
    assert "Đã thêm" in await ask(app, "/themkhenthuong 2023 GK-UBNDQ tập thể 5 P-DAIKIM", **group)
    assert "Đã thêm" in await ask(app, "/themnhiemvu 31/12/2022 Nhiệm vụ năm cũ HM", **group)
    assert "Đã khóa năm 2022" in await ask(app, "/khoanam 2022", **group)
    assert "Đã cấp quyền" in await ask(app, "/quyen them chung zalo:1234567890", **group)
    assert "Đã cấp quyền" in await ask(app, "/quyen them baocao P-DAIKIM telegram:77", **group)
    assert "Sẽ nhắc" in await ask(app, "/nhac ngày 25 hằng tháng Tổng hợp số liệu", **group)
    proposal = Incoming(
        platform="telegram",
        chat_id=GROUP,
        user_id="9001",
        text="/dexuat 2023 BK-TP\nLý do: Hoàn thành xuất sắc nhiệm vụ\nNguyễn Văn An, P-DAIKIM",
        attachment=Attachment("to-trinh.pdf", bytes(range(256))),
    )
    proposed = await app.core.handle(proposal)
    assert proposed is not None and "Đã gửi hồ sơ HS2023-001" in proposed.text, proposed
    decided = await ask(app, "/xulyhoso HS2023-001 quyetdinh 7/QĐ-UBND, 01/12/2023", **group)
    assert "Đã lưu 1 bản ghi" in decided
    sender = MemorySender()
    dispatcher = clocked_dispatcher(app.sessions, sender, clock, instance="backup-test")
    clock.set(vn_time(2027, 4, 29, 20))
    report = await dispatcher.run_once()
    assert report.sent and report.skipped, report
    ack = next(reply for reply in sender.sent if reply.buttons).buttons[0][0].command
    reply = await ask_reply(app, ack, **{**group, "user_id": "5"})
    assert reply.notice is not None and reply.notice.startswith("Đã ghi nhận")


def _dump(sync: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every data table's rows as Python values, ordered by primary key."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for table in data_tables():
        order = list(table.primary_key.columns)
        tables[table.name] = [tuple(row) for row in sync.execute(select(table).order_by(*order))]
    return tables


async def contents(app: App) -> dict[str, list[tuple[Any, ...]]]:
    """All data of the app's database."""
    async with app.engine.connect() as conn:
        return await conn.run_sync(_dump)


async def answers(app: App) -> dict[str, str]:
    """The bot's answer to each question, in a private console chat and in the group."""
    found = {text: await ask(app, text) for text in QUESTIONS}
    for text in IN_GROUP:
        found[f"{GROUP} {text}"] = await ask(app, text, platform="telegram", chat_id=GROUP)
    return found


async def restored_copy(
    app: App, empty_db_url: str, clock: FakeClock, folder: Path
) -> tuple[App, BackupReport, BackupReport]:
    """Back up the app's database and restore it into the empty one; the caller closes the app."""
    file = folder / "thidua.jsonl.gz"
    written = await backup(app.engine, file)
    target = build_app(app.settings.model_copy(update={"database_url": empty_db_url}), clock=clock)
    try:
        loaded = await restore(target.engine, file)
    except BaseException:
        await target.close()
        raise
    return target, written, loaded


async def test_restore_gives_the_same_data(
    app: App, empty_db_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    await populate(app, clock)
    before = await contents(app)

    target, written, loaded = await restored_copy(app, empty_db_url, clock, tmp_path)
    try:
        after = await contents(target)
        # Ids are preserved and sequences moved past them: new rows get fresh ids.
        added = await ask(target, "/themsukien 02/09/1945 Ngày Quốc khánh thử")
        async with target.sessions() as session:
            newest = await session.scalar(select(func.max(Commemoration.id)))
        current = await migrate.is_current(target.engine)
    finally:
        await target.close()

    empty = sorted(name for name, rows in before.items() if not rows)
    assert empty == [], f"populate() leaves tables without rows: {empty}"
    assert after == before
    assert current
    assert written.tables == loaded.tables == {name: len(rows) for name, rows in before.items()}
    assert "Đã thêm" in added
    assert newest == max(row[0] for row in before["commemorations"]) + 1
    assert describe_backup(written).startswith(f"Đã sao lưu {written.rows} dòng của ")
    assert describe_restore(loaded).startswith(f"Đã khôi phục {loaded.rows} dòng của ")


async def test_restore_gives_the_same_answers(
    app: App, empty_db_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    await populate(app, clock)
    asked = await answers(app)

    target, _, _ = await restored_copy(app, empty_db_url, clock, tmp_path)
    try:
        asked_after = await answers(target)
    finally:
        await target.close()

    assert asked_after == asked


async def test_every_table_of_the_database_is_backed_up(app: App, tmp_path: Path) -> None:
    file = tmp_path / "b.jsonl.gz"
    report = await backup(app.engine, file)
    async with app.engine.connect() as conn:
        names = await conn.run_sync(lambda sync: set(inspect(sync).get_table_names()))

    assert set(report.tables) == names - {"alembic_version"} - DERIVED_TABLES
    assert not file.with_name(file.name + ".partial").exists()


async def test_values_are_written_portably(app: App, clock: FakeClock, tmp_path: Path) -> None:
    await populate(app, clock)
    file = tmp_path / "b.jsonl.gz"
    await backup(app.engine, file)

    with gzip.open(file, "rt", encoding="utf-8") as source:
        lines = [json.loads(line) for line in source]
    header, end = lines[0], lines[-1]
    sections: dict[str, tuple[list[str], list[list[Any]]]] = {}
    position = 1
    while position < len(lines) - 1:
        section = lines[position]
        rows = lines[position + 1 : position + 1 + section["rows"]]
        sections[section["table"]] = (section["columns"], rows)
        position += 1 + section["rows"]

    async with app.engine.connect() as conn:
        revision = await conn.run_sync(lambda sync: migrate_revision(sync))
    assert header["format"] == "thidua-backup" and header["version"] == 1
    assert header["revision"] == revision
    assert end == {"end": True, "tables": {name: len(rows) for name, (_, rows) in sections.items()}}
    columns, rows = sections["deliveries"]
    sent = dict(
        zip(columns, next(r for r in rows if r[columns.index("status")] == "sent"), strict=True)
    )
    assert dt.datetime.fromisoformat(sent["sent_at"]).utcoffset() == dt.timedelta(0)
    assert dt.date.fromisoformat(sent["occurrence"]) == dt.date(2027, 4, 30)
    assert isinstance(sent["late"], bool)
    columns, rows = sections["indicators"]
    plans = [r[columns.index("plan")] for r in rows if r[columns.index("plan")] is not None]
    assert plans and all(isinstance(p, str) for p in plans)
    columns, rows = sections["audit_log"]
    assert all(isinstance(r[columns.index("details")], dict) for r in rows)


def migrate_revision(sync: Connection) -> str | None:
    """The database's Alembic revision."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(sync).get_current_revision()


async def test_restore_into_a_database_with_data_is_refused(app: App, tmp_path: Path) -> None:
    file = tmp_path / "b.jsonl.gz"
    await backup(app.engine, file)
    before = await contents(app)

    with pytest.raises(BackupError) as refused:
        await restore(app.engine, file)

    assert str(refused.value).startswith("Cơ sở dữ liệu đích đã có dữ liệu (bảng ")
    assert "chỉ khôi phục vào một cơ sở dữ liệu trống" in str(refused.value)
    assert await contents(app) == before


async def template_backup(sqlite_template: Path, folder: Path) -> Path:
    """A backup of the seeded template database."""
    source = build_app(load_settings(database_url=databases.sqlite_copy(sqlite_template, folder)))
    try:
        await backup(source.engine, folder / "b.jsonl.gz")
    finally:
        await source.close()
    return folder / "b.jsonl.gz"


async def test_a_cut_short_backup_restores_nothing(
    sqlite_template: Path, empty_db_url: str, tmp_path: Path
) -> None:
    file = await template_backup(sqlite_template, tmp_path)
    with gzip.open(file, "rt", encoding="utf-8") as source:
        lines = source.readlines()
    cut = tmp_path / "cut.jsonl.gz"
    with gzip.open(cut, "wt", encoding="utf-8") as out:
        out.writelines(lines[: len(lines) // 2])

    target = build_app(load_settings(database_url=empty_db_url))
    try:
        with pytest.raises(BackupError) as refused:
            await restore(target.engine, cut)
        left = await contents(target)
        again = await restore(target.engine, file)
    finally:
        await target.close()

    assert str(refused.value) == f"Tệp {cut} bị hỏng hoặc bị cắt cụt, không khôi phục gì cả."
    assert all(rows == [] for rows in left.values())
    assert again.rows > 0, "a refused restore leaves the database empty, ready for another try"


async def test_a_file_that_is_not_a_backup_is_refused(empty_db_url: str, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("xin chào\n", encoding="utf-8")
    missing = tmp_path / "missing.jsonl.gz"
    target = build_app(load_settings(database_url=empty_db_url))
    try:
        with pytest.raises(BackupError) as refused:
            await restore(target.engine, other)
        with pytest.raises(BackupError) as unreadable:
            await restore(target.engine, missing)
    finally:
        await target.close()

    assert str(refused.value) == f"Tệp {other} không phải bản sao lưu của Thi Đua Bot."
    assert str(unreadable.value).startswith(f"Không đọc được tệp {missing}: ")


async def test_backup_of_a_database_without_schema_is_refused(
    empty_db_url: str, tmp_path: Path
) -> None:
    target = build_app(load_settings(database_url=empty_db_url))
    file = tmp_path / "b.jsonl.gz"
    try:
        with pytest.raises(BackupError) as refused:
            await backup(target.engine, file)
    finally:
        await target.close()

    assert str(refused.value) == (
        "Cơ sở dữ liệu chưa có lược đồ (chưa chạy `thidua migrate`), không có gì để sao lưu."
    )
    assert not file.exists()
    assert not file.with_name(file.name + ".partial").exists()


async def test_an_unwritable_backup_path_is_refused(app: App, tmp_path: Path) -> None:
    file = tmp_path / "no-such-folder" / "b.jsonl.gz"

    with pytest.raises(BackupError) as refused:
        await backup(app.engine, file)

    assert str(refused.value).startswith(f"Không ghi được tệp {file}: ")
