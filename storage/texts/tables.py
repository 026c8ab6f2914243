"""Texts naming the tables as an operator reads them in messages: what each holds."""

from __future__ import annotations

TABLE_LABELS = {
    "data_version": "phiên bản dữ liệu",
    "units": "đơn vị",
    "seed_marks": "dấu vết dữ liệu mẫu",
    "chats": "nhóm và cuộc trò chuyện",
    "subscriptions": "đăng ký nhận nhắc",
    "tasks": "nhiệm vụ",
    "task_units": "đơn vị thực hiện nhiệm vụ",
    "task_progress": "tiến độ nhiệm vụ",
    "closed_years": "năm đã khóa",
    "task_progress_history": "lịch sử tiến độ",
    "indicators": "chỉ tiêu",
    "scorecards": "bảng đánh giá",
    "documents": "văn bản",
    "commemorations": "ngày kỷ niệm",
    "award_forms": "danh hiệu và hình thức khen thưởng",
    "award_records": "số liệu và bản ghi khen thưởng",
    "award_totals": "tổng hợp khen thưởng",
    "award_year_totals": "tổng hợp khen thưởng theo năm",
    "reminders": "nhắc việc tự đặt",
    "dossiers": "hồ sơ đề nghị khen thưởng",
    "dossier_nominees": "người, tập thể được đề nghị",
    "dossier_files": "tệp đính kèm hồ sơ",
    "dossier_events": "các bước xử lý hồ sơ",
    "deliveries": "nhắc việc đã gửi",
    "acknowledgements": "xác nhận đã nhận",
    "role_grants": "quyền đã cấp",
    "known_users": "người dùng đã gặp",
    "audit_log": "nhật ký thay đổi",
    "unit_requests": "yêu cầu gửi đơn vị",
    "request_units": "trả lời yêu cầu của đơn vị",
    "task_nudges": "nhắc đơn vị chưa báo cáo",
}


def table_label(name: str) -> str:
    """`«đơn vị»`: what the table holds; a table this list lacks keeps its name."""
    return f"«{TABLE_LABELS.get(name, name)}»"
