"""The extensions in a ``wp-content`` folder, found the way WordPress finds them.

- plugins: ``plugins/*.php`` and ``plugins/<folder>/*.php`` whose header has ``Plugin Name:``
  (``get_plugins()``); a folder with one such file is named after the folder, with several each
  file is ``<folder>/<file>``;
- must-use plugins: ``mu-plugins/*.php`` (``wp_get_mu_plugins()``), named after the file;
- drop-ins: the files ``_get_dropins()`` knows, directly in ``wp-content``;
- themes: ``themes/<folder>/style.css`` with ``Theme Name:``, or one folder deeper when a folder has
  no ``style.css`` (``search_theme_directories()``); ``Template:`` names a child theme's parent.

Hidden entries (starting with ``.``) are skipped, as WordPress does.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Final

from aegir.core.errors import AegirError
from aegir.core.scanrecord import ExtensionRecord
from aegir.drivers.wordpress._headers import read_headers

__all__ = ["DROPINS", "ContentScan", "scan_content"]

#: drop-in files WordPress loads from wp-content (``_get_dropins()``, multisite ones included)
DROPINS: Final = (
    "advanced-cache.php",
    "blog-deleted.php",
    "blog-inactive.php",
    "blog-suspended.php",
    "db-error.php",
    "db.php",
    "fatal-error-handler.php",
    "install.php",
    "maintenance.php",
    "object-cache.php",
    "php-error.php",
    "sunrise.php",
)
_PLUGIN_FIELDS: Final = ("Plugin Name", "Version")
_THEME_FIELDS: Final = ("Theme Name", "Version", "Template")


# A plain class, not attrs: the scan runs without attrs (start-up time of codebase scan).
class ContentScan:
    """What :func:`scan_content` found, filled in as it goes."""

    __slots__ = ("extensions", "parents", "warnings")

    def __init__(self) -> None:
        self.extensions: list[ExtensionRecord] = []
        self.warnings: list[str] = []
        #: child theme slug -> parent theme slug
        self.parents: dict[str, str] = {}


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    except OSError:
        return []


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


class _Scanner:
    def __init__(self, root: Path, content: str) -> None:
        self.root = root
        self.content = content
        self.out = ContentScan()

    def rel(self, *parts: str) -> str:
        return posixpath.normpath(posixpath.join(self.content, *parts))

    def headers(self, path: Path, rel: str, fields: tuple[str, ...]) -> dict[str, str] | None:
        try:
            return read_headers(path, fields, relative=rel)
        except AegirError as e:
            self.out.warnings.append(str(e))
            return None

    def plugins(self) -> None:
        base = self.root / self.content / "plugins"
        for entry in _entries(base):
            if _is_dir(entry):
                found = []
                for file in _entries(entry):
                    if file.suffix == ".php" and _is_file(file):
                        rel = self.rel("plugins", entry.name, file.name)
                        head = self.headers(file, rel, _PLUGIN_FIELDS)
                        if head and "Plugin Name" in head:
                            found.append((file, rel, head))
                for file, rel, head in found:
                    name = entry.name if len(found) == 1 else f"{entry.name}/{file.stem}"
                    self.add(name, "plugin", head.get("Version"), rel)
            elif entry.suffix == ".php" and _is_file(entry):
                rel = self.rel("plugins", entry.name)
                head = self.headers(entry, rel, _PLUGIN_FIELDS)
                if head and "Plugin Name" in head:
                    self.add(entry.stem, "plugin", head.get("Version"), rel)

    def mu_plugins(self) -> None:
        base = self.root / self.content / "mu-plugins"
        for entry in _entries(base):
            if entry.suffix != ".php" or not _is_file(entry):
                continue
            rel = self.rel("mu-plugins", entry.name)
            head = self.headers(entry, rel, _PLUGIN_FIELDS) or {}
            if entry.name == "index.php" and "Plugin Name" not in head:
                continue  # the "Silence is golden" placeholder, which WordPress leaves out too
            self.add(entry.stem, "mu-plugin", head.get("Version"), rel)

    def dropins(self) -> None:
        for name in DROPINS:
            path = self.root / self.content / name
            if _is_file(path):
                rel = self.rel(name)
                head = self.headers(path, rel, _PLUGIN_FIELDS) or {}
                self.add(name.removesuffix(".php"), "drop-in", head.get("Version"), rel)

    def themes(self) -> None:
        base = self.root / self.content / "themes"
        candidates: list[tuple[str, Path]] = []
        for entry in _entries(base):
            if not _is_dir(entry):
                continue
            if _is_file(entry / "style.css"):
                candidates.append((entry.name, entry))
            else:  # WordPress looks one level deeper for grouped themes
                candidates += [
                    (f"{entry.name}/{sub.name}", sub)
                    for sub in _entries(entry)
                    if _is_dir(sub) and _is_file(sub / "style.css")
                ]
        slugs = {slug for slug, _ in candidates}
        for slug, folder in candidates:
            rel = self.rel("themes", slug)
            head = self.headers(folder / "style.css", rel + "/style.css", _THEME_FIELDS)
            if head is None:
                continue
            if "Theme Name" not in head:
                self.out.warnings.append(
                    f"{rel}/style.css has no 'Theme Name:' header: WordPress lists the theme as broken"
                )
                continue
            parent = head.get("Template")
            if parent and parent != slug:
                self.out.parents[slug] = parent
                if parent not in slugs:
                    self.out.warnings.append(
                        f"child theme {slug!r} ({rel}) needs parent theme {parent!r}, which is not in {self.rel('themes')}"
                    )
            self.add(slug, "theme", head.get("Version"), rel)

    def add(self, name: str, kind: str, version: str | None, path: str) -> None:
        self.out.extensions.append(ExtensionRecord(name=name, type=kind, version=version, path=path))


def scan_content(root: Path, content: str) -> ContentScan:
    """Plugins, must-use plugins, drop-ins and themes of ``root/content``; unreadable files become warnings."""
    scanner = _Scanner(root, content)
    scanner.plugins()
    scanner.mu_plugins()
    scanner.dropins()
    scanner.themes()
    return scanner.out
