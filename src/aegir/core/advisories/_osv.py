"""Reading one OSV advisory (ossf.github.io/osv-schema), as Drupal's advisory database writes them.

Affected versions come from ``affected[].ranges[].events`` (``introduced`` / ``fixed`` /
``last_affected``) and ``affected[].versions``, read with Composer's ordering. Drupal's database also
states, in ``affected[].database_specific.affected_versions``, the Drupal 7 releases an advisory covers
(``>=7.0 <7.57 || >= 8.0.0 <8.4.5``); Drupal 7 core is the ``drupal/drupal`` package, so those clauses
become an extra ``drupal/drupal`` entry.
"""

from __future__ import annotations

import re
from typing import Any

from aegir.core.advisories._model import Advisory, Affected, sa_id
from aegir.core.errors import ParseError, ValidationError
from aegir.core.versions import parse_constraint, parse_version

__all__ = ["looks_like_osv", "parse_osv"]

# Range types whose events are versions of the package; GIT ranges name commits and cannot be matched.
_VERSION_RANGES = frozenset({"ECOSYSTEM", "SEMVER"})
_WHOLE_BRANCH = re.compile(r"\s*v?\d+(?:\.\d+)*\.[*xX]\s*")
_PROBLEM_WORDS = re.compile(
    r"vulnerab|does not|doesn't|bypass|cross.site|xss|csrf|inject|unsupported|remote code|disclos|"
    r"escalat|traversal|insecure|denial of service",
    re.IGNORECASE,
)


def looks_like_osv(data: object) -> bool:
    """A JSON document that is meant to be an OSV advisory (other JSON files in a clone are skipped)."""
    return isinstance(data, dict) and "id" in data and ("affected" in data or "schema_version" in data)


def _fail(path: str, where: str, message: str) -> ParseError:
    return ParseError(message, path=path, where=where)


def _text(value: object, path: str, where: str, *, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(path, where, f"expected a non-empty string, found {value!r}"[:200])
    return value.strip()


def _list(value: object, path: str, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(path, where, f"expected a list, found {type(value).__name__}")
    return value


def _dict(value: object, path: str, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(path, where, f"expected an object, found {type(value).__name__}")
    return value


def _title(summary: str, details: str) -> str:
    """The summary, else the first sentence of the details that names the problem."""
    if summary:
        return summary
    # markdown links -> their text; neither part may hold its own brackets, so a text of many
    # unclosed '[' or '](' is scanned once, not once from each of them (quadratic on hostile input)
    plain = re.sub(r"\[([^\[\]]*)\]\([^()\s]*\)", r"\1", details)
    plain = re.sub(r"[*_`>#]", "", plain)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", plain) if p.strip()]
    paragraphs = [p for p in paragraphs if not p.lower().startswith("update")] or paragraphs
    joined: list[str] = []
    for paragraph in paragraphs:
        # "The sub-module of this module" + a list of "* doesn't ..." items: one sentence in markdown.
        if joined and paragraph[:1].islower() and not joined[-1].endswith((".", "!", "?", ":")):
            joined[-1] += " " + paragraph
        else:
            joined.append(paragraph)
    paragraphs = joined
    sentences = [x for p in paragraphs for x in re.split(r"(?<=[.!?])\s+(?=[A-Z])", p)]
    # "This vulnerability is mitigated by..." names the problem but says nothing of it.
    telling = [x for x in sentences if _PROBLEM_WORDS.search(x) and "mitigated" not in x]
    chosen = telling[0] if telling else sentences[0] if sentences else ""
    return chosen if len(chosen) <= 160 else chosen[:157].rstrip() + "..."


def _event_ranges(events: list[Any], path: str, where: str) -> tuple[list[str], list[str]]:
    """Composer constraint texts for the intervals of one range's events, and its fixed versions."""
    marks: list[tuple[str, str]] = []
    for i, raw in enumerate(events):
        event = _dict(raw, path, f"{where}[{i}]")
        for kind in ("introduced", "fixed", "last_affected"):
            if kind in event:
                marks.append((kind, _text(event[kind], path, f"{where}[{i}].{kind}", required=True)))
    # OSV leaves the order of events open; sort by version, "0" (the very beginning) first.
    try:
        marks.sort(key=lambda m: (m[1] != "0", parse_version(m[1]) if m[1] != "0" else None))
    except ValidationError as e:
        raise _fail(path, where, str(e)) from None
    clauses: list[str] = []
    fixed: list[str] = []
    start: str | None = None
    for kind, version in marks:
        if kind == "introduced":
            if start is None:
                start = version
            continue
        if start is None:
            continue  # a close with no open interval: nothing to add
        lower = "" if start == "0" else f">={start}"
        if kind == "fixed":
            fixed.append(version)
            clauses.append(f"{lower} <{version}".strip())
        elif start == version:
            clauses.append(f"=={version}")
        else:
            clauses.append(f"{lower} <={version}".strip())
        start = None
    if start is not None:
        clauses.append("*" if start == "0" else f">={start}")
    return clauses, fixed


def _drupal7_clauses(affected_versions: str) -> list[str]:
    """The alternatives of Drupal's ``affected_versions`` that are about Drupal 7 (a 7.x bound)."""
    return [
        part.strip()
        # split on the pipes alone (parts are stripped): `\s*\|\|?\s*` is tried from every space of a run
        for part in re.split(r"\|\|?", affected_versions)
        if re.search(r"(?<![\d.])7\.\d", part) and not re.search(r"(?<![\d.])(?:[89]|1\d)\.\d", part)
    ]


def _affected(entry: dict[str, Any], path: str, where: str) -> list[Affected]:
    package = _dict(entry.get("package"), path, f"{where}.package")
    name = _text(package.get("name"), path, f"{where}.package.name", required=True).lower()
    ecosystem = _text(package.get("ecosystem"), path, f"{where}.package.ecosystem")
    if ecosystem and not ecosystem.startswith("Packagist"):
        return []  # another ecosystem (npm, PyPI...): not a composer package
    repository = ecosystem.partition(":")[2]
    clauses: list[str] = []
    ranges_text: list[str] = []
    fixed: list[str] = []
    for i, raw in enumerate(_list(entry.get("ranges"), path, f"{where}.ranges")):
        rng = _dict(raw, path, f"{where}.ranges[{i}]")
        if rng.get("type") not in _VERSION_RANGES:
            continue
        found, closed = _event_ranges(
            _list(rng.get("events"), path, f"{where}.ranges[{i}].events"), path, f"{where}.ranges[{i}].events"
        )
        clauses += found
        stated = _dict(rng.get("database_specific"), path, f"{where}.ranges[{i}].database_specific")
        stated_text = _text(stated.get("constraint"), path, f"{where}.ranges[{i}]")
        # Drupal writes a whole unsupported branch as "11.0.*", its events as "fixed: 11.1.0": the
        # end of the branch, not a release that fixed it.
        if not _WHOLE_BRANCH.fullmatch(stated_text):
            fixed += closed
        ranges_text.append(stated_text or " ".join(found))
    for i, version in enumerate(_list(entry.get("versions"), path, f"{where}.versions")):
        clauses.append("==" + _text(version, path, f"{where}.versions[{i}]", required=True))
        ranges_text.append(version)
    if not clauses:
        # OSV: an entry with neither ranges nor versions affects every version of the package.
        clauses, ranges_text = ["*"], ["*"]
    try:
        result = [Affected(name, parse_constraint(" || ".join(clauses)), ranges_text, fixed, repository)]
        specific = _dict(entry.get("database_specific"), path, f"{where}.database_specific")
        stated_all = specific.get("affected_versions")
        if name == "drupal/core" and isinstance(stated_all, str):
            drupal7 = _drupal7_clauses(stated_all)
            if drupal7:
                fixed7 = [m.group(1) for c in drupal7 for m in [re.search(r"<\s*([\d.]+)\s*$", c)] if m]
                result.append(
                    Affected(
                        "drupal/drupal", parse_constraint(" || ".join(drupal7)), drupal7, fixed7, repository
                    )
                )
    except ValidationError as e:
        raise _fail(path, where, str(e)) from None
    return result


def parse_osv(data: object, path: str) -> Advisory:
    """One OSV document as an :class:`Advisory`; ParseError naming the file and JSON path when malformed."""
    doc = _dict(data, path, "$")
    advisory_id = _text(doc.get("id"), path, "id", required=True)
    affected: list[Affected] = []
    for i, entry in enumerate(_list(doc.get("affected"), path, "affected")):
        affected += _affected(_dict(entry, path, f"affected[{i}]"), path, f"affected[{i}]")
    references = [
        _dict(r, path, f"references[{i}]")
        for i, r in enumerate(_list(doc.get("references"), path, "references"))
    ]
    urls = [(str(r.get("type")), r["url"]) for r in references if isinstance(r.get("url"), str)]
    by_type = dict(reversed(urls))  # the first URL of each type wins
    link: str = by_type.get("ADVISORY") or by_type.get("WEB") or (urls[0][1] if urls else "")
    aliases = [
        _text(a, path, f"aliases[{i}]") for i, a in enumerate(_list(doc.get("aliases"), path, "aliases"))
    ]
    summary = _text(doc.get("summary"), path, "summary")
    drupal_id = sa_id(link)
    if drupal_id:
        aliases.append(drupal_id)
    return Advisory(
        id=advisory_id,
        source="osv",
        path=path,
        title=_title(summary, _text(doc.get("details"), path, "details")),
        titled=bool(summary),
        link=link,
        aliases=tuple(dict.fromkeys(a for a in aliases if a)),
        affected=affected,
        published=_text(doc.get("published"), path, "published"),
        modified=_text(doc.get("modified"), path, "modified"),
        withdrawn=_text(doc.get("withdrawn"), path, "withdrawn"),
    )
