"""Texts of `thidua remind`: the time it is given, the summary of the pass it runs."""

from __future__ import annotations

STATUS_LABELS = {
    "sent": "đã gửi",
    "failed": "lỗi",
    "skipped": "bỏ qua (quá hạn gửi)",
    "dry_run": "sẽ gửi",
}
"""Each delivery's outcome, by the dispatcher's status."""

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
"""The dispatcher's English send errors, by how they start → what they mean for the operator."""
UNKNOWN_ERROR = "lỗi khi gửi (chi tiết trong nhật ký vận hành)"
NOTHING_TO_SEND = "Không có nhắc việc nào cần gửi."

CONSOLE_CHAT = "cuộc trò chuyện thử trên máy (thidua chat)"
"""The console's own chat, as the dry run names where a reminder would go."""

LATE = " (muộn)"


def bad_moment(text: str) -> str:
    """`--at` not written as `YYYY-MM-DD HH:MM`."""
    return f"Thời điểm '{text}' phải viết dạng \"YYYY-MM-DD HH:MM\"."


def no_such_moment(text: str) -> str:
    """`--at` written right but naming a day or hour that does not exist."""
    return f"Không có thời điểm '{text}': tháng 1–12, ngày có trong tháng, giờ 00–23, phút 00–59."


def year_out_of_range(low: int, high: int, year: int) -> str:
    """`--at` in a year planning cannot reach."""
    return f"Năm của thời điểm phải từ {low} đến {high} (nhận được {year})."


def dry_run_head(stamp: str, *, texts: int, late: int, skipped: int, done: int) -> list[str]:
    """The first lines of `thidua remind --dry-run`."""
    return [
        f"Chạy thử lúc {stamp}: không gửi gì, không ghi gì vào cơ sở dữ liệu.",
        f"Sẽ gửi {texts} nhắc việc (muộn: {late}); "
        f"sẽ bỏ qua {skipped} vì quá hạn gửi; đã xử lý từ trước: {done}.",
    ]


def pass_head(stamp: str, *, sent: int, late: int, failed: int, skipped: int, done: int) -> str:
    """The first line of `thidua remind`."""
    return (
        f"Lượt gửi nhắc việc lúc {stamp}: đã gửi {sent} (muộn: {late}), "
        f"lỗi {failed}, bỏ qua {skipped} vì quá hạn gửi, "
        f"đã xử lý từ trước {done}."
    )


def held(count: int) -> str:
    """Reminders left for the next pass."""
    return f"Còn {count} nhắc việc chưa gửi, sẽ gửi ở lượt sau."


def no_sender(platform: str, setting: str) -> str:
    """A platform whose chats were not looked at, since its token is not set."""
    return f"Chưa xét các nhóm {platform}: chưa đặt {setting}, nên không gửi được gì cho họ."
