"""An argparse parser whose headings, help and error messages read in Vietnamese."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from bot.texts import cli as texts

# argparse's English errors, by what they say; an unknown one is shown as argparse wrote it.
ERRORS = [
    (
        re.compile(
            r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)"
        ),
        texts.INVALID_CHOICE,
    ),
    (
        re.compile(r"argument (?P<arg>\S+): invalid int value: (?P<value>.+)"),
        texts.INVALID_INT,
    ),
    (
        re.compile(r"argument (?P<arg>\S+): expected one argument"),
        texts.EXPECTED_ONE,
    ),
    (
        re.compile(r"the following arguments are required: (?P<args>.+)"),
        texts.REQUIRED_ARGUMENTS,
    ),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), texts.UNRECOGNIZED_ARGUMENTS),
]


class VietnameseHelpFormatter(argparse.HelpFormatter):
    """Vietnamese section headings and usage prefix."""

    def start_section(self, heading: str | None) -> None:
        """Translate argparse's own headings; titles we gave are already Vietnamese."""
        super().start_section(texts.ARGPARSE_HEADINGS.get(heading or "", heading))

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        """Start usage lines with "cách dùng:"."""
        super().add_usage(usage, actions, groups, texts.USAGE_PREFIX if prefix is None else prefix)


class VietnameseArgumentParser(argparse.ArgumentParser):
    """ArgumentParser with Vietnamese -h help, headings and errors (subcommands inherit it)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", VietnameseHelpFormatter)
        add_help = kwargs.get("add_help", True)
        super().__init__(**{**kwargs, "add_help": False})
        if add_help:
            self.add_argument("-h", "--help", action="help", help=texts.HELP_OPTION)

    def error(self, message: str) -> NoReturn:
        """Print usage and the error in Vietnamese, then exit with status 2 as argparse does."""
        self.print_usage(sys.stderr)
        self.exit(2, texts.argparse_error(self.prog, vietnamese_error(message)))


def vietnamese_error(message: str) -> str:
    """argparse's error message in Vietnamese where it is one we know."""
    for pattern, template in ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return template.format(**match.groupdict())
    return message
