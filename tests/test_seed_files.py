"""Checks of the YAML seed files: schema, cross-references and coverage of the article's figures.

No database: the files are read with `yaml.safe_load` and validated with the pydantic schema in
`storage.seed_schema`. The source article is kept verbatim in `tests/data/` (a copy of the
client's `shared/seeds/` file), so the check runs from any checkout.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from storage.seed import SeedError, parse_file
from storage.seed_schema import AwardLineSeed, CommemorationSeed, RecipientKind, SeedFile

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
ARTICLE = ROOT / "tests" / "data" / "thi-dua-hoang-mai-2022-2023.txt"
EXPECTED_FILES = {
    "units.yaml",
    "award_forms.yaml",
    "commemorations.yaml",
    "hoang-mai-2022-2023.yaml",
}
SEED_FILES = sorted(SEEDS_DIR.glob("*.yaml"))

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


def _duplicates(items: Iterable[object]) -> list[object]:
    return [item for item, count in Counter(items).items() if count > 1]


def _duplicate_keys(node: yaml.Node | None, path: str = "") -> list[str]:
    """Keys that appear twice in one mapping (yaml.safe_load would silently keep the last)."""
    found: list[str] = []
    if isinstance(node, yaml.MappingNode):
        keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
        found.extend(f"{path}/{key}" for key in _duplicates(keys))
        for key, value in node.value:
            found.extend(_duplicate_keys(value, f"{path}/{getattr(key, 'value', '?')}"))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found.extend(_duplicate_keys(item, f"{path}[{index}]"))
    return found


def _load(path: Path) -> SeedFile:
    with path.open(encoding="utf-8") as handle:
        return SeedFile.model_validate(yaml.safe_load(handle))


@pytest.fixture(scope="module")
def seeds() -> list[SeedFile]:
    return [_load(path) for path in SEED_FILES]


@pytest.fixture(scope="module")
def article_lines() -> dict[int, str]:
    """The article body, numbered as `cat -n` numbers it: between the date line and "Nguồn:"."""
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Ngày đăng")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Nguồn:"))
    return {i + 1: HEADING_RE.sub(" ", lines[i]) for i in range(start, end)}


# --- (a) every file parses and validates -------------------------------------------------------


def test_expected_seed_files_exist() -> None:
    assert {path.name for path in SEED_FILES} >= EXPECTED_FILES


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.name)
def test_seed_file_validates(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _duplicate_keys(yaml.compose(text, Loader=yaml.SafeLoader)) == []
    seed = SeedFile.model_validate(yaml.safe_load(text))
    assert any(getattr(seed, name) for name in SeedFile.model_fields if name != "description")


# --- (b) cross-references across all files ---------------------------------------------------


def test_codes_are_unique(seeds: list[SeedFile]) -> None:
    assert _duplicates(u.code for s in seeds for u in s.units) == []
    assert _duplicates(f.code for s in seeds for f in s.award_forms) == []
    assert _duplicates(c.code for s in seeds for c in s.commemorations) == []
    assert _duplicates(d.code for s in seeds for d in s.documents) == []
    assert _duplicates((i.year, i.code) for s in seeds for i in s.indicators) == []
    assert _duplicates((c.year, c.unit) for s in seeds for c in s.scorecards) == []
    assert _duplicates(a.key for s in seeds for a in s.awards) == []
    assert _duplicates((t.year, t.code) for s in seeds for t in s.tasks) == []


def test_unit_tree_is_sound(seeds: list[SeedFile]) -> None:
    parents = {u.code: u.parent for s in seeds for u in s.units}
    assert [code for code, parent in parents.items() if parent is None] == ["HN"]
    for code, parent in parents.items():
        assert parent is None or parent in parents, f"{code}: đơn vị cha {parent} không có"
        seen = {code}
        while parent is not None:
            assert parent not in seen, f"{code}: cây đơn vị có vòng"
            seen.add(parent)
            parent = parents.get(parent)


def test_references_resolve(seeds: list[SeedFile]) -> None:
    units = {u.code for s in seeds for u in s.units}
    forms = {f.code: f for s in seeds for f in s.award_forms}
    problems: list[str] = []
    for s in seeds:
        for award in s.awards:
            form = forms.get(award.form)
            if form is None:
                problems.append(f"{award.key}: hình thức {award.form} không có")
            elif not set(award.counts) <= set(form.recipient_kinds):
                problems.append(f"{award.key}: đối tượng không hợp với {form.code}")
            if award.unit is not None and award.unit not in units:
                problems.append(f"{award.key}: đơn vị {award.unit} không có")
        for task in s.tasks:
            if not task.units or _duplicates(task.units):
                problems.append(f"{task.code}: danh sách đơn vị rỗng hoặc trùng")
            problems.extend(
                f"{task.code}: đơn vị {u} không có" for u in task.units if u not in units
            )
        for indicator in s.indicators:
            if indicator.unit is not None and indicator.unit not in units:
                problems.append(f"{indicator.code}: đơn vị {indicator.unit} không có")
        for card in s.scorecards:
            if card.unit not in units:
                problems.append(f"bảng chỉ tiêu {card.year}: đơn vị {card.unit} không có")
        for day in s.commemorations:
            if day.unit is not None and day.unit not in units:
                problems.append(f"{day.code}: đơn vị {day.unit} không có")
    assert problems == []


def test_task_deadlines_are_year_end_or_a_commemoration(seeds: list[SeedFile]) -> None:
    days = {(c.day, c.month) for s in seeds for c in s.commemorations if c.calendar == "solar"}
    for task in (t for s in seeds for t in s.tasks):
        assert task.deadline is not None, task.code
        assert task.deadline.year == task.year, task.code
        is_year_end = (task.deadline.month, task.deadline.day) == (12, 31)
        assert is_year_end or (task.deadline.day, task.deadline.month) in days, task.code


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


def test_a_missing_seed_file_is_said_in_vietnamese(tmp_path: Path) -> None:
    with pytest.raises(SeedError) as caught:
        parse_file(tmp_path / "nope.yaml")
    assert caught.value.problems == [
        f"{tmp_path / 'nope.yaml'}:1: không đọc được tệp (không có tệp hoặc thư mục này)"
    ]
