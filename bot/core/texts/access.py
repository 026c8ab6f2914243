"""Texts of refusals: which role on which unit a change needs, and who can grant it."""

from __future__ import annotations

ASK_FOR_RIGHTS = "Gõ /toi để biết mã người dùng của bạn và gửi cho người cấp quyền."
NEEDS_OFFICE = (
    "Bạn chưa có quyền này: cần quyền quản trị chung.",
    f"Quản trị chung cấp quyền bằng /quyen them. {ASK_FOR_RIGHTS}",
)
GROUP_NOT_LINKED = (
    "Nhóm này chưa được gắn với đơn vị nào nên quản trị viên nhóm chưa có quyền thay "
    "đổi dữ liệu. Để gắn nhóm, nhờ quản trị chung (hoặc quản trị của đơn vị) gõ "
    "/caidat donvi <mã đơn vị> trong nhóm này."
)
NOT_YOUR_BUTTON = (
    "Nút này dành cho người đã yêu cầu thao tác. Nếu bạn cũng cần làm việc này, hãy tự gõ lệnh."
)


def needs_unit_role(role: str, unit: str) -> list[str]:
    """A unit role needed: on the unit or a unit above it (`unit` as `Tên (MÃ)`)."""
    return [
        f"Bạn chưa có quyền này: cần quyền {role} của {unit} hoặc của đơn vị cấp trên.",
        "Quản trị chung hoặc quản trị đơn vị cấp trên cấp quyền bằng /quyen them. "
        + ASK_FOR_RIGHTS,
    ]


def group_admin_reach(unit: str) -> str:
    """How far the administrators of a linked group reach."""
    return f"Quản trị viên nhóm này chỉ có quyền với {unit} và các đơn vị trực thuộc."
