"""Advisories as values: what one advisory says about which versions of which package."""

from __future__ import annotations

import re
from collections.abc import Iterable

from attrs import field, frozen

from aegir.core.versions import Constraint

__all__ = ["Advisory", "Affected", "AuditReport", "Finding", "advisory_key", "sa_id"]


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _affected(value: Iterable[Affected]) -> tuple[Affected, ...]:
    return tuple(value)


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(value)


@frozen
class Affected:
    """The versions of one package an advisory covers."""

    package: str
    constraint: Constraint
    #: the ranges as the source writes them (``>= 8.0.0 <8.4.5``)
    ranges: tuple[str, ...] = field(default=(), converter=_texts)
    fixed: tuple[str, ...] = field(default=(), converter=_texts)
    #: the composer repository the package comes from; "" for packagist.org
    repository: str = ""


@frozen
class Advisory:
    """One advisory of a local database (an OSV JSON file or a FriendsOfPHP YAML file)."""

    id: str
    source: str
    path: str
    title: str
    link: str
    aliases: tuple[str, ...] = field(default=(), converter=_texts)
    affected: tuple[Affected, ...] = field(default=(), converter=_affected)
    published: str = ""
    modified: str = ""
    #: whether ``title`` is the source's own (a title or summary) rather than taken from the details
    titled: bool = True
    #: when the source withdrew it (OSV ``withdrawn``); a withdrawn advisory matches nothing
    withdrawn: str = ""


@frozen
class Finding:
    """An installed package version that an advisory affects."""

    package: str
    installed_version: str
    advisory_id: str
    aliases: tuple[str, ...]
    title: str
    link: str
    affected_ranges: tuple[str, ...]
    fixed_versions: tuple[str, ...]
    source: str
    path: str
    #: where it was seen: ``package (drupal-core)``, ``Drupal extension token (8.x-1.15)``, ``Drupal 7 core``
    via: str = ""
    dev: bool = False
    #: whether ``title`` is the source's own rather than a sentence taken from its details
    titled: bool = True


@frozen
class AuditReport:
    """The audit of one codebase: its findings, and what could not be checked."""

    target: str
    app: str
    app_version: str | None
    checked: int
    findings: tuple[Finding, ...] = field(default=(), converter=_findings)
    notes: tuple[str, ...] = field(default=(), converter=_texts)

    @property
    def affected(self) -> bool:
        return bool(self.findings)


_SA = re.compile(r"\bsa-(core|contrib)-(\d{4})-(\d{3})\b", re.IGNORECASE)


def sa_id(*texts: str) -> str:
    """The drupal.org advisory id (``SA-CORE-2018-004``) named in a link or title, or ""."""
    for text in texts:
        match = _SA.search(text or "")
        if match:
            return f"SA-{match.group(1).upper()}-{match.group(2)}-{match.group(3)}"
    return ""


def advisory_key(advisory: Advisory) -> str:
    """What identifies the same advisory across databases: its drupal.org id, else its link."""
    found = sa_id(advisory.id.replace("DRUPAL-", "SA-"), advisory.link, advisory.title)
    if found:
        return found
    link = advisory.link.strip().lower().removeprefix("http://").removeprefix("https://").rstrip("/")
    return link or advisory.id
