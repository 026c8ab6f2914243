"""Requests to units: answers, tracking, and the nudges each unit gets day by day."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

from openpyxl import load_workbook
from sqlalchemy import select

from bot.app import App
from bot.core.messages import Attachment, Incoming, Reply
from bot.reports import request_chart
from jobs.dispatcher import Dispatcher
from storage.models import Delivery, Unit
from storage.queries import requests
from storage.queries import units as unit_queries
from tests.chat import ask, ask_reply
from tests.clock import VN, FakeClock, vn_time
from tests.reminding import RecordingSender, make_dispatcher
from tests.test_reports_charts import bar_containers

OFFICE = "-1001"
WARDS = [
    "P-DAIKIM",
    "P-DINHCONG",
    "P-GIAPBAT",
    "P-HOANGLIET",
    "P-HOANGVANTHU",
    "P-LINHNAM",
    "P-MAIDONG",
    "P-TANMAI",
    "P-THANHTRI",
    "P-THINHLIET",
    "P-TRANPHU",
    "P-TUONGMAI",
    "P-VINHHUNG",
    "P-YENSO",
    "HM-GDDT",
]
BUTTON, TYPED, FILED, EXTENDED, SILENT = (
    WARDS[:4],
    WARDS[4:7],
    WARDS[7:10],
    WARDS[10:12],
    WARDS[12:],
)
REPORTER = "7001"


def group(code: str) -> str:
    """The Telegram group of a unit in these tests."""
    return f"-2{WARDS.index(code):03d}"


async def say(
    app: App,
    chat: str,
    text: str,
    *,
    user: str = "9001",
    file: Attachment | None = None,
    topic: str | None = None,
) -> Reply:
    """A Telegram group message to the core, as `user` (in a forum topic, if given)."""
    reply = await app.core.handle(
        Incoming(
            platform="telegram",
            chat_id=chat,
            user_id=user,
            user_name=f"Người {user}",
            text=text,
            attachment=file,
            thread_id=topic,
        )
    )
    assert reply is not None
    return reply


async def setup_groups(app: App) -> None:
    """The office's group and one group per unit, linked by the office administrator."""
    assert "Đã gắn" in await ask(app, "/caidat donvi HM-PNV", platform="telegram", chat_id=OFFICE)
    for code in WARDS:
        text = await ask(app, f"/caidat donvi {code}", platform="telegram", chat_id=group(code))
        assert "Đã gắn" in text, text
    await ask(
        app, f"/quyen them baocao P-DAIKIM telegram:{REPORTER}", platform="telegram", chat_id=OFFICE
    )


async def run(dispatcher: Dispatcher, sender: RecordingSender, when: dt.datetime) -> Counter[str]:
    """One pass at `when`: how many messages each chat got, by chat."""
    before = len(sender.sent)
    await dispatcher.run_once(when)
    return Counter(chat for chat, _ in sender.sent[before:])


async def test_a_request_to_fifteen_units_day_by_day(app: App, clock: FakeClock) -> None:
    await setup_groups(app)
    clock.set(vn_time(2026, 11, 27, 9))
    made = await ask_reply(
        app,
        f"/yeucau 05/12/2026 Gửi báo cáo tổng kết năm {' '.join(WARDS)}",
        platform="telegram",
        chat_id=OFFICE,
    )
    assert made.title == "Đã tạo yêu cầu YC1: Gửi báo cáo tổng kết năm", made
    assert "Hạn nộp: 17:00 thứ Bảy, 05/12/2026." in made.text
    assert "Gửi đến 15 đơn vị" in made.text
    sender = RecordingSender()
    dispatcher = make_dispatcher(app, sender, clock)
    clock.set(vn_time(2026, 11, 27, 9, 2))
    first = await run(dispatcher, sender, clock())
    assert first == Counter({group(c): 1 for c in WARDS})
    announced = sender.sent[0][1]
    assert announced.title == "Yêu cầu YC1: Gửi báo cáo tổng kết năm"
    labels = [[b.text for b in row] for row in announced.buttons]
    assert labels == [["Đã nộp", "Cần gia hạn"]]
    [[submit, extend]] = announced.buttons

    # Ten submit: by the button (one as a reporter), typed, or with a file; two ask for time.
    for code in BUTTON:
        user = REPORTER if code == "P-DAIKIM" else "9001"
        pressed = await say(app, group(code), submit.command, user=user)
        assert pressed.notice and "đã nộp yêu cầu YC1" in pressed.notice, pressed
    for code in TYPED:
        assert "đã nộp yêu cầu YC1" in (await say(app, group(code), "/danop YC1")).text
    for code in FILED:
        filed = await say(app, group(code), "/nop YC1", file=Attachment("tong-ket.pdf", b"%PDF"))
        assert "kèm tệp 'tong-ket.pdf'" in filed.text
        assert [f.chat_id for f in filed.forwards] == [OFFICE]
    pressed = await say(app, group(EXTENDED[0]), extend.command)
    assert "Ghi lý do: /giahan YC1" in pressed.text
    typed = await say(app, group(EXTENDED[1]), "/giahan YC1 chờ số liệu quý IV")
    assert "Lý do: chờ số liệu quý IV." in typed.text
    again = await say(app, group(BUTTON[1]), submit.command)
    assert again.notice and "đã nộp yêu cầu YC1 lúc 09:" in again.notice

    # The reporter of one ward cannot answer for another.
    refused = await say(app, group("P-YENSO"), "/danop YC1", user=REPORTER)
    assert refused.refused

    late = EXTENDED + SILENT
    expected_days = {
        vn_time(2026, 11, 28): late,  # 7 days before
        vn_time(2026, 11, 28, 12): [],  # a sweep in the day: nothing new
        vn_time(2026, 12, 5): late,  # 4/12 was missed (bot down): only today's nudge
        vn_time(2026, 12, 6): late,  # overdue, one a day for three days
        vn_time(2026, 12, 7): late,
        vn_time(2026, 12, 8): late,
        vn_time(2026, 12, 9): [],
    }
    for when, units in expected_days.items():
        clock.set(when)
        got = await run(dispatcher, sender, when)
        assert got == Counter({group(c): 1 for c in units}), when
        if when == vn_time(2026, 12, 5):
            clock.set(vn_time(2026, 12, 5, 17))
            summary = await run(dispatcher, sender, clock())
            assert summary == Counter({OFFICE: 1})
            _, message = sender.sent[-1]
            assert message.title == "Đến hạn yêu cầu YC1: Gửi báo cáo tổng kết năm"
            assert message.text.startswith("10/15 đơn vị đã nộp; xin gia hạn: ")
            assert "; chưa nộp: " in message.text and message.buttons == []
    overdue = [r for c, r in sender.sent if c == group("P-YENSO") and "Quá hạn" in (r.title or "")]
    assert [r.text.split("\n")[0] for r in overdue] == [
        f"Phường Yên Sở chưa nộp, quá hạn {n} ngày (hạn nộp: 17:00 thứ Bảy, 05/12/2026)."
        for n in (1, 2, 3)
    ]

    # A restart (a new dispatcher) replaying every day sends nothing again.
    fresh = make_dispatcher(app, sender, clock, instance="d2")
    for when in expected_days:
        assert await run(fresh, sender, when) == Counter()
    async with app.sessions() as session:
        rows = (await session.scalars(select(Delivery).where(Delivery.kind == "yeucau"))).all()
    skipped = [r for r in rows if r.status == "skipped"]
    assert len(skipped) == len(late), "the missed 4/12 nudges are recorded skipped"

    tracked = await ask(app, "/theodoi YC1", platform="telegram", chat_id=OFFICE)
    assert "Đã nộp 10/15 đơn vị, xin gia hạn 2, chưa nộp 3." in tracked
    assert "• Phường Yên Sở — chưa nộp — quá hạn 4 ngày" in tracked
    assert "kèm tệp 'tong-ket.pdf'" in tracked and "không kèm tệp" in tracked
    assert "xin gia hạn: chờ số liệu quý IV" in tracked


async def test_open_requests_listed_and_closed(app: App, clock: FakeClock) -> None:
    await setup_groups(app)
    await ask(app, "/yeucau 10/12/2026 08:30 Đăng ký thi đua P-DAIKIM P-GIAPBAT", chat_id=OFFICE)
    listed = await ask(app, "/yeucau", chat_id=OFFICE)
    assert "• YC1 — Đăng ký thi đua" in listed
    assert "đã nộp 0/2, xin gia hạn 0, chưa nộp 2" in listed
    assert "08:30 thứ Năm, 10/12/2026" in listed
    closed = await ask(app, "/yeucau dong YC1", chat_id=OFFICE)
    assert closed.startswith("Đã đóng yêu cầu YC1")
    assert "Không có yêu cầu nào đang mở." in await ask(app, "/yeucau", chat_id=OFFICE)
    answered = await ask(app, "/danop YC1", platform="telegram", chat_id=group("P-DAIKIM"))
    assert answered == "Yêu cầu YC1 đã đóng, không nhận trả lời nữa."
    sender = RecordingSender()
    clock.set(vn_time(2026, 12, 10, 9))
    assert await run(make_dispatcher(app, sender, clock), sender, clock()) == Counter()


async def test_bad_requests_say_how_to_write_them(app: App) -> None:
    past = await ask(app, "/yeucau 01/01/2026 Nộp hồ sơ P-DAIKIM")
    assert past.startswith("Hạn 17:00 thứ Năm, 01/01/2026 đã qua.")
    assert "Ngày '31/02/2027' không có trong lịch." in await ask(app, "/yeucau 31/02/2027 X HM")
    assert "Cần mã các đơn vị" in await ask(app, "/yeucau 01/02/2027 Nộp hồ sơ")
    assert "Không có yêu cầu mã 'YC9'" in await ask(app, "/theodoi YC9")
    assert "Mã yêu cầu 'abc' không đúng" in await ask(app, "/theodoi abc")


async def test_the_export_has_each_request_unit_by_unit(app: App, clock: FakeClock) -> None:
    await setup_groups(app)
    await ask(app, "/yeucau 01/12/2026 Đăng ký thi đua P-DAIKIM P-GIAPBAT", chat_id=OFFICE)
    await say(app, group("P-DAIKIM"), "/nop YC1", file=Attachment("dk.xlsx", b"PK"))
    clock.set(vn_time(2026, 12, 3))
    exported = await ask_reply(app, "/xuat")
    assert exported.document is not None
    book = load_workbook(io.BytesIO(exported.document.content))
    sheet = book["Yêu cầu"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:6] == ["Mã yêu cầu", "Nội dung", "Hạn nộp", "Mã đơn vị", "Đơn vị", "Tình trạng"]
    by_unit = {row[3]: row for row in rows[1:]}
    assert by_unit["P-DAIKIM"][5:9] == [
        "đã nộp",
        "08:00 27/11/2026",
        "telegram:9001 (Người 9001)",
        "dk.xlsx",
    ]
    assert by_unit["P-GIAPBAT"][5] == "chưa nộp" and by_unit["P-GIAPBAT"][10] == 2


async def test_the_chart_of_a_request(app: App, clock: FakeClock) -> None:
    await setup_groups(app)
    await ask(app, "/yeucau 01/12/2026 Đăng ký thi đua P-DAIKIM P-GIAPBAT HM-GDDT", chat_id=OFFICE)
    await say(app, group("P-DAIKIM"), "/nop YC1", file=Attachment("dk.xlsx", b"PK"))
    await say(app, group("HM-GDDT"), "/giahan YC1 chờ họp")
    clock.set(vn_time(2026, 12, 3))
    drawn = await ask_reply(app, "/bieudo yeucau YC1")
    assert drawn.image is not None and drawn.image.png.startswith(b"\x89PNG")
    assert drawn.image.caption == (
        "Yêu cầu YC1 — Đăng ký thi đua: 1/3 đơn vị đã nộp, 1 xin gia hạn, 1 chưa nộp."
    )
    async with app.sessions() as session:
        request = await requests.request_by_id(session, 1)
        assert request is not None
        rows = await requests.answers(session, 1)
        tree = await unit_queries.unit_tree(session)
    items = request_chart.answers(request, rows, tree.units, now=clock(), tz=VN)
    assert [(i.name, i.label) for i in items] == [
        ("Phường Giáp Bát", "chưa nộp · quá hạn 2 ngày"),
        ("Ngành Giáo dục và Đào tạo quận Hoàng Mai", "xin gia hạn · quá hạn 2 ngày"),
        ("Phường Đại Kim", "đã nộp 27/11/2026 · có tệp"),
    ]
    chart = request_chart.render_request("YC1", request.title, items)
    [bars] = bar_containers(chart)
    colors = [b.get_facecolor() for b in bars]
    assert colors[0] != colors[1] != colors[2]
    wrong = await ask(app, "/bieudo yeucau")
    assert wrong.startswith("Cần mã của yêu cầu.")


async def test_a_unit_administrator_asks_only_units_in_scope(app: App) -> None:
    await setup_groups(app)
    admin = "7002"
    await ask(
        app, f"/quyen them donvi HM-GDDT telegram:{admin}", platform="telegram", chat_id=OFFICE
    )
    async with app.sessions() as session, session.begin():
        parent = await unit_queries.unit_by_code(session, "HM-GDDT")
        assert parent is not None
        for code, name in (("TH-A", "Trường Tiểu học A"), ("TH-B", "Trường Tiểu học B")):
            session.add(Unit(code=code, name=name, kind="school", parent_id=parent.id))
    school_group = group("HM-GDDT")
    outside = await say(app, school_group, "/yeucau 01/02/2027 Nộp hồ sơ TH-A P-DAIKIM", user=admin)
    assert outside.refused and "Phường Đại Kim" in outside.text
    assert "Không có yêu cầu nào đang mở." in await ask(app, "/yeucau", chat_id=OFFICE)
    made = await say(app, school_group, "/yeucau 01/02/2027 Nộp hồ sơ tatca", user=admin)
    assert made.title == "Đã tạo yêu cầu YC1: Nộp hồ sơ"
    assert "Gửi đến 2 đơn vị: Trường Tiểu học A, Trường Tiểu học B." in made.text
    closed = await say(app, school_group, "/yeucau dong YC1", user=admin)
    assert closed.text.startswith("Đã đóng yêu cầu YC1")


async def test_messages_go_to_the_topics(app: App, clock: FakeClock) -> None:
    await setup_groups(app)
    subscribed = await say(app, group("P-DAIKIM"), "/dangky hanchot", topic="77")
    assert "Đã đăng ký" in subscribed.text, subscribed
    clock.set(vn_time(2026, 11, 27, 9))
    made = await say(app, OFFICE, "/yeucau 28/11/2026 Nộp hồ sơ P-DAIKIM P-GIAPBAT", topic="5")
    assert made.title == "Đã tạo yêu cầu YC1: Nộp hồ sơ"
    sender = RecordingSender()
    dispatcher = make_dispatcher(app, sender, clock)
    for when in (vn_time(2026, 11, 27, 9, 2), vn_time(2026, 11, 28, 17)):
        clock.set(when)
        await dispatcher.run_once()
    sent = [
        (chat, (r.title or "").split(":")[0], topic)
        for (chat, r), topic in zip(sender.sent, sender.topics, strict=True)
    ]
    assert sorted(sent) == sorted(
        [
            (group("P-DAIKIM"), "Yêu cầu YC1", "77"),
            (group("P-GIAPBAT"), "Yêu cầu YC1", None),
            (group("P-DAIKIM"), "Nhắc nộp YC1", "77"),
            (group("P-GIAPBAT"), "Nhắc nộp YC1", None),
            (OFFICE, "Đến hạn yêu cầu YC1", "5"),
        ]
    )
