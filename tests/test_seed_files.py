"""The YAML seed files: each parses and validates, and their codes and references are sound."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml

from storage.seed import SeedError, parse_file
from storage.seed_schema import SeedFile
from tests.seed_harness import SEED_FILES

EXPECTED_FILES = {
    "units.yaml",
    "award_forms.yaml",
    "commemorations.yaml",
    "hoang-mai-2022-2023.yaml",
}


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


def test_a_missing_seed_file_is_said_in_vietnamese(tmp_path: Path) -> None:
    with pytest.raises(SeedError) as caught:
        parse_file(tmp_path / "nope.yaml")
    assert caught.value.problems == [
        f"{tmp_path / 'nope.yaml'}:1: không đọc được tệp (không có tệp hoặc thư mục này)"
    ]
