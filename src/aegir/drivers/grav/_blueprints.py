"""A Grav plugin's or theme's ``blueprints.yaml``: its name and version.

Grav reads blueprints with Symfony YAML, which accepts files that YAML 1.1 parsers refuse (keys that
start with ``@``, unknown escapes in double quotes). Such a file still yields its plugin: its
top-level ``name:`` and ``version:`` lines are read as text, and the scan warns.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final, NamedTuple

__all__ = ["Blueprint", "read_blueprint"]

_MAX_BYTES: Final = 2_000_000
_TOP_LEVEL = re.compile(r"^(name|version|slug|type):[ \t]*(.*?)[ \t]*$", re.M)


# A named tuple, not attrs: the scan runs without attrs (start-up time of codebase scan).
class Blueprint(NamedTuple):
    name: str | None = None
    version: str | None = None
    slug: str | None = None
    warning: str | None = None


def _unquote(raw: str) -> str | None:
    """A scalar's text: a quoted one without its quotes (and what follows them), a plain one without
    a trailing comment."""
    value = raw.strip()
    if value[:1] == "'":
        match = re.match(r"'((?:[^']|'')*)'", value)
        value = match.group(1).replace("''", "'") if match else value[1:]
    elif value[:1] == '"':
        match = re.match(r'"((?:[^"\\]|\\.)*)"', value)
        value = match.group(1) if match else value[1:]
    else:
        value = re.sub(r"\s+#.*$", "", value)
    return value.strip() or None


def _lines(text: str) -> dict[str, str]:
    """Top-level ``key: value`` lines, the first of each key."""
    found: dict[str, str] = {}
    for match in _TOP_LEVEL.finditer(text):
        value = _unquote(match.group(2))
        if value is not None:
            found.setdefault(match.group(1), value)
    return found


def _load_yaml(text: str) -> tuple[Any, str | None]:
    """The YAML document, or None and why it could not be read."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader), None  # noqa: S506  (a safe loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        return None, f"{e.problem or e.context or 'invalid YAML'}{where}"
    except Exception as e:  # PyYAML raises ValueError, RecursionError... on odd input: all mean 'unreadable'
        return None, f"{type(e).__name__}: {e}"


def read_blueprint(path: Path, relative: str) -> Blueprint:
    """Name and version of the blueprint at ``path`` (``relative`` names it in warnings)."""
    try:
        raw = path.read_bytes()[:_MAX_BYTES]
    except OSError as e:
        return Blueprint(warning=f"{relative}: cannot read file: {e.strerror or e}")
    text = raw.decode("utf-8", errors="replace")
    lines = _lines(text)
    data, problem = _load_yaml(text)
    if problem is None and isinstance(data, dict):
        return Blueprint(
            name=_text_of(data, "name", lines),
            version=_text_of(data, "version", lines),
            slug=_text_of(data, "slug", lines),
        )
    if problem is None:
        problem = f"expected a mapping at the top, found {type(data).__name__}"
    return Blueprint(
        name=lines.get("name"),
        version=lines.get("version"),
        slug=lines.get("slug"),
        warning=f"{relative}: not valid YAML ({problem}); read its top-level name:/version: lines instead",
    )


def _text_of(data: dict[Any, Any], key: str, lines: dict[str, str]) -> str | None:
    value = data.get(key)
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool) or value is None:
        return None
    # a number YAML turned into int/float (1.10 would read 1.1): keep the file's own text
    return lines.get(key, str(value))
