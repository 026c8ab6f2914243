"""Award proposal dossiers: `/dexuat`, `/dinhkem`, the office's `/xulyhoso`, and `/hoso`."""

from __future__ import annotations

import re

from bot.core import args as parse
from bot.core.commands.common import known_unit, require_active
from bot.core.commands.records import Named, check_kinds, decision_text, resolve, store_records
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Reply
from bot.core.registry import Command
from bot.domain import dossiers as flow
from bot.domain import records as rules
from bot.domain.roles import Role
from storage.models import Dossier, DossierEvent, DossierFile, DossierNominee, Unit
from storage.queries import awards, dossiers, records, units

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
DOSSIER_CODE = re.compile(r"HS\d{4}-\d+", re.IGNORECASE)
FILE_LIMIT = 5 * 1024 * 1024
MAX_FILES = 20


def _after_words(text: str, count: int) -> str:
    """`text` without its first `count` words, line breaks kept."""
    return re.sub(rf"^\s*(\S+\s+){{0,{count - 1}}}\S+[ \t]*", "", text, count=1)


async def _attach(ctx: Context, dossier: Dossier) -> str | None:
    """Store the message's file on the dossier; its name, or None without a file."""
    attachment = ctx.msg.attachment
    if attachment is None:
        return None
    if len(attachment.content) > FILE_LIMIT:
        raise UserError(f"Tệp '{attachment.filename}' lớn hơn 5 MB. Hãy chia nhỏ tệp rồi gửi lại.")
    if len(await dossiers.file_names(ctx.session, dossier.id)) >= MAX_FILES:
        raise UserError(f"Hồ sơ {dossier.code} đã có {MAX_FILES} tệp, không thêm được nữa.")
    ctx.session.add(
        DossierFile(
            dossier_id=dossier.id,
            filename=attachment.filename[:255],
            content=attachment.content,
            added_by=ctx.actor,
            added_at=ctx.now,
        )
    )
    return attachment.filename


async def _five_year_notes(ctx: Context, named: list[Named]) -> list[str]:
    """Nominees who already had a Bằng khen within 5 years: the question every proposal raises."""
    first, last = rules.window(ctx.today)
    notes = []
    for item in named:
        rows = await records.find_records(ctx.session, rules.fold(item.name))
        years = sorted(
            {
                r.year
                for r in rows
                if rules.fold(r.name) == rules.fold(item.name)
                and r.unit_code == item.unit.code
                and rules.is_bang_khen(r.form_name)
                and first <= r.year <= last
            }
        )
        if years:
            listed = ", ".join(str(y) for y in years)
            notes.append(f"Lưu ý: {item.name} đã có Bằng khen năm {listed} (xem /tim {item.name}).")
    return notes


async def propose(ctx: Context) -> Reply:
    """A unit's proposal: nominees, form, reason and an optional file; the office is told."""
    if len(ctx.args) < 2:
        raise UserError("Thiếu năm và mã hình thức.", usage=PROPOSE_USAGE)
    year = parse.year(ctx.args[0], usage=PROPOSE_USAGE)
    if year > ctx.today.year + 1:
        raise UserError(f"Năm {year} còn quá xa để đề nghị.", usage=PROPOSE_USAGE)
    # `/dexuat 2026 BK-TP; Lý do ...`: the lines may start right after the form's code.
    form_code = ctx.args[1].rstrip(";")
    form = await awards.form_by_code(ctx.session, form_code)
    if form is None:
        raise UserError(
            f"Không có hình thức mã '{form_code}'. Mã các hình thức có trong tệp /xuat "
            "(trang Hình thức).",
            usage=PROPOSE_USAGE,
        )
    tree = await ctx.unit_tree()
    first_line = ctx.rest.split("\n", 1)[0].split(";", 1)[0].split()
    # A third word on the command's line is the proposing unit's code, never a nominee: a
    # mistyped code would otherwise be proposed as a person of the chat's unit.
    code = first_line[2] if len(first_line) == 3 else None
    body = _after_words(ctx.rest, 3 if code else 2)
    if code:
        unit = known_unit(tree.by_code(code), code, usage=PROPOSE_USAGE)
    elif ctx.chat is not None and ctx.chat.unit_id is not None:
        unit = tree.units[ctx.chat.unit_id]
    else:
        raise UserError(
            "Chưa biết đơn vị nào đề nghị: ghi mã đơn vị sau mã hình thức, hoặc gửi trong nhóm "
            "đã gắn với đơn vị (/caidat donvi).",
            usage=PROPOSE_USAGE,
        )
    batch = rules.parse_batch(
        rules.split_lines(body), lambda c: tree.by_code(c) is not None, usage=PROPOSE_USAGE
    )
    if not batch.reason:
        raise UserError("Thiếu dòng 'Lý do …' (thành tích được đề nghị).", usage=PROPOSE_USAGE)
    if batch.decision is not None:
        raise UserError("Quyết định do văn phòng ghi khi xử lý hồ sơ.", usage=PROPOSE_USAGE)
    if not batch.recipients:
        raise UserError("Chưa có người hoặc tập thể nào được đề nghị.", usage=PROPOSE_USAGE)
    named = await resolve(ctx, batch.recipients, default=unit, usage=PROPOSE_USAGE)
    check_kinds(form, named, usage=PROPOSE_USAGE)
    scope = tree.subtree(unit.id)
    outside = [item.name for item in named if item.unit.id not in scope]
    if outside:
        raise UserError(
            f"{', '.join(outside)} không thuộc {unit.name}: mỗi đơn vị đề nghị cho người và tập "
            "thể của mình và các đơn vị trực thuộc.",
            usage=PROPOSE_USAGE,
        )
    await ctx.require(Role.UNIT_ADMIN, unit)
    for active in {unit.id: unit, **{i.unit.id: i.unit for i in named}}.values():
        await require_active(ctx, active, usage=PROPOSE_USAGE)
    chat = await ctx.ensure_chat()
    dossier = Dossier(
        code=await dossiers.next_code(ctx.session, year),
        year=year,
        unit_id=unit.id,
        form_id=form.id,
        reason=batch.reason,
        status="submitted",
        status_at=ctx.now,
        chat_id=chat.id,
        created_by=ctx.actor,
        created_at=ctx.now,
    )
    ctx.session.add(dossier)
    await ctx.session.flush()
    for item in named:
        ctx.session.add(
            DossierNominee(
                dossier_id=dossier.id,
                recipient_kind=item.recipient.kind,
                name=item.name,
                position=item.recipient.position,
                unit_id=item.unit.id,
            )
        )
    filename = await _attach(ctx, dossier)
    ctx.session.add(
        DossierEvent(dossier_id=dossier.id, status="submitted", at=ctx.now, actor=ctx.actor)
    )
    ctx.audit(
        "create",
        "dossier",
        dossier.code,
        {"form": form.code, "year": year, "nominees": len(named), "file": filename},
        unit=unit,
    )
    lines = [
        f"Đã gửi hồ sơ {dossier.code}: {form.name} năm {year} cho {len(named)} người/tập thể "
        f"của {unit.name}.",
        f"Lý do: {batch.reason}",
    ]
    if filename:
        lines.append(f"Tệp đính kèm: {filename}.")
    lines.extend(await _five_year_notes(ctx, named))
    lines.append(
        f"Mỗi bước xử lý sẽ được báo trong cuộc trò chuyện này. Đính kèm thêm tệp: gửi tệp với "
        f"chú thích /dinhkem {dossier.code}. Xem: /hoso {dossier.code}."
    )
    return Reply("\n".join(lines), title="Hồ sơ đề nghị khen thưởng")


async def _dossier_arg(ctx: Context, usage: str) -> tuple[Dossier, Unit]:
    """The dossier named by the first argument, and its unit."""
    if not ctx.args:
        raise UserError("Thiếu mã hồ sơ.", usage=usage)
    dossier = await dossiers.dossier_by_code(ctx.session, ctx.args[0])
    if dossier is None:
        raise UserError(
            f"Không có hồ sơ mã '{ctx.args[0]}'. Gõ /hoso để xem mã các hồ sơ.", usage=usage
        )
    unit = await units.unit_by_id(ctx.session, dossier.unit_id)
    assert unit is not None  # a dossier's unit is kept (RESTRICT)
    return dossier, unit


async def attach(ctx: Context) -> Reply:
    """Attach the message's file to an open dossier of the sender's unit."""
    dossier, unit = await _dossier_arg(ctx, ATTACH_USAGE)
    if ctx.msg.attachment is None:
        raise UserError("Chưa có tệp: gửi tệp và ghi lệnh ở phần chú thích.", usage=ATTACH_USAGE)
    if dossier.status not in flow.OPEN:
        raise UserError(f"Hồ sơ {dossier.code} đã {flow.LABELS[dossier.status]}.")
    await ctx.require(Role.UNIT_ADMIN, unit)
    filename = await _attach(ctx, dossier)
    ctx.audit("attach", "dossier", dossier.code, {"file": filename}, unit=unit)
    return Reply(f"Đã đính kèm tệp {filename} vào hồ sơ {dossier.code}.")


async def step(ctx: Context) -> Reply:
    """The office moves a dossier a step; a decision creates its award records."""
    await ctx.require_office()
    dossier, unit = await _dossier_arg(ctx, STEP_USAGE)
    if len(ctx.args) < 2 or flow.word_key(ctx.args[1]) not in flow.STEP_WORDS:
        raise UserError(f"Bước phải là một trong: {flow.STEPS_TEXT}.", usage=STEP_USAGE)
    target = flow.STEP_WORDS[flow.word_key(ctx.args[1])]
    flow.next_status(dossier.status, target, code=dossier.code, usage=STEP_USAGE)
    rest = _after_words(ctx.rest, 2).strip()
    note = None
    details: dict[str, object] = {"from": dossier.status, "to": target}
    created: list[str] = []
    if target == "returned":
        if not rest:
            raise UserError("Thiếu lý do trả lại.", usage=STEP_USAGE)
        dossier.return_reason = note = rest
    elif target == "decided":
        decision = rules.parse_decision(rest, usage=STEP_USAGE)
        dossier.decision_number, dossier.decision_date = decision.number, decision.date
        dossier.decision_level = decision.level
        note = decision_text(decision)
        created = await _records_of(ctx, dossier, decision)
        details |= {"decision": decision.number, "records": created}
    dossier.status, dossier.status_at = target, ctx.now
    ctx.session.add(
        DossierEvent(dossier_id=dossier.id, status=target, at=ctx.now, actor=ctx.actor, note=note)
    )
    ctx.audit("step", "dossier", dossier.code, details, unit=unit)
    text = f"Đã chuyển hồ sơ {dossier.code} của {unit.name} sang bước: {flow.LABELS[target]}."
    if created:
        text += f"\nĐã lưu {len(created)} bản ghi khen thưởng theo quyết định {note}."
    text += "\nĐơn vị được báo trong cuộc trò chuyện đã gửi hồ sơ và các nhóm của đơn vị."
    return Reply(text)


async def _records_of(ctx: Context, dossier: Dossier, decision: rules.Decision) -> list[str]:
    """One award record per nominee, by the decision."""
    form = await awards.form_by_id(ctx.session, dossier.form_id)
    tree = await ctx.unit_tree()
    named = [
        Named(rules.Recipient(n.recipient_kind, n.name, n.position, None), tree.units[n.unit_id])
        for n in await dossiers.nominees(ctx.session, dossier.id)
    ]
    return await store_records(
        ctx,
        year=dossier.year,
        form=form,
        named=named,
        decision=decision,
        occasion=None,
        dossier_id=dossier.id,
    )


COMMANDS = [
    Command(
        "dexuat",
        ("propose",),
        PROPOSE_USAGE,
        "Gửi hồ sơ đề nghị khen thưởng (gửi kèm tệp: ghi lệnh ở chú thích của tệp).",
        "/dexuat 2026 BK-TP; Lý do: Hoàn thành xuất sắc nhiệm vụ; Nguyễn Văn An, Chủ tịch "
        "UBND phường, P-DAIKIM; Tập thể P-DAIKIM",
        propose,
        writes=True,
        who="quản trị của đơn vị đề nghị",
        guide=PROPOSE_GUIDE,
    ),
    Command(
        "dinhkem",
        ("attach",),
        ATTACH_USAGE,
        "Đính kèm tệp vào hồ sơ đang xử lý.",
        "/dinhkem HS2026-001",
        attach,
        writes=True,
        who="quản trị của đơn vị đề nghị",
    ),
    Command(
        "xulyhoso",
        ("review",),
        STEP_USAGE,
        "Chuyển hồ sơ sang bước sau; quyết định tạo các bản ghi khen thưởng; đơn vị được báo.",
        "/xulyhoso HS2026-001 quyetdinh 123/QĐ-UBND, 15/12/2026, Chủ tịch UBND quận",
        step,
        writes=True,
        who="quản trị chung",
        guide=STEP_GUIDE,
    ),
]
