"""Files through Telegram: /xuat sends a workbook, sending it back with /nhap imports it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import App
from tests.fakes.telegram import FakeTelegramServer, JsonDict
from tests.telegram_harness import ADMIN, GROUP, MEMBER, OFFICE, BotHarness, running_bot


@pytest.fixture
async def tg(app: App) -> AsyncIterator[BotHarness]:
    """The bot polling a fake server, with ADMIN administering GROUP."""
    async with FakeTelegramServer() as fake:
        fake.add_chat(GROUP, chat_type="group", title="Phòng Nội vụ")
        fake.set_admins(GROUP, [ADMIN])
        async with running_bot(app, fake) as harness:
            yield harness


def document_update(
    fake: FakeTelegramServer, user_id: int, file_id: str, name: str, size: int, caption: str
) -> JsonDict:
    """A message carrying a document (as Telegram sends it) with a command in its caption."""
    update = fake.message_update(GROUP, user_id, "x")
    message = update["message"]
    del message["text"]
    message.pop("entities", None)
    message["caption"] = caption
    message["document"] = {
        "file_id": file_id,
        "file_unique_id": f"u-{file_id}",
        "file_name": name,
        "file_size": size,
    }
    return update


async def test_export_then_import_the_same_file_changes_nothing(tg: BotHarness) -> None:
    [exported] = await tg.say(GROUP, MEMBER, "/xuat 2022")
    assert exported.file is not None and exported.file.filename is not None
    assert exported.file.filename.endswith(".xlsx")
    data = tg.fake.get_file_bytes(exported.file.file_id)
    assert data is not None and data[:2] == b"PK"  # a zip container, as .xlsx files are

    [answer] = await tg.send(
        document_update(
            tg.fake, OFFICE, exported.file.file_id, exported.file.filename, len(data), "/nhap"
        ),
        GROUP,
    )
    assert "không có gì thay đổi" in (answer.text or "")


async def test_import_by_a_non_admin_is_refused(tg: BotHarness) -> None:
    [exported] = await tg.say(GROUP, MEMBER, "/xuat 2022")
    assert exported.file is not None
    [answer] = await tg.send(
        document_update(tg.fake, MEMBER, exported.file.file_id, "x.xlsx", 100, "/nhap"), GROUP
    )
    assert (answer.text or "").startswith(
        "Tệp không được nhập vì có dòng ngoài phạm vi quyền của bạn; chưa có gì được ghi:"
    )


async def test_a_file_too_large_is_refused_before_download(tg: BotHarness) -> None:
    update = document_update(tg.fake, ADMIN, "never-downloaded", "lon.xlsx", 50 * 2**20, "/nhap")
    [answer] = await tg.send(update, GROUP)
    assert (answer.text or "").startswith("Tệp nặng 50,0 MB, vượt giới hạn 5 MB.")
    assert tg.fake.calls_to("getFile") == []


async def test_a_file_without_a_command_is_ignored(tg: BotHarness) -> None:
    update = document_update(tg.fake, ADMIN, "any", "anh.xlsx", 10, "ảnh đẹp")
    assert await tg.send(update, GROUP) == []
