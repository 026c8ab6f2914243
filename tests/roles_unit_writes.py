"""How to send each write command scoped to a unit, in a setting of its own, for the role matrix."""

from __future__ import annotations

import csv
import datetime as dt
import io

from sqlalchemy import select

from bot.core.messages import Attachment
from bot.reports.sheets import AWARDS
from storage.models import AwardForm, AwardRecord, Delivery, Dossier, Reminder
from storage.queries import chats
from tests.roles_harness import (
    OWN,
    REPORTER,
    SCOPES,
    UNIT_ADMIN,
    Go,
    Send,
    World,
    counter,
    grant,
)


async def _in_chat(world: World, actor: str, unit: str, text: str) -> Go:
    # A group administrator administers only groups linked to P-DAIKIM (see World.say).
    chat = await world.new_chat(unit)
    return lambda: world.say(actor, chat, text)


async def capnhat(world: World, actor: str, unit: str) -> Go:
    return await _in_chat(world, actor, unit, "/capnhat NV2023-01 50% báo cáo thử")


async def caidat_gio(world: World, actor: str, unit: str) -> Go:
    return await _in_chat(world, actor, unit, "/caidat gio 07:15")


async def dangky(world: World, actor: str, unit: str) -> Go:
    return await _in_chat(world, actor, unit, "/dangky sukien")


async def danhan(world: World, actor: str, unit: str) -> Go:
    chat_id = await world.new_chat(unit)
    stored = await world.chat(chat_id)
    assert stored is not None
    async with world.app.sessions() as session, session.begin():
        delivery = Delivery(
            chat_id=stored.id,
            kind="sukien",
            occasion_key=f"test:{chat_id}",
            occurrence=dt.date(2026, 12, 1),
            lead_days=0,
            due_at=dt.datetime(2026, 12, 1, 1, tzinfo=dt.UTC),
            status="sent",
            text="Nhắc thử",
        )
        session.add(delivery)
    return lambda: world.say(actor, chat_id, f"/danhan {delivery.id}")


async def themkhenthuong(world: World, actor: str, unit: str) -> Go:
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    # "cong": every allowed actor adds to the same count, so say up front to add to it.
    return lambda: world.say(actor, chat, f"/themkhenthuong 2025 LDTT cá nhân 3 {unit} cong")


async def suakhenthuong(world: World, actor: str, unit: str) -> Go:
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    # A new value each time, so an allowed edit always changes the count.
    text = f"/suakhenthuong 2025 LDTT cá nhân {next(counter) + 10} {unit}"
    return lambda: world.say(actor, chat, text)


async def caidat_donvi(world: World, actor: str, unit: str) -> Go:
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(actor, chat, f"/caidat donvi {unit}")


async def xoa_khenthuong(world: World, actor: str, unit: str) -> Go:
    key = f"T-{next(counter)}"
    async with world.app.sessions() as session, session.begin():
        form = (await session.scalars(select(AwardForm).where(AwardForm.code == "LDTT"))).one()
        session.add(
            AwardRecord(
                key=key,
                year=2025,
                form_id=form.id,
                recipient_kind="individual",
                count=2,
                unit_id=world.units[unit],
            )
        )
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(actor, chat, f"/xoa khenthuong {key} xacnhan")


async def quyen_them(world: World, actor: str, unit: str) -> Go:
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    person = f"{world.platform}:{next(counter) + 5000}"
    return lambda: world.say(actor, chat, f"/quyen them baocao {unit} {person}")


async def quyen_xoa(world: World, actor: str, unit: str) -> Go:
    person = str(next(counter) + 5000)
    await grant(world.app, world.platform, person, "reporter", world.units[unit])
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(actor, chat, f"/quyen xoa baocao {unit} {world.platform}:{person}")


def award_csv(unit: str, key: str) -> bytes:
    """A one-line awards sheet as a .csv: three individuals of LDTT for `unit` in 2025."""
    headers = [c.header for c in AWARDS.columns if not c.info]
    values = {"Năm": "2025", "Mã hình thức": "LDTT", "Mã dòng": key, "Mã đơn vị": unit}
    individual = AWARDS.column("individual").header
    values[individual] = "3"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headers)
    writer.writerow([values.get(h, "") for h in headers])
    return out.getvalue().encode()


async def nhap(world: World, actor: str, unit: str) -> Go:
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    content = award_csv(unit, f"IMP-{next(counter)}")
    return lambda: world.say(actor, chat, "/nhap", attachment=Attachment("khen.csv", content))


async def _request_to(world: World, unit: str) -> str:
    """A request to `unit` made by the office (in a chat of its own); returns its code."""
    chat = await world.new_chat(None)
    made = await world.say("office", chat, f"/yeucau 01/01/2027 Nộp hồ sơ thử {unit}")
    assert made.title and made.title.startswith("Đã tạo yêu cầu YC"), made
    return made.title.split()[4].rstrip(":")


async def yeucau(world: World, actor: str, unit: str) -> Go:
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(actor, chat, f"/yeucau 01/01/2027 Gửi báo cáo thử {unit}")


async def yeucau_dong(world: World, actor: str, unit: str) -> Go:
    code = await _request_to(world, unit)
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(actor, chat, f"/yeucau dong {code}")


async def danop(world: World, actor: str, unit: str) -> Go:
    code = await _request_to(world, unit)
    return await _in_chat(world, actor, unit, f"/danop {code}")


async def giahan(world: World, actor: str, unit: str) -> Go:
    code = await _request_to(world, unit)
    return await _in_chat(world, actor, unit, f"/giahan {code} chờ số liệu")


async def nop(world: World, actor: str, unit: str) -> Go:
    code = await _request_to(world, unit)
    chat = await world.new_chat(unit)
    return lambda: world.say(
        actor, chat, f"/nop {code}", attachment=Attachment("hoso.pdf", b"%PDF")
    )


async def dexuat(world: World, actor: str, unit: str) -> Go:
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    text = f"/dexuat 2026 BK-TP {unit}\nLý do: Hoàn thành xuất sắc\nNguyễn Văn Thử"
    return lambda: world.say(actor, chat, text)


async def dossier(world: World, unit: str) -> str:
    """A dossier of `unit` just received by the office."""
    code = f"HS2026-{next(counter) + 900}"
    async with world.app.sessions() as session, session.begin():
        form = (await session.scalars(select(AwardForm).where(AwardForm.code == "BK-TP"))).one()
        now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
        session.add(
            Dossier(
                code=code,
                year=2026,
                unit_id=world.units[unit],
                form_id=form.id,
                reason="Thử",
                status="received",
                status_at=now,
                created_by="test",
                created_at=now,
            )
        )
    return code


async def dinhkem(world: World, actor: str, unit: str) -> Go:
    code = await dossier(world, unit)
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    file = Attachment("to-trinh.pdf", b"%PDF-1.4")
    return lambda: world.say(actor, chat, f"/dinhkem {code}", attachment=file)


async def nhac(world: World, actor: str, unit: str) -> Go:
    return await _in_chat(world, actor, unit, "/nhac ngày mai 9h Họp giao ban thử")


async def _someone_elses_reminder(world: World, unit: str) -> tuple[str, Reminder]:
    """A group linked to `unit` with a reminder set there by a user who is none of the actors."""
    chat_id = await world.new_chat(unit)
    stored = await world.chat(chat_id)
    assert stored is not None
    async with world.app.sessions() as session, session.begin():
        row = Reminder(
            chat_id=stored.id,
            code=1,
            author_id="999",
            author_name="Người khác",
            text="Nhắc thử",
            workdays=False,
            mentions=[],
            next_at=dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC),
            active=True,
        )
        session.add(row)
    return chat_id, row


async def huynhac(world: World, actor: str, unit: str) -> Go:
    chat_id, _ = await _someone_elses_reminder(world, unit)
    return lambda: world.say(actor, chat_id, "/huynhac 1")


async def suanhac(world: World, actor: str, unit: str) -> Go:
    chat_id, _ = await _someone_elses_reminder(world, unit)
    return lambda: world.say(actor, chat_id, "/suanhac 1 ngày kia 10h")


async def _sent_reminder(world: World, unit: str) -> tuple[str, int]:
    chat_id, row = await _someone_elses_reminder(world, unit)
    async with world.app.sessions() as session, session.begin():
        delivery = Delivery(
            chat_id=row.chat_id,
            kind="nhac",
            occasion_key=f"nhac:{row.id}@0900",
            occurrence=dt.date(2026, 12, 1),
            lead_days=0,
            due_at=dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC),
            status="sent",
            text="Nhắc thử",
        )
        session.add(delivery)
    return chat_id, delivery.id


async def hoannhac(world: World, actor: str, unit: str) -> Go:
    chat_id, delivery_id = await _sent_reminder(world, unit)
    return lambda: world.say(actor, chat_id, f"/hoannhac {delivery_id} 1h")


async def xongnhac(world: World, actor: str, unit: str) -> Go:
    chat_id, delivery_id = await _sent_reminder(world, unit)
    return lambda: world.say(actor, chat_id, f"/xongnhac {delivery_id}")


async def lich_tat(world: World, actor: str, unit: str) -> Go:
    chat_id = await world.new_chat(unit)
    async with world.app.sessions() as session, session.begin():
        row = await chats.find_chat(session, world.platform, chat_id)
        assert row is not None
        row.feed_token = f"token-{chat_id}"
    return lambda: world.say(actor, chat_id, "/lich tat")


UNIT_COMMANDS: list[tuple[str, str, bool, Send]] = [
    ("/capnhat", REPORTER, True, capnhat),
    ("/danhan", REPORTER, True, danhan),
    ("/caidat gio", UNIT_ADMIN, True, caidat_gio),
    ("/dangky", UNIT_ADMIN, True, dangky),
    ("/themkhenthuong", UNIT_ADMIN, False, themkhenthuong),
    ("/suakhenthuong", UNIT_ADMIN, False, suakhenthuong),
    ("/caidat donvi", UNIT_ADMIN, False, caidat_donvi),
    ("/xoa khenthuong", UNIT_ADMIN, False, xoa_khenthuong),
    ("/quyen them baocao", UNIT_ADMIN, False, quyen_them),
    ("/quyen xoa baocao", UNIT_ADMIN, False, quyen_xoa),
    ("/nhap", UNIT_ADMIN, False, nhap),
    ("/yeucau", UNIT_ADMIN, False, yeucau),
    ("/yeucau dong", UNIT_ADMIN, False, yeucau_dong),
    ("/danop", REPORTER, True, danop),
    ("/giahan", REPORTER, True, giahan),
    ("/nop", REPORTER, True, nop),
    ("/dexuat", UNIT_ADMIN, False, dexuat),
    ("/dinhkem", UNIT_ADMIN, False, dinhkem),
    ("/nhac", REPORTER, True, nhac),
    ("/huynhac", UNIT_ADMIN, True, huynhac),
    ("/suanhac", UNIT_ADMIN, True, suanhac),
    ("/hoannhac", REPORTER, True, hoannhac),
    ("/xongnhac", REPORTER, True, xongnhac),
    ("/lich tat", UNIT_ADMIN, True, lich_tat),
]
