"""Drupal 8+ ``*.info.yml`` files: the type, version, project and flags of one extension.

Parsed with libyaml (``CSafeLoader``) when PyYAML has it. Versions and dates stay strings: the
float and timestamp resolvers are removed, so ``version: 1.10`` is ``"1.10"``, not ``1.1``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import yaml

from aegir.core.errors import ParseError

__all__ = ["EXTENSION_TYPES", "InfoYml", "parse_info_yml", "php_truthy"]

EXTENSION_TYPES = frozenset({"module", "theme", "profile", "theme_engine"})
_DROPPED_TAGS = {"tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _InfoLoader(_BaseLoader):  # type: ignore[misc]
    """The safe loader without float and timestamp resolution."""


_InfoLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED_TAGS]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class InfoYml(NamedTuple):
    """What a scan needs from an info.yml file. ``version`` is as written (``VERSION``, ``8.x-1.2``).
    A named tuple: the scan path imports no attrs (start-up time)."""

    type: str
    label: str | None = None
    version: str | None = None
    project: str | None = None
    hidden: bool = False
    lifecycle: str | None = None


def php_truthy(value: Any) -> bool:
    """PHP's idea of a true value, which is what Drupal applies to flags like ``hidden``."""
    if isinstance(value, str):
        return value not in ("", "0")
    return bool(value)


def _optional_text(doc: dict[Any, Any], key: str, path: str) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ParseError(f"must be text, not {type(value).__name__}", path=path, where=f"key {key!r}")
    return str(value)


def parse_info_yml(data: bytes, path: str) -> InfoYml:
    """Parse one info.yml; a file Drupal would refuse is a ParseError naming it (and the line)."""
    try:
        doc = yaml.load(data, Loader=_InfoLoader)  # noqa: S506 - a safe loader, see _InfoLoader
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise ParseError(
            f"not valid YAML: {e.problem or e.context or 'syntax error'}", path=path, where=where
        ) from e
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as e:
        detail = " ".join(str(e).split())
        raise ParseError(f"not valid YAML: {type(e).__name__}: {detail}", path=path) from e
    if not isinstance(doc, dict):
        raise ParseError(f"must be a mapping of keys to values, not {type(doc).__name__}", path=path)
    kind = doc.get("type")
    if not isinstance(kind, str) or kind not in EXTENSION_TYPES:
        raise ParseError(
            f"is {kind!r}; expected one of {', '.join(sorted(EXTENSION_TYPES))}",
            path=path,
            where="key 'type'",
        )
    lifecycle = _optional_text(doc, "lifecycle", path)
    return InfoYml(
        type=kind,
        label=_optional_text(doc, "name", path),
        version=_optional_text(doc, "version", path),
        project=_optional_text(doc, "project", path),
        hidden=php_truthy(doc.get("hidden")),
        lifecycle=lifecycle.lower() if lifecycle else None,
    )
