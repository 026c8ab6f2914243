"""/bieudo, /xuat and /nhap: charts as photos, the Excel export, and the spreadsheet import."""

from __future__ import annotations

from bot.core import args as parse
from bot.core.context import Context
from bot.core.errors import UserError
from bot.core.messages import Document, Image, Reply
from bot.core.registry import Command
from bot.reports import charts, importer, workbook

CHART_USAGE = charts.USAGE
EXPORT_USAGE = "/xuat [năm]"
IMPORT_USAGE = "gửi tệp .xlsx hoặc .csv (như tệp /xuat) kèm chú thích /nhap"


def _year(tokens: list[str], *, usage: str) -> int | None:
    years = [t for t in tokens if parse.is_year(t)]
    others = [t for t in tokens if not parse.is_year(t)]
    if others:
        raise UserError(f"Không hiểu '{' '.join(others)}'.", usage=usage)
    return parse.year(years[0], usage=usage) if years else None


async def chart(ctx: Context) -> Reply:
    """A chart of awards, unit progress or indicators, as a photo with a one-line caption."""
    if not ctx.args:
        raise UserError("Cần nói vẽ biểu đồ gì.", usage=CHART_USAGE)
    kind = charts.chart_kind(ctx.args[0])
    year = _year(ctx.args[1:], usage=CHART_USAGE)
    result = await charts.make_chart(ctx.session, kind, year=year, today=ctx.today)
    caption = result.data.caption
    # The caption travels with the photo; a text too would say the same thing twice.
    return Reply("", image=Image(png=result.png, caption=caption))


async def export(ctx: Context) -> Reply:
    """The workbook of a year (or of every year) as a document."""
    year = _year(ctx.args, usage=EXPORT_USAGE)
    data = await workbook.export_data(ctx.session, year=year, tz=ctx.tz)
    counted = ("awards", "tasks", "indicators")
    if year is not None and not any(data.count(kind) for kind in counted):
        raise UserError(f"Năm {year} chưa có số liệu khen thưởng, nhiệm vụ hay chỉ tiêu nào.")
    content = await workbook.build_in_thread(data)
    scope = f"năm {year}" if year is not None else "tất cả các năm"
    name = f"thidua-{year if year is not None else 'tatca'}.xlsx"
    caption = (
        f"Số liệu thi đua, khen thưởng {scope}: {data.count('awards')} dòng khen thưởng, "
        f"{data.count('tasks')} dòng nhiệm vụ theo đơn vị, {data.count('indicators')} chỉ tiêu, "
        f"{data.count('commemorations')} ngày kỷ niệm."
    )
    return Reply("", document=Document(filename=name, content=content, caption=caption))


async def import_file(ctx: Context) -> Reply:
    """Load an attached spreadsheet: everything checked first, then written in one go."""
    attachment = ctx.msg.attachment
    if attachment is None:
        raise UserError(
            "Chưa có tệp. Gửi tệp .xlsx hoặc .csv (lấy mẫu bằng /xuat) và ghi /nhap "
            "ở phần chú thích của tệp.",
            usage=IMPORT_USAGE,
        )
    try:
        report = await importer.load_file(
            ctx.session,
            attachment.filename,
            attachment.content,
            actor=ctx.actor,
            now=ctx.now,
            audit=ctx.audit,
        )
    except importer.ImportRejected as exc:
        raise UserError(exc.text(attachment.filename)) from exc
    return Reply(report.text(), title="Nhập dữ liệu từ tệp")


COMMANDS = [
    Command(
        "bieudo",
        ("chart",),
        CHART_USAGE,
        "Biểu đồ khen thưởng, tiến độ nhiệm vụ theo đơn vị hoặc chỉ tiêu so với kế hoạch.",
        "/bieudo khenthuong 2022",
        chart,
        max_args=2,
    ),
    Command(
        "xuat",
        ("export",),
        EXPORT_USAGE,
        "Xuất số liệu ra tệp Excel (khen thưởng, nhiệm vụ, chỉ tiêu, ngày kỷ niệm).",
        "/xuat 2022",
        export,
        max_args=1,
    ),
    Command(
        "nhap",
        ("import",),
        "/nhap (chú thích của tệp .xlsx hoặc .csv)",
        "Nhập số liệu từ tệp Excel hoặc CSV theo mẫu của /xuat; kiểm tra hết trước khi ghi.",
        "/nhap",
        import_file,
        admin=True,
    ),
]
