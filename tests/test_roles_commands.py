"""/quyen, /toi and /nhatky: granting within one's scope, ids per platform, the audit view."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from bot.app import App, build_app
from bot.core.messages import Attachment, Incoming, UserRef
from bot.reports.sheets import AWARDS, RECORDS, SheetSpec
from bot.settings import load_settings
from storage import migrate
from storage.models import AwardRecord, RoleGrant, Unit
from tests.chat import ask

TG = {"platform": "telegram"}
ZALO = {"platform": "zalo"}


async def grants(app: App) -> list[tuple[str, str, str, int | None]]:
    async with app.sessions() as session:
        rows = (await session.scalars(select(RoleGrant).order_by(RoleGrant.id))).all()
    return [(g.platform, g.user_id, g.role, g.unit_id) for g in rows]


async def test_whoami_tells_platform_id_and_roles(app: App) -> None:
    stranger = await ask(app, "/toi", admin=False, user_id="42", **TG)
    assert "Nền tảng: Telegram" in stranger
    assert "Mã người dùng: 42 (khi cấp quyền viết telegram:42)" in stranger
    assert "Vai trò: người xem" in stranger

    await ask(app, "/quyen them donvi P-DAIKIM zalo:a1b2c3", **TG)
    zalo_user = await ask(app, "/toi", admin=False, user_id="a1b2c3", chat_type="private", **ZALO)
    assert "Nền tảng: Zalo" in zalo_user
    assert "Mã người dùng: a1b2c3 (khi cấp quyền viết zalo:a1b2c3)" in zalo_user
    assert "• quản trị đơn vị Phường Đại Kim (P-DAIKIM) (được cấp bằng /quyen)" in zalo_user

    office = await ask(app, "/whoami", **TG)
    assert "• quản trị chung (theo cấu hình BOT_ADMIN_IDS)" in office


async def test_an_id_of_one_platform_never_matches_the_other(app: App, db_url: str) -> None:
    # Only Telegram user 501 is an office administrator; Zalo user "501" is someone else.
    other = build_app(load_settings(database_url=db_url, bot_admin_ids="telegram:501"))
    try:
        tg = await ask(other, "/themsukien 01/02/2001 Ngày thử", admin=False, user_id="501", **TG)
        zalo = await ask(
            other, "/themsukien 01/02/2001 Ngày thử hai", admin=False, user_id="501", **ZALO
        )
    finally:
        await other.close()
    assert tg.startswith("Đã thêm sự kiện Ngày thử")
    assert zalo.startswith("Bạn chưa có quyền này: cần quyền quản trị chung.")


async def test_grant_list_and_revoke(app: App) -> None:
    added = await ask(app, "/quyen them baocao P-DAIKIM telegram:501", **TG)
    again = await ask(app, "/quyen them baocao p-daikim 501", **TG)
    admin = await ask(app, "/quyen them donvi HM zalo:abc9", **TG)
    listed = await ask(app, "/quyen", **TG)

    assert added == "Đã cấp quyền người báo cáo Phường Đại Kim (P-DAIKIM) cho telegram:501."
    assert again.endswith(
        "đã có quyền người báo cáo Phường Đại Kim (P-DAIKIM) từ trước, không có gì thay đổi."
    )
    assert admin == "Đã cấp quyền quản trị đơn vị Quận Hoàng Mai (HM) cho zalo:abc9."
    assert "Quản trị chung theo cấu hình BOT_ADMIN_IDS: telegram:9001, zalo:9001." in listed
    assert "• người báo cáo Phường Đại Kim (P-DAIKIM): telegram:501 — cấp ngày 27/11/2026" in listed
    assert "• quản trị đơn vị Quận Hoàng Mai (HM): zalo:abc9 — cấp ngày 27/11/2026" in listed

    # A unit administrator sees only the grants within their unit.
    await ask(app, "/quyen them donvi P-GIAPBAT telegram:777", **TG)
    scoped = await ask(app, "/quyen", admin=False, user_id="777", **TG)
    assert "Quyền đã cấp trong phạm vi của bạn" in scoped
    assert "telegram:777" in scoped and "telegram:501" not in scoped and "zalo:abc9" not in scoped
    assert "BOT_ADMIN_IDS" not in scoped

    one = await ask(app, "/quyen xoa baocao P-DAIKIM telegram:501", **TG)
    everything = await ask(app, "/quyen xoa zalo:abc9", **TG)
    nothing = await ask(app, "/quyen xoa telegram:501", **TG)
    assert one == "Đã thu hồi quyền người báo cáo Phường Đại Kim (P-DAIKIM) của telegram:501."
    assert everything == "Đã thu hồi quyền quản trị đơn vị Quận Hoàng Mai (HM) của zalo:abc9."
    assert nothing == "telegram:501 không có quyền nào như vậy, không có gì thay đổi."
    assert [g[:3] for g in await grants(app)] == [("telegram", "777", "unit_admin")]


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("/quyen them telegram abc", "Không có vai trò 'telegram'. Các vai trò: chung"),
        ("/quyen them baocao P-DAIKIM telegram:abc", "Mã người dùng Telegram 'abc' không hợp lệ"),
        ("/quyen them baocao P-DAIKIM abc", "Mã người dùng Telegram 'abc' không hợp lệ"),
        ("/quyen them baocao P-XXX telegram:5", "Không có đơn vị mã 'P-XXX'"),
        ("/quyen them baocao P-DAIKIM viber:5", "Nền tảng 'viber' phải là telegram hoặc zalo."),
        ("/quyen them donvi", "Thiếu mã đơn vị cho vai trò quản trị đơn vị."),
        ("/quyen them baocao P-DAIKIM", "Thiếu người được cấp quyền."),
        ("/quyen them baocao P-DAIKIM @chuaquen", "Chưa biết người dùng @chuaquen"),
        ("/quyen doi", "Không hiểu 'doi'."),
    ],
)
async def test_grant_mistakes_are_explained(app: App, command: str, said: str) -> None:
    answer = await ask(app, command, **TG)
    assert said in answer
    assert "Cách viết: /quyen them <chung|donvi|baocao>" in answer
    assert await grants(app) == []


async def test_grant_by_handle_reply_or_mention(app: App) -> None:
    # A user the bot has seen by handle, then a reply, then a text mention.
    await app.core.handle(
        Incoming(platform="telegram", chat_id="-5", user_id="640", text="/toi", username="LanNT")
    )
    by_handle = await ask(app, "/quyen them baocao P-DAIKIM @lannt", **TG)
    replied = await app.core.handle(
        Incoming(
            platform="telegram",
            chat_id="-5",
            user_id="9001",
            text="/quyen them baocao P-DAIKIM",
            mentions=(UserRef("641", "Trần Hòa"),),
        )
    )
    mentioned = await app.core.handle(
        Incoming(
            platform="telegram",
            chat_id="-5",
            user_id="9001",
            text="/quyen them donvi P-DAIKIM Minh Anh",
            mentions=(UserRef("642", "Minh Anh"),),
        )
    )
    assert by_handle == "Đã cấp quyền người báo cáo Phường Đại Kim (P-DAIKIM) cho telegram:640."
    assert replied is not None and replied.text.endswith("cho Trần Hòa (telegram:641).")
    assert mentioned is not None and mentioned.text.endswith("cho Minh Anh (telegram:642).")
    assert [g[1] for g in await grants(app)] == ["640", "641", "642"]


async def test_journal_shows_changes_in_scope_in_vietnamese(app: App) -> None:
    await ask(app, "/caidat donvi P-DAIKIM", chat_id="-7", **TG)
    await ask(app, "/capnhat NV2023-01 40% đã phát động", chat_id="-7", **TG)
    await ask(app, "/quyen them donvi P-DAIKIM telegram:700", **TG)
    await ask(
        app, "/themkhenthuong 2025 LDTT cá nhân 3 P-GIAPBAT", admin=False, user_id="700", **TG
    )

    office = await ask(app, "/nhatky", **TG)
    unit = await ask(app, "/nhatky", admin=False, user_id="700", **TG)
    sibling = await ask(app, "/nhatky P-GIAPBAT", admin=False, user_id="700", **TG)
    reader = await ask(app, "/nhatky", admin=False, user_id="701", **TG)

    assert office.startswith("Nhật ký thay đổi — toàn cơ quan")
    assert "cập nhật tiến độ NV2023-01/P-DAIKIM: 40%" in office
    assert "cấp quyền quản trị đơn vị P-DAIKIM cho telegram:700" in office
    assert "bị từ chối lệnh «/themkhenthuong 2025 LDTT cá nhân 3 P-GIAPBAT»" in office
    assert "(cần quyền quản trị đơn vị)" in office
    assert unit.startswith("Nhật ký thay đổi — Phường Đại Kim (P-DAIKIM)")
    assert "cập nhật tiến độ NV2023-01/P-DAIKIM: 40%" in unit
    assert "P-GIAPBAT" not in unit, "the refusal concerned another unit"
    assert sibling.startswith(
        "Bạn chưa có quyền này: cần quyền quản trị đơn vị của Phường Giáp Bát"
    )
    assert reader.startswith("Bạn chưa có quyền này: cần quyền quản trị chung.")
    for entry in (office, unit):
        assert "update" not in entry and "progress" not in entry and "unit_admin" not in entry


async def test_old_grants_become_office_administrators(tmp_path: Path) -> None:
    app = build_app(load_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"))
    try:
        await migrate.upgrade(app.engine, "0006")
        async with app.engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO access_grants (platform, user_id, granted_by, granted_at) VALUES "
                    "('zalo', 'z1', 'telegram:1', '2026-01-01 00:00:00+00:00'), "
                    "('telegram', '55', 'telegram:1', '2026-01-02 00:00:00+00:00')"
                )
            )
        notes = await migrate.upgrade(app.engine)
        assert notes == [
            "Đã chuyển 2 quyền cấp bằng /quyen trước đây thành quyền quản trị chung (như trước: "
            "được thay đổi mọi dữ liệu). Xem và thu hẹp bằng lệnh /quyen."
        ]
        assert sorted(await grants(app)) == [
            ("telegram", "55", "office_admin", None),
            ("zalo", "z1", "office_admin", None),
        ]
        await migrate.downgrade(app.engine, "0006")
        async with app.engine.connect() as conn:
            back = (await conn.execute(text("SELECT platform, user_id FROM access_grants"))).all()
        assert sorted(back) == [("telegram", "55"), ("zalo", "z1")]
    finally:
        await app.close()


def _csv(spec: SheetSpec, values: dict[str, str]) -> bytes:
    headers = [c.header for c in spec.columns if not c.info]
    return (";".join(headers) + "\n" + ";".join(values.get(h, "") for h in headers)).encode()


@pytest.mark.parametrize("sheet", ["awards", "records"])
async def test_an_import_cannot_take_over_another_units_row_by_its_key(
    app: App, sheet: str
) -> None:
    spec = AWARDS if sheet == "awards" else RECORDS
    row = {"Năm": "2025", "Mã hình thức": "LDTT", "Mã đơn vị": "P-GIAPBAT"}
    if sheet == "awards":
        row |= {"Mã dòng": "IMP-GB", AWARDS.column("individual").header: "3"}
    else:
        row |= {"Mã bản ghi": "KT-GB", "Đối tượng (tập thể, cá nhân)": "cá nhân"}
        row |= {"Họ tên, tên tập thể": "Lê Văn Giáp"}

    async def send(values: dict[str, str], user_id: str, admin: bool) -> str:
        reply = await app.core.handle(
            Incoming(
                platform="telegram",
                chat_id="c1",
                user_id=user_id,
                user_name="Người thử",
                chat_type="group",
                text="/nhap",
                is_platform_admin=admin,
                attachment=Attachment(f"{sheet}.csv", _csv(spec, values)),
            )
        )
        assert reply is not None
        return reply.text

    assert "thêm 1" in await send(row, "9001", True)
    await ask(app, "/quyen them donvi P-DAIKIM telegram:77", **TG)
    taken = row | {"Mã đơn vị": "P-DAIKIM", "Họ tên, tên tập thể": "Người khác"}
    refused = await send(taken, "77", False)
    assert "P-GIAPBAT" in refused and "thêm" not in refused, refused
    async with app.sessions() as session:
        stored = (await session.scalars(select(AwardRecord))).all()
        units = {u.id: u.code for u in (await session.scalars(select(Unit))).all()}
    mine = [r for r in stored if r.key.upper().startswith(row.get("Mã dòng", "KT-GB"))]
    assert mine and {units.get(r.unit_id or 0) for r in mine} == {"P-GIAPBAT"}
