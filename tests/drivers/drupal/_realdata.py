"""Where the real-data fixtures are, listed at import time so tests can be parametrized over them.

Everything here reads the fixtures independently of the code under test: plain ``json`` for locks,
``rglob`` for extension files, ``yaml.safe_load`` for info files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[3]
REALDATA = (REPO / ".." / "shared" / "fixtures" / "realdata").resolve()
PROJECTS = sorted(p for p in (REALDATA / "drupal-projects").iterdir() if p.is_dir())
CODEBASES = sorted(p for p in (REALDATA / "drupal-codebases").iterdir() if p.is_dir())
D8_CODEBASES = [p for p in CODEBASES if not p.name.startswith("d7")]
D7_CODEBASES = [p for p in CODEBASES if p.name.startswith("d7")]
COMPOSER_PROJECTS = PROJECTS + D8_CODEBASES
CORE_INFO = REALDATA / "drupal" / "core-extension-info"
CORE_INFO_D8 = sorted(p for p in CORE_INFO.iterdir() if (p / "core").is_dir())
CORE_INFO_D7 = CORE_INFO / "7.105-drops-7"
ALL_LOCKS = sorted({*REALDATA.glob("drupal-*/*/composer.lock"), *REALDATA.glob("grav/*/composer.lock")})


def ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def lock_packages(lock: Path) -> list[tuple[str, str, bool]]:
    """(name, version, dev) of every package, in file order, straight from the JSON."""
    data = json.loads(lock.read_text(encoding="utf-8"))
    return [
        (p["name"], p["version"], dev)
        for key, dev in (("packages", False), ("packages-dev", True))
        for p in data[key]
    ]


def lock_versions(lock: Path) -> dict[str, str]:
    return {name: version for name, version, _dev in lock_packages(lock)}


_LEGACY = re.compile(r"\d+\.x-(\d+)\.(\d+)(.*)")


def semver_of_release(version: str) -> str:
    """The test's own reading of drupal.org's mapping (8.x-1.0-beta2 -> 1.0.0-beta2)."""
    found = _LEGACY.fullmatch(version)
    return f"{found.group(1)}.{found.group(2)}.0{found.group(3)}" if found else version


def info_yml_files(docroot: Path) -> list[Path]:
    """Every *.info.yml under the docroot, minus test extensions (anything under a tests/ dir)."""
    return sorted(p for p in docroot.rglob("*.info.yml") if "tests" not in p.relative_to(docroot).parts)


def load_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def d7_info_files(docroot: Path) -> dict[str, str]:
    """Every .info a Drupal 7 site would load, with the type its location gives it."""
    out: dict[str, str] = {}
    for path in docroot.rglob("*.info"):
        parts = list(path.relative_to(docroot).parts)
        if parts[0] == "sites":
            parts = parts[2:]
        if parts and parts[0] == "profiles":
            if len(parts) == 3:
                out[path.relative_to(docroot).as_posix()] = "profile"
                continue
            parts = parts[2:]
        if parts and parts[0] == "modules":
            out[path.relative_to(docroot).as_posix()] = "module"
        elif parts and parts[0] == "themes":
            out[path.relative_to(docroot).as_posix()] = "theme"
    return out
