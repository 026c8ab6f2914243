"""Every text a user reads follows docs/voice.md: no English, no internal codes, never "mình"."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import io
from pathlib import Path

import pytest
from matplotlib.text import Text
from openpyxl import load_workbook

from bot import cli
from bot.app import App
from bot.core.commands import all_commands
from bot.core.messages import Reply
from bot.domain.reminder_chats import ChatPlan
from bot.domain.reminder_plan import plan_chat
from bot.reports.charts import make_chart
from jobs.cli import describe
from jobs.dispatcher import MISSED, SUPERSEDED, DispatchReport, Outcome
from jobs.planner import load_snapshot
from storage.models import Base
from storage.texts.tables import TABLE_LABELS
from tests.chat import ask_reply
from tests.voice_scan import leaks

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

PROBES = """
/abc
xin chào
/caidat
/caidat gio 25:00
/caidat ngay sai
/caidat donvi KHONGCO
/dangky sai
/huydangky sai
/xoa
/xoa khenthuong sai
/xoa sukien KHONGCO
/bieudo
/bieudo banh
/bieudo chitieu 2022
/bieudo tiendo 2023
/bieudo khenthuong 1999
/sukien sai
/nhiemvu 1999
/nhiemvu NV2023-01
/khenthuong 1999
/khenthuong 2022 P-DAIKIM
/tiendo KHONGCO
/capnhat NV2023-01 150%
/capnhat KHONGCO 50%
/themkhenthuong 2023 KHONGCO tập thể 5 P-DAIKIM
/themkhenthuong 2023 GK-UBNDQ sai 5 P-DAIKIM
/themsukien 32/13/2003 Sai ngày
/quyen
/quyen them
/quyen them donvi P-DAIKIM sai
/quyen xoa donvi P-DAIKIM telegram:1
/nhatky KHONGCO
/danhan sai
/xuat 1999
/nhac
/nhac 5 họp
/nhac 3h họp
/nhac 05/12 9h Gửi báo cáo tổng kết năm
/nhac 8h thứ 2 hằng tuần Giao ban
/nhac ngày làm việc cuối cùng của tháng Tổng hợp số liệu
/nhac
/nhacviec
/suanhac 1 thứ 6 tuần sau 14h
/suanhac 1 sai
/huynhac 1
/huynhac 99
/hoannhac sai
/xongnhac 99
/lich sai
/lich
/donvi xoay
/donvi them X1 hành tinh Sao Hỏa
/donvi them TH-V trường học Trường Thử thuộc P-DAIKIM
/donvi sua TH-V loai tổ dân phố
/donvi chuyen HM P-DAIKIM
/donvi gop TH-V P-YENSO
/donvi ngung P-DAIKIM
/donvi ngung TH-V
/donvi
/donvi ngung TH-V
/caidat muigio Sai/Vung
/caidat muigio Asia/Bangkok
/caidat namtron 400
/caidat namtron 120
/caidat
""".strip().splitlines()


def _texts(reply: Reply) -> list[str]:
    texts = [reply.plain()]
    texts += [button.text for row in reply.buttons for button in row]
    if reply.image:
        texts.append(reply.image.caption)
    if reply.document:
        texts.append(reply.document.caption)
    return texts


def _problems(where: str, texts: list[str]) -> list[str]:
    return [f"{where}: {found} in {text[:120]!r}" for text in texts if (found := leaks(text))]


def _report(problems: list[str]) -> None:
    if problems:
        pytest.fail("\n".join(sorted(set(problems))), pytrace=False)


@SQLITE_ONLY
async def test_every_command_reply_help_and_error(app: App) -> None:
    lines = ["/trogiup", *PROBES]
    for command in all_commands():
        lines += [f"/trogiup {command.name}", f"/{command.name}", f"/{command.name} mot hai ba"]
        lines.append(command.example)
    problems = []
    for line in lines:
        for who in ({}, {"user_id": "555", "admin": False}, {"chat_type": "private"}):
            reply = await ask_reply(app, line, **who)
            problems += _problems(f"{line} {who}", _texts(reply))
    _report(problems)


@SQLITE_ONLY
async def test_workbook_cells(app: App) -> None:
    reply = await ask_reply(app, "/xuat 2022")
    assert reply.document is not None
    book = load_workbook(io.BytesIO(reply.document.content), read_only=True)
    problems = []
    for sheet in book.worksheets:
        problems += _problems(f"sheet {sheet.title}", [sheet.title])
        for row in sheet.iter_rows(values_only=True):
            texts = [value for value in row if isinstance(value, str)]
            problems += _problems(f"sheet {sheet.title}", texts)
    _report(problems)


@SQLITE_ONLY
@pytest.mark.parametrize("kind", ["awards", "progress", "indicators"])
async def test_chart_labels(app: App, kind: str) -> None:
    async with app.sessions() as session:
        chart = await make_chart(session, kind, year=None, today=dt.date(2023, 6, 1))
    texts = [t.get_text() for t in chart.figure.findobj(Text)]
    texts.append(chart.data.caption)
    assert [t for t in texts if t.strip()], "a chart with no text at all"
    _report(_problems(f"chart {kind}", texts))


@SQLITE_ONLY
async def test_reminder_texts(app: App) -> None:
    async with app.sessions() as session:
        snapshot = await load_snapshot(session)
    since = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    plan = ChatPlan(
        chat_id=1,
        platform="telegram",
        platform_chat_id="-100",
        title="Nhóm thử",
        unit_id=None,
        timezone="Asia/Ho_Chi_Minh",
        remind_at="08:00",
        lead_days=(7, 1, 0),
        jubilee_lead_days=180,
        subscribed_since={"sukien": since, "hanchot": since, "tuan": since},
    )
    planned = []
    # The seed's year, and three years on, when its tasks are long past their deadlines.
    for year in (2023, 2026):
        start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
        planned += plan_chat(plan, snapshot, start=start, end=start + dt.timedelta(days=366))
    assert len(planned) > 50
    problems = []
    for reminder in planned:
        problems += _problems(reminder.kind, [reminder.title, reminder.text, reminder.summary])
    _report(problems)


@SQLITE_ONLY
async def test_command_line_output(
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.chdir(tmp_path)
    bad_seed = tmp_path / "seeds"
    bad_seed.mkdir()
    (bad_seed / "x.yaml").write_text("- a\n- b: [\n", encoding="utf-8")
    broken = tmp_path / "cu-phap.yaml"
    broken.write_text("units:\n  - code: [\n", encoding="utf-8")
    wrong = tmp_path / "sai-kieu.yaml"
    wrong.write_text("units:\n  - code: X\n    kind: planet\n    name: 5\n    bad: 1\n", "utf-8")
    garbage = tmp_path / "rac.bin"
    garbage.write_bytes(b"\x1f\x8b" + b"\0" * 40)
    runs = [
        ["--help"],
        ["seed", str(bad_seed)],
        ["seed", str(broken)],
        ["seed", str(wrong)],
        ["restore", str(garbage)],
        ["backup", "sao-luu.jsonl.gz"],
        ["restore", "sao-luu.jsonl.gz"],
        ["import", str(garbage)],
        ["remind", "--dry-run", "--at", "2023-11-20T08:00"],
        ["chart", "banh"],
        ["export", "--year", "1999"],
    ]
    problems = []
    for argv in runs:
        # The command line runs its own event loop, as it does from a shell.
        with contextlib.suppress(SystemExit):
            await asyncio.to_thread(cli.main, argv)
        out = capsys.readouterr()
        problems += _problems(" ".join(argv), [out.out, out.err])
    _report(problems)


def test_remind_summary_says_what_each_stored_error_means() -> None:
    errors = [
        "chat gone: Forbidden: bot was kicked from the group chat",
        "unauthorized: Unauthorized",
        "rate limited 5 times",
        "transient error, gave up: Timed out",
        "migrated repeatedly: Group migrated to supergroup",
        MISSED,
        SUPERSEDED,
        "claim expired after the grace window: not resent (may have been sent)",
        "claim expired and the reminder is no longer due",
        "KeyError: 'something unexpected'",
    ]
    report = DispatchReport(failed=len(errors), no_sender={"zalo", "console"})
    report.outcomes = [Outcome("telegram:-100", "Nhắc việc", "failed", error=e) for e in errors]
    text = describe(report, when=dt.datetime(2026, 11, 28, 8, 0), dry_run=False)
    lines = text.splitlines()
    assert len(lines) == 2 + len(errors), text
    # Each error is explained apart, and the last falls back to the operator log.
    assert len({line.split(" — ", 1)[1] for line in lines[2:]}) == len(errors)
    assert "Chưa xét các nhóm Zalo: chưa đặt ZALO_BOT_TOKEN" in text and "console" not in text
    _report(_problems("thidua remind", [text]))


def test_every_table_has_words() -> None:
    """A restore or backup message names tables in words: a new table needs its words too."""
    assert set(Base.metadata.tables) - set(TABLE_LABELS) == set()
