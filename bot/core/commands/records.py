"""Named award records: `/themkhenthuong` with names, and `/tim` to find who was awarded what."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select

from bot.core import vn
from bot.core.commands.common import require_active
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.domain import records as rules
from bot.domain.records import Decision, Recipient
from bot.domain.roles import Role
from storage.models import AwardForm, AwardRecord, Unit
from storage.queries import awards
from storage.queries import records as record_queries
from storage.queries.records import RecordRow

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


@dataclass(frozen=True)
class Named:
    """A recipient line resolved to its unit."""

    recipient: Recipient
    unit: Unit

    @property
    def name(self) -> str:
        """The person's or collective's name (a collective's unit name by default)."""
        return self.recipient.name or self.unit.name


async def resolve(
    ctx: Context, recipients: list[Recipient], *, default: Unit | None, usage: str
) -> list[Named]:
    """Each recipient with its unit: the code on its line, else `default`."""
    tree = await ctx.unit_tree()
    found = []
    for recipient in recipients:
        unit = tree.by_code(recipient.unit_code) if recipient.unit_code else default
        if unit is None:
            raise UserError(
                f"Dòng '{recipient.name}' cần mã đơn vị ở cuối (nhóm này chưa gắn đơn vị). "
                "Gõ /donvi để xem mã.",
                usage=usage,
            )
        found.append(Named(recipient, unit))
    return found


def check_kinds(form: AwardForm, named: list[Named], *, usage: str) -> None:
    """Refuse a recipient the form does not apply to (a Cờ thi đua for a person)."""
    allowed = form.recipient_kinds.split(",")
    for item in named:
        if item.recipient.kind not in allowed:
            raise UserError(
                f"{form.name} không áp dụng cho {vn.RECIPIENT_LABELS[item.recipient.kind]} "
                f"('{item.name}').",
                usage=usage,
            )


async def store_records(
    ctx: Context,
    *,
    year: int,
    form: AwardForm,
    named: list[Named],
    decision: Decision | None,
    occasion: str | None,
    dossier_id: int | None = None,
) -> list[str]:
    """Add one record per recipient, rebuild the year's totals; the new keys."""
    keys = []
    for item in named:
        key = f"KT-{secrets.token_hex(4).upper()}"
        ctx.session.add(
            AwardRecord(
                key=key,
                year=year,
                form_id=form.id,
                recipient_kind=item.recipient.kind,
                count=1,
                recipient_name=item.name,
                name_folded=rules.fold(item.name),
                position=item.recipient.position,
                unit_id=item.unit.id,
                ad_hoc=rules.is_ad_hoc(occasion),
                award_occasion=occasion,
                decision_number=decision.number if decision else None,
                decision_date=decision.date if decision else None,
                decision_level=decision.level if decision else None,
                dossier_id=dossier_id,
                source=f"Thêm qua lệnh bởi {ctx.actor}",
            )
        )
        keys.append(key)
    await ctx.session.flush()
    await awards.refresh_totals(ctx.session, [year])
    return keys


async def _counts_replaced(ctx: Context, year: int, form: AwardForm, units: set[int]) -> list[str]:
    """Units whose stored counts of this form and year the new records now stand for."""
    stmt = (
        select(Unit.name)
        .join(AwardRecord, AwardRecord.unit_id == Unit.id)
        .where(
            AwardRecord.year == year,
            AwardRecord.form_id == form.id,
            AwardRecord.unit_id.in_(units),
            AwardRecord.recipient_name.is_(None),
            AwardRecord.occasion.is_(None),
        )
        .group_by(Unit.name)
        .having(func.count() > 0)
    )
    return list((await ctx.session.scalars(stmt)).all())


async def add_named(ctx: Context, year: int, form: AwardForm, text: str) -> Reply:
    """`/themkhenthuong <năm> <mã> <người…>`: named records, each checked against its unit."""
    tree = await ctx.unit_tree()
    batch = rules.parse_batch(
        rules.split_lines(text), lambda code: tree.by_code(code) is not None, usage=NAMED_USAGE
    )
    if batch.reason is not None:
        raise UserError("Dòng 'Lý do' chỉ dùng trong /dexuat.", usage=NAMED_USAGE)
    if not batch.recipients:
        raise UserError("Chưa có người hoặc tập thể nào được khen thưởng.", usage=NAMED_USAGE)
    chat_unit = tree.units.get(ctx.chat.unit_id) if ctx.chat and ctx.chat.unit_id else None
    named = await resolve(ctx, batch.recipients, default=chat_unit, usage=NAMED_USAGE)
    check_kinds(form, named, usage=NAMED_USAGE)
    for unit in {item.unit.id: item.unit for item in named}.values():
        await ctx.require(Role.UNIT_ADMIN, unit)
        await require_active(ctx, unit, usage=NAMED_USAGE)
    replaced = await _counts_replaced(ctx, year, form, {item.unit.id for item in named})
    keys = await store_records(
        ctx, year=year, form=form, named=named, decision=batch.decision, occasion=batch.occasion
    )
    lines = [f"Đã thêm {len(keys)} bản ghi khen thưởng năm {year} — {form.name}:"]
    for key, item in zip(keys, named, strict=True):
        ctx.audit(
            "create",
            "award",
            key,
            {"year": year, "form": form.code, "name": item.name, "unit": item.unit.code},
            unit=item.unit,
        )
        lines.append(f"• {who(item.name, item.recipient.position, item.unit.name)} ({key})")
    if batch.decision:
        lines.append(f"Quyết định: {decision_text(batch.decision)}.")
    if replaced:
        lines.append(
            f"Số liệu chỉ có tổng số của {', '.join(replaced)} cho hình thức này năm {year} "
            "không còn được cộng: thống kê tính theo các bản ghi có tên."
        )
    lines.append("Xóa một bản ghi: /xoa khenthuong <mã>. Tra cứu: /tim <họ tên>.")
    return Reply("\n".join(lines))


def who(name: str, position: str | None, unit_name: str | None) -> str:
    """`Nguyễn Văn An, Chủ tịch UBND phường, Phường Đại Kim`."""
    shown_unit = unit_name if unit_name != name else None
    return ", ".join(p for p in (name, position, shown_unit) if p)


def decision_text(decision: Decision) -> str:
    """`số 123/QĐ-UBND ngày 15/03/2023 (Chủ tịch UBND quận)`."""
    level = f" ({decision.level})" if decision.level else ""
    return f"số {decision.number} ngày {vn.date(decision.date)}{level}"


def _record_line(row: RecordRow) -> str:
    parts = [f"{row.year}: {row.form_name}"]
    if row.decision_number and row.decision_date:
        parts.append(
            "QĐ "
            + decision_text(Decision(row.decision_number, row.decision_date, row.decision_level))
        )
    if row.occasion:
        parts.append(row.occasion)
    return "• " + " — ".join(parts)


async def search(ctx: Context) -> Reply:
    """Awards of a person or a unit over the years, and whether a Bằng khen is within 5 years."""
    query = " ".join(ctx.rest.split())
    if len(query) < 2:
        raise UserError("Cần ít nhất 2 chữ để tìm.", usage=SEARCH_USAGE)
    folded = rules.fold(query)
    tree = await ctx.unit_tree()
    by_code = tree.by_code(query)
    units = (
        [by_code] if by_code else [u for u in tree.units.values() if folded in rules.fold(u.name)]
    )
    rows = await record_queries.find_records(ctx.session, folded, unit_ids=[u.id for u in units])
    if not rows:
        raise UserError(
            f"Không tìm thấy khen thưởng nào ghi tên '{query}'. Số liệu chỉ có tổng số "
            "(như năm 2022) không ghi tên từng người.",
            usage=SEARCH_USAGE,
        )
    first, last = rules.window(ctx.today)
    groups: dict[tuple[str, str | None], list[RecordRow]] = {}
    for row in rows:
        groups.setdefault((rules.fold(row.name), row.unit_code), []).append(row)
    lines: list[str] = []
    for items in groups.values():
        head = items[0]
        positions = [r.position for r in items if r.position]
        lines.append(who(head.name, positions[0] if positions else None, head.unit_name) + ":")
        lines.extend(_record_line(r) for r in items)
        recent = sorted(
            {r.year for r in items if rules.is_bang_khen(r.form_name) and first <= r.year <= last}
        )
        verdict = f"đã có (năm {', '.join(str(y) for y in recent)})" if recent else "chưa có"
        lines.append(f"Bằng khen trong 5 năm {first}–{last}: {verdict}.")
        lines.append("")
    if len(rows) >= record_queries.SEARCH_LIMIT:
        lines.append(f"Chỉ hiện {record_queries.SEARCH_LIMIT} bản ghi đầu: gõ tên đầy đủ hơn.")
    return Reply("\n".join(lines).strip(), title=f"Khen thưởng: {query}")


COMMANDS = [
    Command(
        "tim",
        ("search",),
        SEARCH_USAGE,
        "Khen thưởng của một người, đơn vị qua các năm (gõ không dấu được); có Bằng khen "
        "trong 5 năm chưa.",
        "/tim Nguyen Van An",
        search,
        cacheable=True,
        guide=SEARCH_GUIDE,
    )
]
