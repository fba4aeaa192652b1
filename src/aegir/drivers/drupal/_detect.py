"""Is this tree Drupal 8+ or Drupal 7, and where is its docroot? Cheap checks only (no lock parsing).

Drupal 8+: ``core/lib/Drupal.php`` (or ``core/modules/system/system.info.yml``) under the web root
composer.json declares, else under ``web/``, ``docroot/``, ``html/`` or the tree's root; failing that, a composer.json that requires drupal/core
(or drupal/core-recommended...), or a composer.lock that mentions drupal/core: a project whose
code is not installed still scans from its lock. Drupal 7: ``includes/bootstrap.inc`` and
``modules/system/system.info`` under the root, ``docroot/``, ``web/``, ``html/`` or ``htdocs/``.
"""

from __future__ import annotations

from pathlib import Path

from aegir.core.errors import ParseError
from aegir.core.scanrecord import Found
from aegir.drivers.drupal._composer_json import ComposerJson, read_composer_json

__all__ = ["D7_DOCROOT_CANDIDATES", "DOCROOT_CANDIDATES", "detect_drupal", "detect_drupal7", "read_project"]

DOCROOT_CANDIDATES = ("web", "docroot", "html", ".")
D7_DOCROOT_CANDIDATES = (".", "docroot", "web", "html", "htdocs")
_LOCK_MARK = b'"drupal/core"'


def _under(root: Path, rel: str) -> Path:
    return root if rel == "." else root / rel


def read_project(root: Path) -> ComposerJson | None:
    """composer.json if there is one that parses, else None (detection never fails on a bad file)."""
    path = root / "composer.json"
    if not path.is_file():
        return None
    try:
        return read_composer_json(path)
    except ParseError:
        return None


def _is_drupal7(base: Path) -> bool:
    return (base / "includes" / "bootstrap.inc").is_file() and (
        base / "modules" / "system" / "system.info"
    ).is_file()


def detect_drupal(root: Path) -> Found | None:
    """A claim on Drupal 8+ (docroot relative to ``root``), or None."""
    from aegir.drivers.drupal._php_const import drupal_php_version

    project = read_project(root)
    declared = project.web_root() if project is not None else None
    candidates = ([declared] if declared else []) + [c for c in DOCROOT_CANDIDATES if c != declared]
    for candidate in candidates:
        core = _under(root, candidate) / "core"
        drupal_php = core / "lib" / "Drupal.php"
        if drupal_php.is_file():
            try:
                version: str | None = drupal_php_version(drupal_php)
            except ParseError:
                version = None
            return Found("drupal", candidate, version)
        if (core / "modules" / "system" / "system.info.yml").is_file():
            return Found("drupal", candidate)
    if any(_is_drupal7(_under(root, c)) for c in D7_DOCROOT_CANDIDATES):
        return None
    if project is not None and project.requires_drupal_core():
        return Found("drupal", declared or ".")
    lock = root / "composer.lock"
    if lock.is_file():
        try:
            mentions_core = _LOCK_MARK in lock.read_bytes()
        except OSError:
            mentions_core = False
        if mentions_core:
            return Found("drupal", declared or ".")
    return None


def detect_drupal7(root: Path) -> Found | None:
    """A claim on Drupal 7 (version from includes/bootstrap.inc when it names one), or None."""
    from aegir.drivers.drupal._php_const import bootstrap_inc_version

    for candidate in D7_DOCROOT_CANDIDATES:
        base = _under(root, candidate)
        if _is_drupal7(base):
            try:
                version: str | None = bootstrap_inc_version(base / "includes" / "bootstrap.inc")
            except ParseError:
                version = None
            return Found("drupal7", candidate, version)
    return None
