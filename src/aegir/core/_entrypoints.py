"""Entry points of one group, read straight from the installed distributions' metadata files.

``importlib.metadata`` parses every distribution's metadata with the ``email`` package, which costs
more than the rest of ``aegir codebase scan``'s start-up; the files themselves are simple. Like
``importlib.metadata``, the first distribution of a name on ``sys.path`` wins.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "BUILTIN_DISTRIBUTION",
    "DISABLE_AUTOLOAD_ENV",
    "ENTRY_POINT_GROUP",
    "EntryPointInfo",
    "autoload_enabled",
    "entry_points",
]

#: Aegir's plugins: the entry-point group, the distribution whose plugins are built in, and the
#: variable that keeps third-party ones out (here, not in :mod:`aegir.core.plugins`, so that the
#: fast path of ``codebase scan`` reads the same rules without importing pluggy)
ENTRY_POINT_GROUP = "aegir"
BUILTIN_DISTRIBUTION = "aegir"
DISABLE_AUTOLOAD_ENV = "AEGIR_DISABLE_PLUGIN_AUTOLOAD"

_SECTION = re.compile(r"^\[\s*([^\]]+?)\s*\]\s*$")


class EntryPointInfo(NamedTuple):
    """One entry point, with the distribution that declares it (a plain tuple: no attrs class to
    build at start-up)."""

    name: str
    value: str
    distribution: str
    version: str

    @property
    def module(self) -> str:
        return self.value.split(":", 1)[0].strip()

    @property
    def attr(self) -> str | None:
        _, _, attr = self.value.partition(":")
        return attr.strip() or None


def autoload_enabled() -> bool:
    """Whether third-party plugins are loaded (``AEGIR_DISABLE_PLUGIN_AUTOLOAD`` not set to 1/true/yes)."""
    import os

    return os.environ.get(DISABLE_AUTOLOAD_ENV, "") not in {"1", "true", "yes"}


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _metadata_name_version(meta_dir: Path, fallback: tuple[str, str]) -> tuple[str, str]:
    for fname in ("METADATA", "PKG-INFO"):
        try:
            with (meta_dir / fname).open(encoding="utf-8", errors="replace") as f:
                name = version = ""
                for line in f:
                    if not line.strip():
                        break  # the headers end at the first blank line
                    if line.startswith("Name:"):
                        name = line[5:].strip()
                    elif line.startswith("Version:"):
                        version = line[8:].strip()
                if name:
                    return name, version or fallback[1]
        except OSError:
            continue
    return fallback


def _parse(text: str, group: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        match = _SECTION.match(line)
        if match:
            section = match.group(1)
            continue
        if section == group and "=" in line:
            name, _, value = line.partition("=")
            found.append((name.strip(), value.strip()))
    return found


def entry_points(group: str, path: list[str] | None = None) -> list[EntryPointInfo]:
    """Every entry point of ``group`` in the distributions on ``path`` (default ``sys.path``)."""
    seen: set[str] = set()
    result: list[EntryPointInfo] = []
    for entry in path if path is not None else sys.path:
        try:
            names = sorted(p.name for p in Path(entry or ".").iterdir())
        except OSError:
            continue
        for dirname in names:
            if not dirname.endswith((".dist-info", ".egg-info")):
                continue
            stem = dirname.rsplit(".", 1)[0]
            dist_part, _, version_part = stem.partition("-")
            key = _normalize(dist_part)
            if key in seen:
                continue
            seen.add(key)
            meta_dir = Path(entry or ".", dirname)
            try:
                pairs = _parse((meta_dir / "entry_points.txt").read_text(encoding="utf-8"), group)
            except OSError:
                continue
            if not pairs:
                continue
            dist, version = _metadata_name_version(meta_dir, (dist_part, version_part.split("-")[0]))
            result += [EntryPointInfo(name, value, dist, version) for name, value in pairs]
    return result
