"""Reading seed YAML files: validated, with the line of every node for messages."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from storage import file_errors
from storage.seed_schema import SeedFile
from storage.texts import seed as texts

log = logging.getLogger(__name__)


class SeedError(Exception):
    """One or more seed files are invalid; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ParsedFile:
    """A validated seed file with the line of every node path."""

    name: str
    data: SeedFile
    lines: dict[tuple[str | int, ...], int]

    def line(self, *path: str | int) -> int:
        """The line of the deepest known node on `path`."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def default_seed_files() -> list[Path]:
    """Every YAML file shipped in the `seeds` package, reference lists first."""
    folder = Path(str(resources.files("seeds")))
    return sorted(folder.glob("*.yaml"), key=lambda p: (p.name != "units.yaml", p.name))


def parse_file(path: Path) -> ParsedFile:
    """Parse and validate one file, raising SeedError with `file:line: problem` lines."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError([f"{name}:1: {texts.unreadable(file_errors.reason(exc))}"]) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else None
        # The parser's own words are English: they go to the log; the user gets where to look.
        log.debug("YAML error in %s: %s", name, exc)
        raise SeedError([f"{name}:{line}: {texts.yaml_syntax(line, column)}"]) from exc
    lines: dict[tuple[str | int, ...], int] = {}
    if node is not None:
        _index_lines(node, (), lines)
    if data is None:
        raise SeedError([f"{name}:1: {texts.EMPTY_FILE}"])
    if not isinstance(data, dict):
        raise SeedError([f"{name}:1: {texts.NOT_SECTIONS}"])
    try:
        parsed = SeedFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            # The file's own keys, as the operator types them: units[1].name.
            where = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in loc)
            where = where.removeprefix(".")
            line = ParsedFile(name, SeedFile(), lines).line(*loc)
            problems.append(f"{name}:{line}: {where}: {_vi(err)}")
        raise SeedError(problems) from exc
    return ParsedFile(name, parsed, lines)


def _vi(err: Any) -> str:
    kind = err["type"]
    text = texts.VALIDATION_ERRORS.get(kind)
    if text is None and kind == "value_error":
        # The schema's own checks raise their message in Vietnamese.
        return str(err["msg"]).removeprefix("Value error, ")
    if text is None:
        log.debug("unmapped seed validation error: %s", err)
        text = texts.INVALID_VALUE
    return texts.with_input(text, err.get("input")) if kind != "missing" else text


def _index_lines(node: yaml.Node, path: tuple[str | int, ...], out: dict[Any, int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _index_lines(value, (*path, key.value), out)
                out[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*path, index), out)
