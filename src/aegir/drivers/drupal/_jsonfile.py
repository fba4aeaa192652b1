"""Reading a JSON file into Python data, with errors that name the file and the position."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aegir.core.errors import ParseError

__all__ = ["json_path", "load_json", "read_bytes"]


def read_bytes(path: Path) -> bytes:
    """The whole file, or a ParseError naming it."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise ParseError(f"cannot read the file: {e.strerror or e}", path=str(path)) from e


def load_json(data: bytes, path: str) -> Any:
    """Parse JSON text; undecodable bytes and bad syntax become a ParseError with line and column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ParseError(
            f"not UTF-8 text (byte {data[e.start]:#04x})", path=path, where=f"byte {e.start}"
        ) from e
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ParseError(
            f"not valid JSON: {e.msg}", path=path, where=f"line {e.lineno}, column {e.colno}"
        ) from e
    except RecursionError as e:
        raise ParseError("not valid JSON: nested too deeply", path=path) from e


def json_path(*parts: str | int) -> str:
    """A JSONPath-like location: ``json_path("packages", 3, "name")`` is ``$.packages[3].name``."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
