"""Texts of the award proposal dossiers: /dexuat, /dinhkem, /xulyhoso and /hoso."""

from __future__ import annotations

from bot.core.texts.common import unknown_dossier as unknown_dossier
from bot.domain.texts.formats import count

PROPOSE_USAGE = (
    "/dexuat <năm> <mã hình thức> [mã đơn vị], rồi mỗi dòng (hoặc sau dấu ;): Lý do <lý do>; "
    "<họ tên>, <chức vụ>, <mã đơn vị>; Tập thể <mã đơn vị>"
)
ATTACH_USAGE = "/dinhkem <mã hồ sơ> (chú thích của tệp)"
STEP_USAGE = (
    "/xulyhoso <mã hồ sơ> nhan|thamdinh|trinh|tralai <lý do>, hoặc /xulyhoso <mã hồ sơ> "
    "quyetdinh <số>, <dd/mm/yyyy>, <cấp quyết định>"
)
PROPOSE_GUIDE = (
    "Dòng đầu: lệnh, năm, mã hình thức và (nếu nhóm chưa gắn đơn vị) mã đơn vị đề nghị. Các"
    " dòng sau: Lý do <thành tích>, rồi mỗi dòng một người (<họ tên>, <chức vụ>, <mã đơn "
    "vị>) hoặc tập thể (Tập thể <mã đơn vị>), thuộc đơn vị đề nghị hoặc đơn vị trực thuộc. "
    "Gửi kèm tệp (tờ trình, báo cáo thành tích): gửi tệp và ghi lệnh ở phần chú thích; thêm"
    " tệp sau bằng /dinhkem <mã hồ sơ>.\n"
    "Ví dụ:\n"
    "/dexuat 2026 BK-TP P-DAIKIM\n"
    "Lý do: Hoàn thành xuất sắc nhiệm vụ năm 2026\n"
    "Nguyễn Văn An, Chủ tịch UBND phường\n"
    "Tập thể Tổ dân phố 5, P-DAIKIM\n"
    "Văn phòng nhận và xử lý hồ sơ bằng /xulyhoso; mỗi bước được báo trong cuộc trò chuyện "
    "đã gửi hồ sơ và các nhóm của đơn vị. Câu trả lời nhắc nếu người được đề nghị đã có "
    "Bằng khen trong 5 năm."
)
STEP_GUIDE = (
    "Các bước: đã gửi → nhan (đã nhận) → thamdinh (đang thẩm định) → trinh (trình Hội đồng)"
    " → quyetdinh (có quyết định); tralai (trả lại) được ở mọi bước chưa xong. Có thể bỏ "
    "qua bước, không quay lại. Quyết định ghi số, ngày và cấp quyết định, và tạo một bản "
    "ghi khen thưởng cho mỗi người, tập thể trong hồ sơ. Hồ sơ chờ ở một bước quá "
    "DOSSIER_STALE_DAYS ngày (mặc định 14) được nhắc vào nhóm của văn phòng.\n"
    "Ví dụ:\n"
    "/xulyhoso HS2026-001 nhan\n"
    "/xulyhoso HS2026-001 tralai Thiếu báo cáo thành tích có xác nhận"
)
LIST_USAGE = "/hoso [mã đơn vị] [trạng thái] hoặc /hoso <mã hồ sơ>"

PROPOSE_SUMMARY = "Gửi hồ sơ đề nghị khen thưởng (gửi kèm tệp: ghi lệnh ở chú thích của tệp)."
PROPOSE_EXAMPLE = (
    "/dexuat 2026 BK-TP; Lý do: Hoàn thành xuất sắc nhiệm vụ; Nguyễn Văn An, Chủ tịch "
    "UBND phường, P-DAIKIM; Tập thể P-DAIKIM"
)
ATTACH_SUMMARY = "Đính kèm tệp vào hồ sơ đang xử lý."
STEP_SUMMARY = (
    "Chuyển hồ sơ sang bước sau; quyết định tạo các bản ghi khen thưởng; đơn vị được báo."
)
STEP_EXAMPLE = "/xulyhoso HS2026-001 quyetdinh 123/QĐ-UBND, 15/12/2026, Chủ tịch UBND quận"
WHO_PROPOSER = "quản trị của đơn vị đề nghị"
WHO_OFFICE = "quản trị chung"

PROPOSAL_TITLE = "Hồ sơ đề nghị khen thưởng"
MISSING_YEAR_AND_FORM = "Thiếu năm và mã hình thức."
MISSING_UNIT = (
    "Chưa biết đơn vị nào đề nghị: ghi mã đơn vị sau mã hình thức, hoặc gửi trong nhóm "
    "đã gắn với đơn vị (/caidat donvi)."
)
MISSING_REASON = "Thiếu dòng 'Lý do …' (thành tích được đề nghị)."
DECISION_NOT_HERE = "Quyết định do văn phòng ghi khi xử lý hồ sơ."
NO_NOMINEES = "Chưa có người hoặc tập thể nào được đề nghị."
MISSING_CODE = "Thiếu mã hồ sơ."
NO_FILE = "Chưa có tệp: gửi tệp và ghi lệnh ở phần chú thích."
MISSING_RETURN_REASON = "Thiếu lý do trả lại."
UNIT_TOLD = "\nĐơn vị được báo trong cuộc trò chuyện đã gửi hồ sơ và các nhóm của đơn vị."


def file_too_big(filename: str) -> str:
    """A file over the 5 MB limit."""
    return f"Tệp '{filename}' lớn hơn 5 MB. Hãy chia nhỏ tệp rồi gửi lại."


def too_many_files(code: str, limit: int) -> str:
    """A dossier holding its most files."""
    return f"Hồ sơ {code} đã có {count(limit)} tệp, không thêm được nữa."


def five_year_note(name: str, years: str) -> str:
    """A nominee who already had a Bằng khen within 5 years."""
    return f"Lưu ý: {name} đã có Bằng khen năm {years} (xem /tim {name})."


def year_too_far(year: int) -> str:
    """A proposal for a year too far ahead."""
    return f"Năm {year} còn quá xa để đề nghị."


def unknown_form(code: str) -> str:
    """No award form has the typed code."""
    return f"Không có hình thức mã '{code}'. Mã các hình thức có trong tệp /xuat (trang Hình thức)."


def outside_unit(names: str, unit: str) -> str:
    """Nominees who are not of the proposing unit or its subunits."""
    return (
        f"{names} không thuộc {unit}: mỗi đơn vị đề nghị cho người và tập "
        "thể của mình và các đơn vị trực thuộc."
    )


def proposed(code: str, form: str, year: int, count: int, unit: str) -> str:
    """The first line of a sent proposal's reply."""
    return f"Đã gửi hồ sơ {code}: {form} năm {year} cho {count} người/tập thể của {unit}."


def reason_line(reason: str) -> str:
    """The proposal's reason."""
    return f"Lý do: {reason}"


def attached_line(filename: str) -> str:
    """The file sent with the proposal."""
    return f"Tệp đính kèm: {filename}."


def proposed_next(code: str) -> str:
    """What happens next with a sent proposal."""
    return (
        f"Mỗi bước xử lý sẽ được báo trong cuộc trò chuyện này. Đính kèm thêm tệp: gửi tệp với "
        f"chú thích /dinhkem {code}. Xem: /hoso {code}."
    )


def dossier_closed(code: str, label: str) -> str:
    """A file for a dossier already decided or returned."""
    return f"Hồ sơ {code} đã {label}."


def attached(filename: str | None, code: str) -> str:
    """A file attached to a dossier."""
    return f"Đã đính kèm tệp {filename} vào hồ sơ {code}."


def bad_step(steps: str) -> str:
    """A step word that is not one of the steps."""
    return f"Bước phải là một trong: {steps}."


def stepped(code: str, unit: str, label: str) -> str:
    """A dossier moved to a step."""
    return f"Đã chuyển hồ sơ {code} của {unit} sang bước: {label}."


def records_saved(count: int, decision: str | None) -> str:
    """The award records a decision created."""
    return f"\nĐã lưu {count} bản ghi khen thưởng theo quyết định {decision}."


LIST_SUMMARY = (
    "Danh sách hồ sơ đề nghị khen thưởng theo đơn vị và trạng thái, hoặc chi tiết một hồ sơ."
)
LATE = " — quá hạn xử lý"
NOMINEES_HEAD = "Người, tập thể được đề nghị:"
STEPS_HEAD = "Các bước:"
ONE_HINT = "Chi tiết một hồ sơ: /hoso <mã hồ sơ>."
LEFT_OUT_WHAT = "hồ sơ"
LEFT_OUT_HOW = "/hoso <mã đơn vị> <trạng thái>"


def waiting(days: str, late: str) -> str:
    """How long an open dossier has waited in its step."""
    return f", chờ {days} ngày{late}"


def decision_status(status: str, number: str, date: str) -> str:
    """A decided dossier's status with its decision."""
    return f"{status} (QĐ số {number} ngày {date})"


def detail_head(unit: str, form: str, year: int, reason: str, status: str) -> list[str]:
    """The first lines of one dossier's detail."""
    return [
        f"Đơn vị đề nghị: {unit}",
        f"Hình thức: {form}, năm {year}",
        f"Lý do: {reason}",
        f"Trạng thái: {status}",
        NOMINEES_HEAD,
    ]


def files_line(files: list[str]) -> str:
    """The dossier's attached files."""
    return f"Tệp đính kèm: {', '.join(files) if files else 'chưa có'}"


def dossier_title(code: str) -> str:
    """One dossier's title."""
    return f"Hồ sơ {code}"


def bad_filter(token: str, filters: str) -> str:
    """A /hoso argument that is neither a unit code nor a status."""
    return (
        f"'{token}' không phải mã đơn vị hay trạng thái. Trạng thái: {filters}. "
        "Gõ /donvi để xem mã các đơn vị."
    )


def no_dossiers(which: str, unit: str | None) -> str:
    """No dossier matches the list asked for (`unit`: the unit whose dossiers were listed)."""
    of = f" của {unit}" if unit else ""
    return (
        f"Chưa có hồ sơ đề nghị khen thưởng nào{which}{of}. Quản trị đơn vị gửi hồ sơ bằng /dexuat."
    )


def list_title(which: str, unit: str | None) -> str:
    """The dossier list's title."""
    where = f" — {unit}" if unit else ""
    return f"Hồ sơ đề nghị khen thưởng{which}{where}"


FILE_USAGE = "/taitep <mã hồ sơ> [số thứ tự tệp]"
FILE_SUMMARY = "Tải về tệp đính kèm của một hồ sơ đề nghị khen thưởng."
FILE_EXAMPLE = "/taitep HS2026-001 1"
WHO_FILE = "quản trị của đơn vị đề nghị, quản trị chung"


def not_a_code(word: str) -> str:
    """A first argument that is not a dossier code."""
    return f"'{word}' không phải mã hồ sơ. Mã hồ sơ có dạng HS2026-001 (xem bằng /hoso)."


def no_files(code: str) -> str:
    """A dossier without attached files."""
    return f"Hồ sơ {code} chưa có tệp đính kèm. Đơn vị đính kèm bằng /dinhkem {code}."


def file_choice(code: str, names: list[str]) -> str:
    """Several files: which number to ask for."""
    listed = "\n".join(f"{number}. {name}" for number, name in enumerate(names, start=1))
    return f"Hồ sơ {code} có {len(names)} tệp:\n{listed}\nTải một tệp: /taitep {code} <số thứ tự>."


def bad_file_number(word: str, code: str, count: int) -> str:
    """A file number that is not one of the dossier's."""
    return f"'{word}' không phải số thứ tự tệp của hồ sơ {code} (từ 1 đến {count})."


def file_caption(code: str, name: str) -> str:
    """The caption of a dossier's file sent back."""
    return f"Hồ sơ {code}: {name}"


def files_hint(code: str) -> str:
    """Under a dossier's files: how to get them."""
    return f"Tải tệp: /taitep {code}"
