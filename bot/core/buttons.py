"""Buttons as commands to type, for transports that show none (Zalo, the console)."""

from __future__ import annotations

import re
from typing import Final

from bot.core.messages import Button, Reply
from bot.core.texts import buttons as texts

_YEAR: Final = re.compile(r"\d{4}")


def button_line(button: Button) -> str:
    """One button as the command to type, e.g. "Gõ /khenthuong 2021 để xem năm 2021"."""
    label = button.text.strip(" «»")
    if _YEAR.fullmatch(label):
        return texts.see_year(button.command, label)
    # Labels the core uses say what pressing them does; anything else is shown as it is.
    action = texts.ACTIONS.get(label.casefold())
    if action is not None:
        return texts.type_to(button.command, action)
    return texts.labelled(label, button.command)


def typed_buttons(reply: Reply) -> list[str]:
    """A line per button, leaving out commands the text already names (e.g. "Xác nhận: ...")."""
    body = reply.plain()
    return [button_line(b) for row in reply.buttons for b in row if b.command not in body]
