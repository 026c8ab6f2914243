"""`thidua remind`: one dispatch pass as if it were a given time, for catching up or previewing."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.core.args import YEAR_RANGE
from jobs.dispatcher import Dispatcher, DispatchReport

STATUS_LABELS = {
    "sent": "đã gửi",
    "failed": "lỗi",
    "skipped": "bỏ qua (quá hạn gửi)",
    "dry_run": "sẽ gửi",
}


def parse_at(text: str, timezone: str) -> dt.datetime:
    """`YYYY-MM-DD HH:MM` in the bot's time zone; ValueError with a Vietnamese message."""
    try:
        naive = dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise ValueError(f"Thời điểm '{text}' phải viết dạng \"YYYY-MM-DD HH:MM\".") from None
    low, high = YEAR_RANGE
    if not low <= naive.year <= high:
        # Planning looks ahead by up to a year of lead days; dates near 9999 would overflow.
        raise ValueError(f"Năm của thời điểm phải từ {low} đến {high} (nhận được {naive.year}).")
    return naive.replace(tzinfo=ZoneInfo(timezone))


async def remind(
    dispatcher: Dispatcher,
    *,
    timezone: str,
    at: dt.datetime | None,
    dry_run: bool,
    out: TextIO | None = None,
) -> int:
    """One pass as if at `at` (naive: `timezone`), printed in Vietnamese; 1 if any failed."""
    stream = out or sys.stdout
    tz = ZoneInfo(timezone)
    now = None if at is None else at if at.tzinfo else at.replace(tzinfo=tz)
    report = await dispatcher.run_once(now, dry_run=dry_run)
    when = (now or dispatcher.clock()).astimezone(tz)
    stream.write(describe(report, when=when, dry_run=dry_run) + "\n")
    return 1 if report.failed or report.no_sender else 0


TOKEN_SETTINGS = {"telegram": "TELEGRAM_BOT_TOKEN", "zalo": "ZALO_BOT_TOKEN"}
PLATFORM_NAMES = {"telegram": "Telegram", "zalo": "Zalo"}
# The dispatcher stores English reasons for operators' logs; the summary says what they mean.
ERROR_MEANINGS = (
    (
        "chat gone",
        "nhóm không còn nhận tin (bot đã bị xóa khỏi nhóm, bị chặn hoặc nhóm đã giải tán)",
    ),
    ("unauthorized", "nền tảng từ chối mã truy cập của bot (kiểm tra lại mã trong tệp .env)"),
    ("rate limited", "nền tảng yêu cầu gửi chậm lại quá nhiều lần; sẽ không gửi lại"),
    ("transient error", "mạng hoặc máy chủ của nền tảng lỗi nhiều lần liên tiếp"),
    ("migrated repeatedly", "nhóm đổi mã liên tục trên nền tảng"),
    ("claim expired after", "tiến trình trước dừng giữa chừng; không gửi lại vì có thể đã gửi"),
    ("claim expired and", "tiến trình trước dừng giữa chừng và nhắc việc đã hết hạn gửi"),
    ("missed", "đã quá thời hạn gửi bù"),
    ("superseded", "trong cùng lượt đã có nhắc việc gần ngày hơn cho cùng sự kiện"),
)


def error_meaning(error: str) -> str:
    """A stored send error as the operator reads it in Vietnamese; the raw text is in the log."""
    for prefix, meaning in ERROR_MEANINGS:
        if error.startswith(prefix):
            return meaning
    return "lỗi khi gửi (chi tiết trong nhật ký vận hành)"


def describe(report: DispatchReport, *, when: dt.datetime, dry_run: bool) -> str:
    """The Vietnamese summary printed by `thidua remind`."""
    stamp = when.strftime("%H:%M %d/%m/%Y")
    if dry_run:
        head = [
            f"Chạy thử lúc {stamp}: không gửi gì, không ghi gì vào cơ sở dữ liệu.",
            f"Sẽ gửi {len(report.texts)} nhắc việc (muộn: {report.late}); "
            f"sẽ bỏ qua {report.skipped} vì quá hạn gửi; đã xử lý từ trước: {report.already_done}.",
        ]
    else:
        head = [
            f"Lượt gửi nhắc việc lúc {stamp}: đã gửi {report.sent} (muộn: {report.late}), "
            f"lỗi {report.failed}, bỏ qua {report.skipped} vì quá hạn gửi, "
            f"đã xử lý từ trước {report.already_done}."
        ]
        if report.held:
            head.append(f"Còn {report.held} nhắc việc chưa gửi, sẽ gửi ở lượt sau.")
        for platform in sorted(report.no_sender - {"console"}):
            # Said apart: "nothing to send" would hide that these chats were not even looked at.
            head.append(
                f"Chưa xét các nhóm {PLATFORM_NAMES.get(platform, platform)}: chưa đặt "
                f"{TOKEN_SETTINGS.get(platform, platform)}, "
                "nên không gửi được gì cho họ."
            )
    if not report.outcomes and not report.no_sender - {"console"}:
        head.append("Không có nhắc việc nào cần gửi.")
    lines = list(head)
    for outcome in report.outcomes:
        error = f" — {error_meaning(outcome.error)}" if outcome.error else ""
        late = " (muộn)" if outcome.late else ""
        lines.append(
            f"• [{STATUS_LABELS[outcome.status]}{late}] {outcome.chat}: {outcome.title}{error}"
        )
        if dry_run and outcome.status == "dry_run":
            lines.extend(f"    {line}" for line in outcome.text.split("\n"))
    return "\n".join(lines)
