"""Where WordPress sits in a tree: classic (core at the root or in a usual web folder), Composer-managed
(Bedrock's ``web/wp`` + ``web/app``, johnpbloch's ``wordpress/`` + ``wp-content/``), or ``wp-content`` only.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, Final, NamedTuple

from aegir.core.composer import load_json_object
from aegir.core.errors import AegirError

__all__ = ["VERSION_FILE", "Layout", "find_layout", "looked_for"]

VERSION_FILE: Final = "wp-includes/version.php"
#: folders a classic tree may keep its docroot in (checked after the root itself)
_WEB_FOLDERS: Final = ("web", "public", "htdocs", "html", "docroot", "public_html", "www", "wordpress")
#: composer packages that install WordPress core
_CORE_PACKAGES: Final = frozenset(
    {
        "roots/wordpress",
        "roots/wordpress-no-content",
        "roots/wordpress-full",
        "johnpbloch/wordpress",
        "johnpbloch/wordpress-core",
        "wordpress/wordpress",
    }
)
#: where Composer layouts put core when composer.json does not say
_COMPOSER_CORE_GUESSES: Final = (
    "web/wp",
    "public/wp",
    "wp",
    "wordpress",
    "web/wordpress",
    "public/wordpress",
)


# A named tuple, not attrs: detection runs on every codebase scan, without attrs (start-up time).
class Layout(NamedTuple):
    """Paths relative to the codebase root (``.`` for the root itself)."""

    kind: str  # "classic", "composer" or "wp-content"
    docroot: str
    content: str
    core: str | None = None  # the folder holding wp-includes/ (ABSPATH), None when there is no core
    composer_json: bool = False


def looked_for() -> str:
    return (
        f"{VERSION_FILE} at the root or in {', '.join(_WEB_FOLDERS)}; a composer.json requiring WordPress "
        "(Bedrock, johnpbloch/wordpress); or a wp-content tree with plugins or themes"
    )


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _clean(rel: str) -> str | None:
    """A relative path from composer.json made safe, or None when it escapes the tree."""
    rel = posixpath.normpath(rel.strip().strip("/")) if rel.strip().strip("/") else "."
    if rel.startswith(("../", "/")) or rel == ".." or "\x00" in rel or "\\" in rel:
        return None
    return rel


def _common(a: str, b: str) -> str:
    if a == "." or b == ".":
        return "."
    common = posixpath.commonpath([a, b])
    return common or "."


def _composer_wordpress(data: dict[str, Any]) -> tuple[bool, str | None, str | None]:
    """(requires WordPress?, core install dir, content dir) as composer.json declares them."""
    extra_raw = data.get("extra")
    extra: dict[str, Any] = extra_raw if isinstance(extra_raw, dict) else {}
    requires: set[str] = set()
    for key in ("require", "require-dev"):
        section = data.get(key)
        if isinstance(section, dict):
            requires.update(str(k).lower() for k in section)
    core: str | None = None
    install_dir = extra.get("wordpress-install-dir")
    if isinstance(install_dir, dict):  # johnpbloch's installer also takes {package: dir}
        install_dir = next((v for v in install_dir.values() if isinstance(v, str)), None)
    if isinstance(install_dir, str):
        core = _clean(install_dir)
    content: str | None = None
    paths = extra.get("installer-paths")
    if isinstance(paths, dict):
        for target, selectors in paths.items():
            if not isinstance(target, str) or not isinstance(selectors, list):
                continue
            if "type:wordpress-plugin" in selectors or "type:wordpress-theme" in selectors:
                parent = posixpath.dirname(target.rstrip("/"))  # ".../plugins/{$name}" -> ".../plugins"
                cleaned = _clean(posixpath.dirname(parent) or ".")
                if cleaned is not None:
                    content = cleaned
                    break
    wants = bool(requires & _CORE_PACKAGES) or core is not None or content is not None
    return wants, core, content


def _has_wp_headers(content: Path) -> bool:
    """Whether a folder looks like wp-content: a theme's style.css or a plugin with its header."""
    themes, plugins = content / "themes", content / "plugins"
    has_themes, has_plugins = _is_dir(themes), _is_dir(plugins)
    if not (has_themes or has_plugins):
        return False
    # imported only now: detection on a tree with neither folder (most Drupal ones) needs no header reader
    from aegir.drivers.wordpress._headers import read_headers

    try:
        for theme in sorted(themes.iterdir())[:50] if has_themes else []:
            style = theme / "style.css"
            if _is_file(style) and read_headers(style, ("Theme Name",)):
                return True
        for entry in sorted(plugins.iterdir())[:50] if has_plugins else []:
            candidates = (
                [entry]
                if entry.suffix == ".php"
                else (sorted(entry.glob("*.php"))[:20] if _is_dir(entry) else [])
            )
            if any(_is_file(c) and read_headers(c, ("Plugin Name",)) for c in candidates):
                return True
    except (OSError, AegirError):
        return False
    return False


def find_layout(root: Path) -> Layout | None:
    """The layout of the tree at ``root``, or None when it holds no WordPress."""
    composer: dict[str, Any] | None = None
    if _is_file(root / "composer.json"):
        try:
            composer = load_json_object(root / "composer.json", "composer.json")
        except AegirError:
            composer = None  # an unreadable composer.json does not stop a classic tree being found
    if _is_file(root / VERSION_FILE):
        return Layout("classic", ".", "wp-content", ".", composer_json=composer is not None)
    if composer is not None:
        wants, core, content = _composer_wordpress(composer)
        if wants:
            if core is None:
                core = next((g for g in _COMPOSER_CORE_GUESSES if _is_file(root / g / VERSION_FILE)), None)
            if content is None:
                guesses = [posixpath.join(posixpath.dirname(core), "app")] if core and "/" in core else []
                guesses += ["web/app", "app", "wp-content", "web/wp-content"]
                content = next((g for g in guesses if _is_dir(root / g)), guesses[0])
            if core is None:  # not installed yet (no vendor/ run): where the installers would put it
                core = (
                    "wordpress"
                    if content == "wp-content"
                    else posixpath.join(posixpath.dirname(content), "wp")
                )
            docroot = _common(core, content)
            return Layout("composer", docroot, content, core, composer_json=True)
    for folder in _WEB_FOLDERS:
        if _is_file(root / folder / VERSION_FILE):
            return Layout(
                "classic", folder, f"{folder}/wp-content", folder, composer_json=composer is not None
            )
    if _is_dir(root / "wp-content") and _has_wp_headers(root / "wp-content"):
        return Layout("wp-content", ".", "wp-content")
    if _has_wp_headers(root):
        return Layout("wp-content", ".", ".")
    return None
