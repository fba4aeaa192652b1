"""Known security advisories for a codebase's packages, from local OSV and FriendsOfPHP databases.

``load_advisories(dir)`` reads a directory (a clone of Drupal's advisory database in OSV JSON, of
FriendsOfPHP/security-advisories in YAML, or both) once per process; ``audit_scan(scan, database)``
reports every advisory that affects an installed version, with what could not be checked.
"""

from __future__ import annotations

from aegir.core.advisories._audit import Subject, audit, audit_scan, subjects_of_scan
from aegir.core.advisories._friendsofphp import parse_friendsofphp
from aegir.core.advisories._load import AdvisoryDatabase, load_advisories
from aegir.core.advisories._model import Advisory, Affected, AuditReport, Finding
from aegir.core.advisories._osv import parse_osv

__all__ = [
    "Advisory",
    "AdvisoryDatabase",
    "Affected",
    "AuditReport",
    "Finding",
    "Subject",
    "audit",
    "audit_scan",
    "load_advisories",
    "parse_friendsofphp",
    "parse_osv",
    "subjects_of_scan",
]
