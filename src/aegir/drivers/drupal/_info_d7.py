"""Drupal 7 ``.info`` files, read exactly the way ``drupal_parse_info_format()`` reads them.

The format: ``key = value`` lines; a ``;`` line is a comment; values may be double- or
single-quoted (then backslash escapes are removed, as PHP's ``stripslashes``); ``key[] = v`` appends
and ``key[a][b] = v`` nests; a bare value naming a known constant (``TRUE``, ``FALSE``, ``NULL``,
``VERSION``...) becomes its value.

Drupal 7 applies one backtracking regular expression to the whole file, and real files depend on
its quirks: a line without ``=`` and without ``;`` (such as ``# @codingStandardsIgnoreLine``) runs
on into the next key, quoted values may span lines, and an empty value takes the next line. The
scanner below follows that expression's semantics step by step, but in linear time: the expression
itself backtracks for minutes on some inputs (a long run of lines without ``=``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from typing import Any

from aegir.core.errors import ParseError

__all__ = ["parse_info"]

_BLANKS = " \t\n\r\f\v"  # PCRE's \s without the /u flag
_SPACE = frozenset(_BLANKS)
_KEY_STOP = frozenset("=;]")
_KEY_SPLIT = re.compile(r"\]?\[")
_WORD = re.compile(r"[A-Za-z0-9_]+")
_BACKSLASH = re.compile(r"\\(.?)", re.S)
_PHP_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}


def _stripslashes(text: str) -> str:
    """PHP's stripslashes(): a backslash escapes the next character; a lone trailing one goes."""
    return _BACKSLASH.sub(lambda m: m.group(1), text)


class _Scanner:
    """The matches of Drupal 7's info-line expression, found left to right like ``preg_match_all``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.size = len(text)

    def skip_space(self, pos: int) -> int:
        text, size = self.text, self.size
        while pos < size and text[pos] in _SPACE:
            pos += 1
        return pos

    def line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return self.size if end < 0 else end

    def next_line(self, pos: int) -> int:
        """The first line start after ``pos`` (or the end)."""
        end = self.text.find("\n", pos)
        return self.size if end < 0 else end + 1

    def blank_to_eol(self, pos: int) -> int | None:
        """Where ``\\s*$`` ends when tried at ``pos``: the last line end within the blank run, or None."""
        run_end = self.skip_space(pos)
        if run_end == self.size:
            return run_end
        newline = self.text.rfind("\n", pos, run_end)
        return newline if newline >= 0 else None

    def key(self, start: int) -> tuple[int, list[tuple[int, int]]]:
        """Scan a key from ``start``: (where it stopped, bracket groups that spanned lines).

        It stops at the '=' that ends the key, at ';' or a stray bracket (no key here), or at the end.
        """
        text, size, pos = self.text, self.size, start
        spanning: list[tuple[int, int]] = []
        while pos < size:
            char = text[pos]
            if char == "[":
                close = text.find("]", pos + 1)
                other = text.find("[", pos + 1)
                if close < 0 or 0 <= other < close:
                    return pos, spanning
                if text.find("\n", pos, close) >= 0:
                    spanning.append((pos, close))
                pos = close + 1
            elif char in _KEY_STOP:
                return pos, spanning
            else:
                pos += 1
        return size, spanning

    def quoted(self, start: int, quote: str) -> tuple[int, str] | None:
        """A quoted value at ``start`` (inner quotes allowed after a backslash): (match end, value)."""
        text = self.text
        candidates: list[int] = []
        pos = text.find(quote, start + 1)
        while pos >= 0 and text[pos - 1] == "\\":
            candidates.append(pos)
            pos = text.find(quote, pos + 1)
        if pos >= 0:
            candidates.append(pos)
        for close in reversed(candidates):  # the greedy body tries the longest value first
            end = self.blank_to_eol(close + 1)
            if end is not None:
                return end, _stripslashes(text[start + 1 : close])
        return None

    def value(self, equals: int) -> tuple[int, str] | None:
        """(match end, value) of the value after the '=' at ``equals``, or None."""
        text = self.text
        start = self.skip_space(equals + 1)
        if start < self.size and text[start] in "\"'":
            found = self.quoted(start, text[start])
            if found is not None:
                return found
        line_end = self.line_end(start)
        bare = text[start:line_end].rstrip(" \t\r\f\v")
        if "\r" not in bare:
            return line_end, bare
        # the expression backs off the blank run after '=': an empty value where a line ends in it
        newline = text.rfind("\n", equals + 1, start)
        return (newline, "") if newline >= 0 else None

    def matches(self) -> list[tuple[str, str]]:
        """(key, value) of every match, in file order."""
        text, size, pos = self.text, self.size, 0
        out: list[tuple[str, str]] = []
        # After a failed attempt from one line start, every line start up to where it stopped fails
        # the same way, except those inside a bracket group that spanned lines: skipping the others
        # keeps the scan linear where the expression's backtracking is quadratic or worse.
        # Attempts from inside such a group stop at its closing bracket at the latest, and a failed
        # one covers the following line starts up to where it stopped in the same way.
        failed_until, inside, inner_failed_until = -1, _Spans([]), -1
        while pos < size:
            in_group = pos <= failed_until and inside.contains(pos)
            if pos <= inner_failed_until or (pos <= failed_until and not in_group):
                pos = self.next_line(pos)
                continue
            start = self.skip_space(pos)
            stop, spanning = self.key(start)
            found = None
            if stop < size and text[stop] == "=" and (stop > start or start > pos):
                found = self.value(stop)
            if found is None:
                if in_group:
                    inner_failed_until = max(inner_failed_until, stop)
                else:
                    failed_until, inside = stop, _Spans(spanning)
                pos = self.next_line(pos)
                continue
            # an empty key takes the last blank the expression skipped (its \s* gives one back)
            key = text[start:stop].rstrip(_BLANKS) if stop > start else text[start - 1]
            end, value = found
            out.append((key, value))
            pos = self.next_line(end)
        return out


class _Spans:
    """Disjoint, ordered (start, end) spans, with a fast membership test for line starts."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [a for a, _ in spans]
        self.spans = spans

    def contains(self, pos: int) -> bool:
        """Whether ``pos`` lies strictly after a span's start and not after its end."""
        index = bisect.bisect_right(self.starts, pos) - 1
        return index >= 0 and self.spans[index][0] < pos <= self.spans[index][1]


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
    for key, raw in _Scanner(text).matches():
        value: Any = raw
        if _WORD.fullmatch(raw):
            if raw.lower() in _PHP_LITERALS:
                value = _PHP_LITERALS[raw.lower()]
            elif raw in known:
                value = known[raw]
        *parents, last = _KEY_SPLIT.split(key.rstrip("]"))
        parent = info
        for part in parents:
            name = part or str(len(parent))
            child = parent.get(name)
            if not isinstance(child, dict):
                child = {}
                parent[name] = child
            parent = child
        parent[last or str(len(parent))] = value
    return info
