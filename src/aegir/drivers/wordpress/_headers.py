"""WordPress file headers (``Plugin Name:``, ``Theme Name:``, ``Version:``...), read as WordPress reads them.

WordPress's ``get_file_data()`` reads the first 8 KiB of a file and finds each ``Field: value`` line
anywhere in it (so a header in the second docblock counts), after optional comment characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Final

from aegir.core.errors import ParseError

__all__ = ["HEADER_BYTES", "read_headers"]

#: how much of a file WordPress reads for its headers
HEADER_BYTES: Final = 8192


# Compiled on first use: detection imports this module on trees that are not WordPress (a Drupal 7 themes/).
@lru_cache(maxsize=1)
def _closing() -> re.Pattern[str]:
    return re.compile(r"\s*(?:\*/|\?>).*")


@lru_cache(maxsize=64)
def _field_pattern(field: str) -> re.Pattern[str]:
    return re.compile(
        # the pattern of WordPress's get_file_data()
        r"^(?:[ \t]*<\?php)?[ \t/*#@]*" + re.escape(field) + r":(.*)$",
        re.IGNORECASE | re.MULTILINE,
    )


def parse_headers(text: str, fields: tuple[str, ...]) -> dict[str, str]:
    """The fields found in ``text`` (already cut to what WordPress reads), cleaned like WordPress."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found: dict[str, str] = {}
    for field in fields:
        match = _field_pattern(field).search(text)
        if match:
            value = _closing().sub("", match.group(1)).strip()
            if value:
                found[field] = value
    return found


def read_headers(path: Path, fields: tuple[str, ...], *, relative: str = "") -> dict[str, str]:
    """Read ``fields`` from the start of the file at ``path``.

    :raises ParseError: the file cannot be read (named by ``relative`` or its path).
    """
    try:
        with path.open("rb") as f:
            head = f.read(HEADER_BYTES)
    except OSError as e:
        raise ParseError(f"cannot read file: {e.strerror or e}", path=relative or str(path)) from e
    return parse_headers(head.decode("utf-8", errors="replace"), fields)
