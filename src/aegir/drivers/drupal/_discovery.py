"""Finding extension files where Drupal itself looks for them.

Drupal 8+ (``ExtensionDiscovery``): under ``core/``, the docroot and each ``sites/*/``, only the
``modules``, ``themes`` and ``profiles`` directories are searched, recursively, skipping hidden
directories, ``tests`` (test extensions are not listed), ``config`` (except ``modules/config``)
and the names in :data:`SKIPPED_DIRS`. Drupal 7 (``drupal_system_listing``): modules under
``modules``, ``profiles/*/modules`` and ``sites/*/modules``; themes under ``themes``,
``profiles/*/themes`` and ``sites/*/themes``; theme engines in ``themes/engines``; a profile is the
``.info`` file directly in ``profiles/*/``. ``sites/*/libraries`` is never searched: Drupal does not
load extensions from there, so theme ``.info`` files shipped inside a library are not themes.

Paths are returned relative to the docroot, with ``/``, sorted. Symbolic links to directories are
followed (Drupal follows them too) unless they lead back into a directory being walked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

__all__ = ["SKIPPED_DIRS", "find_d7_extension_files", "find_info_yml"]

#: directory names Drupal 8+'s discovery never enters
SKIPPED_DIRS = frozenset({
    "src", "lib", "vendor", "assets", "css", "files", "images", "js", "misc", "templates", "includes",
    "fixtures", "Drupal", "node_modules", "bower_components", "tests",
})  # fmt: skip
_D7_SKIPPED_DIRS = frozenset({"CVS", "node_modules", "bower_components"})
# PHP's function-name pattern [a-zA-Z_\x7f-\xff][a-zA-Z0-9_\x7f-\xff]*: in text, every non-ASCII
# character is allowed; written as "no ASCII character but letters, digits and _" because a class
# spanning up to U+10FFFF takes Python milliseconds to compile
_MACHINE_NAME = re.compile(r"(?![0-9])[^\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7e]+")
_TOP_DIRS = ("modules", "themes", "profiles")


def _subdirs(path: Path) -> list[str]:
    try:
        with os.scandir(path) as entries:
            return sorted(e.name for e in entries if e.is_dir())
    except OSError:
        return []


def _walk(start: Path, rel: str, *, skip: frozenset[str], drupal8: bool) -> Iterator[tuple[str, str]]:
    """(docroot-relative directory, file name) for every file under ``start``, pruning skipped dirs."""
    stack: list[tuple[str, str, frozenset[str]]] = [(os.fspath(start), rel, frozenset())]
    while stack:
        path, rel_dir, ancestors = stack.pop()
        try:
            with os.scandir(path) as entries:
                listing = list(entries)
        except OSError:
            continue
        parent_name = rel_dir.rsplit("/", 1)[-1]
        for entry in listing:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if not is_dir:
                yield rel_dir, name
                continue
            if name.startswith(".") or name in skip:
                continue
            if drupal8 and name == "config" and parent_name != "modules":
                continue
            seen = ancestors
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                here = os.path.realpath(path)
                if target in ancestors or here == target or here.startswith(target + os.sep):
                    continue  # a link back up the tree: following it would never end
                seen = ancestors | {target}
            stack.append((entry.path, f"{rel_dir}/{name}", seen))


def find_info_yml(docroot: Path) -> list[str]:
    """Every ``*.info.yml`` Drupal 8+ would discover under ``docroot`` (test extensions excluded)."""
    bases = ["core", ""] + [f"sites/{name}" for name in _subdirs(docroot / "sites")]
    found: set[str] = set()
    for base in bases:
        for top in _TOP_DIRS:
            rel = f"{base}/{top}" if base else top
            for rel_dir, name in _walk(docroot / rel, rel, skip=SKIPPED_DIRS, drupal8=True):
                if name.endswith(".info.yml") and _MACHINE_NAME.fullmatch(name[: -len(".info.yml")]):
                    found.add(f"{rel_dir}/{name}")
    return sorted(found)


def find_d7_extension_files(docroot: Path) -> list[tuple[str, str]]:
    """(path, type) of every Drupal 7 extension file: ``.info`` of modules, themes and profiles, and
    ``.engine`` of theme engines."""
    profiles = _subdirs(docroot / "profiles")
    sites = _subdirs(docroot / "sites")
    found: dict[str, str] = {}

    def scan(rel: str, kind: str, suffix: str) -> None:
        for rel_dir, name in _walk(docroot / rel, rel, skip=_D7_SKIPPED_DIRS, drupal8=False):
            if name.endswith(suffix) and _MACHINE_NAME.fullmatch(name[: -len(suffix)]):
                found.setdefault(f"{rel_dir}/{name}", kind)

    prefixes = ["", *(f"profiles/{p}/" for p in profiles), *(f"sites/{s}/" for s in sites)]
    for prefix in prefixes:
        scan(f"{prefix}modules", "module", ".info")
        scan(f"{prefix}themes/engines", "theme_engine", ".engine")
        scan(f"{prefix}themes", "theme", ".info")
    for profile in profiles:
        try:
            with os.scandir(docroot / "profiles" / profile) as entries:
                names = [e.name for e in entries if e.is_file()]
        except OSError:
            continue
        for name in names:
            if name.endswith(".info") and _MACHINE_NAME.fullmatch(name[: -len(".info")]):
                found.setdefault(f"profiles/{profile}/{name}", "profile")
    return sorted(found.items())
