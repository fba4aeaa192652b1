"""Reading one FriendsOfPHP security advisory (github.com/FriendsOfPHP/security-advisories YAML).

``reference: composer://vendor/name``; ``branches: {name: {time, versions: ['>=8.5.0', '<8.5.8']}}``
where each branch's ``versions`` are ANDed and the branches ORed. A branch with a ``time`` was fixed
then, at its upper bound; a branch without one (``time: ~``) has no fix of its own.
"""

from __future__ import annotations

import re
from typing import Any

from aegir.core.advisories._model import Advisory, Affected, sa_id
from aegir.core.errors import ParseError, ValidationError
from aegir.core.versions import parse_constraint

__all__ = ["looks_like_friendsofphp", "parse_friendsofphp"]

_REFERENCE = re.compile(r"composer://([^/\s]+/[^/\s]+)")


def looks_like_friendsofphp(data: object) -> bool:
    """A YAML document meant to be an advisory (workflow files and the like in a clone are skipped)."""
    return isinstance(data, dict) and "branches" in data and "reference" in data


def _fail(path: str, where: str, message: str) -> ParseError:
    return ParseError(message, path=path, where=where)


def _text(doc: dict[str, Any], key: str, path: str, *, required: bool = False) -> str:
    value = doc.get(key)
    if value is None and not required:
        return ""
    if (
        not isinstance(value, str | int | float)
        or isinstance(value, bool)
        or (required and not str(value).strip())
    ):
        raise _fail(path, key, f"expected text, found {value!r}"[:200])
    return str(value).strip()


def parse_friendsofphp(data: object, path: str, stem: str) -> Advisory:
    """One advisory file's data as an :class:`Advisory`; ``stem`` is the file name without ``.yaml``."""
    if not isinstance(data, dict):
        raise _fail(path, "$", f"expected a mapping, found {type(data).__name__}")
    reference = _text(data, "reference", path, required=True)
    match = _REFERENCE.fullmatch(reference)
    if match is None:
        raise _fail(path, "reference", f"expected 'composer://vendor/name', found {reference!r}")
    package = match.group(1).lower()
    branches = data.get("branches")
    if not isinstance(branches, dict) or not branches:
        raise _fail(path, "branches", "expected a mapping of branch names to {time, versions}")
    clauses: list[str] = []
    fixed: list[str] = []
    for name, branch in branches.items():
        where = f"branches.{name}"
        if not isinstance(branch, dict):
            raise _fail(path, where, f"expected a mapping with 'versions', found {branch!r}"[:200])
        versions = branch.get("versions")
        if isinstance(versions, str):
            versions = [versions]
        if not isinstance(versions, list) or not versions or not all(isinstance(v, str) for v in versions):
            raise _fail(
                path, f"{where}.versions", f"expected a list of constraints, found {versions!r}"[:200]
            )
        clause = " ".join(v.strip() for v in versions)
        clauses.append(clause)
        upper = re.search(r"<\s*([^\s<>=,]+)\s*$", clause)
        if branch.get("time") is not None and upper:
            fixed.append(upper.group(1))
    try:
        constraint = parse_constraint(" || ".join(f"{c}" for c in clauses))
    except ValidationError as e:
        raise _fail(path, "branches", str(e)) from None
    title = _text(data, "title", path)
    link = _text(data, "link", path)
    aliases = [_text(data, "cve", path)]
    aliases.append(sa_id(link, title))
    repository = _text(data, "composer-repository", path)
    return Advisory(
        id=f"{package}/{stem}",
        source="friendsofphp",
        path=path,
        title=title,
        link=link,
        aliases=tuple(dict.fromkeys(a for a in aliases if a)),
        affected=(Affected(package, constraint, clauses, fixed, repository),),
    )
