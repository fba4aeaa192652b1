"""Read the literal assignments of a metadata-only PHP file (``wp-includes/version.php``) without PHP.

Only the shapes such files use are understood: ``$name = <literal>;`` at the top level, where a
literal is a quoted string, a number, ``true``/``false``/``null`` or an ``array(...)``/``[...]`` of
literals. Any other statement is skipped. Text after ``?>`` is ignored (WordPress 1.5 ends with it).
"""

from __future__ import annotations

from typing import Final

from aegir.core.errors import ParseError

__all__ = ["PhpValue", "parse_assignments"]

PhpValue = str | int | float | bool | None | list["PhpValue"]

_MAX_DEPTH: Final = 32
_IDENT_START: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_IDENT: Final = _IDENT_START | frozenset("0123456789")
_DOUBLE_ESCAPES: Final = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "f": "\f", "0": "\0", "e": "\x1b"}


class _Reader:
    """A cursor over PHP source text that reports positions as line and column."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.pos = 0

    def error(self, message: str, pos: int | None = None) -> ParseError:
        at = self.pos if pos is None else pos
        line = self.text.count("\n", 0, at) + 1
        column = at - (self.text.rfind("\n", 0, at) + 1) + 1
        return ParseError(message, path=self.path, where=f"line {line}, column {column}")

    def at_end(self) -> bool:
        return self.pos >= len(self.text) or self.text.startswith("?>", self.pos)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip_space(self) -> None:
        """Skip whitespace and comments."""
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch.isspace():
                self.pos += 1
            elif ch == "#" or text.startswith("//", self.pos):
                if text.startswith("#[", self.pos):
                    return  # an attribute, not a comment; the statement skipper handles it
                end = text.find("\n", self.pos)
                closing = text.find("?>", self.pos)
                if closing != -1 and (end == -1 or closing < end):
                    self.pos = closing  # a line comment ends at ?> too
                    return
                self.pos = len(text) if end == -1 else end + 1
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end == -1:
                    raise self.error("unterminated /* comment")
                self.pos = end + 2
            else:
                return

    def identifier(self) -> str:
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] in _IDENT:
            self.pos += 1
        return self.text[start : self.pos]

    def quoted(self) -> str:
        quote = self.text[self.pos]
        start = self.pos
        self.pos += 1
        out: list[str] = []
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch == quote:
                self.pos += 1
                return "".join(out)
            if ch == "\\" and self.pos + 1 < len(text):
                nxt = text[self.pos + 1]
                if quote == "'" and nxt in "'\\":
                    out.append(nxt)
                    self.pos += 2
                    continue
                if quote == '"' and (nxt in '"\\$' or nxt in _DOUBLE_ESCAPES):
                    out.append(_DOUBLE_ESCAPES.get(nxt, nxt))
                    self.pos += 2
                    continue
            out.append(ch)
            self.pos += 1
        raise self.error("unterminated string", start)

    def number(self) -> int | float:
        start = self.pos
        text = self.text
        if self.peek() in "+-":
            self.pos += 1
        while self.pos < len(text) and (text[self.pos].isalnum() or text[self.pos] in "._"):
            self.pos += 1
        raw = text[start : self.pos].replace("_", "")
        try:
            return int(raw, 0)
        except ValueError:
            pass
        try:
            return float(raw)
        except ValueError:
            raise self.error(f"not a number: {raw!r}", start) from None

    def literal(self, depth: int = 0) -> PhpValue:
        if depth > _MAX_DEPTH:
            raise self.error("arrays nested too deeply")
        self.skip_space()
        ch = self.peek()
        if ch in ("'", '"'):
            return self.quoted()
        if ch.isdigit() or ch in "+-.":
            return self.number()
        if ch == "[":
            self.pos += 1
            return self.array_items("]", depth)
        if ch in _IDENT_START:
            start = self.pos
            word = self.identifier()
            lowered = word.lower()
            if lowered == "array":
                self.skip_space()
                if self.peek() != "(":
                    raise self.error("expected '(' after array", self.pos)
                self.pos += 1
                return self.array_items(")", depth)
            if lowered in ("true", "false"):
                return lowered == "true"
            if lowered == "null":
                return None
            raise self.error(f"not a literal value: {word!r}", start)
        if not ch:
            raise self.error("unexpected end of file")
        raise self.error(f"not a literal value: {ch!r}")

    def array_items(self, closer: str, depth: int) -> list[PhpValue]:
        items: list[PhpValue] = []
        while True:
            self.skip_space()
            if self.peek() == closer:
                self.pos += 1
                return items
            value = self.literal(depth + 1)
            self.skip_space()
            if self.text.startswith("=>", self.pos):
                self.pos += 2
                value = self.literal(depth + 1)  # keyed entry: keep the value
                self.skip_space()
            items.append(value)
            ch = self.peek()
            if ch == ",":
                self.pos += 1
            elif ch != closer:
                raise self.error(f"expected ',' or {closer!r} in array" if ch else "unterminated array")

    def skip_statement(self) -> None:
        """Skip to just after the next ``;`` outside strings and comments (or to the end)."""
        while not self.at_end():
            self.skip_space()
            if self.at_end():
                return
            ch = self.peek()
            if ch in ("'", '"'):
                self.quoted()
            elif ch == ";":
                self.pos += 1
                return
            else:
                self.pos += 1


def parse_assignments(text: str, path: str) -> dict[str, PhpValue]:
    """Every top-level ``$name = literal;`` of ``text`` (the first one of each name wins).

    :raises ParseError: a comment, string or array that does not end, or an assignment whose
        value is not a literal; the error names ``path`` and the line and column.
    """
    reader = _Reader(text, path)
    opening = text.find("<?php")
    reader.pos = opening + 5 if opening != -1 else 0
    found: dict[str, PhpValue] = {}
    while True:
        reader.skip_space()
        if reader.at_end():
            return found
        if reader.peek() == "$":
            reader.pos += 1
            name = reader.identifier()
            reader.skip_space()
            if name and reader.peek() == "=" and not reader.text.startswith("==", reader.pos):
                reader.pos += 1
                value = reader.literal()
                reader.skip_space()
                if reader.peek() != ";":
                    raise reader.error(f"expected ';' after the value of ${name}")
                reader.pos += 1
                found.setdefault(name, value)
                continue
        reader.skip_statement()
