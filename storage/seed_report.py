"""What a seed load did, and its Vietnamese summary for the operator."""

from __future__ import annotations

from dataclasses import dataclass, field

from storage.texts import seed as texts


@dataclass
class SeedReport:
    """What a load added, updated and left unchanged."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    """Seed records not brought back because a user deleted them with /xoa."""
    kept_edited: list[str] = field(default_factory=list)
    """`table:key` of records changed since the seed wrote them (a command, an import, a
    restored backup): the office's now, never overwritten."""
    kept_unmarked: list[str] = field(default_factory=list)
    """Records from before seed marks existed that differ from the seed: possibly corrected by
    the office, so left alone."""
    files: list[str] = field(default_factory=list)


SHOWN = 5


def _named(keys: list[str]) -> str:
    shown = []
    for item in keys[:SHOWN]:
        table, _, key = item.partition(":")
        shown.append(f"{texts.TABLE_WORDS.get(table, table)} {key}")
    more = texts.and_more(len(keys) - SHOWN) if len(keys) > SHOWN else ""
    return ", ".join(shown) + more


def describe(report: SeedReport) -> str:
    """A Vietnamese summary of a load: what it added, updated and left alone, and why."""
    lines = [
        texts.loaded(
            len(report.files), report.added, report.updated, report.unchanged, report.skipped
        )
    ]
    if report.kept_edited:
        lines.append(texts.kept_edited(len(report.kept_edited), _named(report.kept_edited)))
    if report.kept_unmarked:
        lines.append(texts.kept_unmarked(len(report.kept_unmarked), _named(report.kept_unmarked)))
    return "\n".join(lines)
