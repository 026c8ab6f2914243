"""Texts of the named award records: /themkhenthuong with names, and /tim."""

from __future__ import annotations

from bot.domain.texts.formats import count

NAMED_USAGE = (
    "/themkhenthuong <năm> <mã hình thức> rồi mỗi dòng một người: <họ tên>, <chức vụ>, "
    "<mã đơn vị> (hoặc: Tập thể <mã đơn vị>); thêm dòng QĐ <số>, <dd/mm/yyyy>, <cấp quyết "
    "định> và Dịp <dịp khen thưởng>"
)
NAMED_GUIDE = (
    "Bản ghi có tên: dòng đầu là lệnh, năm và mã hình thức; mỗi dòng sau một người hoặc tập"
    " thể (trên một dòng thì cách nhau bằng dấu ;):\n"
    "• người: <họ tên>, <chức vụ>, <mã đơn vị> — chức vụ có thể bỏ; thiếu mã đơn vị thì lấy"
    " đơn vị của nhóm;\n"
    "• tập thể: Tập thể <mã đơn vị>, hoặc Tập thể <tên>, <mã đơn vị>;\n"
    "• QĐ <số>, <dd/mm/yyyy>, <cấp quyết định> — quyết định khen thưởng (không bắt buộc);\n"
    '• Dịp <dịp khen thưởng> — ví dụ Tổng kết năm 2023; dịp có chữ "đột xuất" được tính là '
    "khen đột xuất.\n"
    "Ví dụ:\n"
    "/themkhenthuong 2023 BK-TP\n"
    "QĐ 1234/QĐ-UBND, 20/12/2023, Chủ tịch UBND Thành phố\n"
    "Dịp Tổng kết năm 2023\n"
    "Nguyễn Văn An, Chủ tịch UBND phường, P-DAIKIM\n"
    "Trần Thị Bình, Công chức văn hóa - xã hội, P-DAIKIM\n"
    "Tập thể P-GIAPBAT\n"
    "Khi một đơn vị đã có bản ghi có tên của một hình thức trong một năm, thống kê tính các"
    " bản ghi đó và không cộng số liệu chỉ có tổng số (như năm 2022) của cùng hình thức, "
    "đơn vị, năm."
)
SEARCH_GUIDE = (
    "Tìm theo họ tên (có dấu hay không dấu đều được), theo tên hoặc mã đơn vị (khen thưởng "
    "tập thể của đơn vị). Với mỗi người, câu cuối cho biết đã có Bằng khen trong 5 năm gần "
    "nhất chưa — điều cần xem trước khi đề nghị. Chỉ bản ghi có tên mới tìm được; số liệu "
    "chỉ có tổng số thì không."
)
SEARCH_USAGE = "/tim <họ tên, tên hoặc mã đơn vị>"
SEARCH_SUMMARY = (
    "Khen thưởng của một người, đơn vị qua các năm (gõ không dấu được); có Bằng khen "
    "trong 5 năm chưa."
)

REASON_NOT_HERE = "Dòng 'Lý do' chỉ dùng trong /dexuat."
NO_RECIPIENTS = "Chưa có người hoặc tập thể nào được khen thưởng."
ADDED_NEXT = "Xóa một bản ghi: /xoa khenthuong <mã>. Tra cứu: /tim <họ tên>."
QUERY_TOO_SHORT = "Cần ít nhất 2 chữ để tìm."
QUERY_LIMIT = 100
QUERY_TOO_LONG = f"Từ cần tìm dài quá {QUERY_LIMIT} ký tự: chỉ cần họ tên hoặc tên đơn vị."
DECISION_MARK = "QĐ "
HAS_NONE = "chưa có"


def needs_unit(name: str | None) -> str:
    """A recipient line without a unit code in a chat linked to no unit."""
    return (
        f"Dòng '{name}' cần mã đơn vị ở cuối (nhóm này chưa gắn đơn vị). "
        "Gõ /donvi để xem mã các đơn vị."
    )


def form_not_for(form: str, kind: str, name: str) -> str:
    """A form given to a kind of recipient it does not apply to."""
    return f"{form} không áp dụng cho {kind} ('{name}')."


def record_source(actor: str) -> str:
    """Where a record typed in a chat came from."""
    return f"Thêm qua lệnh bởi {actor}"


def added(count: int, year: int, form: str) -> str:
    """The head of /themkhenthuong's reply."""
    return f"Đã thêm {count} bản ghi khen thưởng năm {year} — {form}:"


def decision_line(decision: str) -> str:
    """The decision the records were added under."""
    return f"Quyết định: {decision}."


def counts_replaced(units: str, year: int) -> str:
    """Units whose count-only figures the named records now stand for."""
    return (
        f"Số liệu chỉ có tổng số của {units} cho hình thức này năm {year} "
        "không còn được cộng: thống kê tính theo các bản ghi có tên."
    )


def decision(number: str, date: str, level: str | None) -> str:
    """`số 123/QĐ-UBND ngày 15/03/2023 (Chủ tịch UBND quận)`."""
    shown = f" ({level})" if level else ""
    return f"số {number} ngày {date}{shown}"


def not_found(query: str) -> str:
    """No named record matches /tim's query."""
    return (
        f"Không tìm thấy khen thưởng nào ghi tên '{query}'. Số liệu chỉ có tổng số "
        "(như năm 2022) không ghi tên từng người."
    )


def has_years(years: str) -> str:
    """The years a Bằng khen was given within the window."""
    return f"đã có (năm {years})"


def bang_khen_line(first: int, last: int, verdict: str) -> str:
    """Whether a person had a Bằng khen within the last 5 years."""
    return f"Bằng khen trong 5 năm {first}–{last}: {verdict}."


def only_first(limit: int) -> str:
    """/tim found more records than it shows."""
    return f"Chỉ hiện {count(limit)} bản ghi đầu: gõ tên đầy đủ hơn."


def search_title(query: str) -> str:
    """/tim's title."""
    return f"Khen thưởng: {query}"
