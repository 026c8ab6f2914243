"""Texts of the `thidua` command line: help, argparse headings and errors, results, console."""

from __future__ import annotations

# argparse, in Vietnamese.
ARGPARSE_HEADINGS = {
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",  # Python before 3.10 said this
}
"""argparse's own section headings → ours."""
USAGE_PREFIX = "cách dùng: "
HELP_OPTION = "xem hướng dẫn này rồi thoát"
INVALID_CHOICE = "{arg}: không có {value}; chọn một trong: {choices}"
INVALID_INT = "{arg}: {value} không phải là số nguyên"
EXPECTED_ONE = "{arg}: thiếu giá trị"
REQUIRED_ARGUMENTS = "thiếu tham số bắt buộc: {args}"
UNRECOGNIZED_ARGUMENTS = "không hiểu tham số: {args}"


def argparse_error(prog: str, message: str) -> str:
    """The line argparse ends with when the command line is wrong."""
    return f"{prog}: lỗi: {message}\n"


# `thidua -h` and each subcommand's help.
DESCRIPTION = "Thi Đua Bot — bot nhắc việc và thống kê thi đua, khen thưởng."
VERSION_HELP = "xem phiên bản rồi thoát"
COMMAND_METAVAR = "LỆNH"
FILE_METAVAR = "TỆP"
YEAR_METAVAR = "NĂM"
MIGRATE_HELP = "đưa cơ sở dữ liệu lên lược đồ mới nhất"
REVISION_METAVAR = "PHIÊN_BẢN"
REVISION_HELP = "phiên bản đích (mặc định: head)"
DOWN_HELP = "hạ xuống phiên bản đích (mặc định: base)"
SEED_HELP = "nạp các tệp dữ liệu mẫu (mặc định: mọi tệp trong seeds/)"
SEED_FILES_HELP = "tệp YAML (mặc định: mọi tệp trong seeds/)"
CHAT_HELP = "trò chuyện với bot ngay trên máy, không cần mã truy cập của bot"
VERBOSE_HELP = "in cả nhật ký vận hành (mặc định: chỉ cảnh báo và lỗi)"
RUN_HELP = "chạy bot trên các nền tảng đã cấu hình (Telegram, Zalo) tới khi bị dừng"
REMIND_HELP = "chạy một lượt gửi nhắc việc như thể đang ở thời điểm đã cho"
AT_HELP = "thời điểm (mặc định: bây giờ)"
DRY_RUN_HELP = "chỉ in những gì sẽ gửi, không gửi"
EXPORT_HELP = "xuất số liệu ra tệp Excel .xlsx"
XLSX_METAVAR = "TỆP.xlsx"
EXPORT_FILE_HELP = "tệp Excel sẽ ghi"
EXPORT_YEAR_HELP = "chỉ một năm (mặc định: tất cả; với --template: năm nay)"
TEMPLATE_HELP = "tệp mẫu trống của một năm (danh mục đơn vị đã điền) để điền rồi nhập"
IMPORT_HELP = "nhập số liệu từ tệp .xlsx hoặc .csv theo mẫu của lệnh export"
IMPORT_FILE_HELP = "tệp .xlsx hoặc .csv"
CHART_HELP = "vẽ biểu đồ ra tệp PNG"
CHART_KIND_METAVAR = "LOẠI"
CHART_KIND_HELP = "khenthuong, tiendo hoặc chitieu"
CHART_YEAR_HELP = "năm (mặc định: năm mới nhất có số liệu)"
PNG_METAVAR = "TỆP.png"
CHART_OUTPUT_HELP = "tệp PNG sẽ ghi"
BACKUP_HELP = "sao lưu toàn bộ dữ liệu ra một tệp (JSON nén gzip, mỗi dòng một bản ghi)"
BACKUP_FILE_HELP = "tệp sao lưu sẽ ghi"
BACKUP_FORCE_HELP = "ghi đè tệp đã có"


def backup_exists(path: str) -> str:
    """A backup would replace an existing file."""
    return f"Tệp {path} đã có; chọn tên khác, hoặc thêm --force để ghi đè."


RESTORE_HELP = "khôi phục dữ liệu từ tệp sao lưu vào cơ sở dữ liệu trống"
RESTORE_FILE_HELP = "tệp do lệnh backup tạo ra"

# What the subcommands print.
MIGRATED = "Cơ sở dữ liệu đã ở lược đồ mới nhất."
SEED_FAILED = "Không nạp được dữ liệu, không có gì được ghi:"


def migrated_down(target: str) -> str:
    """`thidua migrate --down` done."""
    return f"Đã hạ cơ sở dữ liệu xuống phiên bản {target}."


NO_PLATFORM = (
    "Chưa có nền tảng chat nào được cấu hình: hãy đặt TELEGRAM_BOT_TOKEN hoặc ZALO_BOT_TOKEN; "
    "muốn thử bot ngay trên máy mà không cần token, dùng `thidua chat`."
)
"""`thidua run` with neither platform's token set."""

# `thidua chat`.
CONSOLE_USER_NAME = "Quản trị viên"
CONSOLE_CHAT_TITLE = "Máy cục bộ"


def image_saved(path: object) -> str:
    """Where the console wrote a reply's picture."""
    return f"Đã lưu ảnh vào tệp {path}"


def file_saved(path: object) -> str:
    """Where the console wrote a reply's file."""
    return f"Đã lưu tệp vào {path}"
