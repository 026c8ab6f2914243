"""Telegram's HTML parse_mode: render to plain text and entities, refusing what Telegram refuses.

Follows tdlib's parser (the Bot API server's): the same tags, the same error wording, byte
offsets in UTF-8, entity offsets in UTF-16 code units. Where it differs: a bare "&" is refused,
where Telegram would show it literally, because it means a missing html.escape() that the next
"<" in user text turns into a failed send; `<pre><code class="language-…">` gives a pre and a
code entity rather than one pre with a language; `<tg-emoji>` is not modelled. The bot sends
bold titles and escaped text, none of these.
"""

from __future__ import annotations

import re
from typing import Final

from tests.fakes.telegram.records import JsonDict


class HtmlParseError(ValueError):
    """The reason Telegram gives after "can't parse entities:" for rejected HTML."""


_ENTITY_TYPES: Final = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_SPACE: Final = " \t\r\n\v\0"  # tdlib's is_space: what ends a tag name or an attribute
_TEXT_RUN: Final = re.compile(r"[^<&]+")
_ENTITY: Final = re.compile(r"&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z]+));?")
_NAMED: Final = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_NAME: Final = re.compile(rf"[^{_SPACE}>]*")
_ATTRIBUTE: Final = re.compile(rf"[^{_SPACE}=>]*")
_BLANKS: Final = re.compile(rf"[{_SPACE}]*")
_TOKEN: Final = re.compile(r"[A-Za-z0-9.-]*")
_TRIMMED: Final = " \t\r\n"


def utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units, the unit of Bot API entity offsets."""
    return len(text.encode("utf-16-le")) // 2


class _Parser:
    """One pass over the HTML: `out` collects the plain text, `entities` the closed tags."""

    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0
        self.out: list[str] = []
        self.utf16 = 0
        # Open tags: name, argument (href or class), UTF-16 start, index in `out`.
        self.stack: list[tuple[str, str, int, int]] = []
        self.entities: list[JsonDict] = []

    def fail(self, what: str, pos: int, more: str = "") -> HtmlParseError:
        return HtmlParseError(f"{what} at byte offset {len(self.text[:pos].encode())}{more}")

    def emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.utf16 += utf16_len(chunk)

    def entity(self) -> str:
        """Decode the "&…" at pos the way tdlib does (the ";" is optional)."""
        match = _ENTITY.match(self.text, self.pos)
        decoded = None
        if match and match[3] is not None:
            decoded = _NAMED.get(match[3])
        elif match and len(digits := match[1] or match[2]) <= 7:
            code = int(digits, 16 if match[1] else 10)
            if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                decoded = chr(code)
        if match is None or decoded is None:
            more = "; write it as &amp; (strict check of the fake server)"
            raise self.fail('Unescaped "&"', self.pos, more)
        self.pos = match.end()
        return decoded

    def run(self) -> tuple[str, list[JsonDict]]:
        while self.pos < len(self.text):
            if self.text[self.pos] == "&":
                self.emit(self.entity())
            elif self.text[self.pos] != "<":
                run = _TEXT_RUN.match(self.text, self.pos)
                assert run is not None
                self.emit(run.group())
                self.pos = run.end()
            elif self.text.startswith("</", self.pos):
                self.end_tag()
            else:
                self.start_tag()
        if self.stack:
            name = self.stack[-1][0]
            raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{name}"')
        self.entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
        return "".join(self.out), self.entities

    def end_tag(self) -> None:
        begin = self.pos
        if not self.stack:
            raise self.fail("Unexpected end tag", begin)
        close = self.text.find(">", begin)
        if close < 0:
            raise self.fail("Unclosed end tag", begin)
        name = self.text[begin + 2 : close].lower()
        self.pos = close + 1
        top, argument, start, chunk = self.stack[-1]
        if name and name != top:
            more = f', expected "</{top}>", found "</{name}>"'
            raise self.fail("Unmatched end tag", begin, more)
        self.stack.pop()
        length = self.utf16 - start
        if length == 0:
            return  # empty entities vanish, as in Telegram
        entity: JsonDict = {"type": _ENTITY_TYPES[top], "offset": start, "length": length}
        if top == "a":
            entity["url"] = argument or "".join(self.out[chunk:])
            if not entity["url"]:
                return
        elif top == "blockquote" and argument == "expandable":
            entity["type"] = "expandable_blockquote"
        self.entities.append(entity)

    def start_tag(self) -> None:
        text, begin = self.text, self.pos
        name_match = _NAME.match(text, begin + 1)
        assert name_match is not None
        self.pos = name_match.end()
        name = name_match.group().lower()
        if self.pos >= len(text):
            raise self.fail("Unclosed start tag", begin)
        if name not in _ENTITY_TYPES:
            raise self.fail(f'Unsupported start tag "{name}"', begin)
        argument = ""
        while True:
            self.skip(_BLANKS)
            if self.pos >= len(text):
                raise self.fail("Unclosed start tag", begin)
            if text[self.pos] == ">":
                self.pos += 1
                break
            attribute = self.skip(_ATTRIBUTE).lower()
            if not attribute:
                raise self.fail(f'Empty attribute name in the tag "{name}"', begin)
            self.skip(_BLANKS)
            if not text.startswith("=", self.pos):
                if name == "blockquote" and attribute == "expandable":
                    argument = "expandable"
                    continue
                raise self.fail(
                    f'Expected equal sign in declaration of an attribute of the tag "{name}"',
                    begin,
                )
            self.pos += 1
            self.skip(_BLANKS)
            value = self.attribute_value(begin)
            if (name, attribute) in (("a", "href"), ("span", "class")):
                argument = value
        if name == "span" and argument != "tg-spoiler":
            raise self.fail('Tag "span" must have class "tg-spoiler"', begin)
        self.stack.append((name, argument, self.utf16, len(self.out)))

    def skip(self, pattern: re.Pattern[str]) -> str:
        match = pattern.match(self.text, self.pos)
        assert match is not None  # each pattern also matches the empty string
        self.pos = match.end()
        return match.group()

    def attribute_value(self, begin: int) -> str:
        text = self.text
        if self.pos >= len(text):
            raise self.fail("Unclosed start tag", begin)
        if text[self.pos] not in "\"'":
            start = self.pos
            value = self.skip(_TOKEN).lower()
            if self.pos < len(text) and text[self.pos] not in f"{_SPACE}>":
                raise self.fail("Unexpected end of name token", start)
            return value
        quote, chars = text[self.pos], []
        self.pos += 1
        while self.pos < len(text) and text[self.pos] != quote:
            if text[self.pos] == "&":
                chars.append(self.entity())
            else:
                chars.append(text[self.pos])
                self.pos += 1
        self.pos += 1
        if self.pos >= len(text):
            raise self.fail("Unclosed start tag", begin)
        return "".join(chars)


def parse_html(text: str) -> tuple[str, list[JsonDict]]:
    """Render Telegram HTML to plain text and Bot API entities, raising HtmlParseError."""
    return _Parser(text).run()


def trim(text: str, entities: list[JsonDict]) -> tuple[str, list[JsonDict]]:
    """Strip surrounding whitespace as Telegram does, clipping entities to what remains."""
    stripped = text.strip(_TRIMMED)
    if stripped == text:
        return text, entities
    left = utf16_len(text[: len(text) - len(text.lstrip(_TRIMMED))])
    total = utf16_len(stripped)
    clipped: list[JsonDict] = []
    for entity in entities:
        start = max(int(entity["offset"]) - left, 0)
        end = min(int(entity["offset"]) + int(entity["length"]) - left, total)
        if end > start:
            clipped.append({**entity, "offset": start, "length": end - start})
    return stripped, clipped
