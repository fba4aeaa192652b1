"""`aegir audit` as an operator runs it: a subprocess, real advisory databases, real lock files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aegir.core.model import Codebase, CodebaseScan, Package

REALDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "realdata"
ADVISORIES = REALDATA / "security-advisories"
OSV = ADVISORIES / "drupal-advisory-database-osv"
PROJECTS = REALDATA / "drupal-projects"
WORDPRESS = REALDATA / "wordpress" / "sites" / "wp-4.9.31-johnpbloch-wordpress-core"


def run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    environment = {k: v for k, v in os.environ.items() if k != "AEGIR_ADVISORIES"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "aegir", "audit", *argv],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
        timeout=120,
    )


def lock_scan(project: str) -> CodebaseScan:
    """What the Drupal driver stores for a composer project, read here straight from its lock."""
    data = json.loads((PROJECTS / project / "composer.lock").read_text())
    packages = [
        Package(p["name"], p["version"], p.get("type", "library"), dev)
        for key, dev in (("packages", False), ("packages-dev", True))
        for p in data.get(key) or []
    ]
    core = next(p.version for p in packages if p.name == "drupal/core")
    return CodebaseScan(app="drupal", app_version=core, packages=packages)


@pytest.fixture
def inventory(home: Path) -> Path:
    from aegir.hosting import Hosting

    hosting = Hosting(home)
    try:
        hosting.store.save_codebase(
            Codebase(
                name="varbase", app="drupal", root="/srv/varbase", scan=lock_scan("d8.3-varbase-8.x-2017")
            )
        )
        hosting.store.save_codebase(
            Codebase(
                name="current",
                app="drupal",
                root="/srv/current",
                scan=lock_scan("d11.4-drupal-recommended-project-11.4.5"),
            )
        )
    finally:
        hosting.close()
    return home


def test_an_old_codebase_shows_known_core_advisories(inventory: Path) -> None:
    result = run("--codebase", "varbase", "--advisories", str(OSV), "--json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["affected"] is True and data["advisories"]["sources"] == {"osv": 591}
    (report,) = data["reports"]
    assert report["target"] == "varbase" and report["app_version"] == "8.3.5"
    # DRUPAL-CORE-2018-002.json (Drupalgeddon 2): drupal/core ">= 8.0.0 <8.3.9", fixed 8.3.9, CVE-2018-7600
    finding = next(f for f in report["findings"] if f["advisory_id"] == "DRUPAL-CORE-2018-002")
    assert finding == {
        "package": "drupal/core",
        "installed_version": "8.3.5",
        "advisory_id": "DRUPAL-CORE-2018-002",
        "aliases": ["CVE-2018-7600", "SA-CORE-2018-002"],
        "title": finding["title"],
        "link": "https://www.drupal.org/sa-core-2018-002",
        "affected_ranges": [">= 8.0.0 <8.3.9", ">=8.4.0 <8.4.6", ">=8.5.0 <8.5.1"],
        "fixed_versions": ["8.3.9", "8.4.6", "8.5.1"],
        "source": "osv",
        "file": str((OSV / "advisories" / "core" / "DRUPAL-CORE-2018-002.json").resolve()),
        "via": "package (drupal-core)",
        "dev": False,
    }
    assert "remote code execution" in finding["title"].lower()


def test_table_output_for_people(inventory: Path) -> None:
    result = run("--codebase", "varbase", "--advisories", str(ADVISORIES))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("varbase: drupal 8.3.5: ") and "advisories affect" in lines[0]
    assert lines[1].split() == ["PACKAGE", "INSTALLED", "ADVISORY", "CVE", "FIXED", "IN", "TITLE"]
    row = next(line for line in lines if "DRUPAL-CORE-2018-002" in line)
    assert "drupal/core" in row and "CVE-2018-7600" in row and "8.3.9, 8.4.6, 8.5.1" in row
    assert "note: development branch(es)" in result.stderr and "drupal/paragraphs dev-1.x" in result.stderr


def test_a_current_codebase_is_clean(inventory: Path) -> None:
    result = run("--codebase", "current", "--advisories", str(ADVISORIES))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no known advisory affects its 68 package(s) (checked against 823 advisories)" in result.stdout


def test_all_codebases(inventory: Path) -> None:
    result = run("--all", "--json", env={"AEGIR_ADVISORIES": str(ADVISORIES)})
    assert result.returncode == 1
    reports = {r["target"]: r for r in json.loads(result.stdout)["reports"]}
    assert set(reports) == {"varbase", "current"}
    assert reports["varbase"]["affected"] and not reports["current"]["affected"]


def test_the_directory_comes_from_the_home_setting(inventory: Path) -> None:
    from aegir.hosting import Hosting

    hosting = Hosting(inventory)
    try:
        hosting.store.set_setting("advisories_dir", str(ADVISORIES / "friendsofphp"))
    finally:
        hosting.close()
    result = run("--codebase", "varbase", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["advisories"]["sources"] == {"friendsofphp": 146}
    ids = {f["advisory_id"] for f in data["reports"][0]["findings"]}
    assert "drupal/core/CVE-2018-7600" in ids


def test_no_directory_is_bad_input_saying_how_to_set_it(inventory: Path) -> None:
    result = run("--codebase", "varbase")
    assert result.returncode == 2
    assert "--advisories DIR" in result.stderr and "AEGIR_ADVISORIES" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("--codebase", "varbase", "--advisories", str(inventory / "missing"))
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_unknown_codebase_and_unscanned_codebase(inventory: Path) -> None:
    result = run("--codebase", "nope", "--advisories", str(OSV))
    assert result.returncode == 3 and "no codebase named 'nope'" in result.stderr
    from aegir.hosting import Hosting

    hosting = Hosting(inventory)
    try:
        hosting.store.save_codebase(Codebase(name="fresh", app="drupal", root="/srv/fresh"))
    finally:
        hosting.close()
    result = run("--codebase", "fresh", "--advisories", str(OSV))
    assert result.returncode == 0 and "aegir codebase verify fresh" in result.stderr


def test_a_wordpress_tree_is_audited_and_says_there_is_no_source(home: Path) -> None:
    result = run(str(WORDPRESS), "--advisories", str(ADVISORIES), "--json")
    assert result.returncode == 0, result.stderr
    (report,) = json.loads(result.stdout)["reports"]
    assert report["app"] == "wordpress" and report["app_version"] == "4.9.31"
    assert report["findings"] == [] and report["checked"] >= 1
    assert "no advisory source for WordPress" in report["notes"][0]


def test_a_tree_that_is_no_application_is_bad_input(tmp_path: Path, home: Path) -> None:
    result = run(str(tmp_path), "--advisories", str(OSV))
    assert result.returncode == 2 and "no known application" in result.stderr
    result = run(str(tmp_path / "missing"), "--advisories", str(OSV))
    assert result.returncode == 2 and "is not a directory" in result.stderr


def test_one_target_only(home: Path) -> None:
    result = run("--all", "--codebase", "x", "--advisories", str(OSV))
    assert result.returncode == 2 and "not allowed with" in result.stderr


def test_an_old_drupal_tree_shows_known_core_advisories(home: Path) -> None:
    result = run(str(PROJECTS / "d8.3-varbase-8.x-2017"), "--advisories", str(ADVISORIES), "--json")
    assert result.returncode == 1, result.stderr
    (report,) = json.loads(result.stdout)["reports"]
    assert report["app"] == "drupal" and report["app_version"] == "8.3.5"
    ids = {(f["package"], f["advisory_id"]) for f in report["findings"]}
    assert ("drupal/core", "DRUPAL-CORE-2018-002") in ids  # ">= 8.0.0 <8.3.9", CVE-2018-7600
    assert ("drupal/core", "DRUPAL-CORE-2018-004") in ids  # ">= 8.0.0 <8.4.8", CVE-2018-7602


def test_a_current_drupal_tree_is_clean(home: Path) -> None:
    result = run(str(PROJECTS / "d11.4-drupal-recommended-project-11.4.5"), "--advisories", str(ADVISORIES))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "drupal 11.4.5: no known advisory affects its 68 package(s)" in result.stdout


def test_a_drupal10_codebase_lists_fixes_but_not_branch_ends(home: Path) -> None:
    tree = REALDATA / "drupal-codebases" / "d10.6-interledger.org-v4"
    result = run(str(tree), "--advisories", str(OSV), "--json")
    assert result.returncode == 1
    (report,) = json.loads(result.stdout)["reports"]
    # DRUPAL-CORE-2026-010: "<10.6.13 || >=11.3.0 <11.3.14 || >=11.4.0 <11.4.4 || 11.0.* || 11.1.* || 11.2.*"
    finding = next(f for f in report["findings"] if f["advisory_id"] == "DRUPAL-CORE-2026-010")
    assert finding["installed_version"] == "10.6.12"
    assert finding["fixed_versions"] == ["10.6.13", "11.3.14", "11.4.4"]
    assert "11.0.*" in finding["affected_ranges"]


def test_a_drupal7_codebase_checks_core_and_names_unchecked_contrib(home: Path) -> None:
    tree = REALDATA / "drupal-codebases" / "d7.88-nerc-ceh-brc-pantheon-upstream"
    result = run(str(tree), "--advisories", str(ADVISORIES), "--json")
    assert result.returncode == 1
    (report,) = json.loads(result.stdout)["reports"]
    assert report["app"] == "drupal7" and report["app_version"] == "7.88"
    by_id = {f["advisory_id"]: f for f in report["findings"]}
    # DRUPAL-CORE-2023-005: affected_versions "<7.96.0 || >=8.0.0 <9.4.14 || ..."
    assert by_id["DRUPAL-CORE-2023-005"]["package"] == "drupal/drupal"
    assert by_id["DRUPAL-CORE-2023-005"]["fixed_versions"] == ["7.96.0"]
    assert {f["package"] for f in report["findings"]} == {"drupal/drupal"}
    note = next(n for n in report["notes"] if "Drupal 7 contributed" in n)
    assert "views 7.x-3.25" in note and "webform 7.x-4.24" in note
