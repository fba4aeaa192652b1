"""Advisory databases (OSV, FriendsOfPHP) and the audit, on the real Drupal databases and real locks."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aegir.core.advisories import (
    Subject,
    audit,
    audit_scan,
    load_advisories,
    parse_friendsofphp,
    parse_osv,
)
from aegir.core.errors import AegirError, ParseError, ValidationError
from aegir.core.model import CodebaseScan, Extension, Package
from aegir.core.versions import parse_constraint

REALDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "realdata"
ADVISORIES = REALDATA / "security-advisories"
OSV = ADVISORIES / "drupal-advisory-database-osv"
PROJECTS = REALDATA / "drupal-projects"


def lock_subjects(project: str) -> list[Subject]:
    data = json.loads((PROJECTS / project / "composer.lock").read_text())
    return [
        Subject(p["name"].lower(), p["version"], dev=dev)
        for key, dev in (("packages", False), ("packages-dev", True))
        for p in data.get(key) or []
    ]


@pytest.fixture(scope="module")
def both() -> object:
    return load_advisories(ADVISORIES)


def test_loads_every_real_advisory_and_caches() -> None:
    database = load_advisories(ADVISORIES, refresh=True)
    assert database.count_by_source() == {"osv": 591, "friendsofphp": 232}
    assert database.warnings == ()
    assert load_advisories(ADVISORIES) is database
    assert {"drupal/core", "drupal/drupal", "drupal/admin_toolbar", "drupal/webform"} <= database.packages


def test_osv_events_agree_with_the_constraints_drupal_states() -> None:
    probes = [p.version for p in lock_subjects("d9.5-varbase-10.0.x-dev")] + [
        "0.1",
        "1.0.0",
        "1.0.0-beta1",
        "2.0.0",
        "2.0.5",
        "2.1.0",
        "3.0.0",
        "3.0.1",
        "8.4.5",
        "9.3.13",
        "11.0.3",
    ]
    checked = 0
    for path in sorted(OSV.rglob("*.json")):
        data = json.loads(path.read_text())
        advisory = parse_osv(data, str(path))
        stated = " || ".join(
            r["database_specific"]["constraint"] for a in data["affected"] for r in a["ranges"]
        )
        ours = advisory.affected[0].constraint
        expected = parse_constraint(stated)
        for probe in probes:
            assert ours.allows(probe) == expected.allows(probe), (path.name, stated, str(ours), probe)
        checked += 1
    assert checked == 591


def test_drupalgeddon2_affects_the_2017_varbase_lock(both: object) -> None:
    # DRUPAL-CORE-2018-002.json: drupal/core >= 8.0.0 <8.3.9 (fixed 8.3.9), aliases [CVE-2018-7600]
    report = audit(lock_subjects("d8.3-varbase-8.x-2017"), both, target="varbase")  # type: ignore[arg-type]
    found = {f.advisory_id: f for f in report.findings if f.package == "drupal/core"}
    sa = found["DRUPAL-CORE-2018-002"]
    assert sa.installed_version == "8.3.5"
    assert "CVE-2018-7600" in sa.aliases and "SA-CORE-2018-002" in sa.aliases
    assert sa.link == "https://www.drupal.org/sa-core-2018-002"
    assert sa.affected_ranges == (">= 8.0.0 <8.3.9", ">=8.4.0 <8.4.6", ">=8.5.0 <8.5.1")
    assert sa.fixed_versions == ("8.3.9", "8.4.6", "8.5.1")
    assert sa.path.endswith("core/DRUPAL-CORE-2018-002.json")
    # the same SA from FriendsOfPHP is merged into the OSV finding, not reported twice
    assert "drupal/core/CVE-2018-7600" in sa.aliases
    assert not any(f.source == "friendsofphp" and "SA-CORE-2018-002" in f.aliases for f in report.findings)
    assert "DRUPAL-CORE-2026-011" not in found  # 11.2+ only
    assert report.affected and report.checked == 237
    assert any("drupal/paragraphs dev-1.x" in n for n in report.notes)


def test_a_current_lock_is_clean(both: object) -> None:
    report = audit(lock_subjects("d11.4-drupal-recommended-project-11.4.5"), both)  # type: ignore[arg-type]
    assert report.findings == () and not report.affected and report.checked == 68


def test_drupal7_core_and_contrib(both: object) -> None:
    scan = CodebaseScan(
        app="drupal7",
        app_version="7.56",
        extensions=(
            Extension("system", "module", "7.56", "drupal", "modules/system"),
            Extension("views", "module", "7.x-3.20", "views", "sites/all/modules/views"),
            Extension("mymodule", "module", None, None, "sites/all/modules/custom/mymodule"),
        ),
    )
    report = audit_scan(scan, both)  # type: ignore[arg-type]
    ids = {f.advisory_id for f in report.findings}
    assert {f.package for f in report.findings} == {"drupal/drupal"}
    # DRUPAL-CORE-2018-001 affected_versions ">=7.0 <7.57 || >= 8.0.0 <8.4.5"
    assert "DRUPAL-CORE-2018-001" in ids
    first = next(f for f in report.findings if f.advisory_id == "DRUPAL-CORE-2018-001")
    assert first.affected_ranges == (">=7.0 <7.57",) and first.fixed_versions == ("7.57",)
    # FriendsOfPHP drupal/drupal CVE-2018-7602 (7.x: >=7.0 <7.59) is SA-CORE-2018-004, merged with OSV's
    merged = next(f for f in report.findings if f.advisory_id == "DRUPAL-CORE-2018-004")
    assert "drupal/drupal/CVE-2018-7602" in merged.aliases
    assert first.via == "Drupal 7 core"
    assert any("views 7.x-3.20" in n and "Drupal 7 contributed" in n for n in report.notes)
    later = audit_scan(CodebaseScan(app="drupal7", app_version="7.88"), both)  # type: ignore[arg-type]
    later_ids = {f.advisory_id for f in later.findings}
    assert "DRUPAL-CORE-2023-005" in later_ids  # "<7.96.0 || >=8.0.0 <9.4.14 ..."
    assert "DRUPAL-CORE-2026-005" not in later_ids  # "<10.5.12 || ..." is not about Drupal 7
    assert "DRUPAL-CORE-2018-001" not in later_ids


def test_drupal8_without_a_lock_maps_projects(both: object) -> None:
    scan = CodebaseScan(
        app="drupal",
        app_version="8.9.20",
        extensions=(
            Extension("node", "module", "8.9.20", "drupal", "core/modules/node"),
            Extension(
                "admin_toolbar", "module", "8.x-1.19", "admin_toolbar", "modules/contrib/admin_toolbar"
            ),
            Extension("admin_toolbar_tools", "module", "8.x-1.19", "admin_toolbar", "modules/contrib/x"),
            Extension("custom", "module", None, None, "modules/custom/custom"),
        ),
    )
    report = audit_scan(scan, both, target="tarball")  # type: ignore[arg-type]
    by_package = {(f.package, f.advisory_id): f for f in report.findings}
    toolbar = by_package[("drupal/admin_toolbar", "DRUPAL-CONTRIB-2021-025")]  # "<2.5.0 || 3.0.0 || 3.0.1"
    assert toolbar.installed_version == "1.19" and "admin_toolbar" in toolbar.via
    assert ("drupal/core", "DRUPAL-CORE-2022-001") in by_package  # ">= 8.0.0 <9.2.11 ..."
    assert report.checked == 2


def test_lock_packages_win_over_extension_mapping(both: object) -> None:
    scan = CodebaseScan(
        app="drupal",
        app_version="11.4.5",
        packages=(
            Package("drupal/core", "11.4.5"),
            Package("drupal/admin_toolbar", "3.6.3", "drupal-module"),
        ),
        extensions=(Extension("admin_toolbar", "module", "8.x-1.19", "admin_toolbar", "modules/contrib/a"),),
    )
    report = audit_scan(scan, both)  # type: ignore[arg-type]
    assert report.findings == () and report.checked == 2


def test_wordpress_and_grav_say_there_is_no_source(both: object) -> None:
    wordpress = audit_scan(CodebaseScan(app="wordpress", app_version="4.9.31"), both)  # type: ignore[arg-type]
    assert not wordpress.affected and "WordPress core, plugins and themes" in wordpress.notes[0]
    grav = audit_scan(  # type: ignore[arg-type]
        CodebaseScan(app="grav", app_version="1.7.46", packages=(Package("symfony/yaml", "4.4.45"),)), both
    )
    assert grav.checked == 1 and "Grav" in grav.notes[0]


def test_friendsofphp_contrib_dump_alone(tmp_path: Path) -> None:
    database = load_advisories(ADVISORIES / "friendsofphp-contrib-2019-reverted")
    assert database.count_by_source() == {"friendsofphp": 86}
    advisory = next(a for a in database.advisories if a.id.startswith("drupal/acquia_connector/"))
    assert advisory.affected[0].repository == "https://packages.drupal.org/8"
    assert advisory.affected[0].fixed == ("1.16.0",)
    assert "SA-CONTRIB-2019-014" in advisory.aliases
    report = audit([Subject("drupal/acquia_connector", "1.15.0")], database)
    assert [f.advisory_id for f in report.findings] == [advisory.id]


def test_broken_files_are_warnings_and_other_files_are_skipped(tmp_path: Path) -> None:
    good = tmp_path / "advisories" / "core"
    good.mkdir(parents=True)
    shutil.copy(OSV / "advisories" / "core" / "DRUPAL-CORE-2018-002.json", good)
    (good / "broken.json").write_text('{"id": "X", "affected": [')
    (good / "wrong.json").write_text(json.dumps({"id": "X", "affected": [{"ranges": 5}]}))
    (tmp_path / "package.json").write_text('{"name": "not an advisory"}')
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "ci.yml").write_text("on: push\n")
    (tmp_path / "bad.yaml").write_text("reference: composer://a/b\nbranches: [\n")
    (tmp_path / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    database = load_advisories(tmp_path)
    assert [a.id for a in database.advisories] == ["DRUPAL-CORE-2018-002"]
    assert len(database.warnings) == 4
    assert any("broken.json at line 1" in w for w in database.warnings)
    assert any("wrong.json at affected[0]" in w and "expected" in w for w in database.warnings)
    assert any("bad.yaml" in w and "not YAML" in w for w in database.warnings)


def test_directory_errors_name_the_directory(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        load_advisories(tmp_path / "nope")
    with pytest.raises(ValidationError, match="no advisories found"):
        load_advisories(tmp_path)


def test_withdrawn_advisories_match_nothing(tmp_path: Path) -> None:
    data = json.loads((OSV / "advisories" / "core" / "DRUPAL-CORE-2018-002.json").read_text())
    data["withdrawn"] = "2020-01-01T00:00:00Z"
    (tmp_path / "w.json").write_text(json.dumps(data))
    database = load_advisories(tmp_path)
    assert audit([Subject("drupal/core", "8.3.5")], database).findings == ()


def test_unusual_events_and_ecosystems() -> None:
    advisory = parse_osv(
        {
            "id": "TEST-1",
            "summary": "A test",
            "affected": [
                {"package": {"ecosystem": "npm", "name": "left-pad"}, "ranges": []},
                {
                    "package": {"ecosystem": "Packagist", "name": "Vendor/Thing"},
                    "ranges": [
                        {"type": "GIT", "events": [{"introduced": "abc123"}]},
                        {"type": "ECOSYSTEM", "events": [{"fixed": "2.0.0"}, {"introduced": "1.5.0"}]},
                        {"type": "SEMVER", "events": [{"introduced": "3.0.0"}]},
                    ],
                    "versions": ["0.9.1"],
                },
            ],
            "references": [{"type": "WEB", "url": "https://w"}, {"type": "ADVISORY", "url": "https://a"}],
        },
        "test.json",
    )
    assert advisory.link == "https://a" and advisory.title == "A test"
    assert [a.package for a in advisory.affected] == ["vendor/thing"]
    constraint = advisory.affected[0].constraint
    assert [constraint.allows(v) for v in ("1.4", "1.5.0", "1.9", "2.0.0", "3.1", "0.9.1")] == [
        False,
        True,
        True,
        False,
        True,
        True,
    ]
    assert advisory.affected[0].fixed == ("2.0.0",)


def test_errors_name_file_and_position() -> None:
    with pytest.raises(ParseError) as info:
        parse_osv(
            {
                "id": "X",
                "affected": [
                    {
                        "package": {"name": "a/b"},
                        "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "8.x-1.0"}]}],
                    }
                ],
            },
            "adv.json",
        )
    assert "adv.json at affected[0].ranges[0].events" in str(info.value) and "8.x-1.0" in str(info.value)
    with pytest.raises(ParseError) as info:
        parse_friendsofphp(
            {"reference": "composer://a/b", "branches": {"1.x": {"versions": ["> foo"]}}}, "a.yaml", "a"
        )
    assert "a.yaml at branches" in str(info.value) and "foo" in str(info.value)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "affected",
                    "package",
                    "name",
                    "ecosystem",
                    "ranges",
                    "type",
                    "events",
                    "introduced",
                    "fixed",
                    "last_affected",
                    "versions",
                    "references",
                    "url",
                    "aliases",
                    "details",
                    "summary",
                    "database_specific",
                    "affected_versions",
                    "branches",
                    "reference",
                    "time",
                    "title",
                    "link",
                    "cve",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300)
@given(_json)
def test_fuzz_parsers_raise_only_aegir_errors(data: object) -> None:
    for parse in (lambda d: parse_osv(d, "f.json"), lambda d: parse_friendsofphp(d, "f.yaml", "f")):
        with contextlib.suppress(AegirError):
            parse(data)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_fuzz_files_become_warnings(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copy(OSV / "advisories" / "core" / "DRUPAL-CORE-2018-002.json", root)
    (root / "x.json").write_bytes(content)
    (root / "x.yaml").write_bytes(content)
    database = load_advisories(root)
    assert len(database.advisories) >= 1


def test_real_friendsofphp_files_parse_with_fixes() -> None:
    path = ADVISORIES / "friendsofphp" / "drupal" / "drupal" / "CVE-2018-7602.yaml"
    advisory = parse_friendsofphp(yaml.safe_load(path.read_text()), str(path), path.stem)
    assert advisory.id == "drupal/drupal/CVE-2018-7602"
    assert advisory.aliases == ("CVE-2018-7602", "SA-CORE-2018-004")
    # branches with a time were fixed at their upper bound; "time: ~" branches have no fix of their own
    assert advisory.affected[0].fixed == ("7.59", "8.4.8", "8.5.3")
    assert advisory.affected[0].constraint.allows("7.58") and not advisory.affected[0].constraint.allows(
        "7.59"
    )


_HOSTILE_TEXT = """
from aegir.core.advisories._osv import _drupal7_clauses, _title
print(repr(_title("", "[" * 60000)[:3]), repr(_title("", "[x](" * 30000)[:3]))
print(_drupal7_clauses(" " * 60000 + "|| >=7.0 <7.5"))
print(_title("", "A [Link](https://example.org/a) bypasses access. Update to 1.2."))
"""


def test_hostile_advisory_texts_are_read_in_linear_time() -> None:
    # unclosed markdown links and long runs of spaces once made these patterns quadratic; run in
    # a subprocess so a regression fails on the timeout instead of hanging the suite
    result = subprocess.run(
        [sys.executable, "-c", _HOSTILE_TEXT], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.splitlines() == ["'[[[' '[x]'", "['>=7.0 <7.5']", "A Link bypasses access."]
