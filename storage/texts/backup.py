"""Texts of `thidua backup` and `thidua restore`: what was saved, what was restored, refusals."""

from __future__ import annotations

from pathlib import Path

NO_SCHEMA = "Cơ sở dữ liệu chưa có lược đồ (chưa chạy `thidua migrate`), không có gì để sao lưu."


def backed_up(rows: int, tables: int, revision: str | None, path: Path) -> str:
    """One line for the operator after a backup."""
    return f"Đã sao lưu {rows} dòng của {tables} bảng (lược đồ {revision}) vào {path}."


def restored(rows: int, tables: int, revision: str | None, path: Path) -> str:
    """One line for the operator after a restore."""
    return f"Đã khôi phục {rows} dòng của {tables} bảng (lược đồ {revision}) từ {path}."


def cannot_write(path: Path, reason: str) -> str:
    """The backup file could not be created."""
    return f"Không ghi được tệp {path}: {reason}."


def cannot_read(path: Path, reason: str) -> str:
    """The backup file could not be opened."""
    return f"Không đọc được tệp {path}: {reason}."


def other_revision(revision: str, current: str) -> str:
    """A backup of another schema revision than the target database's."""
    return (
        f"Bản sao lưu ở phiên bản lược đồ {revision}, cơ sở dữ liệu đích ở {current}: "
        f"hãy khôi phục vào một cơ sở dữ liệu trống hoặc hạ nó về đúng phiên bản bằng "
        f"`thidua migrate --down --revision {revision}`."
    )


def target_not_empty(table: str, count: int) -> str:
    """The target database already holds data; `table` is its label."""
    return (
        f"Cơ sở dữ liệu đích đã có dữ liệu (bảng {table} có "
        f"{count} dòng): chỉ khôi phục vào một cơ sở dữ liệu trống, chưa chạy "
        "`thidua seed`."
    )


def rows_disagree(path: Path, table: str) -> str:
    """The database refused the rows of a table; `table` is its label."""
    return (
        f"Tệp {path} có dữ liệu không khớp nhau ở bảng {table} "
        "(dòng trùng lặp, tham chiếu tới dòng không có hoặc giá trị sai kiểu), "
        "không khôi phục gì cả."
    )


def damaged(path: Path) -> str:
    """A file that cannot be read to its end as written."""
    return f"Tệp {path} bị hỏng hoặc bị cắt cụt, không khôi phục gì cả."


def not_a_backup(path: Path) -> str:
    """A file that is not one of the bot's backups."""
    return f"Tệp {path} không phải bản sao lưu của Thi Đua Bot."


def other_format(path: Path, version: object, supported: object) -> str:
    """A backup written in a format version this release cannot read."""
    return (
        f"Tệp {path} theo định dạng sao lưu phiên bản {version}, "
        f"bản này chỉ đọc được phiên bản {supported}."
    )


def missing_tables(path: Path, tables: list[str]) -> str:
    """A backup without some tables; `tables` are their labels."""
    return f"Tệp {path} thiếu bảng {', '.join(tables)}."


def unknown_table(path: Path, table: str) -> str:
    """A backup with a table this release does not have; `table` is its label."""
    return (
        f"Tệp {path} có bảng {table} mà phiên bản này không có: tệp được "
        "sao lưu từ một phiên bản mới hơn của Thi Đua Bot."
    )


def other_columns(path: Path, table: str) -> str:
    """A backup whose columns of a table differ from this release's; `table` is its label."""
    return (
        f"Tệp {path} có các cột của bảng {table} khác với phiên bản "
        "này: sao lưu và khôi phục bằng cùng một phiên bản Thi Đua Bot (chạy "
        "`thidua migrate` trước khi sao lưu)."
    )
