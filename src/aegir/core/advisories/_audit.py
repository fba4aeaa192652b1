"""Matching a codebase's packages against an advisory database.

What is checked is a list of composer-level subjects (name, version). A composer.lock gives them
directly. Drupal trees without one (or with projects outside it) are mapped the way Drupal's advisory
database names them: a Drupal 8+ extension's ``project`` becomes ``drupal/<project>`` at its release
(``8.x-1.15`` is release ``1.15.0``), core becomes ``drupal/core``, and Drupal 7 core becomes
``drupal/drupal`` (its name on packagist.org). Drupal 7 contributed projects have no source here:
both databases cover the Drupal 8+ releases of packages.drupal.org/8 only, whose numbering differs,
so they are listed as not checked rather than matched wrongly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs
from attrs import frozen

from aegir.core.advisories._load import AdvisoryDatabase
from aegir.core.advisories._model import Advisory, Affected, AuditReport, Finding, advisory_key
from aegir.core.errors import ValidationError
from aegir.core.model import CodebaseScan
from aegir.core.versions import Version, parse_version

__all__ = ["Subject", "audit", "audit_scan", "subjects_of_scan"]

_CORE_PREFIX = re.compile(r"(\d+)\.x-(.+)")
#: apps whose own units (plugins, themes) no advisory source here covers
_NO_SOURCE = {"wordpress": "WordPress core, plugins and themes", "grav": "Grav core, plugins and themes"}


@frozen
class Subject:
    """One composer-level package version to check, and where it was seen."""

    name: str
    version: str
    via: str = "package"
    dev: bool = False


def _drupal_release(version: str) -> str | None:
    """``8.x-1.15`` -> ``1.15``; plain ``3.6.3`` stays; a Drupal 7 (``7.x-``) release -> None."""
    prefixed = _CORE_PREFIX.fullmatch(version)
    if prefixed is None:
        return version
    return None if int(prefixed.group(1)) < 8 else prefixed.group(2)


def subjects_of_scan(scan: CodebaseScan) -> tuple[list[Subject], list[str]]:
    """The subjects to check in ``scan``, and notes on what cannot be checked."""
    # the driver's packages: a composer.lock's, or units it names like them (drupal/drupal for Drupal 7,
    # wpackagist-plugin/akismet for a WordPress plugin)
    subjects = [
        Subject(p.name.lower(), p.version, f"package ({p.type})" if p.type else "package", p.dev)
        for p in scan.packages
    ]
    notes: list[str] = []
    names = {s.name for s in subjects}
    app = scan.app
    if app in ("drupal", "drupal7"):
        core = "drupal/drupal" if app == "drupal7" else "drupal/core"
        if scan.app_version and not names & {"drupal/core", "drupal/drupal"}:
            label = "Drupal 7 core" if app == "drupal7" else "Drupal core"
            subjects.append(Subject(core, scan.app_version, label))
            names.add(core)
        seven: dict[str, str] = {}
        for ext in scan.extensions:
            if not ext.project or not ext.version or ext.project == "drupal":
                continue
            release = _drupal_release(ext.version)
            if release is None or app == "drupal7":
                seven.setdefault(ext.project, ext.version)
                continue
            name = f"drupal/{ext.project.lower()}"
            if name not in names:
                subjects.append(Subject(name, release, f"Drupal extension {ext.name} ({ext.version})"))
                names.add(name)
        if seven:
            listed = ", ".join(f"{p} {v}" for p, v in sorted(seven.items()))
            notes.append(
                f"{len(seven)} Drupal 7 contributed project(s) not checked: the advisory sources cover "
                f"Drupal 8+ releases (packages.drupal.org/8) only: {listed}"
            )
    elif app in _NO_SOURCE:
        notes.append(
            f"no advisory source for {_NO_SOURCE[app]} is wired here: packages were matched by name, but "
            "the databases Aegir reads (Drupal's OSV database, FriendsOfPHP) cover composer libraries and "
            "Drupal, not these"
        )
    return subjects, notes


def _finding(subject: Subject, advisory: Advisory, affected: Affected) -> Finding:
    return Finding(
        package=subject.name,
        installed_version=subject.version,
        advisory_id=advisory.id,
        aliases=advisory.aliases,
        title=advisory.title,
        link=advisory.link,
        affected_ranges=affected.ranges,
        fixed_versions=affected.fixed,
        source=advisory.source,
        path=advisory.path,
        via=subject.via,
        dev=subject.dev,
        titled=advisory.titled,
    )


def _merge(findings: list[tuple[str, Finding]]) -> list[Finding]:
    """One finding per package and advisory: the same drupal.org advisory from two databases is one."""
    merged: dict[tuple[str, str], Finding] = {}
    for key, finding in findings:
        first = merged.get((finding.package, key))
        if first is None:
            merged[(finding.package, key)] = finding
            continue
        aliases = (*first.aliases, *finding.aliases, finding.advisory_id)
        merged[(finding.package, key)] = attrs.evolve(
            first,
            aliases=tuple(dict.fromkeys(a for a in aliases if a != first.advisory_id)),
            # a database's own title ("Drupal core - Critical - ...") beats a sentence of details
            title=finding.title if finding.titled and not first.titled else first.title,
            titled=first.titled or finding.titled,
            link=first.link or finding.link,
        )
    return sorted(merged.values(), key=lambda f: (f.package, f.advisory_id))


def audit(
    subjects: Iterable[Subject],
    database: AdvisoryDatabase,
    *,
    target: str = "",
    app: str = "",
    app_version: str | None = None,
    notes: Iterable[str] = (),
) -> AuditReport:
    """Every advisory of ``database`` that affects one of ``subjects``."""
    found: list[tuple[str, Finding]] = []
    notes = list(notes)
    branches: list[str] = []
    invalid: list[str] = []
    checked = 0
    for subject in subjects:
        try:
            version: Version = parse_version(subject.version)
        except ValidationError:
            invalid.append(f"{subject.name} {subject.version}")
            continue
        checked += 1
        matches = database.for_package(subject.name)
        if version.is_branch:
            if matches:
                branches.append(f"{subject.name} {subject.version}")
            continue
        for advisory, affected in matches:
            if affected.constraint.allows(version):
                found.append((advisory_key(advisory), _finding(subject, advisory, affected)))
    if branches:
        notes.append(
            "development branch(es) with advisories on record, not matched (a branch has no release "
            "number to compare; Composer matches none): " + ", ".join(branches)
        )
    if invalid:
        notes.append("not Composer versions, not checked: " + ", ".join(invalid))
    return AuditReport(target, app, app_version, checked, _merge(found), notes)


def audit_scan(scan: CodebaseScan, database: AdvisoryDatabase, *, target: str = "") -> AuditReport:
    """Audit what a driver found in a codebase."""
    subjects, notes = subjects_of_scan(scan)
    return audit(subjects, database, target=target, app=scan.app, app_version=scan.app_version, notes=notes)
