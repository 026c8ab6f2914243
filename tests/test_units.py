"""Units as the office has them: add, rename, move, merge and retire, from chat."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from bot.app import App, seed
from storage import migrate
from storage.models import RoleGrant, Unit
from tests.chat import ask

TG = {"platform": "telegram", "user_id": "9001"}


async def unit(app: App, code: str) -> Unit:
    async with app.sessions() as session:
        found = await session.scalar(select(Unit).where(Unit.code == code))
    assert found is not None
    return found


async def test_add_rename_and_change_kind(app: App) -> None:
    added = await ask(
        app, "/donvi them TH-DAIKIM trường học Trường Tiểu học Đại Kim thuộc P-DAIKIM"
    )
    assert added == (
        "Đã thêm đơn vị Trường Tiểu học Đại Kim (TH-DAIKIM) — trường học, "
        "thuộc Phường Đại Kim (P-DAIKIM)."
    )
    tree = await ask(app, "/donvi")
    assert "• P-DAIKIM — Phường Đại Kim (xã/phường)" in tree
    assert "    • TH-DAIKIM — Trường Tiểu học Đại Kim (trường học)" in tree
    renamed = await ask(app, "/donvi sua TH-DAIKIM ten Trường Tiểu học Đại Kim mới")
    assert renamed == (
        "Đã đổi tên đơn vị TH-DAIKIM: Trường Tiểu học Đại Kim → Trường Tiểu học Đại Kim mới."
    )
    # The listing is a cached read: the edit must show at once, not after the cache ages.
    assert "• TH-DAIKIM — Trường Tiểu học Đại Kim mới (trường học)" in await ask(app, "/donvi")
    kind = await ask(app, "/donvi sua TH-DAIKIM loai tổ dân phố")
    assert kind.endswith("trường học → tổ dân phố.")
    assert (await unit(app, "TH-DAIKIM")).kind == "residential_group"


async def test_bad_input_is_told_in_vietnamese(app: App) -> None:
    wrong_kind = await ask(app, "/donvi them X1 hành tinh Sao Hỏa")
    assert wrong_kind.startswith("Loại đơn vị 'hành' không có. Các loại: tỉnh/thành phố, xã/phường")
    assert "district" not in wrong_kind and "school" not in wrong_kind
    taken = await ask(app, "/donvi them P-DAIKIM phường Phường Khác")
    assert taken.startswith("Mã 'P-DAIKIM' đã là của Phường Đại Kim.")
    assert (await ask(app, "/donvi xoay P-DAIKIM")).startswith("Không có thao tác 'xoay'")
    loop = await ask(app, "/donvi chuyen HM P-DAIKIM")
    assert loop.startswith("Không chuyển được: Phường Đại Kim (P-DAIKIM) nằm trong")


async def test_moving_a_unit_moves_who_may_write_for_it(app: App) -> None:
    await ask(app, "/donvi them CUM-1 khác Cụm thi đua số 1 thuộc HM")
    await ask(app, "/quyen them donvi CUM-1 telegram:777", **TG)
    as_777 = {"platform": "telegram", "user_id": "777", "admin": False, "chat_id": "g777"}
    before = await ask(app, "/themkhenthuong 2025 LDTT cá nhân 3 P-DAIKIM", **as_777)
    assert before.startswith("Bạn chưa có quyền này")

    moved = await ask(app, "/donvi chuyen P-DAIKIM CUM-1")

    assert moved.startswith("Đã chuyển Phường Đại Kim (P-DAIKIM) vào Cụm thi đua số 1 (CUM-1).")
    after = await ask(app, "/themkhenthuong 2025 LDTT cá nhân 3 P-DAIKIM", **as_777)
    assert after.startswith("Đã thêm"), after


async def test_a_merged_unit_takes_the_history_and_the_old_ones_stop(app: App) -> None:
    await ask(app, "/themkhenthuong 2022 LDTT cá nhân 6 P-DAIKIM")
    await ask(app, "/themkhenthuong 2022 LDTT cá nhân 4 P-GIAPBAT")
    await ask(app, "/caidat donvi P-DAIKIM", platform="telegram", chat_id="ward")
    await ask(app, "/quyen them baocao P-DAIKIM telegram:555", **TG)
    await ask(app, "/donvi them P-MOI phường Phường Mới thuộc HN")
    before = await ask(app, "/khenthuong 2022 P-MOI")  # cached until the tree changes
    assert "10 cá nhân" not in before

    merged = await ask(app, "/donvi gop P-MOI P-DAIKIM P-GIAPBAT")

    assert merged.startswith(
        "Đã gộp Phường Đại Kim (P-DAIKIM), Phường Giáp Bát (P-GIAPBAT) vào Phường Mới (P-MOI)"
    )
    assert "Đã thu hồi 1 quyền trên các đơn vị này" in merged
    assert "1 nhóm đang gắn với các đơn vị này" in merged
    stats = await ask(app, "/khenthuong 2022 P-MOI")
    assert "10 cá nhân" in stats, stats
    refused = await ask(app, "/themkhenthuong 2025 LDTT cá nhân 1 P-DAIKIM")
    assert refused.startswith("Phường Đại Kim (P-DAIKIM) đã ngừng hoạt động từ ")
    assert ", đã gộp vào Phường Mới (P-MOI) nên không nhận dữ liệu mới." in refused
    told = await ask(app, "/caidat", platform="telegram", chat_id="ward")
    assert "Lưu ý: cuộc trò chuyện này đang gắn với Phường Đại Kim (P-DAIKIM) đã ngừng" in told
    tree = await ask(app, "/donvi")
    assert "• P-MOI — Phường Mới (xã/phường)" in tree
    assert "• P-DAIKIM — Phường Đại Kim (xã/phường; gộp vào P-MOI từ " in tree
    async with app.sessions() as session:
        grants = (await session.scalars(select(RoleGrant).where(RoleGrant.user_id == "555"))).all()
    assert grants == []
    old = await unit(app, "P-DAIKIM")
    assert old.merged_into_id == (await unit(app, "P-MOI")).id
    assert isinstance(old.retired_on, dt.date)


async def test_retiring_a_unit(app: App) -> None:
    await ask(app, "/donvi them TH-1 trường học Trường Một thuộc P-YENSO")
    busy = await ask(app, "/donvi ngung P-YENSO")
    assert busy.startswith("Phường Yên Sở (P-YENSO) còn 1 đơn vị trực thuộc đang hoạt động (TH-1)")
    done = await ask(app, "/donvi ngung TH-1")
    assert done.startswith("Trường Một (TH-1) đã ngừng hoạt động từ ")
    assert "Số liệu cũ vẫn được giữ và thống kê." in done
    again = await ask(app, "/caidat donvi TH-1")
    assert "nên không nhận dữ liệu mới" in again
    assert (await ask(app, "/donvi ngung P-YENSO")).startswith("Phường Yên Sở (P-YENSO) đã ngừng")


async def test_migration_0010_renames_the_kinds_and_back(app: App) -> None:
    await migrate.downgrade(app.engine, "0009")
    async with app.engine.connect() as conn:
        rows = (await conn.execute(text("SELECT code, kind FROM units"))).all()
        before: dict[str, str] = {code: kind for code, kind in rows}
    await migrate.upgrade(app.engine)
    after = {code: u.kind for code, u in (await all_units(app)).items()}
    assert (before["P-DAIKIM"], before["HM-GDDT"], before["HM"]) == ("ward", "sector", "district")
    assert (after["P-DAIKIM"], after["HM-GDDT"], after["HM"]) == (
        "commune",
        "department",
        "district",
    )
    assert (await seed(app)).kept_unmarked == []


async def all_units(app: App) -> dict[str, Unit]:
    async with app.sessions() as session:
        return {u.code: u for u in (await session.scalars(select(Unit))).all()}
