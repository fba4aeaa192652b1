"""A generated Drupal 10 codebase for the scan benchmark: 3,000 extensions and 600 locked packages.

The tree looks like a real one where a scan can tell: a recommended-project layout (``web/``), a
composer.lock whose entries carry what Composer writes (source, dist, require, autoload...), a
matching ``vendor/composer/installed.json``, core and contributed extensions with submodules, and
the directories a real module has (``src/``, ``js/``, ``templates/``, ``config/``, ``tests/`` with
test modules) that Drupal's discovery must walk past. Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

__all__ = ["EXTENSIONS", "PACKAGES", "generate"]

EXTENSIONS = 3000
PACKAGES = 600
CORE_VERSION = "10.3.6"
_CORE_MODULES = 80
_CORE_THEMES = ("olivero", "claro", "stark", "starterkit_theme")
_CORE_PROFILES = ("standard", "minimal", "demo_umami", "testing")
_CONTRIB_THEMES = 20
_CUSTOM_MODULES = 60
_DEV_PACKAGES = 60
_WORDS = ["admin", "toolbar", "token", "path", "auto", "meta", "tag", "view", "field", "group", "block", "media",
          "entity", "reference", "revision", "paragraph", "layout", "search", "index", "config", "split",
          "webform", "redirect", "menu", "link", "cache", "purge", "mail", "queue"]  # fmt: skip


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _machine(rng: random.Random, used: set[str]) -> str:
    while True:
        name = "_".join(rng.sample(_WORDS, rng.randint(1, 3)))
        if name not in used:
            used.add(name)
            return name


def _package(name: str, version: str, kind: str, rng: random.Random) -> dict[str, Any]:
    ref = f"{rng.getrandbits(160):040x}"
    short = name.split("/", 1)[1]
    entry: dict[str, Any] = {
        "name": name,
        "version": version,
        "source": {"type": "git", "url": f"https://git.example.org/project/{short}.git", "reference": ref},
        "dist": {
            "type": "zip",
            "url": f"https://ftp.example.org/files/{short}-{version}.zip",
            "reference": ref,
            "shasum": f"{rng.getrandbits(160):040x}",
        },
        "require": {"php": ">=8.1", "drupal/core": "^10.2 || ^11"}
        if kind.startswith("drupal-")
        else {"php": ">=7.4"},
        "type": kind,
        "extra": {
            "drupal": {"version": version, "datestamp": str(rng.randint(1_600_000_000, 1_750_000_000))}
        },
        "notification-url": "https://packages.drupal.org/8/downloads",
        "license": ["GPL-2.0-or-later"],
        "description": f"The {short.replace('_', ' ')} project.",
        "homepage": f"https://www.drupal.org/project/{short}",
        "support": {
            "source": f"https://git.example.org/project/{short}",
            "issues": f"https://example.org/{short}/issues",
        },
    }
    if not kind.startswith("drupal-"):
        entry["autoload"] = {"psr-4": {f"Vendor\\{short.title().replace('_', '')}\\": "src/"}}
        entry["time"] = "2024-05-01T10:00:00+00:00"
    return entry


def _info(name: str, kind: str, version: str | None, project: str | None, rng: random.Random) -> str:
    lines = [
        f"name: '{name.replace('_', ' ').title()}'",
        f"type: {kind}",
        f"description: 'Provides {name.replace('_', ' ')}.'",
        "core_version_requirement: ^10.2 || ^11",
        "package: Example",
    ]
    if kind == "module" and rng.random() < 0.7:
        lines.append("dependencies:")
        lines += [
            f"  - drupal:{rng.choice(['node', 'user', 'field', 'views', 'block'])}"
            for _ in range(rng.randint(1, 4))
        ]
    if kind == "theme":
        lines += [
            "base theme: stable9",
            "libraries:",
            f"  - {name}/global",
            "regions:",
            "  header: Header",
            "  content: Content",
        ]
    if version is not None:
        lines += [
            "",
            "# Information added by Drupal.org packaging script on 2024-05-01",
            f"version: '{version}'",
        ]
        if project:
            lines += [f"project: '{project}'", f"datestamp: {rng.randint(1_600_000_000, 1_750_000_000)}"]
    return "\n".join(lines) + "\n"


def _module_dir(
    base: Path, name: str, kind: str, *, version: str | None, project: str | None, rng: random.Random
) -> None:
    _write(base / f"{name}.info.yml", _info(name, kind, version, project, rng))
    _write(base / f"{name}.{'module' if kind == 'module' else 'theme'}", "<?php\n\n/**\n * @file\n */\n")
    _write(base / "src" / "Plugin" / "Block" / f"{name.title().replace('_', '')}Block.php", "<?php\n")
    _write(base / "config" / "install" / f"{name}.settings.yml", "enabled: true\n")
    _write(base / "js" / f"{name}.js", "(function () {})();\n")
    _write(base / "css" / f"{name}.css", "body {}\n")
    _write(base / "templates" / f"{name}.html.twig", "<div></div>\n")
    if rng.random() < 0.3:
        _write(
            base / "tests" / "modules" / f"{name}_test" / f"{name}_test.info.yml",
            "name: T\ntype: module\npackage: Testing\nhidden: true\n",
        )
        _write(base / "tests" / "src" / "Kernel" / "ExampleTest.php", "<?php\n")


def generate(root: Path, seed: int = 7) -> tuple[int, int]:
    """Write the tree under ``root``; return (extensions, packages) as a scan must find them."""
    rng = random.Random(seed)
    used: set[str] = set()
    web = root / "web"
    _write(
        web / "core" / "lib" / "Drupal.php",
        f"<?php\n\nnamespace Drupal;\n\nclass Drupal {{\n  const VERSION = '{CORE_VERSION}';\n}}\n",
    )
    _write(web / "index.php", "<?php\n")
    extensions = 0
    for index in range(_CORE_MODULES):
        name = f"core_{index}_{_machine(rng, used)}"
        _module_dir(web / "core" / "modules" / name, name, "module", version="VERSION", project=None, rng=rng)
        extensions += 1
    for name in _CORE_THEMES:
        _module_dir(web / "core" / "themes" / name, name, "theme", version="VERSION", project=None, rng=rng)
        extensions += 1
    _write(
        web / "core" / "themes" / "engines" / "twig" / "twig.info.yml",
        "name: Twig\ntype: theme_engine\nversion: VERSION\n",
    )
    extensions += 1
    for name in _CORE_PROFILES:
        _write(
            web / "core" / "profiles" / name / f"{name}.info.yml",
            f"name: {name}\ntype: profile\nversion: VERSION\n"
            + ("hidden: true\n" if name == "testing" else ""),
        )
        extensions += 1
    for index in range(_CUSTOM_MODULES):
        name = f"custom_{index}"
        _module_dir(web / "modules" / "custom" / name, name, "module", version=None, project=None, rng=rng)
        extensions += 1
    packages: list[dict[str, Any]] = [_package("drupal/core", CORE_VERSION, "drupal-core", rng)]
    for index in range(_CONTRIB_THEMES):
        name = f"theme_{index}"
        version = f"{rng.randint(1, 5)}.{rng.randint(0, 20)}.0"
        packages.append(_package(f"drupal/{name}", version, "drupal-theme", rng))
        _module_dir(web / "themes" / "contrib" / name, name, "theme", version=version, project=name, rng=rng)
        extensions += 1
    # contributed modules, with submodules, until the extension count is reached
    remaining = EXTENSIONS - extensions
    projects = 300
    per_project = [remaining // projects + (1 if i < remaining % projects else 0) for i in range(projects)]
    for index, count in enumerate(per_project):
        project = f"contrib_{index}"
        major, minor = rng.randint(1, 4), rng.randint(0, 30)
        legacy = rng.random() < 0.4
        info_version = f"8.x-{major}.{minor}" if legacy else f"{major}.{minor}.0"
        packages.append(_package(f"drupal/{project}", f"{major}.{minor}.0", "drupal-module", rng))
        base = web / "modules" / "contrib" / project
        _module_dir(base, project, "module", version=info_version, project=project, rng=rng)
        for sub in range(count - 1):
            name = f"{project}_sub{sub}"
            _module_dir(
                base / "modules" / name, name, "module", version=info_version, project=project, rng=rng
            )
        extensions += count
    while len(packages) < PACKAGES - _DEV_PACKAGES:
        packages.append(
            _package(
                f"vendor{len(packages)}/library-{len(packages)}",
                f"v{rng.randint(1, 9)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}",
                "library",
                rng,
            )
        )
    dev = [
        _package(f"devtools{i}/tool-{i}", f"{rng.randint(1, 9)}.{rng.randint(0, 9)}.0", "library", rng)
        for i in range(_DEV_PACKAGES)
    ]
    lock = {
        "_readme": ["This file locks the dependencies of your project to a known state"],
        "content-hash": f"{rng.getrandbits(128):032x}",
        "packages": packages,
        "packages-dev": dev,
        "aliases": [],
        "minimum-stability": "stable",
        "stability-flags": [],
        "prefer-stable": True,
        "prefer-lowest": False,
        "platform": [],
        "platform-dev": [],
        "plugin-api-version": "2.6.0",
    }
    _write(root / "composer.lock", json.dumps(lock, indent=4) + "\n")
    composer = {
        "name": "example/generated-site",
        "type": "project",
        "require": {
            "composer/installers": "^2.0",
            "drupal/core-recommended": f"^{CORE_VERSION}",
            **{p["name"]: "*" for p in packages[1:40]},
        },
        "extra": {
            "drupal-scaffold": {"locations": {"web-root": "web/"}},
            "installer-paths": {
                "web/core": ["type:drupal-core"],
                "web/libraries/{$name}": ["type:drupal-library"],
                "web/modules/contrib/{$name}": ["type:drupal-module"],
                "web/profiles/contrib/{$name}": ["type:drupal-profile"],
                "web/themes/contrib/{$name}": ["type:drupal-theme"],
                "web/modules/custom/{$name}": ["type:drupal-custom-module"],
            },
        },
    }
    _write(root / "composer.json", json.dumps(composer, indent=4) + "\n")
    installed = {
        "packages": [{**p, "installation-source": "dist", "install-path": "../x"} for p in packages + dev],
        "dev": True,
        "dev-package-names": [p["name"] for p in dev],
    }
    _write(root / "vendor" / "composer" / "installed.json", json.dumps(installed, indent=4) + "\n")
    _write(root / "vendor" / "bin" / "drush", "#!/usr/bin/env php\n<?php\n")
    return extensions, len(packages) + len(dev)


if __name__ == "__main__":
    import sys

    print(generate(Path(sys.argv[1])))
