"""The article's figures and award names are in the seed files, on the records citing their line."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal

import pytest
from pydantic import BaseModel

from storage.seed_schema import AwardLineSeed, CommemorationSeed, RecipientKind, SeedFile
from tests.seed_harness import ROOT

# The source article, kept verbatim (a copy of the client's `shared/seeds/` file) so the checks
# run from any checkout.
ARTICLE = ROOT / "tests" / "data" / "thi-dua-hoang-mai-2022-2023.txt"

Figure = Decimal | dt.date

# Numbers of the article body that are not figures and are deliberately not in the seeds, with the
# reason. Empty: the names that carry numbers ("Đề án 06", "Sea Games 31", "Covid-19", "tuổi 17",
# "đường 2,5") are all kept in names or notes of the records that cite their line.
NOT_FIGURES: dict[str, str] = {}

# Years of the report: lines that mention only these need no record of their own.
REPORT_YEARS: frozenset[Figure] = frozenset({Decimal(2022), Decimal(2023)})

# Fields that hold codes, references, display order or pointers rather than data of the article.
# Commemoration day/month/origin_year are checked as one date instead (see `_record_figures`).
NON_DATA_FIELDS = frozenset(
    {"code", "key", "source", "sort", "parent", "unit", "units", "form"}
    | {"day", "month", "origin_year"}
)

# Sections whose records carry the article's figures (units and award forms only name things).
FIGURE_SECTIONS = ("commemorations", "documents", "indicators", "scorecards", "awards", "tasks")

# Vietnamese number style: "." groups thousands, "," is the decimal mark (4.670,8 = 4670.8).
DATE_RE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
NUMBER_RE = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?!\d)")
HEADING_RE = re.compile(r"^\s*(?:[IVX]+|\d+)\.\s")  # "I. ...", "1. ...": section numbers
LINE_REF_RE = re.compile(r"dòng\s+(\d+(?:\s*(?:,|và|–|-)\s*\d+)*)")
RECIPIENT_WORDS: dict[str, RecipientKind] = {
    "tập thể": "collective",
    "cá nhân": "individual",
    "công trình": "project",
}
# The article writes "văn hoá" (old tone placement) where the seeds write "văn hóa".
OLD_TONES = {"oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "uỷ": "ủy", "uý": "úy"}
COUNT_RE = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)\s+(?:lượt\s+)?(tập thể|cá nhân|công trình)")


# --- helpers -----------------------------------------------------------------------------------


def _to_decimal(raw: str) -> Decimal:
    return Decimal(raw.replace(".", "").replace(",", "."))


def _text_figures(text: str) -> list[tuple[str, Figure]]:
    """Dates and numbers written in Vietnamese style in `text`, as (raw token, value)."""
    found: list[tuple[str, Figure]] = []

    def _take_date(match: re.Match[str]) -> str:
        day, month, year = (int(part) for part in match.groups())
        found.append((match[0], dt.date(year, month, day)))
        return " "

    rest = DATE_RE.sub(_take_date, text)
    found.extend((m[1], _to_decimal(m[1])) for m in NUMBER_RE.finditer(rest))
    return found


def _walk(value: object) -> Iterator[Figure]:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, BaseModel):
        yield from _record_figures(value)
    elif isinstance(value, int | Decimal):
        yield Decimal(value)
    elif isinstance(value, dt.date):
        yield value
    elif isinstance(value, str):
        yield from (figure for _, figure in _text_figures(value))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)


def _record_figures(record: BaseModel) -> Iterator[Figure]:
    """Every number and date a record holds as data (codes, sources and sort keys excluded)."""
    for name in type(record).model_fields:
        if name not in NON_DATA_FIELDS:
            yield from _walk(getattr(record, name))
    if (
        isinstance(record, CommemorationSeed)
        and record.calendar == "solar"
        and record.origin_year is not None
    ):
        yield dt.date(record.origin_year, record.month, record.day)


def _records(
    seeds: Iterable[SeedFile], sections: Iterable[str] = tuple(SeedFile.model_fields)
) -> Iterator[BaseModel]:
    wanted = tuple(sections)
    for seed in seeds:
        for name in wanted:
            value = getattr(seed, name)
            if isinstance(value, list):
                yield from (item for item in value if isinstance(item, BaseModel))


def _cited_lines(record: BaseModel) -> set[int]:
    """Article line numbers in a record's `source` ("Bài viết, mục I.4, dòng 40–64")."""
    source = getattr(record, "source", None)
    if not isinstance(source, str) or "Bài viết" not in source:
        return set()
    lines: set[int] = set()
    for match in LINE_REF_RE.finditer(source[source.index("Bài viết") :]):
        for part in re.split(r"\s*(?:,|và)\s*", match[1]):
            bounds = [int(n) for n in re.split(r"\s*[–-]\s*", part)]
            lines.update(range(bounds[0], bounds[-1] + 1))
    return lines


def _counts(text: str) -> dict[RecipientKind, int]:
    """Recipient counts of an award table line ("30 tập thể, 47 cá nhân")."""
    return {RECIPIENT_WORDS[word]: int(_to_decimal(n)) for n, word in COUNT_RE.findall(text)}


@pytest.fixture(scope="module")
def article_lines() -> dict[int, str]:
    """The article body, numbered as `cat -n` numbers it: between the date line and "Nguồn:"."""
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Ngày đăng")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Nguồn:"))
    return {i + 1: HEADING_RE.sub(" ", lines[i]) for i in range(start, end)}


# --- (c) the article's figures are in the seeds ----------------------------------------------


def test_article_body_has_figures(article_lines: dict[int, str]) -> None:
    # Guards against a tokenizer or line-range bug making the coverage tests vacuous.
    figures = [f for text in article_lines.values() for f in _text_figures(text)]
    assert len(figures) > 80
    assert ("4.670,8", Decimal("4670.8")) in figures
    assert ("07/4/2014", dt.date(2014, 4, 7)) in figures


def test_every_article_figure_is_in_the_seeds(
    seeds: list[SeedFile], article_lines: dict[int, str]
) -> None:
    present = {figure for record in _records(seeds) for figure in _record_figures(record)}
    missing = [
        f"dòng {number}: {raw}"
        for number, text in article_lines.items()
        for raw, value in _text_figures(text)
        if value not in present and raw not in NOT_FIGURES
    ]
    assert missing == []


REFERENCE_SOURCES = (
    "Danh mục ngày lễ, kỷ niệm",
    "Luật Thi đua, khen thưởng",
    "Danh mục đơn vị",
    "reference-data.md",
)
"""Records not from the article cite the legal or reference document they come from."""


def test_sources_cite_lines_of_the_article(seeds: list[SeedFile]) -> None:
    total_lines = len(ARTICLE.read_text(encoding="utf-8").splitlines())
    for section in FIGURE_SECTIONS:
        for record in _records(seeds, (section,)):
            source = getattr(record, "source", None)
            assert isinstance(source, str), f"{section}: bản ghi thiếu source"
            assert _cited_lines(record) or source.startswith(REFERENCE_SOURCES), source
    for record in _records(seeds):
        lines = _cited_lines(record)
        assert all(1 <= n <= total_lines for n in lines), getattr(record, "source", None)


def test_every_figure_line_is_cited(seeds: list[SeedFile], article_lines: dict[int, str]) -> None:
    """A line with figures is cited by some record, so the per-line check below covers it.

    Lines whose only figure is a year of the report (headings and lead-ins: "năm 2022") are
    covered by the global check only.
    """
    cited = {n for record in _records(seeds, FIGURE_SECTIONS) for n in _cited_lines(record)}
    uncited = [
        f"dòng {number}: {text.strip()[:60]}"
        for number, text in article_lines.items()
        if number not in cited and {value for _, value in _text_figures(text)} - REPORT_YEARS
    ]
    assert uncited == []


def test_figures_sit_in_the_records_citing_their_line(
    seeds: list[SeedFile], article_lines: dict[int, str]
) -> None:
    """Each figure of a cited line is held by a record whose `source` cites that line.

    Stricter than the global check: a figure duplicated elsewhere cannot hide a removed one, and
    a wrong line number in a `source` shows up. A date also counts for its year here ("năm 2023"
    next to "(ngày 03/3/2023)"). Units and award forms are left out: their `source` points to
    where a name occurs, not to figures.
    """
    held: defaultdict[int, set[Figure]] = defaultdict(set)
    for record in _records(seeds, FIGURE_SECTIONS):
        lines = _cited_lines(record)
        figures = set(_record_figures(record))
        figures |= {Decimal(f.year) for f in figures if isinstance(f, dt.date)}
        for number in lines:
            held[number] |= figures
    missing = [
        f"dòng {number}: {raw}"
        for number, text in article_lines.items()
        if number in held
        for raw, value in _text_figures(text)
        if value not in held[number] and raw not in NOT_FIGURES
    ]
    assert missing == []


def test_award_table_lines_match_the_article(
    seeds: list[SeedFile], article_lines: dict[int, str]
) -> None:
    """The 13 lines of the 2022 table: counts and ad-hoc counts exactly as in the article."""
    table: list[AwardLineSeed] = [a for s in seeds for a in s.awards if a.occasion is None]
    assert len(table) == 13
    for award in table:
        (line,) = _cited_lines(award)
        text = article_lines[line]
        regular, _, ad_hoc = text.partition("trong đó")
        assert award.counts == _counts(regular), award.key
        assert award.ad_hoc == _counts(ad_hoc), award.key


def _spelling(text: str) -> str:
    """Text with the old tone placement made new ("văn hoá" = "văn hóa"), for comparing names."""
    text = unicodedata.normalize("NFC", text)
    for old, new in OLD_TONES.items():
        text = text.replace(old, new)
    return text


def test_awards_are_named_as_the_article_names_them(
    seeds: list[SeedFile], article_lines: dict[int, str]
) -> None:
    """A form or award line citing the article carries a name found, word for word, on a line it
    cites (tone placement aside); the "Danh hiệu" the article puts before a title is left out."""
    named: list[tuple[str, str, BaseModel]] = [
        (f.code, f.name, f) for s in seeds for f in s.award_forms
    ]
    named += [(a.key, a.label, a) for s in seeds for a in s.awards if a.label]
    wrong = []
    for code, name, record in named:
        lines = _cited_lines(record)
        if lines and not any(_spelling(name) in _spelling(article_lines[n]) for n in lines):
            wrong.append(f"{code}: '{name}' không có ở dòng {sorted(lines)}")
    assert wrong == []
    forms = {f.code: f for s in seeds for f in s.award_forms}
    # Each line of the 2022 table shows its form's name: exactly the name the line gives.
    for award in (a for s in seeds for a in s.awards if a.occasion is None):
        (line,) = _cited_lines(award)
        text = article_lines[line].strip().removeprefix("- ").removeprefix("Danh hiệu ")
        in_article = text.split(":")[0].strip("“”")
        assert _spelling(award.label or forms[award.form].name) == _spelling(in_article), award.key
    # The conference's own names, kept on its lines (article line 66).
    labels = {a.key: a.label for s in seeds for a in s.awards if a.occasion}
    assert labels["HM-HN2023-01"] == "Cờ đơn vị xuất sắc trong phong trào thi đua"
    assert forms["CTD-TP"].category == "title"
    # The article counts only the Giấy khen in lượt (line 64).
    assert [c for c, f in forms.items() if f.count_unit == "turn"] == ["GK-UBNDQ"]


def test_article_copy_matches_the_client_file() -> None:
    """The copy in tests/data is the client's article, byte for byte, where shared/ is present."""
    original = ROOT.parent / "shared" / "seeds" / ARTICLE.name
    if not original.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert ARTICLE.read_bytes() == original.read_bytes()
