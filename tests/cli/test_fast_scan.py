"""``aegir codebase scan --json``'s fast path: the same document and the same errors as the full path,
without attrs, pluggy or the model in the process.

The full path is run here through the parser and the command's handler (plugins, drivers, the attrs
model, ``scan_extend``); the fast path through :func:`aegir.cli._fast_scan.fast_handler`. Every real
codebase of the fixtures and a generated tree of 3,000 extensions go through both.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

from aegir.cli import CliApp, build_parser
from aegir.cli._fast_scan import BUILTIN_SCANNERS, DRIVER_PLUGINS, fast_handler, parse
from aegir.core._entrypoints import entry_points
from aegir.core.app import Detection
from aegir.core.errors import AegirError
from aegir.core.model import CodebaseScan, Extension, Package
from aegir.core.plugins import Plugins
from aegir.core.scanrecord import ExtensionRecord, Found, PackageRecord, ScanRecord

REPO = Path(__file__).resolve().parents[2]
REALDATA = (REPO / ".." / "shared" / "fixtures" / "realdata").resolve()
TREES = sorted(
    [
        *(p for p in (REALDATA / "drupal-projects").iterdir() if p.is_dir()),
        *(p for p in (REALDATA / "drupal-codebases").iterdir() if p.is_dir()),
        *(p for p in (REALDATA / "grav").iterdir() if p.is_dir()),
        *(p for p in (REALDATA / "wordpress" / "sites").iterdir() if p.is_dir()),
        *(p for p in (REALDATA / "wordpress" / "core-version-php").iterdir() if p.is_dir()),
    ]
)
#: what the fast path must never import: it exists to avoid their start-up cost
HEAVY = (
    "attrs",
    "attr",
    "pluggy",
    "cattrs",
    "argparse",
    "aegir.core.model",
    "aegir.core.app",
    "aegir.core.plugins",
)


def _full(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str | None]:
    args = build_parser(argv).parse_args(argv)
    try:
        args.handler(args, CliApp(args))
    except AegirError as e:
        capsys.readouterr()
        return "", f"{type(e).__name__}: {e}"
    return capsys.readouterr().out, None


def _fast(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str | None]:
    handler = fast_handler(argv[2:])
    assert handler is not None, f"{argv} should take the fast path"
    try:
        handler()
    except AegirError as e:
        capsys.readouterr()
        return "", f"{type(e).__name__}: {e}"
    return capsys.readouterr().out, None


def _both(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str | None]:
    full = _full(argv, capsys)
    fast = _fast(argv, capsys)
    assert fast == full
    return full


@pytest.mark.parametrize("tree", TREES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_codebases_give_the_same_document(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, error = _both(["codebase", "scan", str(tree), "--json"], capsys)
    # every fixture tree is a codebase of a built-in application, or a named, clean refusal
    if error is None:
        doc = json.loads(out)
        assert doc["app"] in dict(BUILTIN_SCANNERS)
        assert set(doc) == {"app", "app_version", "docroot", "packages", "extensions", "profiles", "warnings"}


def test_the_generated_tree_gives_the_same_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from _gen_tree import generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    extensions, packages = generate(tmp_path / "gen")
    out, error = _both(["codebase", "scan", str(tmp_path / "gen"), "--json", "--app", "drupal"], capsys)
    assert error is None
    doc = json.loads(out)
    assert (len(doc["extensions"]), len(doc["packages"])) == (extensions, packages)


def test_refusals_are_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "file").write_text("x")
    hostile = tmp_path / "hostile"
    (hostile / "core" / "lib").mkdir(parents=True)
    (hostile / "composer.json").write_text(
        json.dumps(
            {
                "require": {"drupal/core": "^10"},
                "extra": {"drupal-scaffold": {"locations": {"web-root": "../../etc"}}},
            }
        )
    )
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "composer.json").write_text('{"require": {"drupal/core": "^10"}}')
    (broken / "composer.lock").write_bytes(b'{"packages": [{"name": "drupal/core", "version": 10}]')
    for target, app in [
        ("empty", None),
        ("file", None),
        ("missing", None),
        ("broken", None),
        ("empty", "wordpress"),
        ("empty", "grav"),
        ("empty", "drupal7"),
    ]:
        argv = ["codebase", "scan", str(tmp_path / target), "--json"] + (["--app", app] if app else [])
        _out, error = _both(argv, capsys)
        assert error is not None, f"{target} should be refused"
        assert ("composer.lock" if target == "broken" else target) in error
    # a web root outside the tree is not taken, on either path
    out, error = _both(["codebase", "scan", str(hostile), "--json"], capsys)
    assert error is None
    assert json.loads(out)["docroot"] == "."


def test_the_table_is_the_registered_apps_in_detection_order() -> None:
    plugins = Plugins(autoload=False)
    assert [name for name, _ in BUILTIN_SCANNERS] == plugins.apps.names()
    for name, module in BUILTIN_SCANNERS:
        driver = plugins.driver(name)
        scanner = importlib.import_module(module)
        assert name == scanner.APP
        assert scanner.looked_for() == driver.looked_for()
    builtin_drivers = {
        ep.module
        for ep in entry_points("aegir")
        if ep.distribution == "aegir" and ep.module.startswith("aegir.drivers.")
    }
    assert builtin_drivers == DRIVER_PLUGINS


@pytest.mark.parametrize(
    ("record", "model"),
    [(ScanRecord, CodebaseScan), (PackageRecord, Package), (ExtensionRecord, Extension), (Found, Detection)],
)
def test_records_have_the_model_fields(record: Any, model: Any) -> None:
    # the same names, in the same order, with the same defaults: from_record and record_json rely on it
    fields = attrs.fields(model)
    assert record._fields == tuple(f.name for f in fields)
    for f in fields:
        if f.default is not attrs.NOTHING and not isinstance(f.default, attrs.Factory):
            assert record._field_defaults.get(f.name, attrs.NOTHING) == f.default, f.name


def test_no_built_in_plugin_extends_scans() -> None:
    # the fast path skips aegir_scan_extend: true only while no built-in plugin implements it
    plugins = Plugins(autoload=False)
    assert plugins.pm.hook.aegir_scan_extend.get_hookimpls() == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["P", "--json"], ("P", None)),
        (["--json", "P"], ("P", None)),
        (["P", "--json", "--app", "grav"], ("P", "grav")),
        (["P", "--app=drupal7", "--json"], ("P", "drupal7")),
        (["P"], None),  # tables for people take the full path
        (["P", "--json", "--help"], None),
        (["-h"], None),
        (["P", "Q", "--json"], None),
        (["P", "--json", "--json"], None),
        (["P", "--json", "--app"], None),
        (["P", "--json", "--app", "--json"], None),
        (["--", "P", "--json"], None),
    ],
)
def test_only_the_plain_form_is_parsed(words: list[str], expected: tuple[str, str | None] | None) -> None:
    assert parse(words) == expected


def test_an_unknown_app_takes_the_full_path() -> None:
    assert fast_handler(["P", "--json", "--app", "nosuchapp"]) is None


_PROBE = """
import json, sys
from aegir.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
sys.stderr.write(json.dumps({{"code": code, "heavy": heavy}}) + "\\n")
"""


@pytest.mark.parametrize(
    "tree",
    [
        REALDATA / "drupal-projects" / "d9.5-varbase-10.0.x-dev",
        REALDATA / "drupal-codebases" / "d10.6-interledger.org-v4",
        REALDATA / "drupal-codebases" / "d7.88-nerc-ceh-brc-pantheon-upstream",
        REALDATA / "grav" / "grav-1.7.46-site-GRAV-UAS",
        REALDATA / "wordpress" / "sites" / "wp-7.1-johnpbloch-wordpress-core",
    ],
    ids=lambda p: p.name,
)
def test_the_fast_path_imports_none_of_the_heavy_modules(tree: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "AEGIR_DISABLE_PLUGIN_AUTOLOAD"}}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(heavy=HEAVY), "codebase", "scan", str(tree), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report == {"code": 0, "heavy": []}
    assert json.loads(result.stdout)["packages"]
