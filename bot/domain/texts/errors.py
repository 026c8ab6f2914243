"""Texts of the user errors every layer raises: how the right form is introduced."""

from __future__ import annotations


def with_usage(message: str, usage: str) -> str:
    """An error followed by the right way to write the command."""
    return f"{message}\nCách viết: {usage}"
