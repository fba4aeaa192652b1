"""Drupal 7 ``.info`` files: Drupal 7's INI-like format, read the way ``drupal_parse_info_format()`` reads it.

One ``key = value`` per line; a line starting with ``;`` is a comment; values may be double- or
single-quoted (backslash escapes removed, as PHP's ``stripslashes``); ``key[] = v`` appends and
``key[a][b] = v`` nests; a bare value naming a known constant (``TRUE``, ``FALSE``, ``NULL``,
``VERSION``...) becomes its value. Drupal 7 matches one regular expression over the whole file, which
lets a malformed key run on over a line break; here each line is read on its own (linear time on any
input), which gives the same result on every well-formed file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from aegir.core.errors import ParseError

__all__ = ["parse_info"]

_SPACE = " \t\n\r\f\v"  # PCRE's \s without the /u flag
_KEY_SPLIT = re.compile(r"\]?\[")
_WORD = re.compile(r"[A-Za-z0-9_]+")
_BACKSLASH = re.compile(r"\\(.?)", re.S)
_PHP_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}


def _stripslashes(text: str) -> str:
    """PHP's stripslashes(): a backslash escapes the next character; a lone trailing one goes."""
    return _BACKSLASH.sub(lambda m: m.group(1), text)


def _split_key(line: str) -> tuple[str, str] | None:
    """(key, text after '=') for a ``key = ...`` line, else None. A key may hold balanced ``[...]``
    groups (which may contain '='), but no ';', '=' or stray bracket outside them."""
    i, n = 0, len(line)
    while i < n:
        char = line[i]
        if char == "[":
            close = line.find("]", i + 1)
            if close < 0 or "[" in line[i + 1 : close]:
                return None
            i = close + 1
        elif char == "=":
            key = line[:i].rstrip(_SPACE)
            return (key, line[i + 1 :]) if key else None
        elif char in ";]":
            return None
        else:
            i += 1
    return None


def _quoted(text: str, quote: str) -> str | None:
    """The inside of ``text`` if it is one quoted value (inner quotes escaped by a backslash)."""
    if len(text) < 2 or text[0] != quote or text[-1] != quote:
        return None
    inner = text[1:-1]
    start = inner.find(quote)
    while start >= 0:
        if start == 0 or inner[start - 1] != "\\":
            return None
        start = inner.find(quote, start + 1)
    return inner


def _value(text: str, constants: Mapping[str, str]) -> tuple[bool, Any]:
    """(matched, value) for the text after '=' of one line."""
    text = text.strip(_SPACE)
    for quote in ('"', "'"):
        inner = _quoted(text, quote)
        if inner is not None:
            value: Any = _stripslashes(inner)
            break
    else:
        if "\r" in text:  # a bare value stops at a carriage return; the rest of the line must be blank
            return False, None
        value = text
    if _WORD.fullmatch(value):
        if value.lower() in _PHP_LITERALS:
            return True, _PHP_LITERALS[value.lower()]
        if value in constants:
            return True, constants[value]
    return True, value


def parse_info(data: bytes, path: str, constants: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Parse a .info file into nested dicts (``files[] = a`` gives ``{"files": {"0": "a"}}``).

    ``constants`` maps PHP constant names (``VERSION``) to their values. Bytes that are not UTF-8 are
    a ParseError naming the file and the byte offset.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ParseError(
            f"not UTF-8 text (byte {data[e.start]:#04x})", path=path, where=f"byte {e.start}"
        ) from e
    known = constants or {}
    info: dict[str, Any] = {}
    for raw in text.split("\n"):
        split = _split_key(raw.lstrip(_SPACE))
        if split is None:
            continue
        matched, value = _value(split[1], known)
        if not matched:
            continue
        keys = _KEY_SPLIT.split(split[0].rstrip("]"))
        last = keys.pop()
        parent = info
        for part in keys:
            key = part or str(len(parent))
            child = parent.get(key)
            if not isinstance(child, dict):
                child = {}
                parent[key] = child
            parent = child
        if last == "":
            last = str(len(parent))
        parent[last] = value
    return info
